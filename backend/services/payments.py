"""Winkelwagen and checkout at the PSP.

A payment covers exactly the cart items on its invoice (purpose "cart"), or one top-up of
a visitor balance (purpose "top_up", services/top_up.py); both are made by `new_payment` +
`create_at_psp`. Making a new payment link supersedes (and cancels at the PSP) the
citizen's older open links of the same purpose. What a paid payment delivers is in
services/fulfilment.py.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
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
from backend.services import visitor
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


async def supersede_open_payments(db: AsyncSession, citizen_id: int, keep: int | None = None,
                                  purpose: str = "cart") -> list[str]:
    """The cart changed or a new link is made (`keep`): older open links of that `purpose`
    may take no money (a cart link never cancels a top-up link, nor the other way round).
    Returns their PSP ids, to cancel there after the transaction."""
    query = select(Payment).where(Payment.citizen_id == citizen_id, Payment.status == PaymentStatus.OPEN,
                                  Payment.purpose == purpose)
    if keep:        # only older ones: two links made at the same moment never cancel each other both
        query = query.where(Payment.id < keep)
    return supersede(list(await db.scalars(query)))


def supersede(payments: list[Payment]) -> list[str]:
    """Mark open payments superseded (their invoices void); their PSP ids, to cancel there."""
    for p in payments:
        p.status = PaymentStatus.SUPERSEDED
        p.invoice.status = InvoiceStatus.VOID
    return [p.psp_id for p in payments if p.psp_id]


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


async def new_payment(db: AsyncSession, citizen_id: int, sid: str, channel: str, purpose: str,
                      lines: list[InvoiceLine]) -> Payment:
    """An open invoice with `lines` and its payment, in the caller's transaction (the PSP
    payment follows in `create_at_psp`, after that transaction)."""
    total = sum((line.amount for line in lines), Decimal("0.00"))
    invoice = Invoice(citizen_id=citizen_id, amount=total, status=InvoiceStatus.OPEN, lines=lines)
    db.add(invoice)
    await db.flush()
    invoice.number = f"F-{invoice.created_at.year}-{invoice.id:06d}"
    payment = Payment(reference=secrets.token_urlsafe(12), invoice=invoice, citizen_id=citizen_id,
                      conversation_sid=sid, channel=channel or "rest", purpose=purpose, amount=total,
                      status=PaymentStatus.OPEN)
    db.add(payment)
    await db.flush()
    return payment


async def create_at_psp(app, payment_id: int, amount: Decimal, reference: str, number: str,
                        supersede_older: Callable[[AsyncSession, Payment], Awaitable[list[str]]],
                        undo: Callable[[AsyncSession], Awaitable[None]] | None = None) -> str:
    """Create the PSP payment for our open `payment_id`; returns our payment link. With the
    PSP down the payment and its invoice are removed again (and `undo` runs in that same
    transaction): nothing stays behind. Only once the PSP made the new payment are older
    links superseded (`supersede_older`, which returns their PSP ids) and cancelled there."""
    settings = app.ctx.settings
    webhook = (f"{settings.public_base_url}/api/payments/webhook?t="
               f"{app.ctx.signer.sign('webhook', {'p': payment_id})}")
    try:
        psp = await app.ctx.psp.create_payment(
            amount, f"Parkeerloket {settings.municipality} {number}",
            f"{settings.public_base_url}/payment/return/{reference}", webhook,
            {"payment_id": payment_id, "invoice": number})
    except PspError as e:
        async with app.ctx.sessionmaker.begin() as db:   # no payment was made: nothing stays behind
            payment = await db.get(Payment, payment_id)
            await db.delete(payment)
            await db.delete(payment.invoice)      # with its lines
            if undo is not None:
                await undo(db)
        raise ApiError("psp_unavailable", status=503) from e
    async with app.ctx.sessionmaker.begin() as db:
        payment = await db.get(Payment, payment_id)
        payment.psp_id = psp.id
        payment.checkout_url = psp.checkout_url
        older_psp = await supersede_older(db, payment)
        if payment.status == PaymentStatus.SUPERSEDED:   # a newer link was made meanwhile
            older_psp.append(psp.id)
    await cancel_at_psp(app, older_psp)
    return pay_url(app, reference)


async def checkout(app, citizen: Citizen, sid: str, channel: str) -> dict:
    """Invoice the open cart items and create one payment at the PSP for them. Older links
    are superseded only once the PSP made the new one: with the PSP down, nothing changes."""
    async with app.ctx.sessionmaker.begin() as db:
        citizen = await db.get(Citizen, citizen.id)
        items = list(await db.scalars(select(CartItem).where(
            CartItem.citizen_id == citizen.id, CartItem.status == CartItemStatus.OPEN).order_by(CartItem.id)))
        if not items:
            raise ApiError("cart_empty", status=409)
        payment = await new_payment(db, citizen.id, sid, channel, "cart", [
            InvoiceLine(cart_item_id=i.id, description=i.description, amount=i.amount) for i in items])
        payment_id, reference, number, total = (payment.id, payment.reference, payment.invoice.number,
                                                payment.amount)
        lines = [await cart_item_json(db, i) for i in items]

    async def older_cart_links(db: AsyncSession, payment: Payment) -> list[str]:
        return await supersede_open_payments(db, payment.citizen_id, keep=payment.id)

    url = await create_at_psp(app, payment_id, total, reference, number, older_cart_links)
    return {"payment_id": payment_id, "payment_url": url, "invoice": number, **money(total), "items": lines}


async def payment_view(app, db: AsyncSession, citizen: Citizen, payment_id: int) -> dict:
    payment = await db.get(Payment, payment_id)
    if payment is None or payment.citizen_id != citizen.id:
        raise ApiError("unknown_payment", status=404)
    products, documents, top_ups = [], [], []
    for line in payment.invoice.lines:
        if line.top_up_id:          # Opwaarderen: the amount and the balance now
            top_ups.append(await visitor.top_up_json(db, line.top_up_id))
            continue
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
    return {"id": payment.id, "status": payment.status, "purpose": payment.purpose, **money(payment.amount),
            "reference": payment.invoice.number, "products": products, "documents": documents,
            "top_ups": top_ups}


def document_url(app, doc: Document) -> str:
    token = app.ctx.signer.sign("document", {"d": doc.id, "c": doc.citizen_id})
    return f"{app.ctx.settings.public_base_url}/documents/{token}"


def document_json(app, doc: Document, reference: str) -> dict:
    """A document for the chat: its `kind` (permit_receipt, renewal_receipt, termination,
    plate_change, decision, evidence) and the permit number or application reference it is
    about; the actions name it. The file itself (and its Dutch title) stays as it is."""
    return {"kind": doc.kind, "reference": reference, "filename": doc.filename, "url": document_url(app, doc)}
