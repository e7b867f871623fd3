"""The only module that talks to the backend: one typed method per route of
docs/backend-api.md, over one shared httpx.AsyncClient per event loop.

Refusals come back as `BackendError(code, params, status)`; a backend that cannot be
reached or answers 5xx gives `BackendError("unavailable", ...)`, or the code of the outside
party that is down when the backend names one (`psp_unavailable`, `vehicle_register_unavailable`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, TypedDict
from urllib.parse import quote

import httpx

from actions import config

logger = logging.getLogger(__name__)

# Codes with which the bot can continue the conversation sensibly.
NOT_LOGGED_IN = "not_logged_in"
NEEDS_DIGID = "needs_digid"     # a permit login asked for more than its one permit
UNAVAILABLE = "unavailable"


class BackendError(Exception):
    """A refusal or failure of the backend."""

    def __init__(self, code: str, params: dict | None = None, status: int = 0) -> None:
        super().__init__(f"{code} ({status})")
        self.code = code
        self.params = params or {}
        self.status = status


_clients: dict[tuple[int, str, str], httpx.AsyncClient] = {}


def _client() -> httpx.AsyncClient:
    # One connection pool per event loop: an AsyncClient cannot be shared across loops
    # (the action server has one loop; tests create a loop per test).
    loop = asyncio.get_running_loop()
    key = (id(loop), config.BACKEND_URL, config.ACTIONS_API_TOKEN)
    client = _clients.get(key)
    if client is None or client.is_closed:
        client = httpx.AsyncClient(
            base_url=config.BACKEND_URL,
            headers={"Authorization": f"Bearer {config.ACTIONS_API_TOKEN}"},
            timeout=config.BACKEND_TIMEOUT,
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )
        _clients[key] = client
    return client


async def close() -> None:
    """Close the client of the running event loop (tests)."""
    loop = asyncio.get_running_loop()
    for key in [k for k in _clients if k[0] == id(loop)]:
        await _clients.pop(key).aclose()


def _conv(sid: str) -> str:
    return f"/api/conversations/{quote(sid, safe='')}"


async def _call(method: str, path: str, *, json: Any = None, params: dict | None = None) -> dict:
    try:
        response = await _client().request(method, path, json=json, params=params)
    except httpx.HTTPError as e:
        logger.warning("backend %s %s failed: %s", method, path, e)
        raise BackendError(UNAVAILABLE, {}, 0) from e
    if response.status_code >= 500:
        logger.warning("backend %s %s answered %s", method, path, response.status_code)
        raise BackendError(_outage_code(response), {}, response.status_code)
    try:
        data = response.json()
    except ValueError:
        data = {}
    if response.status_code >= 400:
        if not isinstance(data, dict):
            data = {}
        raise BackendError(str(data.get("error") or "bad_request"), data.get("params") or {},
                           response.status_code)
    return data if isinstance(data, dict) else {"data": data}


def _outage_code(response: httpx.Response) -> str:
    """`<party>_unavailable` when the backend says which outside party is down, else "unavailable"."""
    try:
        code = response.json().get("error")
    except (ValueError, AttributeError):
        return UNAVAILABLE
    return code if isinstance(code, str) and code.endswith("_" + UNAVAILABLE) else UNAVAILABLE


# Session / login

async def session(sid: str) -> dict:
    return await _call("GET", f"{_conv(sid)}/session")


async def login_link(sid: str, channel: str, method: str = "digid") -> dict:
    return await _call("POST", f"{_conv(sid)}/login-link", json={"method": method, "channel": channel})


async def logout(sid: str) -> dict:
    return await _call("POST", f"{_conv(sid)}/logout")


async def handoff(sid: str, channel: str, transcript: list[dict]) -> dict:
    """A ticket for a person, with the chat as [{"speaker": "user"|"bot", "text"}] (the backend masks BSN/IBAN)."""
    return await _call("POST", f"{_conv(sid)}/handoff", json={"channel": channel, "transcript": transcript})


# Catalogue and availability

async def availability(sid: str, code: str) -> dict:
    return await _call("GET", f"{_conv(sid)}/products/{quote(code, safe='')}/availability")


async def periods(sid: str, code: str, start_date: str | None = None) -> list[dict]:
    params = {"start_date": start_date} if start_date else None
    data = await _call("GET", f"{_conv(sid)}/products/{quote(code, safe='')}/periods", params=params)
    return list(data.get("periods") or [])


async def available_products(sid: str) -> dict:
    """Aanvraagbare producten: `{"products": [{"code", "name", "available", "reason", "params",
    "prices"}], ...}`, every catalogue product with the availability answer for this citizen."""
    return await _call("GET", f"{_conv(sid)}/products/available")


# Home and lists (paged: `{"<items>": [...], "total": int, "next_offset": int | None}`)

PAGE_SIZE = 5


class ProductPage(TypedDict):
    products: list[dict]
    total: int
    next_offset: int | None


class ApplicationPage(TypedDict):
    applications: list[dict]
    total: int
    next_offset: int | None


def _next_offset(data: dict) -> int | None:
    value = data.get("next_offset")
    return None if value is None else int(value)


async def overview(sid: str) -> dict:
    """Home: `{"counts": {...}, "open_applications": [...], "cart_total"}`."""
    return await _call("GET", f"{_conv(sid)}/overview")


async def products(sid: str, state: str = "current", offset: int = 0, limit: int = PAGE_SIZE) -> ProductPage:
    """The citizen's permits (`state` current, history or all), one page:
    `{"products": [...], "total", "next_offset"}`."""
    data = await _call("GET", f"{_conv(sid)}/products",
                       params={"state": state, "offset": offset, "limit": limit})
    return ProductPage(products=list(data.get("products") or []), total=int(data.get("total") or 0),
                       next_offset=_next_offset(data))


# Validation of one answer

async def validate(sid: str, field: str, text: str, draft: dict) -> dict:
    """`{"ok": True, "value", "display", ...}` or `{"ok": False, "error", "params"}`."""
    try:
        return await _call("POST", f"{_conv(sid)}/validate/{field}", json={"text": text, "draft": draft})
    except BackendError as e:
        if e.status == 422:
            return {"ok": False, "error": e.code, "params": e.params}
        raise


# Applications, cart, payment

async def preview(sid: str, draft: dict) -> dict:
    return await _call("POST", f"{_conv(sid)}/applications/preview", json={"draft": draft})


async def create_application(sid: str, draft: dict, idempotency_key: str) -> dict:
    return await _call("POST", f"{_conv(sid)}/applications",
                       json={"draft": draft, "idempotency_key": idempotency_key})


async def applications(sid: str, state: str = "open", offset: int = 0,
                       limit: int = PAGE_SIZE) -> ApplicationPage:
    """Applications (`state` open, closed or all), one page:
    `{"applications": [...], "total", "next_offset"}`."""
    data = await _call("GET", f"{_conv(sid)}/applications",
                       params={"state": state, "offset": offset, "limit": limit})
    return ApplicationPage(applications=list(data.get("applications") or []),
                           total=int(data.get("total") or 0), next_offset=_next_offset(data))


async def cart(sid: str) -> dict:
    return await _call("GET", f"{_conv(sid)}/cart")


async def product_documents(sid: str, permit_id: int | str) -> dict:
    return await _call("GET", f"{_conv(sid)}/products/{int(permit_id)}/documents")


async def remove_cart_item(sid: str, item_id: int | str) -> dict:
    return await _call("DELETE", f"{_conv(sid)}/cart/items/{int(item_id)}")


async def checkout(sid: str, channel: str) -> dict:
    return await _call("POST", f"{_conv(sid)}/cart/checkout", json={"channel": channel})


async def payment(sid: str, payment_id: int | str) -> dict:
    return await _call("GET", f"{_conv(sid)}/payments/{int(payment_id)}")


# Beëindigen

async def termination_preview(sid: str, permit_id: int | str) -> dict:
    """What ending the permit now means: `{"number", "product_code", "plates", "end_date",
    "restitution", "paid_within_weeks", "needs_iban", "iban_masked"}`."""
    return await _call("GET", f"{_conv(sid)}/products/{int(permit_id)}/termination")


async def submit_termination(sid: str, permit_id: int | str, iban: str | None = None) -> dict:
    """End the permit today: `{"number", "product_code", "ended_on", "restitution",
    "paid_within_weeks", "iban_masked", "document": {"title", "url"}}`."""
    body = {"iban": iban} if iban else {}
    return await _call("POST", f"{_conv(sid)}/products/{int(permit_id)}/termination", json=body)


# Kenteken wijzigen

async def change_plate(sid: str, permit_id: int | str, old_plate: str | None, new_plate: str,
                       reason: str | None, idempotency_key: str) -> dict:
    """Replace `old_plate` (None: add a second plate) by `new_plate`: `{"reference", "status":
    "granted|awaiting_evidence", "number", "plates", "new_plate", "upload_url", "document"}`."""
    body = {"old_plate": old_plate, "new_plate": new_plate, "reason": reason, "idempotency_key": idempotency_key}
    return await _call("POST", f"{_conv(sid)}/products/{int(permit_id)}/change-plate", json=body)


# Verlengingen

async def renewals(sid: str, state: str = "open") -> dict:
    """`{"total", "renewals": [{"id", "status", "number", "product_code", "plates",
    "current_end", "period_start", "period_end" (ISO), "price",
    "actions": ["confirm"|"pay", "withdraw"]}]}`."""
    return await _call("GET", f"{_conv(sid)}/renewals", params={"state": state})


async def confirm_renewal(sid: str, renewal_id: int | str) -> dict:
    """"Wacht op uw bevestiging" → "Wacht op betaling" (in the cart): `{"renewal", "cart_total"}`."""
    return await _call("POST", f"{_conv(sid)}/renewals/{int(renewal_id)}/confirm")


async def withdraw_renewal(sid: str, renewal_id: int | str) -> dict:
    """Intrekken: `{"renewal"}`; refused with `renewal_paid` once it is paid."""
    return await _call("POST", f"{_conv(sid)}/renewals/{int(renewal_id)}/withdraw")


# Parkeren (visitor parking sessions on a bezoekersvergunning)

async def preview_parking(sid: str, permit_id: int | str, plate: str, start: str | None = None,
                          end: str | None = None) -> dict:
    """Check without storing: the plate alone (no `end`), or the whole session: `{"plate",
    "display", "starts_at", "ends_at", "cost", "balance", "balance_after"}`; the refusals of
    `start_parking`."""
    body = {"plate": plate, "plate_only": end is None}
    if end is not None:
        body.update(start=start, end=end)
    return await _call("POST", f"{_conv(sid)}/products/{int(permit_id)}/parking-sessions/preview", json=body)


async def start_parking(sid: str, permit_id: int | str, plate: str, start: str | None, end: str,
                        channel: str, idempotency_key: str) -> dict:
    """`{"session": {"id", "display", "starts_at", "ends_at", "state", "cost", …}, "cost", "balance"}`;
    refused with period_in_past, end_before_start, too_far_ahead, plate_already_parks,
    max_sessions_reached, balance_too_low {cost, balance}, permit_not_valid_then, plate_invalid."""
    body = {"plate": plate, "start": start, "end": end, "channel": channel, "idempotency_key": idempotency_key}
    return await _call("POST", f"{_conv(sid)}/products/{int(permit_id)}/parking-sessions", json=body)


async def parking_sessions(sid: str, state: str = "current") -> dict:
    """Over all the citizen's visitor permits: `{"total", "next_offset", "sessions": [...]}`."""
    return await _call("GET", f"{_conv(sid)}/parking-sessions", params={"state": state})


