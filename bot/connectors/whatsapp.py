"""WhatsApp Cloud API as a Rasa channel (Rasa 3.6 has none).

In: `GET /webhooks/whatsapp/webhook` answers Meta's verification (hub.mode=subscribe,
hub.verify_token, hub.challenge); `POST` carries messages and status updates, signed with
`X-Hub-Signature-256: sha256=<HMAC-SHA256(raw body, app secret)>`. Unsigned or wrongly
signed requests get 403 and change nothing. Text, reply-button and list answers become
user messages; a number answers a numbered list; status updates are ignored (200).

Out (Graph API `POST {api_url}/{phone_number_id}/messages`): text (split over 4096
characters), up to 3 reply buttons (title at most 20 characters), a list message for up to
10 choices, a numbered text for more, documents by link (`{"document": {...}}`).

The 24-hour customer-service window: replies to a citizen's message are always inside
it. A proactive message (Rasa's `trigger_intent`, e.g. after a login or a payment) reads
the time of the citizen's last WhatsApp message from the tracker, so it survives restarts
and works with several Rasa processes sharing a tracker store; outside the window the
message goes out as the approved template `template_name` with the text as its one body
parameter.

credentials.channels.yml:

    bot.connectors.whatsapp.WhatsAppInput:
      access_token: ${WHATSAPP_ACCESS_TOKEN}       # empty: channel off
      phone_number_id: ${WHATSAPP_PHONE_NUMBER_ID}
      app_secret: ${WHATSAPP_APP_SECRET}
      verify_token: ${WHATSAPP_VERIFY_TOKEN}
      api_url: ${WHATSAPP_API_URL}                 # https://graph.facebook.com/v21.0
      template_name: ${WHATSAPP_TEMPLATE}          # e.g. parkeerloket_bericht
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.connectors.common import (
    document_of,
    last_user_message_time,
    numbered_choices,
    resolve_reply,
    short_payload,
    split_text,
)

logger = logging.getLogger(__name__)

CHANNEL = "whatsapp"
DEFAULT_API_URL = "https://graph.facebook.com/v21.0"
DEFAULT_TEMPLATE = "parkeerloket_bericht"
SERVICE_WINDOW_SECONDS = 24 * 3600
WINDOW_MARGIN_SECONDS = 300          # a message on its way must not arrive just after the window
MAX_BUTTONS, BUTTON_TITLE = 3, 20
MAX_ROWS, ROW_TITLE, ROW_DESCRIPTION = 10, 24, 72
BODY_CHARS = 1024                    # body of an interactive message
ID_BYTES = 200                       # id of a list row (reply buttons allow 256)
TEMPLATE_PARAM_CHARS = 1000
SEEN_IDS = 1000                      # message ids remembered against Meta's retries
UNSUPPORTED = "Ik kan alleen tekst lezen. Stuur uw vraag als bericht, dan help ik u verder."


@dataclass(frozen=True)
class WhatsAppSettings:
    access_token: str
    phone_number_id: str
    app_secret: str
    verify_token: str
    api_url: str = DEFAULT_API_URL
    template_name: str = DEFAULT_TEMPLATE
    template_language: str = "nl"

    @property
    def enabled(self) -> bool:
        return bool(self.access_token and self.phone_number_id)

    @property
    def messages_url(self) -> str:
        return f"{self.api_url.rstrip('/')}/{self.phone_number_id}/messages"


def valid_signature(app_secret: str, body: bytes, header: str | None) -> bool:
    """`X-Hub-Signature-256` is `sha256=` and the hex HMAC-SHA256 of the raw body."""
    if not app_secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header[len("sha256="):].strip().encode())


def _flat(text: str, limit: int) -> str:
    """Template parameters may not hold line breaks or long runs of spaces."""
    return " ".join(text.split())[:limit]


class WhatsAppOutput(OutputChannel):
    """Sends through the Graph API. `tracker_store` is set for proactive messages only:
    then the 24-hour window is checked before sending free-form messages."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(self, settings: WhatsAppSettings, client: httpx.AsyncClient,
                 tracker_store: Any = None) -> None:
        self.settings = settings
        self.client = client
        self.tracker_store = tracker_store
        self._window_open: bool | None = None if tracker_store is not None else True

    async def window_open(self, recipient_id: str) -> bool:
        if self._window_open is None:
            tracker = await self.tracker_store.retrieve(recipient_id)
            last = last_user_message_time(tracker, CHANNEL)
            self._window_open = (last is not None and
                                 time.time() - last < SERVICE_WINDOW_SECONDS - WINDOW_MARGIN_SECONDS)
        return self._window_open

    async def _post(self, recipient_id: str, message: dict, as_text: str) -> None:
        """Send one message; outside the window the approved template with `as_text`."""
        if not await self.window_open(recipient_id):
            message = {"type": "template", "template": {
                "name": self.settings.template_name,
                "language": {"code": self.settings.template_language},
                "components": [{"type": "body", "parameters": [
                    {"type": "text", "text": _flat(as_text, TEMPLATE_PARAM_CHARS)}]}]}}
        body = {"messaging_product": "whatsapp", "recipient_type": "individual",
                "to": recipient_id, **message}
        try:
            r = await self.client.post(self.settings.messages_url, json=body, headers={
                "Authorization": f"Bearer {self.settings.access_token}"})
        except httpx.HTTPError as e:
            logger.error("WhatsApp send failed: %s", e.__class__.__name__)
            return
        if r.status_code >= 400:
            # The phone number is personal data: log only what went wrong.
            try:
                code = r.json().get("error", {}).get("code")
            except ValueError:
                code = None
            logger.error("WhatsApp refused a %s message: HTTP %s, error %s",
                         message.get("type"), r.status_code, code)

    async def _text(self, recipient_id: str, text: str) -> None:
        await self._post(recipient_id, {"type": "text", "text": {"body": text, "preview_url": False}}, text)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in split_text(text):
            await self._text(recipient_id, part)

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict],
                                     **kwargs: Any) -> None:
        """Reply buttons for up to 3 short titles, a list for up to 10, else numbered text."""
        choices = [(str(b.get("title") or b.get("payload") or ""),
                    str(b.get("payload") or b.get("title") or "")) for b in buttons]
        if len(choices) > MAX_ROWS:
            await self.send_text_message(recipient_id, numbered_choices(text, buttons))
            return
        *first, last = split_text(text, BODY_CHARS)
        for part in first:
            await self._text(recipient_id, part)
        body = {"text": last or "Kies een optie."}
        as_text = numbered_choices(last, buttons)
        if len(choices) <= MAX_BUTTONS and all(len(title) <= BUTTON_TITLE for title, _ in choices):
            action = {"buttons": [{"type": "reply", "reply": {
                "id": short_payload(payload, ID_BYTES), "title": title}} for title, payload in choices]}
            message = {"type": "button", "body": body, "action": action}
        else:
            rows = []
            for title, payload in choices:
                row = {"id": short_payload(payload, ID_BYTES), "title": title[:ROW_TITLE]}
                if len(title) > ROW_TITLE:
                    row["description"] = title[:ROW_DESCRIPTION]
                rows.append(row)
            action = {"button": "Kies", "sections": [{"title": "Opties", "rows": rows}]}
            message = {"type": "list", "body": body, "action": action}
        await self._post(recipient_id, {"type": "interactive", "interactive": message}, as_text)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._post(recipient_id, {"type": "image", "image": {"link": image}}, image)

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        await self._text(recipient_id, str(attachment))

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any],
                               **kwargs: Any) -> None:
        doc = document_of(json_message)
        if doc is None:
            logger.warning("WhatsApp: custom message without a document is not sent")
            return
        await self._post(recipient_id, {"type": "document", "document": {
            "link": doc["url"], "filename": doc["filename"], "caption": doc["title"]}},
            f"{doc['title']}: {doc['url']}")


