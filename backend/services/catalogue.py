"""Products, prices and availability for one citizen (catalogue + eligibility rules)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Application, Citizen, Permit, Product, ProductPrice, Zone
from backend.domain.eligibility import ProductRule, check_availability
from backend.domain.money import to_api
from backend.domain.periods import valid_until
from backend.domain.statuses import OPEN_APPLICATION_STATUSES, PermitStatus
from backend.services.errors import ApiError


async def get_product(db: AsyncSession, code: str | None) -> Product:
    product = await db.get(Product, code) if code else None
    if product is None:
        raise ApiError("unknown_product", {"product": code})
    return product


def product_json(p: Product) -> dict:
    return {"code": p.code, "needs_plate": p.needs_plate, "max_plates": p.max_plates,
            "questions": [{"code": q["code"], "text": q["text"], "type": "yes_no"} for q in p.questions]}


async def availability(db: AsyncSession, citizen: Citizen, code: str) -> dict:
    """Whether `citizen` may apply for product `code` now, and if not, why."""
    product = await db.get(Product, code)
    if product is None:
        return {"available": False, "reason": "unknown_product", "params": {"product": code},
                "product": {"code": code}}
    short = {"code": product.code}
    zone_code = citizen.address.zone_code
    zone_name = citizen.address.zone.name if citizen.address.zone else "geen vergunninggebied"
    held = set(await db.scalars(select(Permit.product_code).where(
        Permit.citizen_id == citizen.id, Permit.status == PermitStatus.ACTIVE)))
    pending = set(await db.scalars(select(Application.product_code).where(
        Application.citizen_id == citizen.id, Application.status.in_(OPEN_APPLICATION_STATUSES))))
    in_zone = 0
    if zone_code and zone_code in (product.zone_caps or {}):
        in_zone = await db.scalar(select(func.count()).select_from(Permit).where(
            Permit.product_code == code, Permit.zone_code == zone_code, Permit.status == PermitStatus.ACTIVE))
    rule = ProductRule(product.code, product.name, tuple(product.zones),
                       product.max_per_citizen, dict(product.zone_caps or {}), product.account_kind)
    result = check_availability(rule, zone_code, held, in_zone, citizen.kind)
    if result.available and code in pending:
        result_reason, params = "already_applied", {"product": product.code}
    elif result.available and not product.offered_in_chat:
        result_reason, params = "not_offered_in_chat_yet", {"product": product.code}
    elif result.available:
        return {"available": True, "product": product_json(product)}
    else:
        result_reason, params = result.reason, dict(result.params)
    params.update({"zone": zone_code, "zone_name": zone_name, "address": citizen.address.line})
    params.setdefault("product", product.code)
    return {"available": False, "reason": result_reason, "params": params, "product": short}


async def ensure_available(db: AsyncSession, citizen: Citizen, code: str) -> Product:
    result = await availability(db, citizen, code)
    if not result["available"]:
        raise ApiError(result["reason"], result["params"], 409)
    return await db.get(Product, code)


async def prices(db: AsyncSession, product_code: str, zone_code: str | None) -> list[ProductPrice]:
    return list(await db.scalars(select(ProductPrice).where(
        ProductPrice.product_code == product_code, ProductPrice.zone_code == zone_code)
        .order_by(ProductPrice.position)))


async def periods(db: AsyncSession, product_code: str, zone_code: str | None, start: date | None) -> list[dict]:
    """The betaalperiodes with price and (when the start date is known) the end date."""
    out = []
    for p in await prices(db, product_code, zone_code):
        item = {"code": p.period_code, "price": to_api(p.price)}
        if start:
            end = valid_until(start, p.period_code)
            item.update(valid_until=end.isoformat())
        out.append(item)
    return out


async def zone_name(db: AsyncSession, zone_code: str | None) -> str:
    zone = await db.get(Zone, zone_code) if zone_code else None
    return zone.name if zone else "geen vergunninggebied"
