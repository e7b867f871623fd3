"""Opwaarderen: top up the parkeertegoed of a bezoekersvergunning through the PSP.

A top-up is a TopUp row with its own invoice (one line) and payment (purpose "top_up"),
made by the same code as the cart's checkout (payments.new_payment / create_at_psp) and
paid through the same webhook (fulfilment.handle_webhook → `credit`). Only a paid payment
writes a ledger entry, exactly one per top-up (unique constraint). A new top-up link
supersedes the citizen's older open top-up links for the same permit, never a cart link.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Citizen, InvoiceLine, Payment, Permit, Refund
from backend.db.visitor_models import TopUp, VisitorRule
from backend.domain.balance import has_balance
from backend.domain.money import format_eur, to_api
from backend.domain.statuses import PaymentStatus, PermitStatus, RefundStatus, TopUpStatus
from backend.services import ledger, payments, visitor
from backend.services.errors import ApiError
from backend.services.permits import lock_permit, own_permit
from backend.services.transitions import move

log = logging.getLogger(__name__)
AMOUNT = re.compile(r"^\d{1,6}(\.\d{1,2})?$")     # "25", "25.5", "25.50"


async def visitor_permit(db: AsyncSession, citizen: Citizen, permit_id: int) -> Permit:
    """The citizen's own active permit with a balance (404 for anyone else's permit)."""
    permit = await own_permit(db, citizen, permit_id)
    if not has_balance(permit.product_code):
        raise ApiError("no_balance_on_product", {"number": permit.number}, 409)
    return permit


def limits_json(rule: VisitorRule) -> dict:
    return {"amounts": list(rule.top_up_amounts), "min": to_api(rule.top_up_min), "max": to_api(rule.top_up_max),
            "balance_max": to_api(rule.balance_max)}


async def options(db: AsyncSession, citizen: Citizen, permit_id: int) -> dict:
    """What the citizen may top up: the zone's amounts (buttons), the limits of a free
    amount, the balance now and the hours it buys at the zone's visitor tariff."""
    permit = await visitor_permit(db, citizen, permit_id)
    rule = await visitor.visitor_rule(db, permit.zone_code)
    return {"permit_id": permit.id, "permit_number": permit.number, "zone": permit.zone_code,
            **limits_json(rule), **await visitor.balance_json(db, permit)}


def parse_amount(text: object) -> Decimal:
    """The amount as sent ("25.00"): digits with at most two decimals, else 422 amount_invalid."""
    value = str(text or "").strip()
    if not AMOUNT.match(value):
        raise ApiError("amount_invalid", {"amount": value[:20]})
    return Decimal(value).quantize(Decimal("0.01"))


def check_amount(rule: VisitorRule, balance: Decimal, amount: Decimal) -> None:
    if amount < rule.top_up_min:
        raise ApiError("amount_too_low", {"amount": to_api(amount), "min": to_api(rule.top_up_min)})
    if amount > rule.top_up_max:
        raise ApiError("amount_too_high", {"amount": to_api(amount), "max": to_api(rule.top_up_max)})
    if balance + amount > rule.balance_max:
        room = max(Decimal("0.00"), rule.balance_max - balance)
        raise ApiError("balance_max_reached", {"amount": to_api(amount), "balance": to_api(balance),
                                               "balance_max": to_api(rule.balance_max), "room": to_api(room)})


