"""Winkelwagen, checkout at the PSP, and what happens when the PSP reports a status.

A payment covers exactly the cart items on its invoice. Making a new payment link
supersedes (and cancels at the PSP) the citizen's older open links. The webhook is
idempotent: a replayed or late webhook never grants or charges twice.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.payment.base import FINAL_STATUSES, PspError
from backend.db.models import (
    Application,
    CartItem,
    Citizen,
    Document,
    Invoice,
    InvoiceLine,
    Payment,
    Permit,
    PermitPlate,
    Renewal,
)
from backend.documents.permit_receipt import PermitReceipt, render_permit_receipt
from backend.domain.balance import starting_balance
from backend.domain.dates import format_date_nl
from backend.domain.money import format_eur, to_api
from backend.domain.periods import PERIOD_LABELS
from backend.domain.plates import display
from backend.services.errors import ApiError
from backend.services.letters import letter_head, store_letter
from backend.services.mail import send_permit_mail

log = logging.getLogger(__name__)


def money(amount: Decimal) -> dict:
    return {"amount": to_api(amount), "amount_display": format_eur(amount)}


async def cart(db: AsyncSession, citizen: Citizen) -> dict:
    items = list(await db.scalars(select(CartItem).where(
        CartItem.citizen_id == citizen.id, CartItem.status == "open").order_by(CartItem.id)))
    total = sum((i.amount for i in items), Decimal("0.00"))
    return {"items": [{"id": i.id, "description": i.description, **money(i.amount)} for i in items],
            "total": to_api(total), "total_display": format_eur(total)}


def pay_url(app, reference: str) -> str:
    """Our own link to a payment: it forwards to the PSP only while the payment still
    covers the cart, and otherwise says why (paid, changed cart, failed)."""
    return f"{app.ctx.settings.public_base_url}/pay/{reference}"


async def supersede_open_payments(db: AsyncSession, citizen_id: int) -> list[str]:
    """The cart changed or a new link is made: older open links may take no money.
    Returns their PSP ids, to cancel there after the transaction."""
    older = list(await db.scalars(select(Payment).where(
        Payment.citizen_id == citizen_id, Payment.status == "open")))
    for p in older:
        p.status = "superseded"
        p.invoice.status = "void"
    return [p.psp_id for p in older if p.psp_id]


async def cancel_at_psp(app, psp_ids: list[str]) -> None:
    for psp_id in psp_ids:
        try:
            await app.ctx.psp.cancel_payment(psp_id)
        except PspError as e:
            log.warning("could not cancel superseded payment: %s", e)


async def remove_cart_item(app, citizen: Citizen, item_id: int) -> dict:
    """Take one item out of the Winkelwagen; its application is cancelled."""
    async with app.ctx.sessionmaker.begin() as db:
        item = await db.get(CartItem, item_id)
        if item is None or item.citizen_id != citizen.id or item.status != "open":
            raise ApiError("unknown_cart_item", status=404)
        item.status = "removed"
        if item.application_id:
            application = await db.get(Application, item.application_id)
            application.status = "cancelled"
        if item.renewal_id:       # back to "Wacht op uw bevestiging"; it can be confirmed again
            renewal = await db.get(Renewal, item.renewal_id)
            renewal.status = "awaiting_confirmation"
        psp_ids = await supersede_open_payments(db, citizen.id)
        result = await cart(db, citizen)
    await cancel_at_psp(app, psp_ids)
    return result


async def checkout(app, citizen: Citizen, sid: str, channel: str) -> dict:
    """Invoice the open cart items and create one payment at the PSP for them."""
    settings = app.ctx.settings
    async with app.ctx.sessionmaker.begin() as db:
        citizen = await db.get(Citizen, citizen.id)
        items = list(await db.scalars(select(CartItem).where(
            CartItem.citizen_id == citizen.id, CartItem.status == "open").order_by(CartItem.id)))
        if not items:
            raise ApiError("cart_empty", status=409)
        older_psp = await supersede_open_payments(db, citizen.id)
        total = sum((i.amount for i in items), Decimal("0.00"))
        invoice = Invoice(citizen_id=citizen.id, amount=total, status="open",
                          lines=[InvoiceLine(cart_item_id=i.id, description=i.description, amount=i.amount)
                                 for i in items])
        db.add(invoice)
        await db.flush()
        invoice.number = f"F-{invoice.created_at.year}-{invoice.id:06d}"
        payment = Payment(reference=secrets.token_urlsafe(12), invoice_id=invoice.id,
                          citizen_id=citizen.id, conversation_sid=sid, channel=channel or "rest",
                          amount=total, status="open")
        db.add(payment)
        await db.flush()
        payment_id, reference, number = payment.id, payment.reference, invoice.number
    await cancel_at_psp(app, older_psp)
    webhook = (f"{settings.public_base_url}/api/payments/webhook?t="
               f"{app.ctx.signer.sign('webhook', {'p': payment_id})}")
    try:
        psp = await app.ctx.psp.create_payment(
            total, f"Parkeerloket {settings.municipality} {number}",
            f"{settings.public_base_url}/payment/return/{reference}", webhook,
            {"payment_id": payment_id, "invoice": number})
    except PspError as e:
        async with app.ctx.sessionmaker.begin() as db:
            payment = await db.get(Payment, payment_id)
            payment.status = "failed"
        raise ApiError("psp_unavailable", {"detail": str(e)}, 502) from e
    async with app.ctx.sessionmaker.begin() as db:
        payment = await db.get(Payment, payment_id)
        payment.psp_id = psp.id
        payment.checkout_url = psp.checkout_url
    return {"payment_id": payment_id, "payment_url": pay_url(app, reference), "invoice": number,
            **money(total),
            "items": [{"description": i.description, **money(i.amount)} for i in items]}


async def handle_webhook(app, payment_id: int, psp_id: str) -> str | None:
    """Fetch the status at the PSP and apply it once. Returns the new final status when
    this call changed something (then the conversation must be told), else None."""
    from backend.services import renewals  # it builds on this module (cart, supersede)

    psp = await app.ctx.psp.get_payment(psp_id)
    granted_docs: list[int] = []
    renewed_docs: list[int | None] = []
    async with app.ctx.sessionmaker.begin() as db:
        payment = await db.get(Payment, payment_id, with_for_update={"of": Payment})
        if payment is None or payment.psp_id != psp_id:
            raise ApiError("unknown_payment", status=404)
        if psp.status not in FINAL_STATUSES or payment.status in FINAL_STATUSES:
            return None           # still open, or already handled (replayed webhook)
        superseded = payment.status == "superseded"
        if psp.status != "paid":
            if superseded:        # we cancelled it ourselves: the citizen has a newer link
                return None
            payment.status = psp.status
            payment.invoice.status = "void"
            return psp.status
        if psp.amount != payment.amount:
            log.error("payment %s: PSP amount differs from invoice", payment.id)
            payment.status = "amount_mismatch"
            return None
        payment.status = "paid"
        payment.paid_at = datetime.now(timezone.utc)
        payment.invoice.status = "paid"
        for line in payment.invoice.lines:
            item = line.cart_item
            if item.status != "open":
                log.warning("payment %s pays cart item %s twice: refund due", payment.id, item.id)
                continue
            item.status = "paid"
            if item.application_id:
                granted_docs.append(await _grant(app, db, item.application_id, payment))
            elif item.renewal_id:
                renewed_docs.append(await renewals.grant_paid(app, db, item.renewal_id, payment))
    for doc_id in granted_docs:
        await send_permit_mail(app, doc_id)
    for doc_id in filter(None, renewed_docs):
        await renewals.send_paid_mail(app, doc_id)
    return "paid"


async def _grant(app, db: AsyncSession, application_id: int, payment: Payment) -> int:
    """Application → granted, a permit with its plates, and the letter + receipt PDF."""
    application = await db.get(Application, application_id)
    citizen = await db.get(Citizen, application.citizen_id)
    application.status = "granted"
    permit = Permit(citizen_id=citizen.id, application_id=application.id,
                    product_code=application.product_code, zone_code=application.zone_code,
                    period_code=application.period_code, valid_from=application.start_date,
                    valid_until=application.end_date, status="active",
                    plates=[PermitPlate(position=p.position, plate=p.plate, active=p.position == 0)
                            for p in application.plates])
    db.add(permit)
    await db.flush()
    permit.number = f"P-{application.start_date.year}-{permit.id:06d}"
    permit.balance = starting_balance(permit.product_code)
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


async def payment_view(app, db: AsyncSession, citizen: Citizen, payment_id: int) -> dict:
    payment = await db.get(Payment, payment_id)
    if payment is None or payment.citizen_id != citizen.id:
        raise ApiError("unknown_payment", status=404)
    products, documents = [], []
    for line in payment.invoice.lines:
        app_id, renewal_id = line.cart_item.application_id, line.cart_item.renewal_id
        if app_id:
            permit = await db.scalar(select(Permit).where(Permit.application_id == app_id))
            docs = select(Document).where(Document.permit_id == (permit.id if permit else None),
                                          Document.renewal_id.is_(None))
        elif renewal_id:        # a paid Verlenging: the product with its new end date
            permit = await db.scalar(select(Permit).join(Renewal, Renewal.permit_id == Permit.id)
                                     .where(Renewal.id == renewal_id, Renewal.status == "paid"))
            docs = select(Document).where(Document.renewal_id == renewal_id)
        else:
            continue
        if permit is None:
            continue
        products.append({"name": permit.product.name, "number": permit.number,
                         "valid_from": permit.valid_from.isoformat(),
                         "valid_from_display": format_date_nl(permit.valid_from),
                         "valid_until": permit.valid_until.isoformat(),
                         "valid_until_display": format_date_nl(permit.valid_until),
                         "plates": [display(p.plate) for p in permit.plates]})
        for doc in await db.scalars(docs.order_by(Document.id)):
            documents.append({"title": doc.title, "url": document_url(app, doc)})
    return {"id": payment.id, "status": payment.status, **money(payment.amount),
            "reference": payment.invoice.number, "products": products, "documents": documents}


def document_url(app, doc: Document) -> str:
    token = app.ctx.signer.sign("document", {"d": doc.id, "c": doc.citizen_id})
    return f"{app.ctx.settings.public_base_url}/documents/{token}"
