"""The catalogue's visitor rules for a zone: its paid windows (as domain TariffRules) and
its limits (top-up amounts, balance ceiling, visitor cars at once); a visitor permit's
balance with the hours it buys, and a top-up as the payment view shows it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Permit
from backend.db.visitor_models import TopUp, VisitorRule, VisitorTariff
from backend.domain.money import to_api
from backend.domain.tariffs import PaidWindow, TariffRules, hours_for
from backend.services import ledger
from backend.services.errors import ApiError


async def rules_for(db: AsyncSession, zone_code: str) -> TariffRules:
    rows = await db.scalars(select(VisitorTariff).where(VisitorTariff.zone_code == zone_code)
                            .order_by(VisitorTariff.weekday, VisitorTariff.start))
    return TariffRules(zone_code, tuple(PaidWindow(r.weekday, r.start, r.end, r.hourly_rate) for r in rows))


async def visitor_rule(db: AsyncSession, zone_code: str) -> VisitorRule:
    rule = await db.get(VisitorRule, zone_code)
    if rule is None:
        raise ApiError("no_visitor_parking_in_zone", {"zone": zone_code}, 409)
    return rule


async def balance_json(db: AsyncSession, permit: Permit) -> dict:
    """A visitor permit's balance as codes: euros, the paid hours they buy at the zone's
    visitor tariff and that hourly rate (decimal strings)."""
    amount = await ledger.balance(db, permit.id)
    rules = await rules_for(db, permit.zone_code)
    return {"balance": to_api(amount), "hours": str(hours_for(rules, amount)),
            "hourly_rate": to_api(rules.standard_rate)}


async def top_up_json(db: AsyncSession, top_up_id: int) -> dict:
    """A top-up for the payment view: the permit, the amount, its status and the balance
    now (with the hours it buys)."""
    top_up = await db.get(TopUp, top_up_id)
    permit = await db.get(Permit, top_up.permit_id)
    return {"id": top_up.id, "permit_id": permit.id, "permit_number": permit.number, "status": top_up.status,
            "amount": to_api(top_up.amount), **await balance_json(db, permit)}
