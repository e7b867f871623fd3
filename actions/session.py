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
from actions.i18n import texts

# Per form: the slots of its half-finished answers, and how to start the task again.
FORM_SLOTS = {
    "application_form": (*APPLICATION_SLOTS, "product", "application_ready", "product_questions", "product_needs_plate",
                         "prefilled_answers"),
    "change_plate_form": ("plate_change_permit_id", "old_plate", "new_plate", "new_plate_reason",
                          "confirm_plate_change", "change_plate_ready"),
    "termination_form": ("terminate_permit_id", "iban", "confirm_termination", "termination_ready"),
}


def restart_button(form: str, tracker: Tracker) -> dict:
    t = texts(tracker)
    if form == "application_form":
        product = tracker.get_slot("product")
        return button(t("restart_application"), "apply_product", {"product": product} if product else None)
    if form == "change_plate_form":
        return button(t("restart_change_plate"), "change_plate")
    return button(t("restart_termination"), "terminate_product")


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
            dispatcher.utter_message(response="utter_welcome_back_form_stopped",
                                     buttons=[restart_button(form, tracker)])
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]