async def stop_parking(sid: str, session_id: int | str) -> dict:
    """Stop (running) or cancel (planned): `{"session", "refund", "balance"}`; refused with
    session_not_active."""
    return await _call("POST", f"{_conv(sid)}/parking-sessions/{int(session_id)}/stop")


# Kentekenswitch

async def plates(sid: str, permit_id: int | str) -> dict:
    """`{"id", "number", "product_code", "plates": [{"plate", "active"}], "linked": {"needed",
    "linked", "method"}, "last_switch": {"plate", "channel", "switched_at"} | None}`."""
    return await _call("GET", f"{_conv(sid)}/products/{int(permit_id)}/plates")


async def activate_plate(sid: str, permit_id: int | str, plate: str, channel: str) -> dict:
    """Make `plate` the active one: the plates view plus `"active_plate"` and `"changed"`;
    refused with plate_invalid, plate_not_on_permit, single_plate, not_linked, already_ended."""
    return await _call("POST", f"{_conv(sid)}/products/{int(permit_id)}/active-plate",
                       json={"plate": plate, "channel": channel})


# Opwaarderen (parkeertegoed of a bezoekersvergunning)

async def top_up_options(sid: str, permit_id: int | str) -> dict:
    """`{"permit_id", "permit_number", "zone", "amounts": ["10.00", …], "min", "max",
    "balance", "balance_max", "hours", "hourly_rate"}` (money and hours as decimal strings)."""
    return await _call("GET", f"{_conv(sid)}/products/{int(permit_id)}/top-up")


async def top_up(sid: str, permit_id: int | str, amount: str, channel: str) -> dict:
    """A payment link for topping up `amount` ("25.00"): `{"top_up_id", "payment_id",
    "payment_url", "permit_number", "amount"}`; refused with amount_invalid, amount_too_low
    (min), amount_too_high (max) or balance_max_reached (balance, balance_max, room)."""
    return await _call("POST", f"{_conv(sid)}/products/{int(permit_id)}/top-up",
                       json={"amount": amount, "channel": channel})
