"""Journey "lopende aanvragen": the status of open applications."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.common import handles_backend_errors, login_gate

PENDING = "list_applications"


def application_line(application: dict) -> str:
    """ "A-2026-000001 bewonersvergunning: Wacht op betaling. Betaal de aanvraag in de winkelwagen." """
    line = f"{application.get('reference')} {application.get('product_name')}: {application.get('status_label')}."
    todo = (application.get("todo") or "").strip()
    return f"{line} {todo}" if todo else line


async def list_applications(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
    """Tell the logged-in citizen their open applications (also after the login event)."""
    applications = await backend.applications(tracker.sender_id, "open")
    if not applications:
        dispatcher.utter_message(response="utter_applications_none")
    else:
        dispatcher.utter_message(response="utter_applications_list",
                                 lines="\n".join(application_line(a) for a in applications))
    return []


class ActionListApplications(Action):
    def name(self) -> str:
        return "action_list_applications"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        citizen = await login_gate(dispatcher, tracker, PENDING, "utter_login_required_status")
        if citizen is None:
            return [SlotSet("pending_action", PENDING)]
        return [SlotSet("pending_action", None), *await list_applications(dispatcher, tracker)]
