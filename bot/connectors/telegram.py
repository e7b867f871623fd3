"""Telegram, built on Rasa 3.6's own connector (rasa.core.channels.telegram, aiogram 2).

What we change, and why:
- the Bot API base URL comes from the credentials (`api_url`), so tests run against a
  local fake and a self-hosted Bot API server works too;
- the webhook is set once when the server has started (Rasa sets it in
  `get_output_channel` with `asyncio.run`, which fails inside the running server, so
  proactive messages through `trigger_intent?output_channel=latest` never arrived);
- requests are checked with Telegram's `secret_token` header instead of a `getMe` call
  per message;
- button presses are answered (`answerCallbackQuery`, or the app keeps spinning), and a
  payload longer than the 64 bytes Telegram allows as callback data is sent as a hash
  that is read back from the buttons the assistant sent (see `common.resolve_reply`);
- Telegram's commands /start (sent when a citizen opens the bot) and /help become our
  greet and help intents;
- text over 4096 characters is split; a `{"document": {...}}` custom message becomes
  sendDocument (file by URL, caption = title).

credentials.channels.yml:

    bot.connectors.telegram.TelegramInput:
      access_token: ${TELEGRAM_TOKEN}          # empty: channel off
      webhook_url: ${TELEGRAM_WEBHOOK_URL}     # https://<host>/webhooks/telegram/webhook
      secret_token: ${TELEGRAM_SECRET_TOKEN}
      api_url: ${TELEGRAM_API_URL}             # https://api.telegram.org
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer, check_token
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Update
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput as RasaTelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.connectors.common import document_of, resolve_reply, short_payload, split_text

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
CALLBACK_DATA_BYTES = 64
CAPTION_CHARS = 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class TelegramOutput(RasaTelegramOutput):
    """Rasa's Telegram output with a configurable server and the limits of the Bot API."""

    def __init__(self, access_token: str, api_url: str = DEFAULT_API_URL) -> None:
        Bot.__init__(self, access_token, server=TelegramAPIServer.from_base(api_url or DEFAULT_API_URL))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in split_text(text):
            await self.send_message(recipient_id, part)

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict],
                                     button_type: str | None = "inline", **kwargs: Any) -> None:
        """One button per row (Dutch titles are long), under the last part of the text."""
        *first, last = split_text(text)
        for part in first:
            await self.send_message(recipient_id, part)
        markup = InlineKeyboardMarkup()
        for button in buttons:
            payload = str(button.get("payload") or button.get("title") or "")
            markup.row(InlineKeyboardButton(
                button.get("title") or payload,
                callback_data=short_payload(payload, CALLBACK_DATA_BYTES)))
        await self.send_message(recipient_id, last or "Kies een optie.", reply_markup=markup)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any],
                               **kwargs: Any) -> None:
        doc = document_of(json_message)
        if doc is None:
            await super().send_custom_json(recipient_id, json_message, **kwargs)
            return
        await self.send_document(recipient_id, doc["url"], caption=doc["title"][:CAPTION_CHARS])

    async def set_webhook_with_secret(self, url: str, secret_token: str | None) -> bool:
        """setWebhook with `secret_token` (newer than aiogram 2.15's signature)."""
        data = {"url": url, "allowed_updates": json.dumps(["message", "edited_message", "callback_query"])}
        if secret_token:
            data["secret_token"] = secret_token
        return bool(await self.request("setWebhook", data))


class TelegramInput(RasaTelegramInput):
    """Rasa's Telegram input (same name, so `output_channel=latest` finds it)."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramInput:
        if credentials is None:
            cls.raise_missing_credentials_exception()
        return cls(credentials.get("access_token"), credentials.get("verify"),
                   credentials.get("webhook_url"), debug_mode=False,
                   api_url=credentials.get("api_url") or DEFAULT_API_URL,
                   secret_token=credentials.get("secret_token"))

    def __init__(self, access_token: str | None, verify: str | None, webhook_url: str | None,
                 debug_mode: bool = False, api_url: str = DEFAULT_API_URL,
                 secret_token: str | None = None) -> None:
        super().__init__(access_token or None, verify, webhook_url or None, debug_mode)
        if self.access_token:
            check_token(self.access_token)      # a mistyped token fails at start, not later
        self.api_url = api_url
        self.secret_token = secret_token or None
        self._output: TelegramOutput | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.access_token)

    def get_output_channel(self) -> TelegramOutput | None:
        """One bot client for replies and for proactive messages; no network call here,
        so it works outside a request (Rasa's `trigger_intent`)."""
        if not self.enabled:
            return None
        if self._output is None:
            self._output = TelegramOutput(self.access_token, self.api_url)
        return self._output

    def _authentic(self, request: Request) -> bool:
        if not self.secret_token:
            return True
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode(), self.secret_token.encode())

    async def set_webhook(self) -> bool:
        out = self.get_output_channel()
        if out is None or not self.webhook_url:
            return False
        try:
            ok = await out.set_webhook_with_secret(self.webhook_url, self.secret_token)
        except (TelegramAPIError, OSError) as e:
            logger.error("Telegram setWebhook failed: %s", e.__class__.__name__)
            return False
        logger.info("Telegram webhook set" if ok else "Telegram refused the webhook")
        return ok

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram_webhook = Blueprint("telegram_webhook", __name__)

        @telegram_webhook.listener("after_server_start")
        async def register_webhook(app, _loop) -> None:
            await self.set_webhook()

        @telegram_webhook.listener("before_server_stop")
        async def close_session(app, _loop) -> None:
            if self._output is not None and self._output._session is not None:
                await self._output._session.close()

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "off"})

        @telegram_webhook.route("/set_webhook", methods=["POST"])
        async def set_webhook(request: Request) -> HTTPResponse:
            if not self.enabled or not self._authentic(request):
                return response.text("forbidden", status=403)
            return response.text("Webhook setup successful" if await self.set_webhook() else "Invalid webhook")

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.enabled or not self._authentic(request):
                return response.text("forbidden", status=403)
            try:
                update = Update(**(request.json or {}))
            except (TypeError, ValueError):
                return response.text("bad request", status=400)
            out = self.get_output_channel()
            if self._is_button(update):
                query = update.callback_query
                try:
                    await out.answer_callback_query(query.id)
                except (TelegramAPIError, OSError) as e:     # only the spinner keeps turning
                    logger.warning("Telegram answerCallbackQuery failed: %s", e.__class__.__name__)
                msg, text = query.message, query.data or ""
            elif self._is_edited_message(update):
                msg, text = update.edited_message, update.edited_message.text
            elif update.message is not None and self._is_user_message(update.message):
                msg, text = update.message, update.message.text
            else:
                return response.text("success")     # photos, stickers, joins: nothing to answer
            if msg is None or not text:
                return response.text("success")
            sender_id = str(msg.chat.id)
            if text.split(maxsplit=1)[0] in ("/start", "/help"):
                # Telegram's own commands (the app sends /start when a citizen opens the bot).
                text = "/greet" if text.startswith("/start") else "/help"
            text = await resolve_reply(request.app.ctx.agent.tracker_store, sender_id, text,
                                       CALLBACK_DATA_BYTES)
            try:
                await on_new_message(UserMessage(text, out, sender_id, input_channel=self.name(),
                                                 metadata=self.get_metadata(request)))
            except Exception:
                # Telegram retries a failed update; one bad message must not block the chat.
                logger.exception("Telegram message could not be handled")
            return response.text("success")

        return telegram_webhook
