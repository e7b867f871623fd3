"""The PSP's webhook: it POSTs only the payment id; we fetch the status ourselves."""

from __future__ import annotations

import logging

from sanic import Blueprint, response

from backend.adapters.payment.base import PspError
from backend.db.models import Payment
from backend.services import fulfilment
from backend.services.errors import ApiError
from backend.services.notify import notify
from backend.services.tokens import BadToken

log = logging.getLogger(__name__)
bp = Blueprint("webhooks", url_prefix="/api/payments")


@bp.post("/webhook")
async def payment_webhook(request):
    ctx = request.app.ctx
    try:   # our own signed token in the webhook URL: only URLs we handed out are accepted
        payment_id = int(ctx.signer.load("webhook", request.args.get("t", ""), max_age=30 * 24 * 3600)["p"])
    except (BadToken, KeyError, ValueError):
        return response.json({"error": "bad_signature"}, status=403)
    psp_id = request.form.get("id", "") if request.form else ""
    if not psp_id.startswith("tr_"):
        return response.json({"error": "bad_request"}, status=400)
    try:
        changed = await fulfilment.handle_webhook(request.app, payment_id, psp_id)
    except PspError as e:   # not 200: the PSP retries later
        log.warning("webhook: PSP status fetch failed: %s", e)
        return response.json({"error": "psp_unavailable"}, status=503)
    except ApiError as e:
        return response.json({"error": e.code}, status=e.status)
    if changed:
        async with ctx.sessionmaker() as db:
            payment = await db.get(Payment, payment_id)
            sid = payment.conversation_sid
        await notify(request.app, sid, "EXTERNAL_payment_update", {"payment_id": payment_id})
    return response.text("")
