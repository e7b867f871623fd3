"""DigiD simulator: the page a citizen opens from the login link in the chat.

In real life the municipality's SAML/OIDC broker; here a form that asks for a BSN and
lists the demo citizens. On success the conversation is bound to that citizen and
told so through Rasa's external-event API. The link is signed, expires after 15
minutes and works once. The BSN never appears in a URL or a log line.
"""

from __future__ import annotations

from sanic import Blueprint
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backend.db.models import Citizen, UsedToken
from backend.domain.identity import is_valid_bsn
from backend.pages.layout import esc, html_page, message
from backend.services import sessions
from backend.services.notify import notify
from backend.services.tokens import BadToken

bp = Blueprint("login_simulator", url_prefix="/login")

EXPIRED = ("Link verlopen", "Deze inloglink is verlopen of al gebruikt. Vraag in de chat een nieuwe link.")


def _claims(request) -> dict | None:
    ctx = request.app.ctx
    try:
        return ctx.signer.load("login", request.args.get("t", ""), ctx.settings.login_link_ttl)
    except BadToken:
        return None


async def _form(request, error: str | None = None, status: int = 200):
    async with request.app.ctx.sessionmaker() as db:
        citizens = list(await db.scalars(select(Citizen).where(Citizen.situation != "Benchmark")
                                         .order_by(Citizen.bsn).limit(20)))
    rows = "".join(f"<tr><td>{esc(c.bsn)}</td><td>{esc(c.name)}</td><td>{esc(c.address.line)}, "
                   f"{esc(c.address.city)}</td><td>{esc(c.situation)}</td></tr>" for c in citizens)
    err = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    body = (f"{err}<form method=\"post\" action=\"/login/digid?t={esc(request.args.get('t', ''))}\">"
            "<label for=\"bsn\">Burgerservicenummer (BSN)</label>"
            "<input id=\"bsn\" name=\"bsn\" inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"11\" required>"
            "<br><button type=\"submit\">Inloggen</button></form>"
            "<h2>Testpersonen</h2><table><tr><th>BSN</th><th>Naam</th><th>Adres</th><th>Situatie</th></tr>"
            f"{rows}</table><p><small>Dit is een DigiD-simulator voor testen.</small></p>")
    return html_page("Inloggen met DigiD", body, status, headline="DigiD (simulator)")


@bp.get("/digid")
async def digid_page(request):
    if _claims(request) is None:
        return message(*EXPIRED, status=410, kind="error")
    return await _form(request)


@bp.post("/digid")
async def digid_submit(request):
    claims = _claims(request)
    if claims is None:
        return message(*EXPIRED, status=410, kind="error")
    bsn = "".join(ch for ch in (request.form.get("bsn") or "") if ch.isdigit())
    if not is_valid_bsn(bsn):
        return await _form(request, "Dit is geen geldig BSN. Een BSN heeft 9 cijfers. Controleer het nummer.", 400)
    ctx = request.app.ctx
    name = None
    try:
        async with ctx.sessionmaker.begin() as db:
            citizen = await db.scalar(select(Citizen).where(Citizen.bsn == bsn))
            if citizen is not None:
                db.add(UsedToken(jti=claims["j"]))   # a second use of the link fails on the key
                conv = await sessions.get_or_create_conversation(db, claims["s"])
                sessions.bind(conv, citizen)
                name = citizen.name
    except IntegrityError:
        return message(*EXPIRED, status=410, kind="error")
    if name is None:
        return await _form(request, "Met dit BSN is niemand ingeschreven in de gemeente.", 404)
    await notify(request.app, claims["s"], "EXTERNAL_login_done", {})
    return message("U bent ingelogd",
                   f"U bent ingelogd als {name}. Ga terug naar de chat; de assistent gaat verder.")
