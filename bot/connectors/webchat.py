"""The web chat widget's channel: Rasa 3.6's socket.io channel (rasa.core.channels.socketio)
with three fixes.

- A custom payload (our `{"document": {...}}`) is emitted as `{"custom": payload}` to the
  conversation's room, the shape the REST channel gives; Rasa's `sio.emit(event, **payload)`
  fails for anything that is not one of socket.io's own keyword arguments.
- `session_request` awaits `enter_room` (a coroutine in python-socketio 5: Rasa's call
  without `await` never joined the room, so the browser got no answer at all) and leaves
  the room of an earlier conversation when the widget starts a new one ("Opnieuw beginnen").
- With `session_persistence` the browser chooses the conversation id. Only the widget's own
  form is accepted, `web-` and 32 hex digits (random, unguessable), so a browser cannot
  join or write into a conversation of another channel (a Telegram chat id, a phone number)
  or a guessable one: `session_request` gives another form a new id, and a message with one
  is ignored. The channel therefore needs `session_persistence: true`.

The name stays "socketio" (stored conversations and `trigger_intent?output_channel=latest`
find the channel by it); the socket.io path and event names come from the credentials:

    bot.connectors.webchat.WebChatInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

logger = logging.getLogger(__name__)

WEB_SESSION_RE = re.compile(r"^web-[a-f0-9]{32}$")


def is_web_session(session_id: Any) -> bool:
    """True for the widget's own conversation id form, `web-` and 32 hex digits."""
    return isinstance(session_id, str) and WEB_SESSION_RE.match(session_id) is not None


def new_web_session() -> str:
    return "web-" + uuid.uuid4().hex


class WebChatOutput(SocketIOOutput):
    """Rasa's socket.io output; a custom payload goes out as `{"custom": payload}`."""

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self.sio.emit(self.bot_message_evt, {"custom": json_message}, room=recipient_id)


class WebChatInput(SocketIOInput):
    """Rasa's socket.io input with our output, room handling and session id guard."""

    def get_output_channel(self) -> WebChatOutput | None:
        if self.sio is None:        # no server (yet): Rasa's warning, and None
            return super().get_output_channel()
        return WebChatOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def on_web_message(message: UserMessage) -> None:
            if not is_web_session(message.sender_id):
                logger.warning("socket.io message with a session id of another form ignored")
                return
            message.output_channel = WebChatOutput(self.sio, self.bot_message_evt)
            await on_new_message(message)

        bp = super().blueprint(on_web_message)
        # Registered after Rasa's own handler for the same event, so it replaces that one.
        self.sio.on("session_request", self.session_request, namespace=self.namespace)
        return bp

    async def session_request(self, sid: str, data: dict | None) -> None:
        data = data if isinstance(data, dict) else {}
        if not is_web_session(data.get("session_id")):
            data["session_id"] = new_web_session()
        if self.session_persistence:
            for room in self.sio.rooms(sid, namespace=self.namespace):
                if room != sid:     # every socket is in its own room too
                    await self.sio.leave_room(sid, room, namespace=self.namespace)
            await self.sio.enter_room(sid, data["session_id"], namespace=self.namespace)
        await self.sio.emit("session_confirm", data["session_id"], room=sid)
