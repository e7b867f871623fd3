"""A fake Telegram Bot API: answers `/bot<token>/<method>` like api.telegram.org, records
every call, and posts updates (a typed message, a button press) to the webhook that the
bot registered with setWebhook, with the secret token header, as Telegram does."""

from __future__ import annotations

import itertools
import json
import time

import httpx

from tests.support.fake_http import FakeServer, parse_body

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "Parkeerloket", "username": "parkeerloket_bot"}
TEXT_LIMIT = 4096
CALLBACK_DATA_BYTES = 64


class FakeTelegram(FakeServer):
    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        self.webhook: dict = {}
        self._ids = itertools.count(1)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answer(self, method, path, headers, raw):
        parts = path.split("?", 1)[0].strip("/").split("/")
        if len(parts) != 2 or parts[0] != f"bot{self.token}":
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        api_method = parts[1]
        params = parse_body(headers.get("Content-Type", ""), raw)
        for key in ("reply_markup", "allowed_updates"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        self.record({"method": api_method, **params})
        if api_method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if api_method == "setWebhook":
            self.webhook = params
            return 200, {"ok": True, "result": True, "description": "Webhook was set"}
        if api_method in ("sendMessage", "sendDocument"):
            error = self._check(params)
            if error:
                return 400, {"ok": False, "error_code": 400, "description": error}
            return 200, {"ok": True, "result": self._message(params)}
        return 200, {"ok": True, "result": True}

    @staticmethod
    def _check(params: dict) -> str | None:
        """The limits the real Bot API enforces."""
        if len(params.get("text") or "") > TEXT_LIMIT:
            return "Bad Request: message is too long"
        for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if len(button.get("callback_data", "").encode()) > CALLBACK_DATA_BYTES:
                    return "Bad Request: BUTTON_DATA_INVALID"
        return None

    def _message(self, params: dict) -> dict:
        message = {"message_id": next(self._ids), "date": int(time.time()), "from": BOT_USER,
                   "chat": {"id": int(params["chat_id"]), "type": "private"}}
        if "text" in params:
            message["text"] = params["text"]
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        if "document" in params:
            message["document"] = {"file_id": "f1", "file_unique_id": "u1", "file_name": "document.pdf"}
            message["caption"] = params.get("caption", "")
        return message

    # --- the citizen's side -------------------------------------------------------------

    def _post_update(self, update: dict, secret: str | None = None) -> httpx.Response:
        assert self.webhook.get("url"), "the bot has not set a webhook"
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.webhook.get("secret_token", "")
                   if secret is None else secret}
        return httpx.post(self.webhook["url"], json={"update_id": next(self._ids), **update},
                          headers=headers, timeout=60)

    @staticmethod
    def _user(chat_id: int) -> dict:
        return {"id": chat_id, "is_bot": False, "first_name": "Burger", "language_code": "nl"}

    def send_text(self, chat_id: int, text: str, secret: str | None = None) -> httpx.Response:
        """The citizen types `text` in the chat with the bot."""
        return self._post_update({"message": {
            "message_id": next(self._ids), "date": int(time.time()), "from": self._user(chat_id),
            "chat": {"id": chat_id, "type": "private"}, "text": text}}, secret)

    def press(self, chat_id: int, title_part: str) -> httpx.Response:
        """The citizen presses the newest inline button whose text contains `title_part`."""
        for call in reversed(self.calls):
            if str(call.get("chat_id")) != str(chat_id):
                continue
            for row in (call.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if title_part.lower() in button["text"].lower():
                        return self._post_update({"callback_query": {
                            "id": str(next(self._ids)), "from": self._user(chat_id),
                            "chat_instance": "1", "data": button["callback_data"],
                            "message": self._message(call)}})
        raise AssertionError(f"no button {title_part!r} sent to {chat_id}")

    def sent_to(self, chat_id: int, calls: list[dict] | None = None) -> list[dict]:
        return [c for c in (self.calls if calls is None else calls)
                if c["method"] in ("sendMessage", "sendDocument") and str(c.get("chat_id")) == str(chat_id)]
