"""The back office under /backoffice: operator login, the queue of applications waiting
for review, one application with its evidence, and the decision; plus a small JSON API
under /backoffice/api with the same session.

Sessions are signed cookies (HttpOnly, SameSite=Strict, expiring) that carry the
operator id, their session version (raised at logout) and the CSRF token every POST
must repeat (form field `csrf`, or header X-CSRF-Token for the JSON API).
"""

from __future__ import annotations

import hmac
import secrets
from datetime import date

from sanic import Blueprint, response

from backend.db.models import Operator
from backend.html import esc, html_page
from backend.services import backoffice
from backend.services.errors import ApiError
from backend.services.tokens import BadToken

bp = Blueprint("backoffice", url_prefix="/backoffice")

SESSION_COOKIE = "bo_session"
LOGIN_CSRF_COOKIE = "bo_login_csrf"
SESSION_TTL = 8 * 3600          # one working day
HEADLINE = "Gemeente Deventer — Parkeerloket backoffice"

ERRORS = {
    "bad_credentials": "Gebruikersnaam of wachtwoord is niet juist.",
    "locked": "Te veel mislukte pogingen. Dit account is {minutes} minuten geblokkeerd.",
    "demo_password": "Het demo-wachtwoord werkt niet op deze server. Stel een eigen wachtwoord in "
                     "met: python -m backend create-operator <naam>.",
    "csrf": "Het formulier is verlopen of niet van deze site. Probeer het opnieuw.",
    "reason_missing": "Geef een reden op als u de aanvraag afwijst.",
    "reason_too_long": "De reden is te lang. Gebruik maximaal {max} tekens.",
    "bad_outcome": "Kies goedkeuren of afwijzen.",
    "not_in_review": "Over deze aanvraag is al besloten (status: {status_label}). Er is niets gewijzigd.",
    "permit_not_active": "De vergunning van deze kentekenwijziging is niet meer geldig. Er is niets gewijzigd.",
    "unknown_application": "Deze aanvraag bestaat niet.",
}


class _Blank(dict):
    def __missing__(self, key):
        return "?"


def error_text(e: ApiError) -> str:
    return ERRORS.get(e.code, "Dat lukte niet. Probeer het opnieuw.").format_map(_Blank(e.params or {}))


def _secure(request) -> bool:
    return request.app.ctx.settings.public_base_url.startswith("https://")


def _set_cookie(request, resp, key: str, value: str, max_age: int) -> None:
    resp.add_cookie(key, value, path="/backoffice", max_age=max_age, httponly=True, samesite="Strict",
                    secure=_secure(request))


async def current_operator(request) -> tuple[Operator, str] | None:
    """(operator, csrf token) of a valid session cookie, or None."""
    ctx = request.app.ctx
    try:
        claims = ctx.signer.load("operator_session", request.cookies.get(SESSION_COOKIE, ""), SESSION_TTL)
    except BadToken:
        return None
    async with ctx.sessionmaker() as db:
        operator = await db.get(Operator, claims.get("o"))
    if operator is None or operator.session_version != claims.get("v"):
        return None
    return operator, claims["x"]


