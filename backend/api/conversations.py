"""Routes the action server calls, per conversation (see docs/backend-api.md).

HTTP in, JSON out: the rules live in backend/services and backend/domain.
"""

from __future__ import annotations

import contextlib
import secrets
from datetime import date

from sanic import Blueprint, response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backend.adapters.login.base import METHODS
from backend.api.auth import require_actions_token
from backend.db.models import Application, Permit
from backend.services import (
    applications,
    catalogue,
    handoff,
    lists,
    payments,
    plate_change,
    renewals,
    sessions,
    termination,
)
from backend.services.errors import ApiError

bp = Blueprint("conversations", url_prefix="/api/conversations/<sid>")
bp.on_request(require_actions_token)


@contextlib.asynccontextmanager
async def bound(request, sid: str, write: bool = False, permit_id: int | None = None, scoped: bool = False):
    """A database session and the binding of `sid`; 401 when nobody is logged in.

    A permit login may see and change only its own permit, so such a binding passes only
    where the route allows it: `scoped` routes filter by `binding.permit_id` themselves, and
    a route about `permit_id` must be about that very permit (404 otherwise, as for anyone
    else's permit). Every other route answers 403 `needs_digid`.
    """
    maker = request.app.ctx.sessionmaker
    async with (maker.begin() if write else maker()) as db:
        binding = await sessions.current_binding(db, sid, request.app.ctx.settings.session_idle_ttl)
        if binding is None:
            if db.dirty:            # an expired binding was cleared
                await db.commit()
            raise ApiError("not_logged_in", status=401)
        if binding.permit_id is not None and not scoped:
            if permit_id is None:
                permit = await db.get(Permit, binding.permit_id)
                raise ApiError("needs_digid", {"permit_number": permit.number if permit else None}, 403)
            if permit_id != binding.permit_id:
                raise ApiError("unknown_product", status=404)
        yield db, binding
        if not write and db.dirty:  # last-seen time
            await db.commit()


@contextlib.asynccontextmanager
async def logged_in(request, sid: str, write: bool = False, permit_id: int | None = None):
    """A database session and the citizen bound to `sid` (see `bound` for a permit login)."""
    async with bound(request, sid, write, permit_id) as (db, binding):
        yield db, binding.citizen


async def bound_citizen(request, sid: str, permit_id: int | None = None):
    """The citizen bound to `sid` (401 otherwise), for routes that run their own transaction."""
    async with logged_in(request, sid, permit_id=permit_id) as (_, citizen):
        return citizen


def body(request) -> dict:
    data = request.json if request.body else {}
    if not isinstance(data, dict):
        raise ApiError("bad_request", status=400)
    return data


@bp.get("/session")
async def get_session(request, sid: str):
    try:
        async with bound(request, sid, scoped=True) as (db, binding):
            citizen, a = binding.citizen, binding.citizen.address
            scope = None
            if binding.permit_id is not None:
                permit = await db.get(Permit, binding.permit_id)
                scope = {"permit_id": permit.id, "permit_number": permit.number,
                         "product_code": permit.product_code, "product_name": permit.product.name}
            return response.json({"logged_in": True, "login_method": binding.method, "scope": scope, "citizen": {
                "name": citizen.name, "kind": citizen.kind, "address": f"{a.line}, {a.postcode_city}",
                "zone": a.zone_code, "zone_name": a.zone.name if a.zone else "geen vergunninggebied"}})
    except ApiError as e:
        if e.code != "not_logged_in":
            raise
        return response.json({"logged_in": False, "citizen": None})


@bp.post("/login-link")
async def login_link(request, sid: str):
    data = body(request)
    method = data.get("method") or "digid"
    if method not in METHODS:
        raise ApiError("login_method_unknown", {"method": method}, 400)
    ctx = request.app.ctx
    async with ctx.sessionmaker.begin() as db:
        await sessions.get_or_create_conversation(db, sid, str(data.get("channel") or "rest")[:40])
    token = ctx.signer.sign("login", {"s": sid, "m": method, "j": secrets.token_hex(8)})
    return response.json({"url": f"{ctx.settings.public_base_url}/login/{method}?t={token}",
                          "expires_in": ctx.settings.login_link_ttl})


@bp.post("/logout")
async def logout(request, sid: str):
    async with request.app.ctx.sessionmaker.begin() as db:
        conv = await sessions.get_or_create_conversation(db, sid)
        sessions.unbind(conv)
    return response.json({"logged_in": False})


@bp.get("/products/<code>/availability")
async def availability(request, sid: str, code: str):
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await catalogue.availability(db, citizen, code))


@bp.get("/products/<code>/periods")
async def periods(request, sid: str, code: str):
    async with logged_in(request, sid) as (db, citizen):
        await catalogue.get_product(db, code)
        start_text = request.args.get("start_date")
        try:
            start = date.fromisoformat(start_text) if start_text else None
        except ValueError:
            raise ApiError("date_unreadable", status=400) from None
        return response.json({"periods": await catalogue.periods(db, code, citizen.address.zone_code, start)})


