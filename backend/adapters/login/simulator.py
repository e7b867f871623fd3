"""Login broker simulator for DigiD, eHerkenning and the permit login: the broker's login
pages, and a client for it with the real flow's shape.

Each page asks what its login asks (`bsn`, elfproef checked; `kvk`, KvK check; or
`permit_number` + `code`, checked against the stored hash) and lists the demo accounts, so
a new user can try each situation. On submit it sends the person back to our callback with
a one-time artifact; `SimulatorBrokerClient.resolve` turns that into the identity over a
back channel.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

import httpx
from sanic import Blueprint, response
from sqlalchemy import select

from backend.adapters.login.base import METHODS, Identity, LoginError
from backend.adapters.login.simulator_models import SimLoginArtifact
from backend.db.models import Citizen, Permit
from backend.db.seed import demo_permit_logins
from backend.domain.identity import is_valid_bsn, normalize_kvk
from backend.domain.passwords import verify_password
from backend.html import esc, html_page, message

bp = Blueprint("login_simulators", url_prefix="/sim")
ARTIFACT_TTL = timedelta(minutes=2)
# The field of the back-channel answer (and of Identity) per login.
SUBJECT_FIELD = {"digid": "bsn", "eherkenning": "kvk", "permit": "permit_number"}


class SimulatorBrokerClient:
    def __init__(self, base_url: str, method: str = "digid") -> None:
        self.base_url = base_url.rstrip("/")
        self.method = method
        self._client = httpx.AsyncClient(timeout=10)

    def start_url(self, state: str, return_url: str) -> str:
        return f"{self.base_url}/sim/{self.method}/authenticate?" + urlencode({"state": state, "return": return_url})

    async def resolve(self, artifact: str) -> Identity | None:
        try:
            r = await self._client.post(f"{self.base_url}/sim/{self.method}/resolve", json={"artifact": artifact})
        except httpx.HTTPError as e:
            raise LoginError(e.__class__.__name__) from e
        if r.status_code == 404:
            return None
        if r.status_code != 200:
            raise LoginError(f"broker answered {r.status_code}")
        field = SUBJECT_FIELD[self.method]
        return Identity(method=self.method, **{field: r.json()[field]})

    async def close(self) -> None:
        await self._client.aclose()


def _return_allowed(request, url: str) -> bool:
    """Only our own callback: the simulator is no open redirect."""
    return url.startswith(request.app.ctx.settings.public_base_url + "/")


@dataclass(frozen=True)
class SimLogin:
    """One login of the simulator: its page and how it checks what was filled in."""
    title: str
    headline: str
    fields: str                                              # the form's inputs (trusted HTML)
    check: Callable[[object, object], Awaitable[tuple[str | None, str | None]]]   # → (subject, error)
    demo_rows: Callable[[object], Awaitable[str]]           # the table of demo accounts


def _table(headers: tuple[str, ...], rows: list[tuple]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


async def _check_bsn(request, db):
    bsn = "".join(ch for ch in (request.form.get("bsn") or "") if ch.isdigit())
    if not is_valid_bsn(bsn):
        return None, "Dit is geen geldig BSN. Een BSN heeft 9 cijfers. Controleer het nummer."
    return bsn, None


async def _check_kvk(request, db):
    kvk = normalize_kvk(request.form.get("kvk") or "")
    if kvk is None:
        return None, "Dit is geen geldig KvK-nummer. Een KvK-nummer heeft 8 cijfers. Controleer het nummer."
    return kvk, None


async def _check_permit(request, db):
    number = (request.form.get("permit_number") or "").strip().upper()[:20]
    code = (request.form.get("code") or "").strip()[:40]
    permit = await db.scalar(select(Permit).where(Permit.number == number)) if number else None
    # The same answer for an unknown number and a wrong code: nothing to learn by trying.
    if permit is None or not permit.login_code_hash or not verify_password(code, permit.login_code_hash):
        return None, "Het vergunningnummer of de code klopt niet. Controleer uw gegevens."
    return permit.number, None


async def _persons(db) -> str:
    citizens = list(await db.scalars(select(Citizen).where(Citizen.kind == "person", Citizen.situation != "Benchmark")
                                     .order_by(Citizen.bsn).limit(20)))
    return _table(("BSN", "Naam", "Adres", "Situatie"),
                  [(c.bsn, c.name, f"{c.address.line}, {c.address.city}", c.situation) for c in citizens])


async def _companies(db) -> str:
    companies = list(await db.scalars(select(Citizen).where(Citizen.kind == "company").order_by(Citizen.kvk).limit(20)))
    return _table(("KvK-nummer", "Bedrijf", "Adres", "Situatie"),
                  [(c.kvk, c.name, f"{c.address.line}, {c.address.city}", c.situation) for c in companies])


async def _permits(db) -> str:
    return _table(("Vergunningnummer", "Code"), demo_permit_logins())


def _input(name: str, label: str, extra: str = "") -> str:
    return (f"<label for=\"{name}\">{esc(label)}</label>"
            f"<input id=\"{name}\" name=\"{name}\" autocomplete=\"off\" required {extra}>")


LOGINS: dict[str, SimLogin] = {
    "digid": SimLogin("Inloggen met DigiD", "DigiD (simulator)",
                      _input("bsn", "Burgerservicenummer (BSN)", 'inputmode="numeric" maxlength="11"'),
                      _check_bsn, _persons),
    "eherkenning": SimLogin("Inloggen met eHerkenning", "eHerkenning (simulator)",
                            _input("kvk", "KvK-nummer van uw bedrijf", 'inputmode="numeric" maxlength="10"'),
                            _check_kvk, _companies),
    "permit": SimLogin("Inloggen met uw vergunningnummer", "Permit login (simulator)",
                       _input("permit_number", "Vergunningnummer", 'maxlength="20"')
                       + _input("code", "Code", 'type="password" maxlength="40"'),
                       _check_permit, _permits),
}
assert set(LOGINS) == set(METHODS)


async def _form(request, login: SimLogin, method: str, error: str | None = None, status: int = 200):
    async with request.app.ctx.sessionmaker() as db:
        rows = await login.demo_rows(db)
    err = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    query = urlencode({"state": request.args.get("state", ""), "return": request.args.get("return", "")})
    body = (f"{err}<form method=\"post\" action=\"/sim/{method}/authenticate?{esc(query)}\">{login.fields}"
            "<br><button type=\"submit\">Inloggen</button></form>"
            f"<h2>Testgegevens</h2>{rows}"
            "<p><small>Dit is een simulator voor testen.</small></p>")
    return html_page(login.title, body, status, headline=login.headline)


def _login(method: str) -> SimLogin | None:
    return LOGINS.get(method)


@bp.get("/<method>/authenticate")
async def authenticate_page(request, method: str):
    login = _login(method)
    if login is None:
        return message("Niet gevonden", "Deze pagina bestaat niet.", 404, "error")
    if not _return_allowed(request, request.args.get("return", "")):
        return message("Ongeldig verzoek", "Dit inlogverzoek is niet geldig.", 400, "error")
    return await _form(request, login, method)


@bp.post("/<method>/authenticate")
async def authenticate(request, method: str):
    login = _login(method)
    if login is None:
        return message("Niet gevonden", "Deze pagina bestaat niet.", 404, "error")
    return_url = request.args.get("return", "")
    if not _return_allowed(request, return_url):
        return message("Ongeldig verzoek", "Dit inlogverzoek is niet geldig.", 400, "error")
    async with request.app.ctx.sessionmaker() as db:
        subject, error = await login.check(request, db)
    if subject is None:
        return await _form(request, login, method, error, 400)
    artifact = secrets.token_urlsafe(24)
    async with request.app.ctx.sessionmaker.begin() as db:
        db.add(SimLoginArtifact(artifact=artifact, method=method, subject=subject,
                                expires_at=datetime.now(timezone.utc) + ARTIFACT_TTL))
    sep = "&" if "?" in return_url else "?"
    return response.redirect(
        f"{return_url}{sep}" + urlencode({"state": request.args.get("state", ""), "artifact": artifact}), status=303)


@bp.post("/<method>/resolve")
async def resolve(request, method: str):
    """Back channel: a one-time artifact becomes the BSN, KvK number or permit number."""
    artifact = str((request.json or {}).get("artifact", ""))
    async with request.app.ctx.sessionmaker.begin() as db:
        row = await db.get(SimLoginArtifact, artifact)
        expires = row.expires_at.replace(tzinfo=row.expires_at.tzinfo or timezone.utc) if row else None
        if row is None or row.used or row.method != method or expires < datetime.now(timezone.utc):
            return response.json({"error": "unknown_artifact"}, status=404)
        row.used = True
        return response.json({SUBJECT_FIELD[method]: row.subject})
