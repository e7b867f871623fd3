"""Handhaving: the enforcement officers' check, not conversation-scoped, behind its own key."""

from __future__ import annotations

from sanic import Blueprint, response

from backend.api.auth import require_enforcement_key
from backend.services import enforcement

bp = Blueprint("enforcement", url_prefix="/api/enforcement")
bp.on_request(require_enforcement_key)


@bp.get("/check")
async def check(request):
    """`?plate=12-ABC-3&zone=binnenstad` → {"allowed", "reason", ...} (docs/backend-api.md)."""
    async with request.app.ctx.sessionmaker() as db:
        return response.json(await enforcement.check(db, request.args.get("plate", ""),
                                                     request.args.get("zone", "")))
