"""Parkeeracties bekijken en stoppen (list_parking, stop_parking) and the job's message that
a session reached its end time (EXTERNAL_parking_ended).

stop_parking: the session of the button pressed (entity `parking_session_id`) stops at once;
a plate named in the message, or the only session, is asked "Wilt u … stoppen?"
(`parking_stop_asked`, read by the rules; ja → `action_confirm_stop_parking`); several get a
button per plate. A running session gives back its unused part, a planned one everything.
"""

from __future__ import annotations

from datetime import datetime

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.buttons import button, yes_no_buttons
from actions.common import entity_text, handles_backend_errors, latest_entity, latest_intent, user_text
from actions.formatting import compact_plate
from actions.gate import GatedJourneyAction
from actions.i18n import Texts, texts
from actions.parking import LOCAL, period_text

PENDING_STOP = "stop_parking"
PENDING_LIST = "list_parking"


def session_line(s: dict, t: Texts) -> str:
    return t("parking_line", plate=s["display"], period=period_text(s["starts_at"], s["ends_at"], t),
             state=t.label(PARKING_STATES, s.get("state")))


PARKING_STATES = {"planned": ("gepland", "planned"), "running": ("loopt nu", "running now"),
                  "ended": ("afgelopen", "ended"), "stopped": ("gestopt", "stopped"),
                  "cancelled": ("geannuleerd", "cancelled")}


def stop_button(s: dict, t: Texts) -> dict:
    return button(t("parking_stop_button", plate=s["display"]), PENDING_STOP, {"parking_session_id": str(s["id"])})


async def stop_now(dispatcher: CollectingDispatcher, tracker: Tracker, session_id: str) -> None:
    """Stop or cancel, and say what comes back and the balance now."""
    t = texts(tracker)
    try:
        result = await backend.stop_parking(tracker.sender_id, session_id)
    except backend.BackendError as e:
        if e.code not in ("session_not_active", "unknown_parking_session"):
            raise
        dispatcher.utter_message(response="utter_parking_refused_session_not_active")
        return
    s = result["session"]
    response = "utter_parking_cancelled" if s["status"] == "cancelled" else "utter_parking_stopped"
    dispatcher.utter_message(response=response, plate=s["display"], refund=t.money(result["refund"]),
                             balance=t.money(result["balance"]))


async def stop_parking(dispatcher: CollectingDispatcher, tracker: Tracker, citizen: dict | None = None) -> list[dict]:
    t = texts(tracker)
    chosen = latest_entity(tracker, "parking_session_id") if latest_intent(tracker) == PENDING_STOP else None
    if chosen:
        await stop_now(dispatcher, tracker, str(chosen))
        return [SlotSet("parking_stop_asked", False)]
    sessions = (await backend.parking_sessions(tracker.sender_id, "current"))["sessions"]
    if not sessions:
        dispatcher.utter_message(response="utter_parking_none")
        return [SlotSet("parking_stop_asked", False)]
    named = compact_plate(str(latest_entity(tracker, "license_plate") or "")) or ""
    said = (compact_plate(user_text(tracker)) or "").upper()
    matching = [s for s in sessions if s["plate"] == named or (s["plate"] and s["plate"] in said)]
    if len(matching) == 1 or len(sessions) == 1:
        s = (matching or sessions)[0]
        dispatcher.utter_message(response="utter_parking_stop_question", line=session_line(s, t),
                                 buttons=yes_no_buttons(t("yes"), t("no")))
        return [SlotSet("parking_stop_id", str(s["id"])), SlotSet("parking_stop_asked", True)]
    dispatcher.utter_message(response="utter_parking_which_stop", buttons=[stop_button(s, t) for s in sessions])
    return [SlotSet("parking_stop_asked", False)]


async def stop_choice(dispatcher: CollectingDispatcher, tracker: Tracker, citizen: dict | None = None) -> list[dict]:
    """After the login: the sessions with a stop button each (a question needs its own turn)."""
    t = texts(tracker)
    sessions = (await backend.parking_sessions(tracker.sender_id, "current"))["sessions"]
    if not sessions:
        dispatcher.utter_message(response="utter_parking_none")
    else:
        dispatcher.utter_message(response="utter_parking_which_stop", buttons=[stop_button(s, t) for s in sessions])
    return [SlotSet("parking_stop_asked", False)]


class ActionStopParking(GatedJourneyAction):
    pending = PENDING_STOP
    login_response = "utter_login_required_parking"
    ready_slot = "parking_stop_asked"
    journey = staticmethod(stop_parking)
    continuation = staticmethod(stop_choice)

    def name(self) -> str:
        return "action_stop_parking"


class ActionConfirmStopParking(Action):
    """After "Wilt u … stoppen?": ja → stop; nee → nothing changes. Slots reset always."""

    def name(self) -> str:
        return "action_confirm_stop_parking"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        reset = [SlotSet("parking_stop_id", None), SlotSet("parking_stop_asked", None)]
        session_id = tracker.get_slot("parking_stop_id")
        if latest_intent(tracker) != "affirm" or not session_id:
            dispatcher.utter_message(response="utter_parking_kept")
            return reset
        await stop_now(dispatcher, tracker, session_id)
        return reset


async def list_parking(dispatcher: CollectingDispatcher, tracker: Tracker, citizen: dict | None = None) -> list[dict]:
    t = texts(tracker)
    sessions = (await backend.parking_sessions(tracker.sender_id, "current"))["sessions"]
    if not sessions:
        dispatcher.utter_message(response="utter_parking_none")
        return []
    lines = "\n".join(session_line(s, t) for s in sessions)
    dispatcher.utter_message(text=t("parking_list", lines=lines), buttons=[stop_button(s, t) for s in sessions])
    return []


class ActionListParking(GatedJourneyAction):
    pending = PENDING_LIST
    login_response = "utter_login_required_parking"
    journey = staticmethod(list_parking)

    def name(self) -> str:
        return "action_list_parking"


class ActionParkingEnded(Action):
    """EXTERNAL_parking_ended: the job ended a session at its end time (told from the event's
    own values, so it also reaches a citizen whose login has expired)."""

    def name(self) -> str:
        return "action_parking_ended"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        ends = entity_text(tracker, "ends_at")
        try:
            at = datetime.fromisoformat(ends).astimezone(LOCAL).strftime("%H:%M") if ends else ""
        except ValueError:
            at = ""
        dispatcher.utter_message(response="utter_parking_ended", plate=entity_text(tracker, "plate"), time=at)
        return []
