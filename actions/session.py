"""A conversation that comes back after an hour of silence (session_config in
bot/domain/base.yml): the login, the language and the rest are kept, but a form that was
left halfway is not continued as if nothing happened. The citizen is told that it stopped,
that nothing was saved or paid, and gets a button to start that task again."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.application import reset_application_events
from actions.buttons import button
from actions.change_plate import reset_change_plate_events
from actions.i18n import texts
from actions.parking import reset_parking_events
from actions.termination import reset_termination_events
from actions.top_up import reset_top_up_events

# Per form: the journey's own reset (the slots of its half-finished answers).
FORM_RESETS = {
    "application_form": reset_application_events,
    "change_plate_form": reset_change_plate_events,
    "termination_form": reset_termination_events,
    "parking_form": reset_parking_events,
    "top_up_form": reset_top_up_events,
}


def restart_button(form: str, tracker: Tracker) -> dict:
    t = texts(tracker)
    if form == "application_form":
        product = tracker.get_slot("product")
        return button(t("restart_application"), "apply_product", {"product": product} if product else None)
    if form == "change_plate_form":
        return button(t("restart_change_plate"), "change_plate")
    if form == "parking_form":
        return button(t("restart_parking"), "start_parking")
    if form == "top_up_form":
        return button(t("top_up"), "top_up_balance")
    return button(t("restart_termination"), "terminate_product")


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        # The tracker still shows the old session: its slots and the form that was active.
        form = (tracker.active_loop or {}).get("name")
        reset = FORM_RESETS.get(form)
        dropped = {event["name"] for event in (reset() if reset else [])} | {"requested_slot"}
        carried = [SlotSet(name, value) for name, value in tracker.slots.items()
                   if value is not None and name not in dropped]
        if reset:
            dispatcher.utter_message(response="utter_welcome_back_form_stopped",
                                     buttons=[restart_button(form, tracker)])
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]
