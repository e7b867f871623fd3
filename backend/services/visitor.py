"""The catalogue's visitor rules for a zone: its paid windows (as domain TariffRules) and
its limits (top-up amounts, balance ceiling, visitor cars at once)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.visitor_models import VisitorRule, VisitorTariff
from backend.domain.tariffs import PaidWindow, TariffRules
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
