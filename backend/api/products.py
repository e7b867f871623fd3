"""The menu: Home with its counts, Huidige producten / Historie, Aanvraagbare producten."""

from __future__ import annotations

from sanic import response

from backend.api.deps import bound, journey_blueprint, logged_in
from backend.services import lists, mijn2park

bp = journey_blueprint("products")


@bp.get("/overview")
async def overview(request, sid: str):
    async with bound(request, sid, scoped=True) as (db, binding):
        return response.json(await lists.overview(db, binding.citizen, binding.permit_id))


@bp.get("/products")
async def products(request, sid: str):
    """Huidige producten (state=current), Historie (history) or both (all, the default)."""
    offset, limit = lists.page_args(request.args)
    async with bound(request, sid, scoped=True) as (db, binding):
        if await mijn2park.link_by_login(db, binding.citizen, binding.method):   # DigiD: linked by itself
            await db.commit()
        return response.json(await lists.products(db, binding.citizen, request.args.get("state", "all"),
                                                  offset, limit, binding.permit_id))


@bp.get("/products/available")
async def available_products(request, sid: str):
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await lists.available(db, citizen))
