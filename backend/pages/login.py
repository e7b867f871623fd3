"""Login from a chat link: send the person to the login broker, take them back, bind.

Three logins (backend/adapters/login): DigiD binds a person (BSN), eHerkenning a company
(KvK number), the permit login the holder of one permit, scoped to that permit. The chat
link (/login/<method>?t=…) is signed, expires after 15 minutes and works once. The broker
returns to /login/<method>/callback with our state and an artifact that we resolve over
the back channel; then the conversation is bound and told so through Rasa's
external-event API. No BSN, KvK number or code is ever in a URL or a log line.
"""

from __future__ import annotations

from sanic import Blueprint, response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backend.adapters.login.base import METHOD_NAMES, Identity, LoginError
from backend.db.models import Citizen, Permit, UsedToken
from backend.domain.statuses import PermitStatus
from backend.html import message
from backend.services import sessions
from backend.services.notify import notify
from backend.services.tokens import BadToken

bp = Blueprint("login_pages", url_prefix="/login")

EXPIRED = ("Link verlopen", "Deze inloglink is verlopen of al gebruikt. Vraag in de chat een nieuwe link.")
NOT_FOUND = {
    "digid": "Met dit BSN is niemand ingeschreven in de gemeente.",
    "eherkenning": "Met dit KvK-nummer is geen bedrijf bekend bij de gemeente.",
    "permit": "Deze vergunning loopt niet meer. Log in met DigiD of eHerkenning.",
}


def _claims(request, token: str, method: str) -> dict | None:
    ctx = request.app.ctx
    try:
        claims = ctx.signer.load("login", token, ctx.settings.login_link_ttl)
    except BadToken:
        return None
    # A link made for one login cannot be used for another.
    return claims if claims.get("m", "digid") == method and method in ctx.logins else None


async def _used(request, jti: str) -> bool:
    async with request.app.ctx.sessionmaker() as db:
        return await db.get(UsedToken, jti) is not None


async def _account(db, identity: Identity) -> tuple[Citizen | None, int | None, str | None]:
    """The account the identity stands for, the permit scope, and the name to greet."""
    if identity.method == "permit":
        permit = await db.scalar(select(Permit).where(Permit.number == identity.permit_number))
        if permit is None or permit.status != PermitStatus.ACTIVE:
            return None, None, None
        return await db.get(Citizen, permit.citizen_id), permit.id, f"vergunning {permit.number}"
    if identity.method == "eherkenning":
        citizen = await db.scalar(select(Citizen).where(Citizen.kvk == identity.kvk, Citizen.kind == "company"))
    else:
        citizen = await db.scalar(select(Citizen).where(Citizen.bsn == identity.bsn, Citizen.kind == "person"))
    return citizen, None, citizen.name if citizen else None


@bp.get("/<method>")
async def start(request, method: str):
    token = request.args.get("t", "")
    claims = _claims(request, token, method)
    if claims is None or await _used(request, claims["j"]):
        return message(*EXPIRED, status=410, kind="error")
    ctx = request.app.ctx
    callback = f"{ctx.settings.public_base_url}/login/{method}/callback"
    return response.redirect(ctx.logins[method].start_url(token, callback), status=303)


@bp.get("/<method>/callback")
async def callback(request, method: str):
    claims = _claims(request, request.args.get("state", ""), method)
    if claims is None:
        return message(*EXPIRED, status=410, kind="error")
    ctx = request.app.ctx
    try:
        identity = await ctx.logins[method].resolve(request.args.get("artifact", ""))
    except LoginError:
        return message("Inloggen niet gelukt", f"{METHOD_NAMES[method]} is nu niet bereikbaar. "
                       "Probeer het later opnieuw.", 503, "error")
    if identity is None or identity.method != method:
        return message("Inloggen niet gelukt", "Het inloggen is niet gelukt. Vraag in de chat een nieuwe link.",
                       400, "error")
    name = None
    try:
        async with ctx.sessionmaker.begin() as db:
            citizen, permit_id, name = await _account(db, identity)
            if citizen is not None:
                db.add(UsedToken(jti=claims["j"]))   # a second use of the link fails on the key
                conv = await sessions.get_or_create_conversation(db, claims["s"])
                sessions.bind(conv, citizen, method, permit_id)
    except IntegrityError:
        return message(*EXPIRED, status=410, kind="error")
    if name is None:
        return message("Niet gevonden", NOT_FOUND[method], 404, "error")
    await notify(request.app, claims["s"], "EXTERNAL_login_done", {})
    return message("U bent ingelogd",
                   f"U bent ingelogd als {name}. Ga terug naar de chat; de assistent gaat verder.")
