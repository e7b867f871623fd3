"""iDEAL / PSP simulator: the Mollie Payments API v2 routes and a checkout page.

An outside party in real life; here a blueprint so `make run` needs nothing else.
Its state lives in its own table (sim_psp_payment), never in our payment records.
The checkout page works without JavaScript: choose a bank and an outcome, submit.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timezone

import httpx
from sanic import Blueprint, response

from backend.adapters.payment.simulator_models import SimPspPayment
from backend.html import esc, html_page, message

log = logging.getLogger(__name__)
bp = Blueprint("psp_simulator", url_prefix="/sim/psp")

ISSUERS = [("ideal_ABNANL2A", "ABN AMRO"), ("ideal_INGBNL2A", "ING"),
           ("ideal_RABONL2U", "Rabobank"), ("ideal_SNSBNL2A", "SNS"),
           ("ideal_ASNBNL21", "ASN Bank"), ("ideal_BUNQNL2A", "bunq")]
OUTCOMES = [("paid", "Betaling gelukt"), ("failed", "Betaling mislukt"),
            ("canceled", "Betaling geannuleerd"), ("expired", "Betaling verlopen")]


def _body(p: SimPspPayment, base: str) -> dict:
    body = {"resource": "payment", "id": p.id, "mode": "test", "status": p.status,
            "amount": {"currency": p.currency, "value": p.amount},
            "description": p.description, "redirectUrl": p.redirect_url,
            "webhookUrl": p.webhook_url, "metadata": p.meta, "method": "ideal",
            "createdAt": p.created_at.isoformat() if p.created_at else None,
            "_links": {"self": {"href": f"{base}/v2/payments/{p.id}"}}}
    if p.status == "open":
        body["_links"]["checkout"] = {"href": f"{base}/checkout/{p.id}"}
    if p.paid_at:
        body["paidAt"] = p.paid_at.isoformat()
    return body


def _authorised(request) -> bool:
    auth = request.headers.get("authorization", "")
    return auth.startswith("Bearer test_") or auth.startswith("Bearer live_")


def _base(request) -> str:
    return f"{request.app.ctx.settings.public_base_url}/sim/psp"


@bp.post("/v2/payments")
async def create(request):
    if not _authorised(request):
        return response.json({"status": 401, "title": "Unauthorized Request"}, status=401)
    data = request.json or {}
    amount = (data.get("amount") or {})
    if amount.get("currency") != "EUR" or not amount.get("value") or not data.get("redirectUrl"):
        return response.json({"status": 422, "title": "Unprocessable Entity"}, status=422)
    async with request.app.ctx.sessionmaker.begin() as db:
        p = SimPspPayment(id="tr_" + secrets.token_urlsafe(8).replace("-", "x").replace("_", "y"),
                          amount=amount["value"], description=data.get("description", ""),
                          redirect_url=data["redirectUrl"], webhook_url=data.get("webhookUrl"),
                          meta=data.get("metadata") or {}, status="open",
                          created_at=datetime.now(timezone.utc))
        db.add(p)
    return response.json(_body(p, _base(request)), status=201)


@bp.get("/v2/payments/<psp_id>")
async def get(request, psp_id: str):
    if not _authorised(request):
        return response.json({"status": 401}, status=401)
    async with request.app.ctx.sessionmaker() as db:
        p = await db.get(SimPspPayment, psp_id)
    if p is None:
        return response.json({"status": 404, "title": "Not Found"}, status=404)
    return response.json(_body(p, _base(request)))


@bp.delete("/v2/payments/<psp_id>")
async def cancel(request, psp_id: str):
    if not _authorised(request):
        return response.json({"status": 401}, status=401)
    async with request.app.ctx.sessionmaker.begin() as db:
        p = await db.get(SimPspPayment, psp_id)
        if p is None:
            return response.json({"status": 404}, status=404)
        if p.status != "open":
            return response.json({"status": 422, "title": "The payment cannot be canceled"}, status=422)
        p.status = "canceled"
    await _call_webhook(p)
    return response.json(_body(p, _base(request)))


async def _call_webhook(p: SimPspPayment) -> None:
    """Like Mollie: POST only the id, form-encoded; a failure is logged, not fatal."""
    if not p.webhook_url:
        return
    try:
        async with httpx.AsyncClient(timeout=15) as client:
            await client.post(p.webhook_url, data={"id": p.id})
    except httpx.HTTPError as e:
        log.warning("PSP simulator: webhook for %s failed: %s", p.id, e.__class__.__name__)


@bp.get("/checkout/<psp_id>")
async def checkout_page(request, psp_id: str):
    async with request.app.ctx.sessionmaker() as db:
        p = await db.get(SimPspPayment, psp_id)
    if p is None:
        return message("Betaling niet gevonden", "Deze betaling bestaat niet.", 404, "error")
    if p.status != "open":
        return message("Betaling al afgerond",
                       "Deze betaling is al afgerond. Er wordt niets meer afgeschreven. "
                       "Ga terug naar de chat.", 409, "error")
    banks = "".join(f'<option value="{esc(v)}">{esc(n)}</option>' for v, n in ISSUERS)
    outcomes = "".join(
        f'<input type="radio" id="s-{v}" name="status" value="{v}"{" checked" if v == "paid" else ""}>'
        f'<label for="s-{v}" style="display:inline;font-weight:normal">{esc(n)}</label><br>'
        for v, n in OUTCOMES)
    amount = p.amount.replace(".", ",")
    body = (f"<p>{esc(p.description)}</p><p><strong>Te betalen: € {esc(amount)}</strong></p>"
            f'<form method="post" action="/sim/psp/checkout/{esc(p.id)}">'
            f'<label for="issuer">Kies uw bank</label><select id="issuer" name="issuer">{banks}</select>'
            f"<fieldset><legend>Uitkomst (simulator)</legend>{outcomes}</fieldset>"
            f'<button type="submit">Verder</button></form>'
            f"<p><small>Dit is een iDEAL-simulator. Er wordt geen echt geld afgeschreven.</small></p>")
    return html_page("iDEAL betalen", body, headline="iDEAL (simulator)")


@bp.post("/checkout/<psp_id>")
async def checkout_submit(request, psp_id: str):
    outcome = request.form.get("status", "paid")
    if outcome not in dict(OUTCOMES):
        return message("Ongeldige keuze", "Kies een uitkomst van de betaling.", 400, "error")
    async with request.app.ctx.sessionmaker.begin() as db:
        p = await db.get(SimPspPayment, psp_id, with_for_update=True)
        if p is None:
            return message("Betaling niet gevonden", "Deze betaling bestaat niet.", 404, "error")
        if p.status != "open":   # double click or old link: never pay twice
            return message("Betaling al afgerond",
                           "Deze betaling is al afgerond. Er wordt niets meer afgeschreven.",
                           409, "error")
        p.status = outcome
        p.issuer = request.form.get("issuer")
        if outcome == "paid":
            p.paid_at = datetime.now(timezone.utc)
    await _call_webhook(p)
    return response.redirect(p.redirect_url, status=303)
