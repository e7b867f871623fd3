"""Login from a chat link: send the person to the login broker, take them back, bind.

The chat link (/login/digid?t=…) is signed, expires after 15 minutes and works once. The
broker returns to /login/digid/callback with our state and an artifact that we resolve
over the back channel; then the conversation is bound to that citizen and told so
through Rasa's external-event API. The BSN is never in a URL or a log line.
"""

from __future__ import annotations

from sanic import Blueprint, response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backend.adapters.login.base import LoginError
from backend.db.models import Citizen, UsedToken
from backend.html import message
from backend.services import sessions
from backend.services.notify import notify
from backend.services.tokens import BadToken

bp = Blueprint("login_pages", url_prefix="/login")

EXPIRED = ("Link verlopen", "Deze inloglink is verlopen of al gebruikt. Vraag in de chat een nieuwe link.")


def _claims(request, token: str) -> dict | None:
    ctx = request.app.ctx
    try:
        return ctx.signer.load("login", token, ctx.settings.login_link_ttl)
    except BadToken:
        return None


async def _used(request, jti: str) -> bool:
    async with request.app.ctx.sessionmaker() as db:
        return await db.get(UsedToken, jti) is not None


@bp.get("/digid")
async def start(request):
    token = request.args.get("t", "")
    claims = _claims(request, token)
    if claims is None or await _used(request, claims["j"]):
        return message(*EXPIRED, status=410, kind="error")
    ctx = request.app.ctx
    callback = f"{ctx.settings.public_base_url}/login/digid/callback"
    return response.redirect(ctx.login.start_url(token, callback), status=303)


@bp.get("/digid/callback")
async def callback(request):
    claims = _claims(request, request.args.get("state", ""))
    if claims is None:
        return message(*EXPIRED, status=410, kind="error")
    ctx = request.app.ctx
    try:
        identity = await ctx.login.resolve(request.args.get("artifact", ""))
    except LoginError:
        return message("Inloggen niet gelukt", "DigiD is nu niet bereikbaar. Probeer het later opnieuw.", 503, "error")
    if identity is None:
        return message("Inloggen niet gelukt", "Het inloggen is niet gelukt. Vraag in de chat een nieuwe link.",
                       400, "error")
    name = None
    try:
        async with ctx.sessionmaker.begin() as db:
            citizen = await db.scalar(select(Citizen).where(Citizen.bsn == identity.bsn))
            if citizen is not None:
                db.add(UsedToken(jti=claims["j"]))   # a second use of the link fails on the key
                conv = await sessions.get_or_create_conversation(db, claims["s"])
                sessions.bind(conv, citizen)
                name = citizen.name
    except IntegrityError:
        return message(*EXPIRED, status=410, kind="error")
    if name is None:
        return message("Niet gevonden", "Met dit BSN is niemand ingeschreven in de gemeente.", 404, "error")
    await notify(request.app, claims["s"], "EXTERNAL_login_done", {})
    return message("U bent ingelogd",
                   f"U bent ingelogd als {name}. Ga terug naar de chat; de assistent gaat verder.")
