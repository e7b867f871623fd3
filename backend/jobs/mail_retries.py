"""Job: send again the e-mails a mail server refused (down, or EMAIL_BACKEND=outage).

Runs on a timer inside the backend, and through POST /api/jobs/mail-retries. A mail is
claimed with a conditional UPDATE, so with several backends each is retried by one of
them only; a send that never finished (the backend stopped halfway) is taken up again
after STALE. The letters themselves are in the database (and in the chat's Documenten)
from the start, so a late mail delays nothing; after three days the mail is left as
"failed" and logged.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, or_, select, update

from backend.db.models import Document, Email
from backend.domain.statuses import EmailStatus
from backend.services.mail import deliver, stored_mail

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 60
GIVE_UP_AFTER = timedelta(days=3)
STALE = timedelta(minutes=10)
BATCH = 50


def _due(now: datetime):
    """Failed, or begun and never finished; not yet given up."""
    return and_(Email.created_at > now - GIVE_UP_AFTER, or_(
        Email.status == EmailStatus.FAILED,
        and_(Email.status.in_((EmailStatus.PENDING, EmailStatus.RETRYING)), Email.attempted_at < now - STALE)))


async def retry_failed(app) -> dict:
    """One round: {"retried": n, "sent": n}."""
    now = datetime.now(timezone.utc)
    async with app.ctx.sessionmaker() as db:
        ids = list(await db.scalars(select(Email.id).where(_due(now)).order_by(Email.id).limit(BATCH)))
    retried = sent = 0
    for email_id in ids:
        async with app.ctx.sessionmaker.begin() as db:
            claimed = await db.execute(update(Email).where(Email.id == email_id, _due(now))
                                       .values(status=EmailStatus.RETRYING, attempted_at=now))
            if claimed.rowcount != 1:
                continue
            email = await db.get(Email, email_id)
            doc = await db.get(Document, email.document_id) if email.document_id else None
            mail = stored_mail(email, doc)
        retried += 1
        sent += await deliver(app, email_id, mail)
    if retried:
        log.info("mail retries: %s of %s sent", sent, retried)
    return {"retried": retried, "sent": sent}

