"""The chat page (the web chat widget on Rasa's socket.io channel), the widget script,
and the outbox viewer.

/chat/send and /chat/updates relay the REST channel through this backend (the Rasa API
token never reaches a browser); the benchmark and tests chat through them.
"""

from __future__ import annotations

import re
from pathlib import Path

from sanic import Blueprint, response
from sqlalchemy import func, select

from backend.adapters.email.outbox import list_outbox
from backend.db.models import Notification
from backend.domain.statuses import NotificationStatus
from backend.html import esc, html_page

bp = Blueprint("chat_pages")
SENDER_RE = re.compile(r"^web-[a-f0-9]{32}$")

WIDGET_JS = Path(__file__).resolve().parent.parent / "static" / "widget.js"
WIDGET_MISSING = ("<p class=\"error\" role=\"alert\">De chat is nog niet gebouwd. "
                  "Voer <code>make widget</code> uit.</p>")


@bp.get("/chat")
async def chat_page(request):
    """The web chat widget (widget/, built into backend/static/widget.js), shown in the page."""
    s = request.app.ctx.settings
    body = (f'<div id="parkeerloket-chat"></div>'
            f'<script src="/static/widget.js" data-container="parkeerloket-chat" '
            f'data-municipality="{esc(s.municipality)}" data-rasa-url="{esc(s.chat_rasa_url)}" defer></script>')
    return html_page("Parkeerloket-assistent", body if WIDGET_JS.exists() else WIDGET_MISSING,
                     headline=f"Gemeente {s.municipality}")


@bp.get("/static/widget.js")
async def widget_js(request):
    """The widget for any site (see README, "Web chat widget"); browsers revalidate it
    (Last-Modified), so a new build reaches them at once."""
    if not WIDGET_JS.exists():
        return response.text("// widget not built: make widget", status=404)
    return await response.file(WIDGET_JS, request_headers=request.headers,    # Sanic: no-cache, 304
                               mime_type="text/javascript; charset=utf-8")


@bp.get("/chat/widget-config")
async def widget_config(request):
    """Where the widget finds Rasa, for a snippet without data-rasa-url (any site may ask)."""
    s = request.app.ctx.settings
    return response.json({"rasa_url": s.chat_rasa_url, "municipality": s.municipality},
                         headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache"})


async def _bot_events(request, sender: str) -> list[dict]:
    return [{"text": e.get("text") or "", "buttons": (e.get("data") or {}).get("buttons"),
             "custom": (e.get("data") or {}).get("custom")}
            for e in await request.app.ctx.notifier.bot_events(sender)]


@bp.post("/chat/send")
async def chat_send(request):
    data = request.json or {}
    sender, text = str(data.get("sender", "")), str(data.get("message", ""))[:1000]
    if not SENDER_RE.match(sender) or not text.strip():
        return response.json({"error": "bad_request"}, status=400)
    messages = await request.app.ctx.notifier.say(sender, text)
    if messages is None:
        messages = [{"text": "Sorry, de assistent is nu niet bereikbaar."}]
    seen = len(await _bot_events(request, sender))
    return response.json({"messages": messages, "seen": seen})


async def _delivered(request, sender: str) -> int:
    """How many external events reached this conversation: the only source of messages
    the assistant sends on its own."""
    async with request.app.ctx.sessionmaker() as db:
        return await db.scalar(select(func.count()).select_from(Notification).where(
            Notification.sid == sender, Notification.status == NotificationStatus.SENT))


@bp.get("/chat/updates")
async def chat_updates(request):
    """Polled by the REST chat clients (benchmark, tests); the web chat widget asks it once
    per (re)connect for what it missed while no page was connected, from any site (CORS).
    Rasa's tracker is read only when something new was delivered (or without `delivered`),
    so idle pollers cost Rasa nothing. Knowing the random conversation id is the key."""
    sender = request.args.get("sender", "")
    if not SENDER_RE.match(sender):
        return response.json({"error": "bad_request"}, status=400)
    try:
        after = int(request.args.get("after", "0") or 0)
        known = int(request.args.get("delivered", "-1"))
    except ValueError:
        return response.json({"error": "bad_request"}, status=400)
    cors = {"Access-Control-Allow-Origin": "*"}
    delivered = await _delivered(request, sender)
    if known == delivered and known >= 0:
        return response.json({"messages": [], "seen": after, "delivered": delivered}, headers=cors)
    events = await _bot_events(request, sender)
    return response.json({"messages": events[after:], "seen": len(events), "delivered": delivered},
                         headers=cors)


@bp.get("/outbox")
async def outbox(request):
    """The e-mails sent in this (development) installation."""
    mails = list_outbox(request.app.ctx.settings.outbox_dir)
    rows = "".join(f"<tr><td>{esc(m['date'])}</td><td>{esc(m['to'])}</td><td>{esc(m['subject'])}</td>"
                   f"<td>{esc(m['file'])}</td></tr>" for m in mails)
    return html_page("Verstuurde e-mails", f"<p>Map: {esc(request.app.ctx.settings.outbox_dir)}</p>"
                     f"<table><tr><th>Datum</th><th>Aan</th><th>Onderwerp</th><th>Bestand</th></tr>{rows}</table>")
