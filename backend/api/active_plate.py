"""Kentekenswitch: the plates of a product with the active one, and the switch."""

from __future__ import annotations

from sanic import response

from backend.api.deps import body, bound, channel, journey_blueprint
from backend.services import active_plate

bp = journey_blueprint("active_plate")


@bp.get("/products/<permit_id:int>/plates")
async def plates_route(request, sid: str, permit_id: int):
    async with bound(request, sid, permit_id) as (_, binding):
        pass
    return response.json(await active_plate.plates(request.app, binding, permit_id))


@bp.post("/products/<permit_id:int>/active-plate")
async def switch_route(request, sid: str, permit_id: int):
    data = body(request)
    async with bound(request, sid, permit_id) as (_, binding):
        pass
    return response.json(await active_plate.switch(request.app, binding, permit_id, str(data.get("plate") or ""),
                                                   channel(data)))
