"""Beëindigen: what ending a permit now means (GET), and ending it (POST)."""

from __future__ import annotations

from sanic import response

from backend.api.deps import body, bound_citizen, journey_blueprint, logged_in
from backend.services import termination

bp = journey_blueprint("termination")


@bp.get("/products/<permit_id:int>/termination")
async def termination_preview(request, sid: str, permit_id: int):
    async with logged_in(request, sid, permit_id=permit_id) as (db, citizen):
        return response.json(await termination.preview(db, citizen, permit_id))


@bp.post("/products/<permit_id:int>/termination")
async def termination_confirm(request, sid: str, permit_id: int):
    data = body(request)
    citizen = await bound_citizen(request, sid, permit_id)
    return response.json(await termination.confirm(request.app, citizen.id, permit_id,
                                                   str(data.get("iban") or "")[:50] or None))
