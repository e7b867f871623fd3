"""Kenteken wijzigen: a new (or second) plate on an active permit."""

from __future__ import annotations

from sanic import response

from backend.api.deps import body, bound_citizen, journey_blueprint
from backend.services import change_plate

bp = journey_blueprint("change_plate")


@bp.post("/products/<permit_id:int>/change-plate")
async def change_plate_route(request, sid: str, permit_id: int):
    data = body(request)
    citizen = await bound_citizen(request, sid, permit_id)
    return response.json(await change_plate.change_plate(
        request.app, citizen.id, sid, permit_id, data.get("old_plate"), str(data.get("new_plate") or ""),
        data.get("reason"), str(data.get("idempotency_key") or "")[:200]))
