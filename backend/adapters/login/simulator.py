"""DigiD simulator: the broker's login page, and a client for it with the real flow's shape.

The page asks for a BSN (elfproef checked) and lists the demo citizens, so a new user can
try each situation. On submit it sends the person back to our callback with a one-time
artifact; `DigidSimulatorClient.resolve` turns that into the BSN over a back channel.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

import httpx
from sanic import Blueprint, response
from sqlalchemy import select

from backend.adapters.login.base import Identity, LoginError
from backend.db.models import Citizen, SimLoginArtifact
from backend.domain.identity import is_valid_bsn
from backend.html import esc, html_page, message

bp = Blueprint("digid_simulator", url_prefix="/sim/digid")
ARTIFACT_TTL = timedelta(minutes=2)


class DigidSimulatorClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._client = httpx.AsyncClient(timeout=10)

    def start_url(self, state: str, return_url: str) -> str:
        return f"{self.base_url}/sim/digid/authenticate?" + urlencode({"state": state, "return": return_url})

    async def resolve(self, artifact: str) -> Identity | None:
        try:
            r = await self._client.post(f"{self.base_url}/sim/digid/resolve", json={"artifact": artifact})
        except httpx.HTTPError as e:
            raise LoginError(e.__class__.__name__) from e
        if r.status_code == 404:
            return None
        if r.status_code != 200:
            raise LoginError(f"broker answered {r.status_code}")
        return Identity(bsn=r.json()["bsn"])

    async def close(self) -> None:
        await self._client.aclose()


def _return_allowed(request, url: str) -> bool:
    """Only our own callback: the simulator is no open redirect."""
    return url.startswith(request.app.ctx.settings.public_base_url + "/")


async def _form(request, error: str | None = None, status: int = 200):
    async with request.app.ctx.sessionmaker() as db:
        citizens = list(await db.scalars(select(Citizen).where(Citizen.situation != "Benchmark")
                                         .order_by(Citizen.bsn).limit(20)))
    rows = "".join(f"<tr><td>{esc(c.bsn)}</td><td>{esc(c.name)}</td><td>{esc(c.address.line)}, "
                   f"{esc(c.address.city)}</td><td>{esc(c.situation)}</td></tr>" for c in citizens)
    err = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    query = urlencode({"state": request.args.get("state", ""), "return": request.args.get("return", "")})
    body = (f"{err}<form method=\"post\" action=\"/sim/digid/authenticate?{esc(query)}\">"
            "<label for=\"bsn\">Burgerservicenummer (BSN)</label>"
            "<input id=\"bsn\" name=\"bsn\" inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"11\" required>"
            "<br><button type=\"submit\">Inloggen</button></form>"
            "<h2>Testpersonen</h2><table><tr><th>BSN</th><th>Naam</th><th>Adres</th><th>Situatie</th></tr>"
            f"{rows}</table><p><small>Dit is een DigiD-simulator voor testen.</small></p>")
    return html_page("Inloggen met DigiD", body, status, headline="DigiD (simulator)")


@bp.get("/authenticate")
async def authenticate_page(request):
    if not _return_allowed(request, request.args.get("return", "")):
        return message("Ongeldig verzoek", "Dit inlogverzoek is niet geldig.", 400, "error")
    return await _form(request)


@bp.post("/authenticate")
async def authenticate(request):
    return_url = request.args.get("return", "")
    if not _return_allowed(request, return_url):
        return message("Ongeldig verzoek", "Dit inlogverzoek is niet geldig.", 400, "error")
    bsn = "".join(ch for ch in (request.form.get("bsn") or "") if ch.isdigit())
    if not is_valid_bsn(bsn):
        return await _form(request, "Dit is geen geldig BSN. Een BSN heeft 9 cijfers. Controleer het nummer.", 400)
    artifact = secrets.token_urlsafe(24)
    async with request.app.ctx.sessionmaker.begin() as db:
        db.add(SimLoginArtifact(artifact=artifact, bsn=bsn,
                                expires_at=datetime.now(timezone.utc) + ARTIFACT_TTL))
    sep = "&" if "?" in return_url else "?"
    return response.redirect(
        f"{return_url}{sep}" + urlencode({"state": request.args.get("state", ""), "artifact": artifact}), status=303)


@bp.post("/resolve")
async def resolve(request):
    """Back channel: a one-time artifact becomes the BSN."""
    artifact = str((request.json or {}).get("artifact", ""))
    async with request.app.ctx.sessionmaker.begin() as db:
        row = await db.get(SimLoginArtifact, artifact)
        expires = row.expires_at.replace(tzinfo=row.expires_at.tzinfo or timezone.utc) if row else None
        if row is None or row.used or expires < datetime.now(timezone.utc):
            return response.json({"error": "unknown_artifact"}, status=404)
        row.used = True
        return response.json({"bsn": row.bsn})
