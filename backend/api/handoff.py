"""Hand-off: a ticket for a person at the Parkeerloket, with the chat so far."""

from __future__ import annotations

from sanic import response

from backend.api.deps import body, channel, journey_blueprint
from backend.services import handoff

bp = journey_blueprint("handoff")


@bp.post("/handoff")
async def handoff_route(request, sid: str):
    data = body(request)
    ctx = request.app.ctx
    async with ctx.sessionmaker.begin() as db:
        result = await handoff.create_ticket(db, sid, channel(data), data.get("transcript"),
                                             ctx.settings.session_idle_ttl)
    return response.json(result, status=201)