@bp.post("/validate/<field>")
async def validate(request, sid: str, field: str):
    data = body(request)
    # Also used by the plate change and termination forms, so a permit login may use it.
    async with bound(request, sid, scoped=True) as (db, binding):
        citizen = binding.citizen
        try:
            result = await applications.validate_field(
                db, request.app.ctx.vehicles, citizen, field, str(data.get("text") or "")[:500],
                data.get("draft") or {})
        except ApiError as e:
            if e.status == 422:   # a refused answer is a normal outcome, not an HTTP error
                return response.json({"ok": False, "error": e.code, "params": e.params})
            raise
        return response.json(result)


@bp.post("/applications/preview")
async def preview(request, sid: str):
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await applications.preview(
            db, request.app.ctx.vehicles, citizen, body(request).get("draft") or {}))


@bp.post("/applications")
async def create(request, sid: str):
    data = body(request)
    ctx = request.app.ctx
    key = str(data.get("idempotency_key") or "")
    superseded: list[str] = []
    try:
        async with logged_in(request, sid, write=True) as (db, citizen):
            application, created = await applications.create_application(
                db, ctx.vehicles, citizen, sid, data.get("draft") or {}, key, superseded)
            citizen_id = citizen.id
        await payments.cancel_at_psp(request.app, superseded)
    except IntegrityError:      # the same key raced in twice: answer with the first one
        created = False
        async with ctx.sessionmaker() as db:
            application = await db.scalar(select(Application).where(Application.idempotency_key == key))
            if application is None:
                raise
            citizen_id = application.citizen_id
    upload_url = None
    if application.status == "awaiting_evidence":
        token = ctx.signer.sign("upload", {"a": application.id, "c": citizen_id})
        upload_url = f"{ctx.settings.public_base_url}/upload?t={token}"
    next_step = {"awaiting_evidence": "upload", "awaiting_payment": "pay"}.get(application.status, "none")
    async with logged_in(request, sid) as (db, citizen):
        cart = await payments.cart(db, citizen)
    return response.json({"application": applications.application_json(application), "next": next_step,
                          "upload_url": upload_url, "cart_total": cart["total"],
                          "cart_total_display": cart["total_display"]},
                         status=201 if created else 200)


@bp.get("/applications")
async def list_applications(request, sid: str):
    offset, limit = lists.page_args(request.args)
    async with bound(request, sid, scoped=True) as (db, binding):
        return response.json(await lists.applications(db, binding.citizen, request.args.get("state", "open"),
                                                      offset, limit, binding.permit_id))


@bp.get("/products")
async def products(request, sid: str):
    """Huidige producten (state=current), Historie (history) or both (all, the default)."""
    offset, limit = lists.page_args(request.args)
    async with bound(request, sid, scoped=True) as (db, binding):
        return response.json(await lists.products(db, binding.citizen, request.args.get("state", "all"),
                                                  offset, limit, binding.permit_id))


@bp.get("/products/available")
async def available_products(request, sid: str):
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await lists.available(db, citizen))


@bp.get("/products/<permit_id:int>/termination")
async def termination_preview(request, sid: str, permit_id: int):
    async with logged_in(request, sid, permit_id=permit_id) as (db, citizen):
        return response.json(await termination.preview(db, citizen, permit_id))


@bp.post("/products/<permit_id:int>/terminate")
async def terminate(request, sid: str, permit_id: int):
    data = body(request)
    citizen = await bound_citizen(request, sid, permit_id)
    return response.json(await termination.terminate(request.app, citizen.id, permit_id,
                                                     str(data.get("iban") or "")[:50] or None))


@bp.post("/products/<permit_id:int>/plate-change")
async def plate_change_route(request, sid: str, permit_id: int):
    data = body(request)
    citizen = await bound_citizen(request, sid, permit_id)
    result = await plate_change.change_plate(
        request.app, citizen.id, sid, permit_id, data.get("old_plate"), str(data.get("new_plate") or ""),
        data.get("reason"), str(data.get("idempotency_key") or "")[:200])
    return response.json(result)


@bp.get("/products/<permit_id:int>/documents")
async def product_documents(request, sid: str, permit_id: int):
    async with logged_in(request, sid, permit_id=permit_id) as (db, citizen):
        return response.json(await lists.documents(request.app, db, citizen, permit_id))


@bp.get("/overview")
async def overview(request, sid: str):
    async with bound(request, sid, scoped=True) as (db, binding):
        return response.json(await lists.overview(db, binding.citizen, binding.permit_id))


@bp.get("/cart")
async def get_cart(request, sid: str):
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await payments.cart(db, citizen))


@bp.delete("/cart/items/<item_id:int>")
async def remove_cart_item(request, sid: str, item_id: int):
    citizen = await bound_citizen(request, sid)
    return response.json(await payments.remove_cart_item(request.app, citizen, item_id))


@bp.post("/cart/checkout")
async def checkout(request, sid: str):
    data = body(request)
    citizen = await bound_citizen(request, sid)
    result = await payments.checkout(request.app, citizen, sid, str(data.get("channel") or "rest")[:40])
    return response.json(result, status=201)


@bp.get("/payments/<payment_id:int>")
async def get_payment(request, sid: str, payment_id: int):
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await payments.payment_view(request.app, db, citizen, payment_id))


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


@bp.post("/handoff")
async def handoff_route(request, sid: str):
    data = body(request)
    ctx = request.app.ctx
    async with ctx.sessionmaker.begin() as db:
        result = await handoff.create_ticket(db, sid, str(data.get("channel") or "rest")[:40],
                                             data.get("transcript"), ctx.settings.session_idle_ttl)
    return response.json(result, status=201)
