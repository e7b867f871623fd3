"""E-mails to citizens (through the configured mailer) and their record."""

from __future__ import annotations

import asyncio
import logging

from backend.adapters.email.base import OutgoingMail
from backend.db.models import Citizen, Document, Email, Permit
from backend.domain.dates import format_date_nl

log = logging.getLogger(__name__)


def citizen_mail(settings, citizen: Citizen, subject: str, text: str, doc: Document | None = None) -> OutgoingMail:
    """A mail of the Parkeerloket to `citizen`: greeting, `text`, closing, `doc` attached."""
    body = (f"Beste {citizen.name},\n\n{text}\n\n"
            f"Met vriendelijke groet,\nParkeerloket {settings.municipality}\n")
    return OutgoingMail(to=citizen.email, subject=subject, body=body,
                        attachments=[(doc.filename, doc.content, doc.mime)] if doc else [])


async def send_permit_mail(app, doc_id: int) -> None:
    async with app.ctx.sessionmaker.begin() as db:
        doc = await db.get(Document, doc_id)
        citizen = await db.get(Citizen, doc.citizen_id)
        permit = await db.get(Permit, doc.permit_id)
        text = (f"Uw {permit.product.name} ({permit.number}) is verleend. Hij is geldig van "
                f"{format_date_nl(permit.valid_from)} tot en met {format_date_nl(permit.valid_until)}.\n"
                "In de bijlage vindt u de vergunning met het betaalbewijs.")
        if len(permit.plates) > 1:
            text += ("\n\nU heeft 2 kentekens op de vergunning. Er kan 1 auto tegelijk parkeren. "
                     "Kies het actieve kenteken in de webapp mijn.2park: https://mijn.2park.nl/login")
        mail = citizen_mail(app.ctx.settings, citizen, f"Uw {permit.product.name} {permit.number}", text, doc)
        citizen_id = citizen.id
    await send_and_record(app, citizen_id, mail)


async def send_and_record(app, citizen_id: int, mail: OutgoingMail) -> None:
    """Send `mail` after the transaction that made it, and record it. A failing mailer
    is logged only: what the mail reports has happened already."""
    try:
        message_id = await asyncio.to_thread(app.ctx.mailer.send, mail)
    except OSError as e:
        log.error("mail for citizen %s not sent: %s", citizen_id, e.__class__.__name__)
        return
    async with app.ctx.sessionmaker.begin() as db:
        db.add(Email(citizen_id=citizen_id, to=mail.to, subject=mail.subject, message_id=message_id))
