"""The Parkeerloket's menu for one citizen: Home with counts, and the paged lists
(Huidige producten, Historie, Aanvraagbare producten, Lopende aanvragen)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Application, CartItem, Citizen, Document, Permit, Product
from backend.domain.balance import has_balance
from backend.domain.money import to_api
from backend.domain.plates import display
from backend.domain.statuses import OPEN_APPLICATION_STATUSES, ApplicationStatus, CartItemStatus, PermitStatus
from backend.services import catalogue, ledger, mijn2park, renewals
from backend.services.applications import application_json
from backend.services.errors import ApiError
from backend.services.payments import cart, document_json
from backend.services.permits import active_plate, own_permit

HISTORY_SINCE = date(2020, 3, 1)     # the manual: "sinds maart 2020"
APPLICATION_DOCUMENTS = ("evidence", "decision")
APPLICATION_STATES = {
    "open": OPEN_APPLICATION_STATUSES,
    "closed": (ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED),
    "all": tuple(ApplicationStatus),
}


def page_args(args) -> tuple[int, int]:
    """`offset` (default 0) and `limit` (default and most 20) of a paged list request."""
    try:
        offset = max(0, int(args.get("offset", 0)))
        limit = min(20, max(1, int(args.get("limit", 20))))
    except ValueError:
        raise ApiError("bad_paging", status=400) from None
    return offset, limit


def paged(items: list, total: int, offset: int, limit: int) -> dict:
    return {"total": total, "next_offset": offset + limit if offset + limit < total else None,
            "items": items}


def _permits_query(citizen: Citizen, state: str, permit_id: int | None = None):
    q = select(Permit).where(Permit.citizen_id == citizen.id)
    if permit_id is not None:       # a permit login sees only its permit
        q = q.where(Permit.id == permit_id)
    if state == "current":
        return q.where(Permit.status == PermitStatus.ACTIVE).order_by(Permit.valid_from, Permit.id)
    if state == "history":
        return q.where(Permit.status == PermitStatus.ENDED, Permit.valid_until >= HISTORY_SINCE) \
            .order_by(Permit.valid_until.desc(), Permit.id.desc())
    if state == "all":
        return q.order_by(Permit.status, Permit.id)
    raise ApiError("bad_state", status=400)


def permit_json(p: Permit, zone_names: dict[str, str], balances: dict[int, Decimal],
                linked: dict[int, str] | None = None) -> dict:
    """A product; `link` ({"needed", "linked", "method"}) only for one that needs a mijn.2park link."""
    out = {
        "id": p.id, "number": p.number, "product_code": p.product_code,
        "status": p.status, "zone": p.zone_code, "zone_name": zone_names.get(p.zone_code, p.zone_code),
        "valid_from": p.valid_from.isoformat(),
        "valid_until": p.valid_until.isoformat(),
        "ended_on": p.ended_on.isoformat() if p.ended_on else None,
        "plates": [display(pl.plate) for pl in p.plates],
        "actions": ((["change_plate"] if p.product.needs_plate else [])
                    + (["activate_plate"] if len(p.plates) > 1 else []) + ["terminate", "documents"]
                    if p.status == PermitStatus.ACTIVE else ["documents"]),
        "balance": to_api(balances[p.id]) if p.id in balances else None,
        "active_plate": active_plate(p),
    }
    link = mijn2park.status(p, linked or {})
    if link is not None:
        out["link"] = link
    return out



async def _count(db: AsyncSession, query) -> int:
    return await db.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


async def products(db: AsyncSession, citizen: Citizen, state: str, offset: int, limit: int,
                   permit_id: int | None = None) -> dict:
    q = _permits_query(citizen, state, permit_id)
    total = await _count(db, q)
    rows = list(await db.scalars(q.offset(offset).limit(limit)))
    zones = {z: await catalogue.zone_name(db, z) for z in {p.zone_code for p in rows}}
    balances = await ledger.balances(db, [p.id for p in rows if has_balance(p.product_code)])
    linked = await mijn2park.methods(db, [p.id for p in rows])
    out = paged([permit_json(p, zones, balances, linked) for p in rows], total, offset, limit)
    out["products"] = out.pop("items")
    return out


async def applications(db: AsyncSession, citizen: Citizen, state: str, offset: int, limit: int,
                       permit_id: int | None = None) -> dict:
    if state not in APPLICATION_STATES:
        raise ApiError("bad_state", status=400)
    q = select(Application).where(Application.citizen_id == citizen.id,
                                  Application.status.in_(APPLICATION_STATES[state])).order_by(Application.id)
    if permit_id is not None:       # a permit login: only the changes of its permit
        q = q.where(Application.permit_id == permit_id)
    total = await _count(db, q)
    rows = list(await db.scalars(q.offset(offset).limit(limit)))
    out = paged([application_json(a) for a in rows], total, offset, limit)
    out["applications"] = out.pop("items")
    return out


async def available(db: AsyncSession, citizen: Citizen) -> dict:
    """Every catalogue product with whether this citizen may apply, and why not."""
    out = []
    for product in await db.scalars(select(Product).order_by(Product.code)):
        result = await catalogue.availability(db, citizen, product.code)
        prices = await catalogue.periods(db, product.code, citizen.address.zone_code, None)
        out.append({"code": product.code, "available": result["available"],
                    "reason": result.get("reason"), "params": result.get("params", {}),
                    "prices": prices})
    out.sort(key=lambda p: not p["available"])      # what can be applied for first
    return {"products": out, "address": citizen.address.line, "zone": citizen.address.zone_code,
            "zone_name": await catalogue.zone_name(db, citizen.address.zone_code)}


async def overview(db: AsyncSession, citizen: Citizen, permit_id: int | None = None) -> dict:
    """Home. For a permit login (`permit_id`) only that permit counts; the Winkelwagen and
    Aanvraagbare producten belong to the whole account and stay 0."""
    current = await _count(db, _permits_query(citizen, "current", permit_id))
    history = await _count(db, _permits_query(citizen, "history", permit_id))
    closed = await applications(db, citizen, "closed", 0, 1, permit_id)
    open_apps = await applications(db, citizen, "open", 0, 3, permit_id)
    if permit_id is None:
        the_cart = await cart(db, citizen)
        cart_items = await db.scalar(select(func.count()).select_from(CartItem).where(
            CartItem.citizen_id == citizen.id, CartItem.status == CartItemStatus.OPEN))
        available_count = sum(1 for p in (await available(db, citizen))["products"] if p["available"])
    else:
        the_cart = {"total": to_api(Decimal(0))}
        cart_items = available_count = 0
    return {
        "counts": {"renewals": await renewals.count_open(db, citizen), "cart": cart_items, "open_applications": open_apps["total"],
                   "current_products": current, "available_products": available_count,
                   "history": history + closed["total"]},
        "open_applications": open_apps["applications"],
        "cart_total": the_cart["total"],
    }


async def documents(app, db: AsyncSession, citizen: Citizen, permit_id: int) -> dict:
    """Bekijk documenten: what the citizen uploaded for this product (Aanvraag documenten)
    and the letters we made for it (Product documenten), with signed expiring links."""
    permit = await own_permit(db, citizen, permit_id, active=False)
    app_ids = [permit.application_id] if permit.application_id else []
    app_ids += list(await db.scalars(select(Application.id).where(Application.permit_id == permit.id)))
    uploaded = list(await db.scalars(select(Document).where(
        Document.citizen_id == citizen.id, Document.kind == "evidence",
        Document.application_id.in_(app_ids)).order_by(Document.id))) if app_ids else []
    letters = list(await db.scalars(select(Document).where(
        Document.permit_id == permit.id, Document.kind != "evidence").order_by(Document.id)))

    references = dict((await db.execute(select(Application.id, Application.reference).where(
        Application.id.in_(app_ids)))).all()) if app_ids else {}

    def doc_json(d):
        # Evidence and decisions are about an application, our other letters about the permit.
        reference = references.get(d.application_id) if d.kind in APPLICATION_DOCUMENTS else permit.number
        return {**document_json(app, d, reference or permit.number), "mime": d.mime, "size": d.size,
                "created_at": d.created_at.isoformat() if d.created_at else None}

    return {"number": permit.number, "product_code": permit.product_code,
            "application_documents": [doc_json(d) for d in uploaded],
            "product_documents": [doc_json(d) for d in letters]}
