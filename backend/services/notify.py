"""Queue an external event for a conversation and deliver it, retrying a few times."""

from __future__ import annotations

import asyncio
import logging

from backend.adapters.rasa.notifier import NotifyError
from backend.db.models import Notification
from backend.domain.statuses import NotificationStatus
from backend.services.transitions import move

log = logging.getLogger(__name__)
RETRY_DELAYS = (0.5, 2.0, 5.0)


async def notify(app, sid: str | None, intent: str, entities: dict | None = None) -> None:
    """Record the notification, then deliver it in the background."""
    if not sid:
        return
    async with app.ctx.sessionmaker.begin() as db:
        n = Notification(sid=sid, intent=intent, entities=entities or {})
        db.add(n)
    app.add_task(deliver(app, n.id, sid, intent, entities or {}))


async def deliver(app, notification_id: int, sid: str, intent: str, entities: dict) -> None:
    error = None
    for attempt, delay in enumerate((0.0, *RETRY_DELAYS), start=1):
        if delay:
            await asyncio.sleep(delay)
        try:
            await app.ctx.notifier.trigger(sid, intent, entities)
            error = None
            break
        except NotifyError as e:
            error = str(e)
            log.info("notification %s attempt %s failed: %s", notification_id, attempt, error)
    async with app.ctx.sessionmaker.begin() as db:
        n = await db.get(Notification, notification_id)
        n.attempts = (n.attempts or 0) + attempt
        n.last_error = error
        if error:
            n.status = NotificationStatus.FAILED
        else:   # conditional: a delivery finishes a notification once
            await move(db, n, NotificationStatus.SENT, (NotificationStatus.PENDING, NotificationStatus.RETRYING))
