"""Winkelwagen and checkout at the PSP.

A payment covers exactly the cart items on its invoice. Making a new payment link
supersedes (and cancels at the PSP) the citizen's older open links. What a paid payment
delivers is in services/fulfilment.py.
"""

from __future__ import annotations

import logging
import secrets
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.payment.base import PspError
from backend.db.models import (
    Application,
    CartItem,
    Citizen,
    Document,
    Invoice,
    InvoiceLine,
    Payment,
    Permit,
    Renewal,
)
from backend.domain.money import to_api
from backend.domain.plates import display
from backend.domain.statuses import (
    ApplicationStatus,
    CartItemStatus,
    InvoiceStatus,
    PaymentStatus,
    RenewalStatus,
)
from backend.services.errors import ApiError
from backend.services.permits import active_plate
from backend.services.transitions import move

log = logging.getLogger(__name__)


def money(amount: Decimal) -> dict:
    return {"amount": to_api(amount)}


async def cart_item_json(db: AsyncSession, item: CartItem) -> dict:
    """A cart line as codes: `kind` "application" or "renewal", the product, plates,
    period and ISO dates (the invoice keeps the Dutch `description` for itself)."""
    if item.renewal_id:
        renewal = await db.get(Renewal, item.renewal_id)
        permit = renewal.permit
        fields = {"kind": "renewal", "product_code": permit.product_code, "number": permit.number,
                  "plates": [display(p.plate) for p in permit.plates], "period_code": renewal.period_code,
                  "start": renewal.period_start.isoformat(), "end": renewal.period_end.isoformat()}
    else:
        a = await db.get(Application, item.application_id)
        fields = {"kind": "application", "product_code": a.product_code, "number": None,
                  "plates": [display(p.plate) for p in a.plates], "period_code": a.period_code,
                  "start": a.start_date.isoformat(), "end": a.end_date.isoformat()}
    return {"id": item.id, **fields, **money(item.amount)}


async def cart(db: AsyncSession, citizen: Citizen) -> dict:
    items = list(await db.scalars(select(CartItem).where(
        CartItem.citizen_id == citizen.id, CartItem.status == CartItemStatus.OPEN).order_by(CartItem.id)))
    total = sum((i.amount for i in items), Decimal("0.00"))
    return {"items": [await cart_item_json(db, i) for i in items],
            "total": to_api(total)}


def pay_url(app, reference: str) -> str:
    """Our own link to a payment: it forwards to the PSP only while the payment still
    covers the cart, and otherwise says why (paid, changed cart, failed)."""
    return f"{app.ctx.settings.public_base_url}/pay/{reference}"


async def supersede_open_payments(db: AsyncSession, citizen_id: int, keep: int | None = None) -> list[str]:
    """The cart changed or a new link is made (`keep`): older open links may take no money.
    Returns their PSP ids, to cancel there after the transaction."""
    older = list(await db.scalars(select(Payment).where(
        Payment.citizen_id == citizen_id, Payment.status == PaymentStatus.OPEN, Payment.id != (keep or 0))))
    for p in older:
        p.status = PaymentStatus.SUPERSEDED
        p.invoice.status = InvoiceStatus.VOID
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
        if item is None or item.citizen_id != citizen.id or item.status != CartItemStatus.OPEN:
            raise ApiError("unknown_cart_item", status=404)
        # Conditional: a payment that completes at this moment keeps the item (and its grant).
        if not await move(db, item, CartItemStatus.REMOVED, (CartItemStatus.OPEN,)):
            raise ApiError("unknown_cart_item", status=404)
        if item.application_id:
            application = await db.get(Application, item.application_id)
            await move(db, application, ApplicationStatus.CANCELLED)
        if item.renewal_id:       # back to "Wacht op uw bevestiging"; it can be confirmed again
            renewal = await db.get(Renewal, item.renewal_id)
            renewal.status = RenewalStatus.AWAITING_CONFIRMATION
        psp_ids = await supersede_open_payments(db, citizen.id)
        result = await cart(db, citizen)
    await cancel_at_psp(app, psp_ids)
    return result


