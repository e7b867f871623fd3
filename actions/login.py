"""Login (through a link: DigiD, eHerkenning or permit number + code), logout, and
continuing the task the citizen asked for once the login event comes back."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import (  # noqa: F401  (each journey registers its login continuation)
    active_plate,
    balance,
    change_plate,
    documents,
    lists,
    parking,
    parking_stop,
    payment,
    renewals,
    status,
    termination,
    top_up,
)
from actions import backend_client as backend
from actions.application import pending_product, start_application
from actions.buttons import button
from actions.common import handles_backend_errors, latest_entity, refuse_outside_permit_scope, send_login_link
from actions.gate import LOGIN_METHODS, continuation, login_method_for, needs_whole_account
from actions.i18n import texts

# `pending_action` → the journey the citizen asked for before logging in, run with the
# same code as the direct path: `actions.gate.continuation`, filled by the journeys'
# GatedJourneyAction classes (their modules are imported above for that). Nothing pending:
# the overview, like the Parkeerloket's "Home" after logging in. ("apply:<product>" starts
# the application form, see below.)


# Words that name a login when NLU gave no `login_method` entity ("ik ben een bedrijf").
_METHOD_WORDS = (
    ("herkenning", "eherkenning"),
    ("bedrijf", "eherkenning"),
    ("ondernemer", "eherkenning"),
    ("kvk", "eherkenning"),
    ("vergunningnummer", "permit"),
    ("vergunningsnummer", "permit"),
    ("permit", "permit"),
    ("digid", "digid"),
    ("persoon", "digid"),
    ("bewoner", "digid"),
)
LINK_RESPONSES = {"digid": "utter_login_link", "eherkenning": "utter_login_link_eherkenning",
                  "permit": "utter_login_link_permit"}
# (title or message key of actions.i18n, login method) of the three login buttons.
METHOD_BUTTONS = (("DigiD", "digid"), ("eHerkenning", "eherkenning"), ("permit_number", "permit"))


def requested_method(tracker: Tracker) -> str | None:
    """The login the person named (button entity, NLU entity or a word), if any."""
    value = str(latest_entity(tracker, "login_method") or "").lower()
    if value in LOGIN_METHODS:
        return value
    text = ((tracker.latest_message or {}).get("text") or "").lower()
    if text.startswith("/"):
        return None
    return next((method for word, method in _METHOD_WORDS if word in text), None)


class ActionLogin(Action):
    """"inloggen": the link of the login that was named, or that the pending task needs;
    when neither says which, the three logins as buttons."""

    def name(self) -> str:
        return "action_login"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        method = requested_method(tracker)
        session = await backend.session(tracker.sender_id)
        if session.get("logged_in") and method in (None, session.get("login_method")):
            dispatcher.utter_message(response="utter_already_logged_in",
                                     name=(session.get("citizen") or {}).get("name", ""))
            return []
        pending = tracker.get_slot("pending_action")
        if method is None and not pending:
            t = texts(tracker)
            dispatcher.utter_message(response="utter_ask_login_method", buttons=[
                button(t(title) if code == "permit" else title, "login", {"login_method": code})
                for title, code in METHOD_BUTTONS])
            return []
        method = method or login_method_for(pending)
        await send_login_link(dispatcher, tracker, method, LINK_RESPONSES[method])
        return []


class ActionLogout(Action):
    def name(self) -> str:
        return "action_logout"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        await backend.logout(tracker.sender_id)
        dispatcher.utter_message(response="utter_logged_out")
        return [SlotSet("pending_action", None)]


class ActionLoginDone(Action):
    """EXTERNAL_login_done: greet the citizen by name and continue the pending task."""

    ready_slot = "application_ready"  # its rules need it set, also on errors

    def name(self) -> str:
        return "action_login_done"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        session = await backend.session(tracker.sender_id)
        if not session.get("logged_in"):
            dispatcher.utter_message(response="utter_not_logged_in")
            return [SlotSet("application_ready", False)]
        citizen = session.get("citizen") or {}
        scope = session.get("scope")
        pending = tracker.get_slot("pending_action")
        if scope:
            # A permit login: only this permit. Its list is the natural start.
            dispatcher.utter_message(response="utter_logged_in_permit", permit_number=scope.get("permit_number"),
                                     product_name=texts(tracker).product(scope.get("product_code")))
            if needs_whole_account(pending):
                await refuse_outside_permit_scope(dispatcher, tracker, scope)
                return [SlotSet("application_ready", False)]
            pending = pending or lists.CURRENT
        else:
            dispatcher.utter_message(response="utter_logged_in", name=citizen.get("name", ""),
                                     address=citizen.get("address", ""))
        events: list[dict] = [SlotSet("pending_action", None)]
        product = pending_product(pending)
        if product:
            # start_application sets application_ready; True starts the form (rule).
            return events + await start_application(dispatcher, tracker, product)
        journey = continuation(pending) if pending else lists.show_overview
        if journey is not None:
            events += await journey(dispatcher, tracker, citizen)
        return events + [SlotSet("application_ready", False)]
