"""Shared helpers of all journeys: login links, backend error handling and reading what
the user answered. The login gate itself is actions/gate.py."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.backend_client import BackendError

logger = logging.getLogger(__name__)


def channel(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "rest"


async def send_login_link(dispatcher: CollectingDispatcher, tracker: Tracker, method: str, response: str,
                          **values: Any) -> None:
    link = await backend.login_link(tracker.sender_id, channel(tracker), method)
    dispatcher.utter_message(response=response, url=link["url"], **values)


async def refuse_outside_permit_scope(dispatcher: CollectingDispatcher, tracker: Tracker, scope: dict) -> None:
    """A permit login asked for more than its permit: say so, with a DigiD link."""
    await send_login_link(dispatcher, tracker, "digid", "utter_needs_digid",
                          permit_number=scope.get("permit_number") or "")


# An outside party is down (backend code → bot/domain/outages.yml): say what cannot be done now
# and that nothing was stored or charged, instead of the general apology.
OUTAGE_RESPONSES = {
    "psp_unavailable": "utter_psp_unavailable",
    "vehicle_register_unavailable": "utter_vehicle_register_unavailable",
}


def handles_backend_errors(run):
    """Turn backend failures into one apology (or a new login link) instead of a crash."""

    @functools.wraps(run)
    async def wrapper(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict):
        try:
            return await run(self, dispatcher, tracker, domain)
        except BackendError as e:
            events = await backend_failure(e, dispatcher, tracker)
            ready_slot = getattr(self, "ready_slot", None)
            if ready_slot:
                # The rules after this action need to know that no form starts.
                events.append(SlotSet(ready_slot, False))
            return events

    return wrapper


async def backend_failure(error: BackendError, dispatcher: CollectingDispatcher,
                          tracker: Tracker) -> list[dict]:
    if error.code == backend.NEEDS_DIGID:
        try:
            await refuse_outside_permit_scope(dispatcher, tracker, error.params)
            return []
        except BackendError:
            pass
    if error.code == backend.NOT_LOGGED_IN:
        # The DigiD binding expired (15 minutes without activity): offer a new link.
        try:
            link = await backend.login_link(tracker.sender_id, channel(tracker))
            dispatcher.utter_message(response="utter_session_expired", url=link["url"])
            return []
        except BackendError:
            pass
    logger.warning("backend error for %s: %s %s", tracker.sender_id, error.code, error.params)
    dispatcher.utter_message(response=OUTAGE_RESPONSES.get(error.code, "utter_backend_error"))
    return []


def user_text(tracker: Tracker, slot_value: Any = None) -> str:
    """What the user answered, as text for the backend.

    Button payloads ("/inform{"period":"jaar"}", "/affirm") are turned into words.
    """
    message = tracker.latest_message or {}
    text = (message.get("text") or "").strip()
    if not text.startswith("/"):
        return text or (str(slot_value) if slot_value is not None else "")
    entities = message.get("entities") or []
    if entities:
        return str(entities[0].get("value") or "")
    intent = (message.get("intent") or {}).get("name")
    if intent == "affirm":
        return "ja"
    if intent == "deny":
        return "nee"
    return text.lstrip("/")


# Keyword names of CollectingDispatcher.utter_message that template values must not shadow.
_RESERVED = frozenset({"text", "image", "json_message", "response", "attachment", "buttons", "elements",
                       "template", "custom", "kwargs"})


def template_values(params: dict) -> dict:
    """Backend params usable as response template values (no clash with utter_message)."""
    return {k: v for k, v in (params or {}).items() if k not in _RESERVED and isinstance(k, str)}


def latest_intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def latest_entity(tracker: Tracker, name: str) -> Any:
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == name:
            return entity.get("value")
    return None


def entity_text(tracker: Tracker, name: str) -> str:
    """The entity `name` of the latest message as text ("" when absent): the values an
    external event from the backend carries."""
    return str(latest_entity(tracker, name) or "")


def list_offset(tracker: Tracker) -> int:
    """Where a paged list starts: the `list_offset` of a "Meer tonen" button, else 0."""
    try:
        return max(0, int(latest_entity(tracker, "list_offset") or 0))
    except (TypeError, ValueError):
        return 0


def form_run_started(tracker: Tracker, form: str) -> float | None:
    """When the latest run of `form` started (the timestamp of its activation), if known."""
    return next((e.get("timestamp") for e in reversed(tracker.events)
                 if e.get("event") == "active_loop" and e.get("name") == form), None)


def idempotency_key(tracker: Tracker, form: str, *answers: Any) -> str:
    """The key of one submit: the same run of `form` with the same answers gives the same
    key, so a retried submit (network hiccup, double click) never creates a second record;
    a new run of the form (after a cancel, or an item taken out of the cart) gets a new one."""
    started = form_run_started(tracker, form)
    raw = json.dumps([tracker.sender_id, form, started, *answers], sort_keys=True, default=str)
    return f"{form}-{hashlib.sha256(raw.encode()).hexdigest()[:32]}"
