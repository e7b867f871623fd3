"""Verlengingen: creating a renewal when a product's period nears its end, confirming it
(into the Winkelwagen), withdrawing it (Intrekken), granting it when paid, and ending
products whose renewal lapsed or was withdrawn. One transaction per renewal.

Statuses (backend/domain/renewals.py): "Wacht op uw bevestiging" → confirm →
"Wacht op betaling" (a cart item) → paid: the product's end date moves to the end of the
new period. Not paid by the end date: "Vervallen" and the product ends (Historie).
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.email.base import OutgoingMail
from backend.db.models import CartItem, Citizen, Conversation, Document, Payment, Permit, Renewal
from backend.documents.permit_receipt import PermitReceipt, render_permit_receipt
from backend.domain import renewals as rules
from backend.domain.dates import format_date_nl
from backend.domain.money import format_eur, to_api
from backend.domain.periods import PERIOD_LABELS
from backend.domain.plates import display
from backend.domain.statuses import OPEN_RENEWAL_STATUSES, CartItemStatus, PermitStatus, RenewalStatus
from backend.services import catalogue
from backend.services.errors import ApiError
from backend.services.letters import letter_head, store_letter
from backend.services.mail import citizen_mail, send_and_record
from backend.services.notify import notify
from backend.services.payments import cancel_at_psp, cart, supersede_open_payments
from backend.services.transitions import move

log = logging.getLogger(__name__)
DUE_INTENT = "EXTERNAL_renewal_due"


def renewal_json(r: Renewal) -> dict:
    p = r.permit
    actions = {RenewalStatus.AWAITING_CONFIRMATION: ["confirm", "withdraw"],
               RenewalStatus.AWAITING_PAYMENT: ["pay", "withdraw"]}.get(r.status, [])
    return {
        "id": r.id, "status": r.status,
        "permit_id": p.id, "number": p.number, "product_code": p.product_code,
        "plates": [display(pl.plate) for pl in p.plates],
        "current_end": p.valid_until.isoformat(),
        "period_code": r.period_code,
        "period_start": r.period_start.isoformat(),
        "period_end": r.period_end.isoformat(),
        "price": to_api(r.price),
        "actions": actions,
    }


def cart_description(r: Renewal) -> str:
    return (f"Verlenging {r.permit.product.name} {r.permit.number}, "
            f"{format_date_nl(r.period_start)} tot en met {format_date_nl(r.period_end)}")


# The citizen's side (API for the action server)

async def list_renewals(db: AsyncSession, citizen: Citizen, state: str = "open") -> dict:
    q = select(Renewal).where(Renewal.citizen_id == citizen.id)
    if state == "open":
        q = q.where(Renewal.status.in_(OPEN_RENEWAL_STATUSES))
    elif state != "all":
        raise ApiError("bad_state", status=400)
    rows = list(await db.scalars(q.order_by(Renewal.period_start, Renewal.id)))
    return {"total": len(rows), "renewals": [renewal_json(r) for r in rows]}


async def count_open(db: AsyncSession, citizen: Citizen) -> int:
    return await db.scalar(select(func.count()).select_from(Renewal).where(
        Renewal.citizen_id == citizen.id, Renewal.status.in_(OPEN_RENEWAL_STATUSES)))


async def own_renewal(db: AsyncSession, citizen: Citizen, renewal_id: int, lock: bool = False) -> Renewal:
    """The renewal when it is this citizen's; 404 otherwise, whoever's it is."""
    renewal = await db.get(Renewal, renewal_id, with_for_update={"of": Renewal} if lock else None)
    if renewal is None or renewal.citizen_id != citizen.id:
        raise ApiError("unknown_renewal", status=404)
    return renewal


async def confirm(app, citizen: Citizen, renewal_id: int) -> dict:
    """"Wacht op uw bevestiging" → "Wacht op betaling": the renewal goes into the Winkelwagen.
    Confirming twice changes nothing."""
    async with app.ctx.sessionmaker.begin() as db:
        citizen = await db.get(Citizen, citizen.id)
        renewal = await own_renewal(db, citizen, renewal_id, lock=True)
        if renewal.status == RenewalStatus.AWAITING_CONFIRMATION:
            renewal.status = RenewalStatus.AWAITING_PAYMENT
            item = await db.scalar(select(CartItem).where(CartItem.renewal_id == renewal.id))
            if item is None:
                db.add(CartItem(citizen_id=citizen.id, renewal_id=renewal.id,
                                description=cart_description(renewal), amount=renewal.price,
                                status=CartItemStatus.OPEN))
            else:                 # taken out of the Winkelwagen earlier, confirmed again
                item.status = CartItemStatus.OPEN
            await db.flush()
        elif renewal.status != RenewalStatus.AWAITING_PAYMENT:
            raise ApiError("renewal_closed", {"status": renewal.status}, 409)
        the_cart = await cart(db, citizen)
        return {"renewal": renewal_json(renewal), "cart_total": the_cart["total"]}


async def withdraw(app, citizen: Citizen, renewal_id: int) -> dict:
    """Intrekken: the renewal is cancelled and the product ends on its end date. A paid
    renewal cannot be withdrawn (Beëindigen is the way out then)."""
    async with app.ctx.sessionmaker.begin() as db:
        citizen = await db.get(Citizen, citizen.id)
        renewal = await own_renewal(db, citizen, renewal_id, lock=True)
        if renewal.status == RenewalStatus.PAID:
            raise ApiError("renewal_paid", {"number": renewal.permit.number}, 409)
        if renewal.status not in rules.WITHDRAWABLE and renewal.status != RenewalStatus.WITHDRAWN:
            raise ApiError("renewal_closed", {"status": renewal.status}, 409)
        psp_ids: list[str] = []
        if renewal.status != RenewalStatus.WITHDRAWN:
            renewal.status = RenewalStatus.WITHDRAWN
            psp_ids = await _take_out_of_cart(db, renewal)
        result = {"renewal": renewal_json(renewal)}
    await cancel_at_psp(app, psp_ids)
    return result


async def withdraw_for_ended_product(db: AsyncSession, permit: Permit) -> list[str]:
    """The product ends now (Beëindigen): its open renewals are withdrawn in the same
    transaction. Returns PSP ids of superseded payments, to cancel after it."""
    psp_ids: list[str] = []
    for renewal in await db.scalars(select(Renewal).where(
            Renewal.permit_id == permit.id, Renewal.status.in_(OPEN_RENEWAL_STATUSES))):
        renewal.status = RenewalStatus.WITHDRAWN
        psp_ids += await _take_out_of_cart(db, renewal)
    return psp_ids


async def _take_out_of_cart(db: AsyncSession, renewal: Renewal) -> list[str]:
    item = await db.scalar(select(CartItem).where(CartItem.renewal_id == renewal.id))
    if item is None or not await move(db, item, CartItemStatus.REMOVED, (CartItemStatus.OPEN,)):
        return []
    return await supersede_open_payments(db, renewal.citizen_id)


# Paid (called by fulfilment.handle_webhook inside its transaction)

async def grant_paid(app, db: AsyncSession, renewal_id: int, payment: Payment) -> int | None:
    """The renewal is paid: the product runs to the end of the new period; the letter
    with the receipt is stored. Returns the document id, for the e-mail."""
    renewal = await db.get(Renewal, renewal_id)
    if not await move(db, renewal, RenewalStatus.PAID):
        return None                        # paid already
    permit, citizen = renewal.permit, await db.get(Citizen, renewal.citizen_id)
    permit.valid_until = renewal.period_end
    if permit.status != PermitStatus.ACTIVE:   # paid on the very last moment after the job ran
        permit.status, permit.ended_on = PermitStatus.ACTIVE, None
    receipt = PermitReceipt(
        **letter_head(app, citizen, payment.paid_at.date()),
        product_name=permit.product.name, zone_name=await catalogue.zone_name(db, permit.zone_code),
        plates=[display(p.plate) for p in permit.plates],
        valid_from=renewal.period_start, valid_until=renewal.period_end,
        period_label=PERIOD_LABELS.get(renewal.period_code, renewal.period_code),
        amount=renewal.price, payment_reference=payment.invoice.number or payment.reference,
        paid_at=payment.paid_at, permit_number=permit.number, renewal=True)
    doc = await store_letter(db, render_permit_receipt, receipt, citizen=citizen, kind="renewal_receipt",
                             title=f"Verlenging en betaalbewijs {permit.number}",
                             filename=f"verlenging-{permit.number}-{renewal.period_start:%Y%m%d}.pdf",
                             permit_id=permit.id, renewal_id=renewal.id)
    return doc.id


async def send_paid_mail(app, doc_id: int) -> None:
    async with app.ctx.sessionmaker.begin() as db:
        doc = await db.get(Document, doc_id)
        renewal = await db.get(Renewal, doc.renewal_id)
        citizen = await db.get(Citizen, doc.citizen_id)
        permit = renewal.permit
        mail = citizen_mail(
            app.ctx.settings, citizen, f"Verlenging van uw {permit.product.name} {permit.number}",
            f"Uw {permit.product.name} {permit.number} is verlengd. Hij is nu geldig tot en met "
            f"{format_date_nl(renewal.period_end)}.\nIn de bijlage vindt u de verlenging met het betaalbewijs.",
            doc)
        citizen_id = citizen.id
    await send_and_record(app, citizen_id, mail)


# The job's steps (backend/jobs/renewals.py): each call is one transaction.

async def due_permit_ids(db: AsyncSession, today: date, days_before: int) -> list[int]:
    """Active products whose period ends within `days_before` days and that have no renewal
    for the next period yet."""
    permits = await db.scalars(select(Permit).where(
        Permit.status == PermitStatus.ACTIVE, Permit.valid_until >= today,
        Permit.valid_until <= date.fromordinal(today.toordinal() + days_before)).order_by(Permit.id))
    out = []
    for p in permits:
        start = rules.next_period(p.valid_until, p.period_code).start
        exists = await db.scalar(select(Renewal.id).where(Renewal.permit_id == p.id,
                                                          Renewal.period_start == start))
        if exists is None:
            out.append(p.id)
    return out


async def create_renewal(app, permit_id: int, today: date) -> int | None:
    """One renewal for the product's next period (None when it exists already, the product
    is not due, or the catalogue has no price for it); then the citizen is told."""
    days_before = app.ctx.settings.renewal_days_before
    try:
        async with app.ctx.sessionmaker.begin() as db:
            permit = await db.get(Permit, permit_id, with_for_update={"of": Permit})
            if permit is None or permit.status != PermitStatus.ACTIVE or \
                    not rules.is_due(permit.valid_until, today, days_before):
                return None
            period = rules.next_period(permit.valid_until, permit.period_code)
            if await db.scalar(select(Renewal.id).where(Renewal.permit_id == permit.id,
                                                        Renewal.period_start == period.start)):
                return None
            price = next((p.price for p in await catalogue.prices(db, permit.product_code, permit.zone_code)
                          if p.period_code == permit.period_code), None)
            if price is None:
                log.warning("renewal of permit %s: no price for its zone and period", permit.id)
                return None
            renewal = Renewal(permit_id=permit.id, citizen_id=permit.citizen_id, period_code=permit.period_code,
                              period_start=period.start, period_end=period.end, price=price,
                              status=RenewalStatus.AWAITING_CONFIRMATION)
            db.add(renewal)
            await db.flush()
            citizen = await db.get(Citizen, permit.citizen_id)
            info = renewal_json(renewal)
            sid = await last_conversation(db, citizen.id)
            mail, citizen_id = due_mail(app, citizen, renewal), citizen.id
    except IntegrityError:      # another run created it at the same moment
        return None
    await send_and_record(app, citizen_id, mail)     # after the commit: no mail for a renewal not made
    await notify(app, sid, DUE_INTENT, {
        "renewal_id": info["id"], "product_number": info["number"], "product_code": info["product_code"],
        "current_end": info["current_end"], "period_end": info["period_end"], "price": info["price"]})
    return info["id"]


def due_mail(app, citizen: Citizen, r: Renewal) -> OutgoingMail:
    """The Dutch reminder mail (the mail keeps its Dutch; the API answer carries codes)."""
    name, number = r.permit.product.name, r.permit.number
    return citizen_mail(
        app.ctx.settings, citizen, f"Verleng uw {name} {number}",
        f"Uw {name} {number} loopt af op {format_date_nl(r.permit.valid_until)}. U kunt hem "
        f"verlengen tot en met {format_date_nl(r.period_end)}. Dat kost {format_eur(r.price)}.\n"
        "Bevestig de verlenging en betaal vóór de einddatum, in het Parkeerloket of in de chat "
        "(\"Verlengingen\"). Wilt u niet verlengen? Trek de verlenging dan in. "
        "Uw product stopt dan op de einddatum.")


async def last_conversation(db: AsyncSession, citizen_id: int) -> str | None:
    """The conversation the citizen used last (also when they are logged out by now)."""
    return await db.scalar(select(Conversation.sid).where(Conversation.last_citizen_id == citizen_id)
                           .order_by(func.coalesce(Conversation.last_seen_at, Conversation.bound_at)
                                     .desc().nulls_last()).limit(1))


async def ending_renewal_ids(db: AsyncSession, today: date) -> list[int]:
    """Renewals whose product's period is over while the renewal is open (it lapses) or
    withdrawn (the product ends as the citizen chose)."""
    rows = await db.scalars(select(Renewal.id).join(Permit, Permit.id == Renewal.permit_id).where(
        Permit.status == PermitStatus.ACTIVE, Permit.valid_until < today,
        Renewal.status.in_((*OPEN_RENEWAL_STATUSES, RenewalStatus.WITHDRAWN))).order_by(Renewal.id))
    return list(rows)


async def end_product(app, renewal_id: int, today: date) -> bool:
    """Product to Historie on its end date; an unpaid renewal becomes "Vervallen"."""
    try:
        async with app.ctx.sessionmaker.begin() as db:
            renewal = await db.get(Renewal, renewal_id, with_for_update={"of": Renewal})
            permit = renewal.permit
            if permit.status != PermitStatus.ACTIVE or not rules.lapsed(permit.valid_until, today) \
                    or renewal.period_start != _day_after(permit.valid_until):
                return False
            if renewal.status not in (*OPEN_RENEWAL_STATUSES, RenewalStatus.WITHDRAWN):
                return False
            psp_ids: list[str] = []
            if not await move(db, permit, PermitStatus.ENDED, (PermitStatus.ACTIVE,), ended_on=permit.valid_until):
                return False               # ended (Beëindigen) at this very moment
            if renewal.status in OPEN_RENEWAL_STATUSES:
                if not await move(db, renewal, RenewalStatus.EXPIRED, OPEN_RENEWAL_STATUSES):
                    raise _Raced           # paid at this very moment: the product runs on
                psp_ids = await _take_out_of_cart(db, renewal)
    except _Raced:
        return False
    await cancel_at_psp(app, psp_ids)
    return True


class _Raced(Exception):
    """A concurrent request finished the row first: roll the transaction back."""


def _day_after(d: date) -> date:
    return date.fromordinal(d.toordinal() + 1)

