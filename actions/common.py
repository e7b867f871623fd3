"""Shared helpers of all journeys: the login gate, backend error handling and
reading what the user answered."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.backend_client import BackendError

logger = logging.getLogger(__name__)

# Slots of one application; cleared before a new one starts and after it ends.
APPLICATION_SLOTS = (
    "start_date", "period", "plate_1", "plate_1_on_name", "plate_1_reason",
    "plate_2", "plate_2_on_name", "plate_2_reason", "question_1", "question_2", "question_3",
    "confirm_application",
)


def reset_application_events(keep_ready: bool = False) -> list[dict]:
    events = [SlotSet(slot, None) for slot in APPLICATION_SLOTS]
    events += [SlotSet("product_questions", None), SlotSet("product", None), SlotSet("product_needs_plate", None),
               SlotSet("prefilled_answers", None)]
    if not keep_ready:
        events.append(SlotSet("application_ready", None))
    return events


def channel(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "rest"


# The three logins: DigiD (persons), eHerkenning (companies), permit number + code (one permit).
LOGIN_METHODS = ("digid", "eherkenning", "permit")
# Tasks about the whole account, which a permit login (one permit only) cannot do.
ACCOUNT_WIDE = ("pay_cart", "list_available_products")


def login_method_for(pending_action: str | None) -> str:
    """The login a task needs when nothing else says which: eHerkenning for a
    bedrijfsvergunning, otherwise DigiD (the default for personal journeys)."""
    return "eherkenning" if pending_action == "apply:bedrijfsvergunning" else "digid"


def needs_whole_account(pending_action: str | None) -> bool:
    return bool(pending_action) and (pending_action.startswith("apply:") or pending_action in ACCOUNT_WIDE)


async def send_login_link(dispatcher: CollectingDispatcher, tracker: Tracker, method: str, response: str,
                          **values: Any) -> None:
    link = await backend.login_link(tracker.sender_id, channel(tracker), method)
    dispatcher.utter_message(response=response, url=link["url"], **values)


async def refuse_outside_permit_scope(dispatcher: CollectingDispatcher, tracker: Tracker, scope: dict) -> None:
    """A permit login asked for more than its permit: say so, with a DigiD link."""
    await send_login_link(dispatcher, tracker, "digid", "utter_needs_digid",
                          permit_number=scope.get("permit_number") or "")


async def login_gate(dispatcher: CollectingDispatcher, tracker: Tracker, pending_action: str,
                     response: str) -> dict | None:
    """The logged-in citizen, or None after sending a login link with `response` (DigiD;
    eHerkenning for a bedrijfsvergunning) or, for a permit login asked for something
    outside its permit, a DigiD link with why.

    The caller remembers `pending_action`, so the login event can continue the task.
    (The backend enforces the permit scope itself; this check only gives the clear answer.)
    """
    session = await backend.session(tracker.sender_id)
    if session.get("logged_in"):
        scope = session.get("scope")
        if scope and needs_whole_account(pending_action):
            await refuse_outside_permit_scope(dispatcher, tracker, scope)
            return None
        return session.get("citizen") or {}
    method = login_method_for(pending_action)
    await send_login_link(dispatcher, tracker, method,
                          response if method == "digid" else "utter_login_required_eherkenning")
    return None


# A journey that needs a login: (dispatcher, tracker, citizen) → events. Run directly when
# the citizen is logged in, or by action_login_done for `pending_action` after the login.
Journey = Callable[[CollectingDispatcher, Tracker, dict], Awaitable[list[dict]]]


async def gated_journey(dispatcher: CollectingDispatcher, tracker: Tracker, pending_action: str,
                        response: str, journey: Journey) -> list[dict]:
    """Run `journey` for the logged-in citizen, or send a login link and remember
    `pending_action` so that the login event continues it."""
    citizen = await login_gate(dispatcher, tracker, pending_action, response)
    if citizen is None:
        return [SlotSet("pending_action", pending_action)]
    return [SlotSet("pending_action", None), *await journey(dispatcher, tracker, citizen)]


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
            if getattr(self, "starts_application", False):
                # The rules after this action need to know that no form starts.
                events.append(SlotSet("application_ready", False))
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


def list_offset(tracker: Tracker) -> int:
    """Where a paged list starts: the `list_offset` of a "Meer tonen" button, else 0."""
    try:
        return max(0, int(latest_entity(tracker, "list_offset") or 0))
    except (TypeError, ValueError):
        return 0


def idempotency_key(tracker: Tracker, form: str, *answers: Any) -> str:
    """The key of one submit: the same run of `form` with the same answers gives the same
    key, so a retried submit (network hiccup, double click) never creates a second record;
    a new run of the form (after a cancel, or an item taken out of the cart) gets a new one."""
    started = next((e.get("timestamp") for e in reversed(tracker.events)
                    if e.get("event") == "active_loop" and e.get("name") == form), None)
    raw = json.dumps([tracker.sender_id, form, started, *answers], sort_keys=True, default=str)
    return f"{form}-{hashlib.sha256(raw.encode()).hexdigest()[:32]}"
