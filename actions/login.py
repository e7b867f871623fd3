"""Login with DigiD (through a link), logout, and continuing the task the citizen
asked for once the login event comes back."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions import change_plate, documents, lists, payment, renewals, status, termination
from actions.application import pending_product, start_application
from actions.common import Journey, channel, handles_backend_errors

# `pending_action` → the journey the citizen asked for before logging in, run with the
# same code as the direct path. Nothing pending: the overview, like the Parkeerloket's
# "Home" after logging in. ("apply:<product>" starts the application form, see below.)
CONTINUATIONS: dict[str, Journey] = {
    status.PENDING: status.list_applications,
    payment.PENDING: payment.pay_cart,
    **lists.CONTINUATIONS,
    **termination.CONTINUATIONS,
    **change_plate.CONTINUATIONS,
    **documents.CONTINUATIONS,
    **renewals.CONTINUATIONS,
}


class ActionLogin(Action):
    def name(self) -> str:
        return "action_login"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        session = await backend.session(tracker.sender_id)
        if session.get("logged_in"):
            dispatcher.utter_message(response="utter_already_logged_in",
                                     name=(session.get("citizen") or {}).get("name", ""))
            return []
        link = await backend.login_link(tracker.sender_id, channel(tracker))
        dispatcher.utter_message(response="utter_login_link", url=link["url"])
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

    starts_application = True  # its rules need application_ready set, also on errors

    def name(self) -> str:
        return "action_login_done"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        session = await backend.session(tracker.sender_id)
        if not session.get("logged_in"):
            dispatcher.utter_message(response="utter_not_logged_in")
            return [SlotSet("application_ready", False)]
        citizen = session.get("citizen") or {}
        dispatcher.utter_message(response="utter_logged_in", name=citizen.get("name", ""),
                                 address=citizen.get("address", ""))
        pending = tracker.get_slot("pending_action")
        events: list[dict] = [SlotSet("pending_action", None)]
        product = pending_product(pending)
        if product:
            # start_application sets application_ready; True starts the form (rule).
            return events + await start_application(dispatcher, tracker, product)
        journey = CONTINUATIONS.get(pending) if pending else lists.show_overview
        if journey is not None:
            events += await journey(dispatcher, tracker, citizen)
        return events + [SlotSet("application_ready", False)]
