"""Run Rasa's own CLI with our runtime fixes applied first.

    python -m bot.serve run --model models/parkeerloket.tar.gz ...   (same arguments as `rasa`)

Fix: Rasa 3.6 checks every action server response with `jsonschema.validate(result,
schema)`, which re-validates the (constant) schema against the Draft 2020-12 meta-schema on
every call. Profiling the 50-user benchmark showed that this took about half of the Rasa
process's CPU time. We check the schema once and keep the compiled validator; responses
are validated exactly as before (same schema, same draft, same best-match error).

Fix: every stored event is turned back into an object with `Event.resolve_by_type`, which
walks all Event subclasses each time (7 % of Rasa's CPU under load). We keep a
type-name → class map; unknown names still go to Rasa's own lookup.

Fix: the socket.io channel (web chat widget) sends a custom payload with
`sio.emit(event, **payload)`, which fails for any payload that is not socket.io's own
keyword arguments (our `{"document": {...}}`). We emit `{"custom": payload}` to the
conversation's room, the shape the REST channel gives.

Fix: Rasa's socket.io `session_request` handler calls `sio.enter_room()` without
`await`; in python-socketio 5 that is a coroutine, so the browser never joined its
conversation's room and received no answer at all. Ours awaits it, and leaves the room
of an earlier conversation when the widget starts a new one.

Guard: with `session_persistence` the socket.io client chooses the conversation id
(`session_id`). We accept only the widget's own form, `web-` and 32 hex digits (random,
unguessable), so a browser cannot join or write into a conversation of another channel
(a Telegram chat id, a phone number) or a guessable one; another form gets a new id.
"""

from __future__ import annotations

import re
import sys
import uuid

WEB_SESSION_RE = re.compile(r"^web-[a-f0-9]{32}$")


def patch_action_result_validation() -> None:
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions import action

    schema = action.RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)

    def _validate_action_result(self, result: dict) -> bool:
        error = best_match(validator.iter_errors(result))
        if error is None:
            return True
        error.message += (". Failed to validate Action server response from API, make sure your "
                          "response from the Action endpoint is valid. For more information about "
                          f"the format visit {action.DOCS_BASE_URL}/custom-actions")
        raise error

    _validate_action_result.__doc__ = "Validate an action server response (schema checked once)."
    action.RemoteAction._validate_action_result = _validate_action_result


def patch_event_type_lookup() -> None:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    original = Event.resolve_by_type
    by_name = {cls.type_name: cls for cls in reversed(all_subclasses(Event))}

    def resolve_by_type(type_name, default=None):
        cls = by_name.get(type_name)
        return cls if cls is not None else original(type_name, default)

    resolve_by_type.__doc__ = original.__doc__
    Event.resolve_by_type = staticmethod(resolve_by_type)


def patch_socketio_custom_json() -> None:
    from rasa.core.channels.socketio import SocketIOOutput

    async def send_custom_json(self, recipient_id: str, json_message: dict, **kwargs) -> None:
        """Sends a custom payload as `{"custom": payload}` to the conversation."""
        await self.sio.emit(self.bot_message_evt, {"custom": json_message}, room=recipient_id)

    SocketIOOutput.send_custom_json = send_custom_json


def patch_socketio_sessions() -> None:
    import logging

    from rasa.core.channels.socketio import SocketIOInput

    logger = logging.getLogger(__name__)
    original = SocketIOInput.blueprint

    def blueprint(self, on_new_message):
        async def only_web_sessions(message) -> None:
            if WEB_SESSION_RE.match(message.sender_id or ""):
                await on_new_message(message)
            else:
                logger.warning("socket.io message with a session id of another form ignored")

        bp = original(self, only_web_sessions)
        sio = self.sio

        async def session_request(sid: str, data: dict | None) -> None:
            data = data if isinstance(data, dict) else {}
            if not WEB_SESSION_RE.match(str(data.get("session_id") or "")):
                data["session_id"] = "web-" + uuid.uuid4().hex      # a new conversation
            if self.session_persistence:
                for room in sio.rooms(sid, namespace=self.namespace):    # "Opnieuw beginnen"
                    if room != sid:
                        await sio.leave_room(sid, room, namespace=self.namespace)
                await sio.enter_room(sid, data["session_id"], namespace=self.namespace)
            await sio.emit("session_confirm", data["session_id"], room=sid)

        self.sio.on("session_request", session_request, namespace=self.namespace)
        return bp

    SocketIOInput.blueprint = blueprint


def main(argv: list[str]) -> int:
    patch_action_result_validation()
    patch_event_type_lookup()
    patch_socketio_custom_json()
    patch_socketio_sessions()
    from rasa.__main__ import main as rasa_main
    sys.argv = ["rasa", *argv]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
