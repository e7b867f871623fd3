"""What the PSP's status report does: a paid payment grants the applications on its invoice
(permit + "Vergunning en betaalbewijs"), the renewals (services/renewals.py) and credits
the top-ups (services/top_up.py: one ledger entry each); a failed one voids the invoice. Idempotent: a replayed or late webhook never grants or charges twice.

It builds on payments (the cart) and renewals, which builds on payments too; keeping it apart
lets the imports run one way.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.payment.base import FINAL_STATUSES
from backend.db.models import Application, Citizen, Payment, Permit, PermitPlate
from backend.documents.permit_receipt import PermitReceipt, render_permit_receipt
from backend.domain.periods import PERIOD_LABELS
from backend.domain.plates import display
from backend.domain.statuses import (
    FINAL,
    ApplicationStatus,
    CartItemStatus,
    InvoiceStatus,
    PaymentStatus,
    PermitStatus,
)
from backend.services import mijn2park, renewals, top_up
from backend.services.errors import ApiError
from backend.services.letters import letter_head, store_letter
from backend.services.mail import send_permit_mail
from backend.services.transitions import move

log = logging.getLogger(__name__)


async def handle_webhook(app, payment_id: int, psp_id: str) -> str | None:
    """Fetch the status at the PSP and apply it once. Returns the new final status when
    this call changed something (then the conversation must be told), else None."""
    psp = await app.ctx.psp.get_payment(psp_id)
    granted_docs: list[int | None] = []
    renewed_docs: list[int | None] = []
    async with app.ctx.sessionmaker.begin() as db:
        payment = await db.get(Payment, payment_id, with_for_update={"of": Payment})
        if payment is None or payment.psp_id != psp_id:
            raise ApiError("unknown_payment", status=404)
        if psp.status not in FINAL_STATUSES or payment.status in FINAL[PaymentStatus]:
            return None           # still open, or already handled (replayed webhook)
        superseded = payment.status == PaymentStatus.SUPERSEDED
        if psp.status != PaymentStatus.PAID:
            if superseded:        # we cancelled it ourselves: the citizen has a newer link
                return None
            if not await move(db, payment, PaymentStatus(psp.status)):
                return None       # another webhook call handled it at the same moment
            payment.invoice.status = InvoiceStatus.VOID
            for line in payment.invoice.lines:
                if line.top_up_id:
                    await top_up.fail(db, line.top_up_id)
            return psp.status
        if psp.amount != payment.amount:
            log.error("payment %s: PSP amount differs from invoice", payment.id)
            payment.status = PaymentStatus.AMOUNT_MISMATCH
            return None
        if not await move(db, payment, PaymentStatus.PAID, paid_at=datetime.now(timezone.utc)):
            return None           # another webhook call handled it at the same moment
        payment.invoice.status = InvoiceStatus.PAID
        for line in payment.invoice.lines:
            if line.top_up_id:    # the balance: exactly one ledger entry, in this transaction
                if not await top_up.credit(db, line.top_up_id, payment.paid_at):
                    log.warning("payment %s credits top-up %s twice: refund due", payment.id, line.top_up_id)
                continue
            item = line.cart_item
            if not await move(db, item, CartItemStatus.PAID, (CartItemStatus.OPEN,)):
                log.warning("payment %s pays cart item %s twice: refund due", payment.id, item.id)
                continue
            if item.application_id:
                granted_docs.append(await _grant(app, db, item.application_id, payment))
            elif item.renewal_id:
                renewed_docs.append(await renewals.grant_paid(app, db, item.renewal_id, payment))
    for doc_id in filter(None, granted_docs):
        await send_permit_mail(app, doc_id)
        await mijn2park.offer_link(app, doc_id)      # two plates or a bezoekersvergunning
    for doc_id in filter(None, renewed_docs):
        await renewals.send_paid_mail(app, doc_id)
    return "paid"


async def _grant(app, db: AsyncSession, application_id: int, payment: Payment) -> int | None:
    """Application → granted, a permit with its plates, and the letter + receipt PDF.
    Returns the letter's id; None when the application was closed already (nothing granted)."""
    application = await db.get(Application, application_id)
    citizen = await db.get(Citizen, application.citizen_id)
    if not await move(db, application, ApplicationStatus.GRANTED):
        log.error("payment %s pays application %s, which is %s", payment.id, application.id, application.status)
        return None
    permit = Permit(citizen_id=citizen.id, application_id=application.id,
                    product_code=application.product_code, zone_code=application.zone_code,
                    period_code=application.period_code, valid_from=application.start_date,
                    valid_until=application.end_date, status=PermitStatus.ACTIVE,
                    plates=[PermitPlate(position=p.position, plate=p.plate, active=p.position == 0)
                            for p in application.plates])
    db.add(permit)
    await db.flush()
    permit.number = f"P-{application.start_date.year}-{permit.id:06d}"
    # Paid in a DigiD/eHerkenning conversation: linked now, so offer_link sends no e-mail.
    await mijn2park.link_on_grant(db, permit, payment.conversation_sid or application.conversation_sid)
    receipt = PermitReceipt(
        **letter_head(app, citizen, payment.paid_at.date()),
        product_name=application.product.name,
        zone_name=citizen.address.zone.name if citizen.address.zone else "",
        plates=[display(p.plate) for p in application.plates],
        valid_from=application.start_date, valid_until=application.end_date,
        period_label=PERIOD_LABELS.get(application.period_code, application.period_code),
        amount=application.price, payment_reference=payment.invoice.number or payment.reference,
        paid_at=payment.paid_at, permit_number=permit.number)
    doc = await store_letter(db, render_permit_receipt, receipt, citizen=citizen, kind="permit_receipt",
                             title=f"Vergunning en betaalbewijs {permit.number}",
                             filename=f"vergunning-{permit.number}.pdf",
                             permit_id=permit.id, application_id=application.id)
    return doc.id
