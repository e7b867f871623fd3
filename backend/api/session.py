"""Who the conversation is: the login link, the binding, logging out."""

from __future__ import annotations

from sanic import response

from backend.api.deps import body, channel, journey_blueprint, maybe_bound
from backend.services import sessions

bp = journey_blueprint("session")


@bp.get("/session")
async def get_session(request, sid: str):
    async with maybe_bound(request, sid) as (db, binding):
        return response.json(await sessions.session_view(db, binding))


@bp.post("/login-link")
async def login_link(request, sid: str):
    data = body(request)
    return response.json(await sessions.login_link(request.app, sid, data.get("method"), channel(data)))


@bp.post("/logout")
async def logout(request, sid: str):
    return response.json(await sessions.logout(request.app, sid))
