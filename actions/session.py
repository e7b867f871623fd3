"""A conversation that comes back after an hour of silence (session_config in
bot/domain/base.yml): the login, the language and the rest are kept, but a form that was
left halfway is not continued as if nothing happened. The citizen is told that it stopped,
that nothing was saved or paid, and gets a button to start that task again."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import APPLICATION_SLOTS
from actions.formatting import button

# Per form: the slots of its half-finished answers, and how to start the task again.
FORM_SLOTS = {
    "application_form": (*APPLICATION_SLOTS, "product", "application_ready", "product_questions", "product_needs_plate",
                         "prefilled_answers"),
    "change_plate_form": ("plate_change_permit_id", "old_plate", "new_plate", "new_plate_reason",
                          "confirm_plate_change", "change_plate_ready"),
    "termination_form": ("terminate_permit_id", "iban", "confirm_termination", "termination_ready"),
}
RESTART_TITLES = {
    "nl": {"application_form": "Opnieuw aanvragen", "change_plate_form": "Kenteken wijzigen",
           "termination_form": "Vergunning beëindigen"},
    "en": {"application_form": "Apply again", "change_plate_form": "Change licence plate",
           "termination_form": "End a permit"},
}


def restart_button(form: str, tracker: Tracker, language: str) -> dict:
    title = RESTART_TITLES[language][form]
    if form == "application_form":
        product = tracker.get_slot("product")
        return button(title, "apply_product", {"product": product} if product else None)
    return button(title, "change_plate" if form == "change_plate_form" else "terminate_product")


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        # The tracker still shows the old session: its slots and the form that was active.
        form = (tracker.active_loop or {}).get("name")
        dropped = set(FORM_SLOTS.get(form, ())) | {"requested_slot"}
        carried = [SlotSet(name, value) for name, value in tracker.slots.items()
                   if value is not None and name not in dropped]
        if form in FORM_SLOTS:
            language = "en" if tracker.get_slot("language") == "en" else "nl"
            dispatcher.utter_message(response="utter_welcome_back_form_stopped",
                                     buttons=[restart_button(form, tracker, language)])
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]
