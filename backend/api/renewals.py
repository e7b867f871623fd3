"""Verlengingen: the list, confirming one (into the Winkelwagen), withdrawing one."""

from __future__ import annotations

from sanic import response

from backend.api.deps import bound_citizen, journey_blueprint, logged_in
from backend.services import renewals

bp = journey_blueprint("renewals")


@bp.get("/renewals")
async def list_renewals(request, sid: str):
    """Verlengingen: open ones (state=open, the default) or all."""
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await renewals.list_renewals(db, citizen, request.args.get("state", "open")))


@bp.post("/renewals/<renewal_id:int>/confirm")
async def confirm_renewal(request, sid: str, renewal_id: int):
    citizen = await bound_citizen(request, sid)
    return response.json(await renewals.confirm(request.app, citizen, renewal_id))


@bp.post("/renewals/<renewal_id:int>/withdraw")
async def withdraw_renewal(request, sid: str, renewal_id: int):
    citizen = await bound_citizen(request, sid)
    return response.json(await renewals.withdraw(request.app, citizen, renewal_id))
