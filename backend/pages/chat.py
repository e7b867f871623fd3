"""A minimal chat page (REST channel through this backend) and the outbox viewer.

The page talks to /chat/send and polls /chat/updates, both proxied to Rasa here so
the Rasa API token never reaches the browser. The full widget is a later issue.
"""

from __future__ import annotations

import re

import httpx
from sanic import Blueprint, response
from sqlalchemy import func, select

from backend.adapters.email.outbox import list_outbox
from backend.db.models import Notification
from backend.html import esc, html_page

bp = Blueprint("chat_pages")
SENDER_RE = re.compile(r"^web-[a-f0-9]{32}$")

CHAT_JS = """
const log=document.getElementById('log'),form=document.getElementById('f'),input=document.getElementById('m');
let sender=localStorage.getItem('pl-sender');
if(!sender){sender='web-'+crypto.randomUUID().replace(/-/g,'');localStorage.setItem('pl-sender',sender);}
let seen=0,delivered=-1;
function linkify(t){const d=document.createElement('div');d.textContent=t;
 return d.innerHTML.replace(/(https?:\\/\\/[^\\s<]+)/g,'<a href="$1" target="_blank" rel="noopener">$1</a>');}
function add(who,m){const p=document.createElement('div');p.className='msg '+who;
 p.innerHTML=linkify(m.text||'');(m.buttons||[]).forEach(b=>{const k=document.createElement('button');
 k.type='button';k.textContent=b.title;k.onclick=()=>send(b.payload,b.title);p.appendChild(k);});
 log.appendChild(p);log.scrollTop=log.scrollHeight;}
async function send(text,shown){add('me',{text:shown||text});
 const r=await fetch('/chat/send',{method:'POST',headers:{'Content-Type':'application/json'},
  body:JSON.stringify({sender,message:text})});const j=await r.json();seen=j.seen;(j.messages||[]).forEach(m=>add('bot',m));}
async function poll(){try{const r=await fetch('/chat/updates?sender='+sender+'&after='+seen+'&delivered='+delivered);
 const j=await r.json();delivered=j.delivered;
 if(j.seen>seen){(j.messages||[]).forEach(m=>add('bot',m));seen=j.seen;}}catch(e){} setTimeout(poll,1500);}
form.onsubmit=e=>{e.preventDefault();const t=input.value.trim();if(t){input.value='';send(t);}};
fetch('/chat/updates?sender='+sender+'&after=0').then(r=>r.json()).then(j=>{seen=j.seen;delivered=j.delivered;poll();});
"""

CHAT_BODY = f"""
<style>#log{{border:1px solid #ccc;height:26rem;overflow-y:auto;padding:.5rem}}
.msg{{margin:.4rem 0;padding:.5rem;border-radius:6px;white-space:pre-wrap}}
.me{{background:#eef;text-align:right}}.bot{{background:#f4f4f4}}.msg button{{margin:.3rem .3rem 0 0}}</style>
<div id="log" role="log" aria-live="polite" aria-label="Gesprek"></div>
<form id="f"><label for="m">Uw bericht</label><input id="m" autocomplete="off" style="width:75%">
<button type="submit">Verstuur</button></form>
<p><small>Probeer: "Ik wil een bewonersvergunning aanvragen".</small></p>
<script>{CHAT_JS}</script>"""


@bp.get("/chat")
async def chat_page(request):
    return html_page("Parkeerloket-assistent", CHAT_BODY)


async def _bot_events(request, sender: str) -> list[dict]:
    s = request.app.ctx.settings
    async with httpx.AsyncClient(timeout=30) as client:
        r = await client.get(f"{s.rasa_url}/conversations/{sender}/tracker", params={"token": s.rasa_token})
    r.raise_for_status()
    return [{"text": e.get("text") or "", "buttons": (e.get("data") or {}).get("buttons")}
            for e in r.json().get("events", []) if e.get("event") == "bot"]


@bp.post("/chat/send")
async def chat_send(request):
    data = request.json or {}
    sender, text = str(data.get("sender", "")), str(data.get("message", ""))[:1000]
    if not SENDER_RE.match(sender) or not text.strip():
        return response.json({"error": "bad_request"}, status=400)
    s = request.app.ctx.settings
    async with httpx.AsyncClient(timeout=60) as client:
        r = await client.post(f"{s.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text})
    messages = r.json() if r.status_code == 200 else [{"text": "Sorry, de assistent is nu niet bereikbaar."}]
    seen = len(await _bot_events(request, sender))
    return response.json({"messages": messages, "seen": seen})


async def _delivered(request, sender: str) -> int:
    """How many external events reached this conversation: the only source of messages
    the assistant sends on its own."""
    async with request.app.ctx.sessionmaker() as db:
        return await db.scalar(select(func.count()).select_from(Notification).where(
            Notification.sid == sender, Notification.status == "sent"))


@bp.get("/chat/updates")
async def chat_updates(request):
    """Polled by the page. Rasa's tracker is read only when something new was delivered
    (or on the first poll after a reload), so idle pages cost Rasa nothing."""
    sender = request.args.get("sender", "")
    if not SENDER_RE.match(sender):
        return response.json({"error": "bad_request"}, status=400)
    try:
        after = int(request.args.get("after", "0") or 0)
        known = int(request.args.get("delivered", "-1"))
    except ValueError:
        return response.json({"error": "bad_request"}, status=400)
    delivered = await _delivered(request, sender)
    if known == delivered and known >= 0:
        return response.json({"messages": [], "seen": after, "delivered": delivered})
    events = await _bot_events(request, sender)
    return response.json({"messages": events[after:], "seen": len(events), "delivered": delivered})


@bp.get("/outbox")
async def outbox(request):
    """The e-mails sent in this (development) installation."""
    mails = list_outbox(request.app.ctx.settings.outbox_dir)
    rows = "".join(f"<tr><td>{esc(m['date'])}</td><td>{esc(m['to'])}</td><td>{esc(m['subject'])}</td>"
                   f"<td>{esc(m['file'])}</td></tr>" for m in mails)
    return html_page("Verstuurde e-mails", f"<p>Map: {esc(request.app.ctx.settings.outbox_dir)}</p>"
                     f"<table><tr><th>Datum</th><th>Aan</th><th>Onderwerp</th><th>Bestand</th></tr>{rows}</table>")