def _csrf_ok(given: str | None, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


def _layout(title: str, body: str, operator: Operator | None = None, csrf: str = "", status: int = 200,
            note: str = "", kind: str = "ok"):
    top = ""
    if operator is not None:
        top = (f'<p><small>Ingelogd als {esc(operator.name)}</small> · <a href="/backoffice">Wachtrij</a></p>')
    notice = f'<p class="{kind}" role="{"status" if kind == "ok" else "alert"}">{esc(note)}</p>' if note else ""
    logout = (f'<form method="post" action="/backoffice/logout"><input type="hidden" name="csrf" '
              f'value="{esc(csrf)}"><button type="submit">Uitloggen</button></form>') if operator else ""
    return html_page(title, top + notice + body + logout, status, headline=HEADLINE)


# Login / logout

def _login_page(request, error: str = "", status: int = 200):
    token = secrets.token_urlsafe(24)
    err = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    body = (f'{err}<form method="post" action="/backoffice/login">'
            f'<input type="hidden" name="csrf" value="{token}">'
            '<label for="username">Gebruikersnaam</label>'
            '<input id="username" name="username" autocomplete="username" required>'
            '<label for="password">Wachtwoord</label>'
            '<input id="password" name="password" type="password" autocomplete="current-password" required>'
            '<br><button type="submit">Inloggen</button></form>')
    resp = html_page("Inloggen backoffice", body, status, headline=HEADLINE)
    _set_cookie(request, resp, LOGIN_CSRF_COOKIE, token, 3600)
    return resp


@bp.get("/login")
async def login_page(request):
    return _login_page(request)


@bp.post("/login")
async def login_submit(request):
    form = request.form or {}
    if not _csrf_ok(form.get("csrf"), request.cookies.get(LOGIN_CSRF_COOKIE, "")):
        return _login_page(request, ERRORS["csrf"], 403)
    try:
        operator = await backoffice.authenticate(request.app, form.get("username", ""), form.get("password", ""))
    except ApiError as e:
        return _login_page(request, error_text(e), e.status)
    csrf = secrets.token_urlsafe(24)
    token = request.app.ctx.signer.sign("operator_session",
                                        {"o": operator.id, "v": operator.session_version, "x": csrf})
    resp = response.redirect("/backoffice", status=303)
    _set_cookie(request, resp, SESSION_COOKIE, token, SESSION_TTL)
    resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/backoffice")
    return resp


@bp.post("/logout")
async def logout(request):
    session = await current_operator(request)
    if session is None:
        return response.redirect("/backoffice/login", status=303)
    operator, csrf = session
    if not _csrf_ok((request.form or {}).get("csrf"), csrf):
        return _layout("Uitloggen", "", operator, csrf, 403, ERRORS["csrf"], "error")
    await backoffice.end_sessions(request.app, operator.id)
    resp = response.redirect("/backoffice/login", status=303)
    resp.delete_cookie(SESSION_COOKIE, path="/backoffice")
    return resp


# Pages

def _queue_table(items: list[dict]) -> str:
    if not items:
        return "<p>Er wacht niets op een beoordeling.</p>"
    rows = "".join(
        f'<tr><td><a href="/backoffice/applications/{i["id"]}">{esc(i["reference"])}</a></td>'
        f'<td>{esc(i["product_name"])}</td><td>{esc(i["citizen_name"])}<br><small>{esc(i["identifier"])}'
        f'</small></td><td>{esc(i["reason"])}</td><td>{i["days_waiting"]}</td></tr>' for i in items)
    return ('<table><thead><tr><th>Aanvraag</th><th>Product</th><th>Burger</th><th>Reden</th>'
            f'<th>Dagen wachtend</th></tr></thead><tbody>{rows}</tbody></table>')


@bp.get("/")
async def queue_page(request):
    session = await current_operator(request)
    if session is None:
        return response.redirect("/backoffice/login", status=303)
    async with request.app.ctx.sessionmaker() as db:
        items = await backoffice.queue(db, date.today())
    return _layout("Wachtrij beoordelingen", _queue_table(items), *session)


def _detail_body(d: dict, csrf: str) -> str:
    c = d["citizen"]
    rows = [("Aanvraag", d["reference"]), ("Product", d["product_name"]), ("Status", d["status_label"]),
            ("Burger", f'{c["name"]} ({c["identifier"]})'), ("Adres", f'{c["address"]} ({c["zone_name"]})'),
            ("Reden beoordeling", d["reason"]), ("Dagen wachtend", str(d["days_waiting"]))]
    if d["permit"]:
        rows += [("Vergunning", d["permit"]["number"]), ("Kentekens nu", ", ".join(d["permit"]["plates"]))]
        if d["replaces_plate"]:
            rows.append(("Vervangt kenteken", d["replaces_plate"]))
    else:
        rows += [("Ingangsdatum", d["start_date_display"]), ("Geldig tot en met", d["end_date_display"]),
                 ("Periode", d["period_label"]), ("Prijs", d["price_display"])]
    for p in d["plates"]:
        rows.append(("Kenteken", f'{p["plate"]}: ' + ("op naam van de burger" if p["on_name"]
                                                      else f'niet op naam ({p["reason"]})')))
    for a in d["answers"]:
        rows.append((a["question"], a["answer"]))
    table = "<table>" + "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows) + "</table>"
    evidence = "".join(f'<li><a href="{esc(e["url"])}" target="_blank" rel="noopener">{esc(e["filename"])}</a> '
                       f'<small>({esc(e["mime"])}, {e["size"]} bytes)</small></li>' for e in d["evidence"])
    evidence = f"<h2>Bewijsstuk</h2><ul>{evidence}</ul>" if evidence else "<h2>Bewijsstuk</h2><p>Geen.</p>"
    log = "".join(f'<tr><td>{esc(x["at"][:16].replace("T", " "))}</td><td>{esc(x["operator"])}</td>'
                  f'<td>{esc(x["outcome_label"])}</td><td>{esc(x["reason"] or "")}</td></tr>' for x in d["decisions"])
    log = ("<h2>Besluiten</h2><table><thead><tr><th>Wanneer (UTC)</th><th>Wie</th><th>Besluit</th><th>Reden</th>"
           f"</tr></thead><tbody>{log}</tbody></table>") if log else "<h2>Besluiten</h2><p>Nog geen besluit.</p>"
    forms = ""
    if d["decidable"]:
        base = f'/backoffice/applications/{d["id"]}'
        forms = (f'<h2>Besluit</h2><form method="post" action="{base}/approve">'
                 f'<input type="hidden" name="csrf" value="{esc(csrf)}">'
                 '<button type="submit">Goedkeuren</button></form>'
                 f'<form method="post" action="{base}/reject"><input type="hidden" name="csrf" value="{esc(csrf)}">'
                 '<label for="reason">Reden van afwijzen (de burger ziet deze reden)</label>'
                 '<input id="reason" name="reason" size="60" maxlength="500" required>'
                 '<br><button type="submit">Afwijzen</button></form>')
    return table + evidence + forms + log


async def _detail_page(request, application_id: int, session, status: int = 200, note: str = "",
                       kind: str = "ok"):
    async with request.app.ctx.sessionmaker() as db:
        try:
            d = await backoffice.detail(db, application_id, date.today())
        except ApiError as e:
            return _layout("Niet gevonden", "", *session, status=e.status, note=error_text(e), kind="error")
    return _layout(f'Aanvraag {d["reference"]}', _detail_body(d, session[1]), *session, status=status,
                   note=note, kind=kind)


@bp.get("/applications/<application_id:int>")
async def application_page(request, application_id: int):
    session = await current_operator(request)
    if session is None:
        return response.redirect("/backoffice/login", status=303)
    return await _detail_page(request, application_id, session)


@bp.get("/applications/<application_id:int>/evidence/<document_id:int>")
async def evidence_file(request, application_id: int, document_id: int):
    if await current_operator(request) is None:
        return response.json({"error": "not_logged_in", "params": {}}, status=401)
    async with request.app.ctx.sessionmaker() as db:
        try:
            doc = await backoffice.evidence(db, application_id, document_id)
        except ApiError as e:
            return response.json({"error": e.code, "params": {}}, status=e.status)
    return response.raw(doc.content, content_type=doc.mime, headers={
        "Content-Disposition": f'inline; filename="{doc.filename}"',
        "Cache-Control": "no-store", "Pragma": "no-cache", "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox", "Referrer-Policy": "no-referrer"})


async def _decide_form(request, application_id: int, outcome: str):
    session = await current_operator(request)
    if session is None:
        return response.redirect("/backoffice/login", status=303)
    operator, csrf = session
    form = request.form or {}
    if not _csrf_ok(form.get("csrf"), csrf):
        return await _detail_page(request, application_id, session, 403, ERRORS["csrf"], "error")
    try:
        result = await backoffice.decide(request.app, operator.id, application_id, outcome, form.get("reason"))
    except ApiError as e:
        return await _detail_page(request, application_id, session, e.status, error_text(e), "error")
    note = (f'Aanvraag {result["reference"]} is goedgekeurd.' if outcome == "approved"
            else f'Aanvraag {result["reference"]} is afgewezen.')
    note += " De burger krijgt bericht in de chat en per e-mail." if result["notified"] \
        else " De burger krijgt bericht per e-mail."
    return await _detail_page(request, application_id, session, note=note)


@bp.post("/applications/<application_id:int>/approve")
async def approve(request, application_id: int):
    return await _decide_form(request, application_id, "approved")


@bp.post("/applications/<application_id:int>/reject")
async def reject(request, application_id: int):
    return await _decide_form(request, application_id, "rejected")


# JSON API (same session cookie; POST needs the header X-CSRF-Token)

def _api_error(e: ApiError):
    return response.json({"error": e.code, "params": e.params}, status=e.status)


@bp.get("/api/session")
async def api_session(request):
    session = await current_operator(request)
    if session is None:
        return response.json({"error": "not_logged_in", "params": {}}, status=401)
    operator, csrf = session
    return response.json({"username": operator.username, "name": operator.name, "csrf_token": csrf})


@bp.get("/api/queue")
async def api_queue(request):
    if await current_operator(request) is None:
        return response.json({"error": "not_logged_in", "params": {}}, status=401)
    async with request.app.ctx.sessionmaker() as db:
        return response.json({"applications": await backoffice.queue(db, date.today())})


@bp.get("/api/applications/<application_id:int>")
async def api_application(request, application_id: int):
    if await current_operator(request) is None:
        return response.json({"error": "not_logged_in", "params": {}}, status=401)
    async with request.app.ctx.sessionmaker() as db:
        try:
            return response.json(await backoffice.detail(db, application_id, date.today()))
        except ApiError as e:
            return _api_error(e)


@bp.post("/api/applications/<application_id:int>/decision")
async def api_decide(request, application_id: int):
    session = await current_operator(request)
    if session is None:
        return response.json({"error": "not_logged_in", "params": {}}, status=401)
    operator, csrf = session
    if not _csrf_ok(request.headers.get("x-csrf-token"), csrf):
        return response.json({"error": "csrf", "params": {}}, status=403)
    data = request.json if request.body else {}
    if not isinstance(data, dict):
        return response.json({"error": "bad_request", "params": {}}, status=400)
    try:
        return response.json(await backoffice.decide(request.app, operator.id, application_id,
                                                     str(data.get("outcome") or ""), data.get("reason")))
    except ApiError as e:
        return _api_error(e)

