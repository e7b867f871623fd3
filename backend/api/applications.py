"""Aanvragen: whether a product may be applied for, its periods, checking answers one by
one, the summary, the submit, and the list of applications."""

from __future__ import annotations

from sanic import response

from backend.api.deps import body, bound, bound_citizen, journey_blueprint, logged_in
from backend.services import applications, catalogue, lists

bp = journey_blueprint("applications")


@bp.get("/products/<code>/availability")
async def availability(request, sid: str, code: str):
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await catalogue.availability(db, citizen, code))


@bp.get("/products/<code>/periods")
async def periods(request, sid: str, code: str):
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await applications.period_options(db, citizen, code, request.args.get("start_date")))


@bp.post("/validate/<field>")
async def validate(request, sid: str, field: str):
    data = body(request)
    # Also used by the change-plate and termination forms, so a permit login may use it.
    async with bound(request, sid, scoped=True) as (db, binding):
        return response.json(await applications.check_answer(
            db, request.app.ctx.vehicles, binding.citizen, field, str(data.get("text") or "")[:500],
            data.get("draft") or {}))


@bp.post("/applications/preview")
async def preview(request, sid: str):
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await applications.preview(
            db, request.app.ctx.vehicles, citizen, body(request).get("draft") or {}))


@bp.post("/applications")
async def create(request, sid: str):
    data = body(request)
    citizen = await bound_citizen(request, sid)
    result, created = await applications.submit(
        request.app, citizen.id, sid, data.get("draft") or {}, str(data.get("idempotency_key") or ""))
    return response.json(result, status=201 if created else 200)


@bp.get("/applications")
async def list_applications(request, sid: str):
    offset, limit = lists.page_args(request.args)
    async with bound(request, sid, scoped=True) as (db, binding):
        return response.json(await lists.applications(db, binding.citizen, request.args.get("state", "open"),
                                                      offset, limit, binding.permit_id))
