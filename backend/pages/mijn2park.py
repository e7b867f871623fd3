"""The mijn.2park link page the e-mail after a grant points to (/mijn2park/link/<token>).

No account for the holder's e-mail yet: a form to make one (the e-mail address is the user
name; a password, twice) and "Bevestig", which links the product. An account exists: the
product is linked at once and the page says so. The form post repeats a CSRF token that is
also in a SameSite=Strict cookie (as the back office login). The password is never logged.
"""

from __future__ import annotations

import hmac
import secrets

from sanic import Blueprint

from backend.domain import mijn2park as rules
from backend.html import esc, html_page, message
from backend.services import mijn2park
from backend.services.mijn2park import LinkPage, LinkUnusable

bp = Blueprint("mijn2park_pages", url_prefix="/mijn2park")

CSRF_COOKIE = "m2p_csrf"
TITLE = "Koppelen aan mijn.2park"
UNUSABLE = ("Link verlopen", "Deze link is verlopen, al gebruikt of niet meer geldig. Bent u in de chat "
            "ingelogd met DigiD of eHerkenning? Dan is uw product daar al gekoppeld.")
PASSWORD_PROBLEMS = {
    "too_short": f"Het wachtwoord moet minstens {rules.MIN_PASSWORD_LENGTH} tekens hebben.",
    "not_the_same": "De twee wachtwoorden zijn niet hetzelfde.",
    "is_email": "Kies een wachtwoord dat niet uw e-mailadres is.",
}
METHOD_TEXT = {
    "email_link": "met uw nieuwe mijn.2park-account",
    "existing_account": "met uw bestaande mijn.2park-account",
    "digid": "via uw DigiD-login in de chat",
    "eherkenning": "via uw eHerkenning-login in de chat",
}


def _linked(state: LinkPage, method: str, status: int = 200):
    account = f" ({state.email})" if method not in ("digid", "eherkenning") else ""
    then = ("daar kiest u bijvoorbeeld het actieve kenteken" if state.needs_plate else
            "daar laat u bijvoorbeeld uw bezoek parkeren")
    return message("Gekoppeld", f"Uw {state.product_name} {state.number} is gekoppeld {METHOD_TEXT[method]}"
                   f"{account}. Ga terug naar de chat; {then}.", status)


def _form(request, token: str, state: LinkPage, error: str = "", status: int = 200):
    csrf = secrets.token_urlsafe(24)
    err = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    body = (f"{err}<p>Maak een mijn.2park-account en koppel daaraan uw {esc(state.product_name)} "
            f"{esc(state.number)}.</p>"
            f"<p>Gebruikersnaam: <strong>{esc(state.email)}</strong></p>"
            f'<form method="post" action="/mijn2park/link/{esc(token)}">'
            f'<input type="hidden" name="csrf" value="{csrf}">'
            f'<label for="password">Wachtwoord (minstens {rules.MIN_PASSWORD_LENGTH} tekens)</label>'
            '<input id="password" name="password" type="password" autocomplete="new-password" required>'
            '<label for="password2">Wachtwoord nog een keer</label>'
            '<input id="password2" name="password2" type="password" autocomplete="new-password" required>'
            '<br><button type="submit">Bevestig</button></form>')
    resp = html_page(TITLE, body, status)
    resp.add_cookie(CSRF_COOKIE, csrf, path="/mijn2park", max_age=3600, httponly=True, samesite="Strict",
                    secure=request.app.ctx.settings.public_base_url.startswith("https://"))
    return resp


@bp.get("/link/<token>")
async def link_page(request, token: str):
    try:
        state = await mijn2park.page(request.app, token)
        if state.method is not None:
            return _linked(state, state.method)
        if state.has_account:                  # an account exists: linked at once
            return _linked(state, await mijn2park.link(request.app, token))
    except LinkUnusable:
        return message(*UNUSABLE, status=410, kind="error")
    return _form(request, token, state)


@bp.post("/link/<token>")
async def link_submit(request, token: str):
    form = request.form or {}
    try:
        state = await mijn2park.page(request.app, token)
        if state.method is not None:
            return _linked(state, state.method)
        given, expected = form.get("csrf") or "", request.cookies.get(CSRF_COOKIE, "")
        if not (given and expected and hmac.compare_digest(given.encode(), expected.encode())):
            return _form(request, token, state, "Het formulier is verlopen of niet van deze site. "
                         "Probeer het opnieuw.", 403)
        password = form.get("password") or ""
        problem = None if state.has_account else rules.password_problem(
            password, form.get("password2") or "", state.email)
        if problem:
            return _form(request, token, state, PASSWORD_PROBLEMS[problem], 422)
        method = await mijn2park.link(request.app, token, None if state.has_account else password)
    except LinkUnusable:
        return message(*UNUSABLE, status=410, kind="error")
    return _linked(state, method)
