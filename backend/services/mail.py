"""E-mails to citizens (through the configured mailer) and their record."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import update

from backend.adapters.email.base import OutgoingMail
from backend.db.models import Citizen, Document, Email, Permit, utcnow
from backend.domain.dates import format_date_nl
from backend.domain.plates import display
from backend.domain.statuses import EmailStatus, not_final
from backend.services.permits import active_plate

log = logging.getLogger(__name__)


def citizen_mail(settings, citizen: Citizen, subject: str, text: str, doc: Document | None = None) -> OutgoingMail:
    """A mail of the Parkeerloket to `citizen`: greeting, `text`, closing, `doc` attached."""
    body = (f"Beste {citizen.name},\n\n{text}\n\n"
            f"Met vriendelijke groet,\nParkeerloket {settings.municipality}\n")
    return OutgoingMail(to=citizen.email, subject=subject, body=body,
                        attachments=[(doc.filename, doc.content, doc.mime)] if doc else [],
                        document_id=doc.id if doc else None)


def stored_mail(email: Email, doc: Document | None) -> OutgoingMail:
    """A recorded mail built again (jobs/mail_retries.py): the same text and attachment."""
    return OutgoingMail(to=email.to, subject=email.subject, body=email.body or "",
                        attachments=[(doc.filename, doc.content, doc.mime)] if doc else [],
                        document_id=email.document_id)


async def send_permit_mail(app, doc_id: int) -> None:
    async with app.ctx.sessionmaker.begin() as db:
        doc = await db.get(Document, doc_id)
        citizen = await db.get(Citizen, doc.citizen_id)
        permit = await db.get(Permit, doc.permit_id)
        text = (f"Uw {permit.product.name} ({permit.number}) is verleend. Hij is geldig van "
                f"{format_date_nl(permit.valid_from)} tot en met {format_date_nl(permit.valid_until)}.\n"
                "In de bijlage vindt u de vergunning met het betaalbewijs.")
        if len(permit.plates) > 1:
            active = active_plate(permit) or display(permit.plates[0].plate)
            text += (f"\n\nU heeft 2 kentekens op de vergunning. Er kan 1 auto tegelijk parkeren: nu is dat "
                     f"{active}. Het actieve kenteken wisselt u in de chat: zeg 'kenteken wisselen'.")
        mail = citizen_mail(app.ctx.settings, citizen, f"Uw {permit.product.name} {permit.number}", text, doc)
        citizen_id = citizen.id
    await send_and_record(app, citizen_id, mail)


async def send_and_record(app, citizen_id: int, mail: OutgoingMail) -> None:
    """Record `mail`, then send it, after the transaction that made it. A failing mailer
    fails nothing (what the mail reports has happened already): the mail stays "failed"
    and jobs/mail_retries.py sends it again."""
    async with app.ctx.sessionmaker.begin() as db:
        email = Email(citizen_id=citizen_id, to=mail.to, subject=mail.subject, body=mail.body,
                      document_id=mail.document_id, status=EmailStatus.PENDING, attempted_at=utcnow())
        db.add(email)
        await db.flush()
        email_id = email.id
    await deliver(app, email_id, mail)


async def deliver(app, email_id: int, mail: OutgoingMail) -> bool:
    """One attempt to send a recorded mail; the row says how it went."""
    try:
        message_id = await asyncio.to_thread(app.ctx.mailer.send, mail)
        values = {"status": EmailStatus.SENT, "message_id": message_id, "last_error": None}
    except OSError as e:
        log.error("mail %s not sent (retried later): %s", email_id, e.__class__.__name__)
        values = {"status": EmailStatus.FAILED, "last_error": f"{e.__class__.__name__}: {e}"[:200]}
    async with app.ctx.sessionmaker.begin() as db:   # conditional: a sent mail stays sent
        await db.execute(update(Email).where(Email.id == email_id, Email.status.in_(not_final(EmailStatus)))
                         .values(attempts=Email.attempts + 1, **values))
    return values["status"] == EmailStatus.SENT