async def start(app, citizen: Citizen, sid: str, permit_id: int, amount_text: object, channel: str) -> dict:
    """A payment link for topping up `amount_text` euros. Bad input changes nothing."""
    amount = parse_amount(amount_text)
    async with app.ctx.sessionmaker.begin() as db:
        citizen = await db.get(Citizen, citizen.id)
        await lock_permit(db, permit_id)        # first: the ceiling is decided on the balance,
        permit = await visitor_permit(db, citizen, permit_id)    # and a termination waits for us
        rule = await visitor.visitor_rule(db, permit.zone_code)
        check_amount(rule, await ledger.balance(db, permit.id), amount)
        top_up = TopUp(permit_id=permit.id, citizen_id=citizen.id, amount=amount, status=TopUpStatus.OPEN,
                       channel=channel or "rest")
        db.add(top_up)
        await db.flush()
        payment = await payments.new_payment(db, citizen.id, sid, channel, "top_up", [InvoiceLine(
            top_up_id=top_up.id, description=f"Parkeertegoed {permit.number} {format_eur(amount)}", amount=amount)])
        top_up_id, permit_number = top_up.id, permit.number
        payment_id, reference, number = payment.id, payment.reference, payment.invoice.number

    async def undo(db: AsyncSession) -> None:       # the PSP is down: no top-up either
        await db.delete(await db.get(TopUp, top_up_id))

    async def older_top_up_links(db: AsyncSession, payment: Payment) -> list[str]:
        return await supersede_older_top_ups(db, payment, permit_id)

    url = await payments.create_at_psp(app, payment_id, amount, reference, number, older_top_up_links, undo)
    return {"top_up_id": top_up_id, "payment_id": payment_id, "payment_url": url, "invoice": number,
            "permit_number": permit_number, "amount": to_api(amount)}


async def supersede_older_top_ups(db: AsyncSession, payment: Payment, permit_id: int) -> list[str]:
    """The citizen's older open top-up links for this permit take no money any more (their
    top-ups become superseded; a cart link is left alone). Their PSP ids, to cancel."""
    return await _supersede_open(db, payment.citizen_id, permit_id, before=payment.id)


async def withdraw_for_ended_permit(db: AsyncSession, permit: Permit) -> list[str]:
    """The bezoekersvergunning ends: its open top-up links take no money any more (in the
    termination's transaction). Their PSP ids, to cancel after it."""
    return await _supersede_open(db, permit.citizen_id, permit.id)


async def _supersede_open(db: AsyncSession, citizen_id: int, permit_id: int, before: int | None = None) -> list[str]:
    q = (select(Payment).join(InvoiceLine, InvoiceLine.invoice_id == Payment.invoice_id)
         .join(TopUp, TopUp.id == InvoiceLine.top_up_id)
         .where(Payment.citizen_id == citizen_id, Payment.purpose == "top_up",
                Payment.status == PaymentStatus.OPEN, TopUp.permit_id == permit_id))
    if before is not None:
        q = q.where(Payment.id < before)
    older = list(await db.scalars(q))
    for p in older:
        for line in p.invoice.lines:
            if line.top_up_id:
                await move(db, await db.get(TopUp, line.top_up_id), TopUpStatus.SUPERSEDED, (TopUpStatus.OPEN,))
    return payments.supersede(older)


async def credit(db: AsyncSession, top_up_id: int, paid_at: datetime) -> bool:
    """The payment of a top-up is paid (the webhook, in its transaction): the top-up is paid
    and the balance gets exactly one entry. Also for a superseded link paid anyway (the
    money is there); never twice (conditional move + unique ledger constraint)."""
    top_up = await db.get(TopUp, top_up_id)
    if not await move(db, top_up, TopUpStatus.PAID, (TopUpStatus.OPEN, TopUpStatus.SUPERSEDED), paid_at=paid_at):
        return False
    permit = await db.get(Permit, top_up.permit_id)
    if permit.status != PermitStatus.ACTIVE:     # paid after the permit ended: paid back, not credited
        await _pay_back(db, permit, top_up.amount)
        return True
    await ledger.post(db, top_up.permit_id, top_up.amount, "top_up", top_up_id=top_up.id)
    return True


async def _pay_back(db: AsyncSession, permit: Permit, amount: Decimal) -> None:
    """A top-up paid on an ended permit goes back to the holder with the permit's refund."""
    refund = await db.scalar(select(Refund).where(Refund.permit_id == permit.id))
    if refund is None:
        citizen = await db.get(Citizen, permit.citizen_id)
        db.add(Refund(citizen_id=citizen.id, permit_id=permit.id, amount=amount, iban=citizen.iban))
    elif refund.status == RefundStatus.DUE:
        refund.amount += amount
    else:
        log.error("permit %s: a top-up was paid after its refund went out; pay %s back by hand", permit.id, amount)


async def fail(db: AsyncSession, top_up_id: int) -> None:
    """The payment failed, was cancelled or expired: nothing is credited."""
    await move(db, await db.get(TopUp, top_up_id), TopUpStatus.FAILED, (TopUpStatus.OPEN,))