def _user_text(message: dict) -> str | None:
    """What the citizen sent: typed text, or the id of the reply button / list row."""
    kind = message.get("type")
    if kind == "text":
        return (message.get("text") or {}).get("body")
    if kind == "interactive":
        interactive = message.get("interactive") or {}
        reply = interactive.get("button_reply") or interactive.get("list_reply") or {}
        return reply.get("id") or reply.get("title")
    if kind == "button":                     # quick reply of a template message
        button = message.get("button") or {}
        return button.get("payload") or button.get("text")
    return None


class WhatsAppInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WhatsAppInput:
        if credentials is None:
            cls.raise_missing_credentials_exception()
        c = {k: str(v) if v is not None else "" for k, v in credentials.items()}
        return cls(WhatsAppSettings(
            access_token=c.get("access_token", ""), phone_number_id=c.get("phone_number_id", ""),
            app_secret=c.get("app_secret", ""), verify_token=c.get("verify_token", ""),
            api_url=c.get("api_url") or DEFAULT_API_URL,
            template_name=c.get("template_name") or DEFAULT_TEMPLATE,
            template_language=c.get("template_language") or "nl"))

    def __init__(self, settings: WhatsAppSettings) -> None:
        self.settings = settings
        self._client: httpx.AsyncClient | None = None
        self._tracker_store: Any = None
        self._seen: OrderedDict[str, None] = OrderedDict()

    def _first_time(self, message_id: str) -> bool:
        """Meta sends a notification again when our answer was slow; handle it once
        (per Rasa process: enough for retries, which go to the same webhook)."""
        if not message_id:
            return True
        if message_id in self._seen:
            return False
        self._seen[message_id] = None
        while len(self._seen) > SEEN_IDS:
            self._seen.popitem(last=False)
        return True

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=30)
        return self._client

    def get_output_channel(self) -> WhatsAppOutput | None:
        """For messages the assistant sends on its own (outside a request): checks the
        24-hour window against the tracker."""
        if not self.settings.enabled or self._tracker_store is None:
            return None
        return WhatsAppOutput(self.settings, self.client, tracker_store=self._tracker_store)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        whatsapp_webhook = Blueprint("whatsapp_webhook", __name__)

        @whatsapp_webhook.listener("after_server_start")
        async def remember_tracker_store(app, _loop) -> None:
            self._tracker_store = app.ctx.agent.tracker_store

        @whatsapp_webhook.listener("before_server_stop")
        async def close_client(app, _loop) -> None:
            if self._client is not None:
                await self._client.aclose()

        @whatsapp_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.settings.enabled else "off"})

        @whatsapp_webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            token = request.args.get("hub.verify_token") or ""
            if (request.args.get("hub.mode") == "subscribe" and self.settings.verify_token
                    and hmac.compare_digest(token.encode(), self.settings.verify_token.encode())):
                return response.text(request.args.get("hub.challenge") or "")
            return response.text("forbidden", status=403)

        @whatsapp_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not valid_signature(self.settings.app_secret, request.body,
                                   request.headers.get("X-Hub-Signature-256")):
                return response.text("forbidden", status=403)
            try:
                payload = json.loads(request.body)
            except ValueError:
                return response.text("bad request", status=400)
            if not self.settings.enabled:
                return response.text("success")
            self._tracker_store = request.app.ctx.agent.tracker_store
            out = WhatsAppOutput(self.settings, self.client)       # a reply: inside the window
            for entry in payload.get("entry") or []:
                for change in entry.get("changes") or []:
                    value = change.get("value") or {}
                    # `statuses` (sent, delivered, read, failed) need no answer.
                    for message in value.get("messages") or []:
                        await self._handle(request, on_new_message, out, message)
            return response.text("success")

        return whatsapp_webhook

    async def _handle(self, request: Request, on_new_message, out: WhatsAppOutput,
                      message: dict) -> None:
        sender_id = str(message.get("from") or "")
        if not sender_id or not self._first_time(str(message.get("id") or "")):
            return
        text = _user_text(message)
        if not text:
            await out.send_text_message(sender_id, UNSUPPORTED)
            return
        text = await resolve_reply(self._tracker_store, sender_id, text, ID_BYTES,
                                   numbered_above=MAX_ROWS)
        try:
            await on_new_message(UserMessage(text, out, sender_id, input_channel=self.name(),
                                             metadata=self.get_metadata(request)))
        except Exception:
            # Meta retries a webhook that fails; one bad message must not block the others.
            logger.exception("WhatsApp message could not be handled")