async def checkout(app, citizen: Citizen, sid: str, channel: str) -> dict:
    """Invoice the open cart items and create one payment at the PSP for them. Older links
    are superseded only once the PSP made the new one: with the PSP down, nothing changes."""
    settings = app.ctx.settings
    async with app.ctx.sessionmaker.begin() as db:
        citizen = await db.get(Citizen, citizen.id)
        items = list(await db.scalars(select(CartItem).where(
            CartItem.citizen_id == citizen.id, CartItem.status == CartItemStatus.OPEN).order_by(CartItem.id)))
        if not items:
            raise ApiError("cart_empty", status=409)
        total = sum((i.amount for i in items), Decimal("0.00"))
        invoice = Invoice(citizen_id=citizen.id, amount=total, status=InvoiceStatus.OPEN,
                          lines=[InvoiceLine(cart_item_id=i.id, description=i.description, amount=i.amount)
                                 for i in items])
        db.add(invoice)
        await db.flush()
        invoice.number = f"F-{invoice.created_at.year}-{invoice.id:06d}"
        payment = Payment(reference=secrets.token_urlsafe(12), invoice_id=invoice.id,
                          citizen_id=citizen.id, conversation_sid=sid, channel=channel or "rest",
                          amount=total, status=PaymentStatus.OPEN)
        db.add(payment)
        await db.flush()
        payment_id, reference, number = payment.id, payment.reference, invoice.number
        lines = [await cart_item_json(db, i) for i in items]
    webhook = (f"{settings.public_base_url}/api/payments/webhook?t="
               f"{app.ctx.signer.sign('webhook', {'p': payment_id})}")
    try:
        psp = await app.ctx.psp.create_payment(
            total, f"Parkeerloket {settings.municipality} {number}",
            f"{settings.public_base_url}/payment/return/{reference}", webhook,
            {"payment_id": payment_id, "invoice": number})
    except PspError as e:
        async with app.ctx.sessionmaker.begin() as db:   # no payment was made: nothing stays behind
            payment = await db.get(Payment, payment_id)
            await db.delete(payment)
            await db.delete(payment.invoice)      # with its lines
        raise ApiError("psp_unavailable", status=503) from e
    async with app.ctx.sessionmaker.begin() as db:
        payment = await db.get(Payment, payment_id)
        payment.psp_id = psp.id
        payment.checkout_url = psp.checkout_url
        older_psp = await supersede_open_payments(db, citizen.id, keep=payment_id)
    await cancel_at_psp(app, older_psp)
    return {"payment_id": payment_id, "payment_url": pay_url(app, reference), "invoice": number,
            **money(total),
            "items": lines}


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
                                     .where(Renewal.id == renewal_id, Renewal.status == RenewalStatus.PAID))
            docs = select(Document).where(Document.renewal_id == renewal_id)
        else:
            continue
        if permit is None:
            continue
        products.append({"product_code": permit.product_code,
                         "number": permit.number,
                         "valid_from": permit.valid_from.isoformat(),
                         "valid_until": permit.valid_until.isoformat(),
                         "plates": [display(p.plate) for p in permit.plates],
                         "active_plate": active_plate(permit)})
        for doc in await db.scalars(docs.order_by(Document.id)):
            documents.append(document_json(app, doc, permit.number))
    return {"id": payment.id, "status": payment.status, **money(payment.amount),
            "reference": payment.invoice.number, "products": products, "documents": documents}


def document_url(app, doc: Document) -> str:
    token = app.ctx.signer.sign("document", {"d": doc.id, "c": doc.citizen_id})
    return f"{app.ctx.settings.public_base_url}/documents/{token}"


def document_json(app, doc: Document, reference: str) -> dict:
    """A document for the chat: its `kind` (permit_receipt, renewal_receipt, termination,
    plate_change, decision, evidence) and the permit number or application reference it is
    about; the actions name it. The file itself (and its Dutch title) stays as it is."""
    return {"kind": doc.kind, "reference": reference, "filename": doc.filename, "url": document_url(app, doc)}
