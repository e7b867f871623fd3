"""A fake WhatsApp Cloud API (Graph API `POST /<version>/<phone number id>/messages`):
checks the access token and the message limits like Meta does, records what the bot
sends, and posts webhook notifications (messages, button and list answers, status
updates) to the bot, signed with the app secret."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time

import httpx

from tests.support.fake_http import FakeServer

VERSION = "v21.0"
PHONE_NUMBER_ID = "109876543210"


class FakeWhatsApp(FakeServer):
    def __init__(self, access_token: str, app_secret: str, verify_token: str) -> None:
        super().__init__()
        self.access_token = access_token
        self.app_secret = app_secret
        self.verify_token = verify_token
        self.webhook_url = ""          # set once Rasa's port is known
        self._ids = itertools.count(1)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{VERSION}"

    def answer(self, method, path, headers, raw):
        if headers.get("Authorization") != f"Bearer {self.access_token}":
            return 401, {"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}}
        if method != "POST" or path != f"/{VERSION}/{PHONE_NUMBER_ID}/messages":
            return 404, {"error": {"message": "Unknown path", "code": 100}}
        body = json.loads(raw)
        self.record(body)
        error = self._check(body)
        if error:
            return 400, {"error": {"message": error, "type": "OAuthException", "code": 131009}}
        return 200, {"messaging_product": "whatsapp", "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                     "messages": [{"id": f"wamid.{next(self._ids)}"}]}

    @staticmethod
    def _check(body: dict) -> str | None:
        """The limits of the Cloud API (parameter value is not valid)."""
        kind = body.get("type")
        if kind == "text" and len(body["text"]["body"]) > 4096:
            return "text body too long"
        if kind == "interactive":
            interactive = body["interactive"]
            if len(interactive["body"]["text"]) > 1024:
                return "interactive body too long"
            if interactive["type"] == "button":
                buttons = interactive["action"]["buttons"]
                if len(buttons) > 3 or any(len(b["reply"]["title"]) > 20 for b in buttons):
                    return "at most 3 buttons with titles of at most 20 characters"
            if interactive["type"] == "list":
                rows = [r for s in interactive["action"]["sections"] for r in s["rows"]]
                if len(rows) > 10 or any(len(r["title"]) > 24 or len(r.get("description", "")) > 72
                                         for r in rows):
                    return "at most 10 rows, titles of at most 24 characters"
        if kind == "template" and not body["template"].get("name"):
            return "template name missing"
        return None

    # --- the citizen's side (Meta's webhook notifications) ------------------------------

    def sign(self, raw: bytes, secret: str | None = None) -> str:
        key = (self.app_secret if secret is None else secret).encode()
        return "sha256=" + hmac.new(key, raw, hashlib.sha256).hexdigest()

    def notify(self, value: dict, signature: str | None = "valid") -> httpx.Response:
        """POST one notification; `signature` "valid", None (unsigned) or a header value."""
        raw = json.dumps({"object": "whatsapp_business_account", "entry": [{
            "id": "WABA_ID", "changes": [{"field": "messages", "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "31612345678", "phone_number_id": PHONE_NUMBER_ID},
                **value}}]}]}).encode()
        self.last_notification = (raw, signature)
        return self._post(raw, signature)

    def resend(self) -> httpx.Response:
        """Meta's retry: the same notification once more."""
        return self._post(*self.last_notification)

    def _post(self, raw: bytes, signature: str | None) -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if signature == "valid":
            headers["X-Hub-Signature-256"] = self.sign(raw)
        elif signature is not None:
            headers["X-Hub-Signature-256"] = signature
        return httpx.post(self.webhook_url, content=raw, headers=headers, timeout=60)

    def _message(self, wa_id: str, kind: str, content: dict) -> dict:
        return {"contacts": [{"profile": {"name": "Burger"}, "wa_id": wa_id}],
                "messages": [{"from": wa_id, "id": f"wamid.in{next(self._ids)}",
                              "timestamp": str(int(time.time())), "type": kind, kind: content}]}

    def send_text(self, wa_id: str, text: str, signature: str | None = "valid") -> httpx.Response:
        return self.notify(self._message(wa_id, "text", {"body": text}), signature)

    def choose(self, wa_id: str, title_part: str) -> httpx.Response:
        """Press the newest reply button or list row whose title contains `title_part`."""
        for call in reversed(self.calls):
            if call.get("to") != wa_id or call.get("type") != "interactive":
                continue
            interactive = call["interactive"]
            if interactive["type"] == "button":
                options, reply = [b["reply"] for b in interactive["action"]["buttons"]], "button_reply"
            else:
                options = [r for s in interactive["action"]["sections"] for r in s["rows"]]
                reply = "list_reply"
            for option in options:
                if title_part.lower() in (option["title"] + option.get("description", "")).lower():
                    return self.notify(self._message(wa_id, "interactive", {
                        "type": reply, reply: {"id": option["id"], "title": option["title"]}}))
        raise AssertionError(f"no button or row {title_part!r} sent to {wa_id}")

    def status(self, wa_id: str, status: str = "delivered") -> httpx.Response:
        return self.notify({"statuses": [{"id": "wamid.1", "status": status, "recipient_id": wa_id,
                                          "timestamp": str(int(time.time()))}]})

    def verify(self, webhook_url: str, token: str, challenge: str = "1158201444") -> httpx.Response:
        return httpx.get(webhook_url, params={"hub.mode": "subscribe", "hub.verify_token": token,
                                              "hub.challenge": challenge}, timeout=10)

    def sent_to(self, wa_id: str, calls: list[dict] | None = None) -> list[dict]:
        return [c for c in (self.calls if calls is None else calls) if c.get("to") == wa_id]


def text_of(message: dict) -> str:
    """What the citizen reads of one sent message."""
    kind = message.get("type")
    if kind == "text":
        return message["text"]["body"]
    if kind == "interactive":
        return message["interactive"]["body"]["text"]
    if kind == "document":
        return message["document"].get("caption", "")
    if kind == "template":
        return " ".join(p.get("text", "") for c in message["template"].get("components", [])
                        for p in c.get("parameters", []))
    return ""
