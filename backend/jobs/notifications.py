"""Job: deliver again the external events that could not reach Rasa (e.g. it restarted).

Runs on a timer inside the backend. A row is claimed with a conditional UPDATE, so with
several backend instances each notification is retried by one of them only. After an
hour a notification is given up: the citizen has the e-mail and the status in the chat.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update

from backend.db.models import Notification
from backend.domain.statuses import NotificationStatus
from backend.services.notify import deliver

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 30
GIVE_UP_AFTER = timedelta(hours=1)


async def retry_failed(app) -> int:
    """One round; returns how many notifications were retried."""
    now = datetime.now(timezone.utc)
    async with app.ctx.sessionmaker() as db:
        candidates = list(await db.scalars(select(Notification).where(
            Notification.status == NotificationStatus.FAILED, Notification.created_at > now - GIVE_UP_AFTER)))
    retried = 0
    for n in candidates:
        async with app.ctx.sessionmaker.begin() as db:
            claimed = await db.execute(update(Notification).where(
                Notification.id == n.id, Notification.status == NotificationStatus.FAILED)
                .values(status=NotificationStatus.RETRYING))
        if claimed.rowcount != 1:
            continue
        await deliver(app, n.id, n.sid, n.intent, n.entities or {})
        retried += 1
    return retried

