"""Opwaarderen: the amounts and limits for topping up a visitor balance, and a payment link."""

from __future__ import annotations

from sanic import response

from backend.api.deps import body, bound_citizen, channel, journey_blueprint, logged_in
from backend.services import top_up

bp = journey_blueprint("top_up")


@bp.get("/products/<permit_id:int>/top-up")
async def top_up_options(request, sid: str, permit_id: int):
    async with logged_in(request, sid, permit_id) as (db, citizen):
        return response.json(await top_up.options(db, citizen, permit_id))


@bp.post("/products/<permit_id:int>/top-up")
async def start_top_up(request, sid: str, permit_id: int):
    data = body(request)
    citizen = await bound_citizen(request, sid, permit_id)
    return response.json(await top_up.start(request.app, citizen, sid, permit_id, data.get("amount"),
                                            channel(data)), status=201)
