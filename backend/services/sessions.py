"""Which account a conversation is bound to (after login), how, and the idle timeout.

A binding made with the permit login carries a scope: the one permit the conversation
may see and change (`Binding.permit_id`); the API enforces it (api/deps.py).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.login.base import METHODS
from backend.db.models import Citizen, Conversation, Permit
from backend.domain.dates import as_utc
from backend.services.errors import ApiError


@dataclass(frozen=True)
class Binding:
    citizen: Citizen
    method: str                  # digid | eherkenning | permit
    permit_id: int | None = None  # set for a permit login: only this permit


async def get_or_create_conversation(db: AsyncSession, sid: str, channel: str | None = None) -> Conversation:
    conv = await db.get(Conversation, sid)
    if conv is None:
        conv = Conversation(sid=sid, channel=channel or "rest")
        db.add(conv)
    elif channel:
        conv.channel = channel
    return conv


async def current_binding(db: AsyncSession, sid: str, idle_ttl: int) -> Binding | None:
    """The binding of `sid`, or None (never bound, logged out, or idle too long).
    Each call counts as activity; the write is skipped within a minute to save I/O."""
    conv = await db.get(Conversation, sid)
    if conv is None or conv.citizen_id is None:
        return None
    now = datetime.now(timezone.utc)
    last = as_utc(conv.last_seen_at) or as_utc(conv.bound_at)
    if last is None or now - last > timedelta(seconds=idle_ttl):
        unbind(conv)
        return None
    if now - last > timedelta(seconds=60):
        conv.last_seen_at = now
    return Binding(conv.citizen, conv.login_method or "digid", conv.scope_permit_id)


async def current_citizen(db: AsyncSession, sid: str, idle_ttl: int) -> Citizen | None:
    binding = await current_binding(db, sid, idle_ttl)
    return binding.citizen if binding else None


def bind(conv: Conversation, citizen: Citizen, method: str = "digid", permit_id: int | None = None) -> None:
    now = datetime.now(timezone.utc)
    conv.citizen_id = citizen.id
    conv.last_citizen_id = citizen.id
    conv.citizen = citizen
    conv.login_method = method
    conv.scope_permit_id = permit_id
    conv.bound_at = now
    conv.last_seen_at = now


def unbind(conv: Conversation) -> None:
    conv.citizen_id = None
    conv.login_method = None
    conv.scope_permit_id = None
    conv.bound_at = None


async def session_view(db: AsyncSession, binding: Binding | None) -> dict:
    """Who the conversation is logged in as (GET /session)."""
    if binding is None:
        return {"logged_in": False, "citizen": None}
    citizen, a = binding.citizen, binding.citizen.address
    scope = None
    if binding.permit_id is not None:
        permit = await db.get(Permit, binding.permit_id)
        scope = {"permit_id": permit.id, "permit_number": permit.number,
                 "product_code": permit.product_code}
    return {"logged_in": True, "login_method": binding.method, "scope": scope, "citizen": {
        "name": citizen.name, "kind": citizen.kind, "address": f"{a.line}, {a.postcode_city}",
        "zone": a.zone_code, "zone_name": a.zone.name if a.zone else "geen vergunninggebied"}}


async def login_link(app, sid: str, method: str | None, channel: str) -> dict:
    """A signed, single-use link to the login page of `method` (digid by default)."""
    method = method or "digid"
    if method not in METHODS:
        raise ApiError("login_method_unknown", {"method": method}, 400)
    ctx = app.ctx
    async with ctx.sessionmaker.begin() as db:
        await get_or_create_conversation(db, sid, channel)
    token = ctx.signer.sign("login", {"s": sid, "m": method, "j": secrets.token_hex(8)})
    return {"url": f"{ctx.settings.public_base_url}/login/{method}?t={token}",
            "expires_in": ctx.settings.login_link_ttl}


async def logout(app, sid: str) -> dict:
    async with app.ctx.sessionmaker.begin() as db:
        unbind(await get_or_create_conversation(db, sid))
    return {"logged_in": False}
