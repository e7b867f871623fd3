"""What every journey blueprint shares: the blueprint itself (URL prefix and the actions
token check) and the lookup of the conversation's binding."""

from __future__ import annotations

import contextlib

from sanic import Blueprint

from backend.api.auth import require_actions_token
from backend.db.models import Permit
from backend.services import sessions
from backend.services.errors import ApiError

PREFIX = "/api/conversations/<sid>"


def journey_blueprint(name: str) -> Blueprint:
    """A blueprint for the action server's routes of one journey, under /api/conversations/<sid>."""
    bp = Blueprint(f"conversations_{name}", url_prefix=PREFIX)
    bp.on_request(require_actions_token)
    return bp


async def _binding(request, db, sid: str) -> sessions.Binding | None:
    binding = await sessions.current_binding(db, sid, request.app.ctx.settings.session_idle_ttl)
    if binding is None and db.dirty:    # an expired binding was cleared
        await db.commit()
    return binding


@contextlib.asynccontextmanager
async def maybe_bound(request, sid: str):
    """A database session and the binding of `sid`, or None when nobody is logged in."""
    async with request.app.ctx.sessionmaker() as db:
        binding = await _binding(request, db, sid)
        yield db, binding
        if db.dirty:                # last-seen time
            await db.commit()


@contextlib.asynccontextmanager
async def bound(request, sid: str, permit_id: int | None = None, scoped: bool = False):
    """A database session and the binding of `sid`; 401 when nobody is logged in.

    A permit login may see and change only its own permit, so such a binding passes only
    where the route allows it: `scoped` routes filter by `binding.permit_id` themselves, and
    a route about `permit_id` must be about that very permit (404 otherwise, as for anyone
    else's permit). Every other route answers 403 `needs_digid`.
    """
    async with maybe_bound(request, sid) as (db, binding):
        if binding is None:
            raise ApiError("not_logged_in", status=401)
        if binding.permit_id is not None and not scoped:
            if permit_id is None:
                permit = await db.get(Permit, binding.permit_id)
                raise ApiError("needs_digid", {"permit_number": permit.number if permit else None}, 403)
            if permit_id != binding.permit_id:
                raise ApiError("unknown_product", status=404)
        yield db, binding


@contextlib.asynccontextmanager
async def logged_in(request, sid: str, permit_id: int | None = None):
    """A database session and the citizen bound to `sid` (see `bound` for a permit login)."""
    async with bound(request, sid, permit_id) as (db, binding):
        yield db, binding.citizen


async def bound_citizen(request, sid: str, permit_id: int | None = None):
    """The citizen bound to `sid` (401 otherwise), for routes that run their own transaction."""
    async with logged_in(request, sid, permit_id=permit_id) as (_, citizen):
        return citizen


def body(request) -> dict:
    """The JSON body as a dict ({} when empty); 400 for anything else."""
    data = request.json if request.body else {}
    if not isinstance(data, dict):
        raise ApiError("bad_request", status=400)
    return data


def channel(data: dict) -> str:
    return str(data.get("channel") or "rest")[:40]
