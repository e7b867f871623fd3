"""Visitor parking sessions (parkeeracties) on a bezoekersvergunning: start, list, stop."""

from __future__ import annotations

from sanic import response

from backend.api.deps import body, bound, journey_blueprint, logged_in
from backend.services import lists, parking

bp = journey_blueprint("parking")


@bp.post("/products/<permit_id:int>/parking-sessions")
async def start_session(request, sid: str, permit_id: int):
    data = body(request)
    async with logged_in(request, sid, permit_id=permit_id) as (_, citizen):
        citizen_id = citizen.id
    answer, created = await parking.start(request.app, citizen_id, sid, permit_id, data)
    return response.json(answer, status=201 if created else 200)


@bp.post("/products/<permit_id:int>/parking-sessions/preview")
async def preview_session(request, sid: str, permit_id: int):
    """The chat's check before "Ja/Nee": the plate alone (`plate_only`) or the whole session,
    with its cost and the balance after; the same refusals as starting, nothing stored."""
    data = body(request)
    async with logged_in(request, sid, permit_id=permit_id) as (db, citizen):
        return response.json(await parking.preview(db, citizen, permit_id, data))


@bp.get("/products/<permit_id:int>/parking-sessions")
async def product_sessions(request, sid: str, permit_id: int):
    """Running and planned sessions (state=current, the default) or all, paged."""
    offset, limit = lists.page_args(request.args)
    async with logged_in(request, sid, permit_id=permit_id) as (db, citizen):
        return response.json(await parking.list_sessions(db, citizen, permit_id, request.args.get("state", "current"),
                                                         offset, limit))


@bp.get("/parking-sessions")
async def all_sessions(request, sid: str):
    """The same over all the citizen's visitor permits (the chat's "welke auto's parkeren er")."""
    offset, limit = lists.page_args(request.args)
    async with bound(request, sid, scoped=True) as (db, binding):
        return response.json(await parking.list_sessions(db, binding.citizen, None, request.args.get("state", "current"),
                                                         offset, limit, binding.permit_id))


@bp.post("/parking-sessions/<session_id:int>/stop")
async def stop_session(request, sid: str, session_id: int):
    async with bound(request, sid, scoped=True) as (_, binding):
        citizen_id, scope = binding.citizen.id, binding.permit_id
    return response.json(await parking.stop(request.app, citizen_id, session_id, scope))
