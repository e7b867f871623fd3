"""Kenteken wijzigen: replace a plate on a current permit, or add a second one.

`change_plate` (text, or the "Kenteken wijzigen" button of Huidige producten with the
entity `product_number`) → `action_start_change_plate` behind the login gate: which
product; `change_plate_ready` = True starts `change_plate_form` (rule). The form asks
which plate to replace (or to add a second one), the new plate (POST /validate/plate),
why the citizen drives it when it is not on their name (POST /validate/plate_reason) and
for confirmation; `action_submit_change_plate` then sends POST /plate-change.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import backend_client as backend
from actions.application_form import YES_WORDS, confirmation, refuse, words
from actions.common import (
    Journey,
    backend_failure,
    gated_journey,
    handles_backend_errors,
    idempotency_key,
    user_text,
)
from actions.formatting import PLATE_REASONS, button, compact_plate, plate_reason_buttons, yes_no_buttons
from actions.lists import choose_product

PENDING = "change_plate"
ADD = "toevoegen"            # old_plate when a second plate is added
FORM_SLOTS = ("plate_change_permit_id", "plate_change_number", "plate_change_name", "plate_change_plates",
              "old_plate", "new_plate", "new_plate_on_name", "new_plate_reason", "confirm_plate_change")
REFUSALS = {
    "plate_invalid": "Dat is geen Nederlands kenteken.",
    "plate_duplicate": "Het kenteken {plate} staat al op uw vergunning.",
    "plate_not_on_permit": "Dat kenteken staat niet op uw vergunning.",
    "plate_on_other_permit": "Het kenteken {plate} staat al op een andere vergunning.",
    "too_many_plates": "Op uw vergunning staan al 2 kentekens. Kies een kenteken om te vervangen.",
    "reason_missing": "Het kenteken {plate} staat niet op uw naam. Geef aan waarom u in deze auto rijdt.",
    "unknown_product": "Dat product hoort niet bij u.",
    "already_ended": "Dit product is al beëindigd. U vindt het in uw historie.",
}


def reset_change_plate_events() -> list[dict]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS] + [SlotSet("change_plate_ready", None)]


async def start_change_plate(dispatcher: CollectingDispatcher, tracker: Tracker,
                             citizen: dict | None = None) -> list[dict]:
    """Choose the product; `change_plate_ready` starts the form."""
    sid = tracker.sender_id
    not_ready = [*reset_change_plate_events(), SlotSet("change_plate_ready", False)]
    products = (await backend.products(sid, "current", 0, 50))["products"]
    product = choose_product(dispatcher, tracker, products, PENDING, "change_plate")
    if product is None:
        return not_ready
    return [*reset_change_plate_events(), SlotSet("plate_change_permit_id", str(product["id"])),
            SlotSet("plate_change_number", product.get("number")),
            SlotSet("plate_change_name", product.get("name")),
            SlotSet("plate_change_plates", list(product.get("plates") or [])),
            SlotSet("change_plate_ready", True)]


# Continued by action_login_done when the citizen asked for it before logging in.
CONTINUATIONS: dict[str, Journey] = {PENDING: start_change_plate}


class ActionStartChangePlate(Action):
    def name(self) -> str:
        return "action_start_change_plate"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        try:
            events = await gated_journey(dispatcher, tracker, PENDING, "utter_login_required_change_plate",
                                         start_change_plate)
        except backend.BackendError as e:
            return [*await backend_failure(e, dispatcher, tracker), SlotSet("change_plate_ready", False)]
        if not any(e.get("name") == "change_plate_ready" for e in events):
            events.append(SlotSet("change_plate_ready", False))    # login link sent
        return events


def _has_plate(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


class ValidateChangePlateForm(FormValidationAction):
    def name(self) -> str:
        return "validate_change_plate_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if not tracker.get_slot("plate_change_permit_id"):
            return []
        slots = ["old_plate", "new_plate"]
        if tracker.get_slot("new_plate") and tracker.get_slot("new_plate_on_name") is False:
            slots.append("new_plate_reason")
        slots.append("confirm_plate_change")
        return slots

    async def validate_old_plate(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict:
        text = user_text(tracker, value)
        plates = tracker.get_slot("plate_change_plates") or []
        said = words(text)
        if len(plates) < 2 and (compact_plate(text) == ADD.upper() or said & {"toevoegen", "tweede", "erbij"}):
            return {"old_plate": ADD}
        for plate in plates:
            if compact_plate(plate) and compact_plate(plate) in (compact_plate(text) or ""):
                return {"old_plate": plate}
        if len(plates) == 1 and said & ({"vervangen", "vervang"} | YES_WORDS):
            return {"old_plate": plates[0]}
        dispatcher.utter_message(response="utter_invalid_old_plate")
        return {"old_plate": None}

    async def _check_new_plate(self, dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> dict | None:
        plates = tracker.get_slot("plate_change_plates") or []
        draft = {"plates": [{"value": compact_plate(p)} for p in plates]}
        try:
            result = await backend.validate(tracker.sender_id, "plate", text, draft)
        except backend.BackendError as e:
            await backend_failure(e, dispatcher, tracker)
            return None
        if not result.get("ok"):
            params = result.get("params") or {}
            if result.get("error") == "plate_duplicate":
                dispatcher.utter_message(text=REFUSALS["plate_duplicate"].format(plate=params.get("plate", "")))
            else:
                refuse(dispatcher, str(result.get("error")), params)
            return None
        return result

    async def validate_new_plate(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict:
        result = await self._check_new_plate(dispatcher, tracker, user_text(tracker, value))
        if result is None:
            return {"new_plate": None, "new_plate_on_name": None, "new_plate_reason": None}
        return {"new_plate": result.get("display") or result["value"],
                "new_plate_on_name": bool(result.get("on_name")), "new_plate_reason": None}

    async def validate_new_plate_reason(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                        domain: DomainDict) -> dict:
        text = user_text(tracker, value)
        if text in PLATE_REASONS:
            return {"new_plate_reason": text}
        try:
            result = await backend.validate(tracker.sender_id, "plate_reason", text, {})
        except backend.BackendError as e:
            await backend_failure(e, dispatcher, tracker)
            return {"new_plate_reason": None}
        if not result.get("ok"):
            refuse(dispatcher, str(result.get("error")), result.get("params") or {})
            return {"new_plate_reason": None}
        return {"new_plate_reason": result["value"]}

    async def validate_confirm_plate_change(self, value: Any, dispatcher: CollectingDispatcher,
                                            tracker: Tracker, domain: DomainDict) -> dict:
        text = user_text(tracker, value)
        if _has_plate(text) and not text.startswith("/"):
            # "nee, het is 12-ABC-3": a correction of the new plate; then ask again.
            corrected = await self.validate_new_plate(value, dispatcher, tracker, domain)
            if corrected["new_plate"] is None:
                return {"confirm_plate_change": None}
            return {**corrected, "confirm_plate_change": None}
        answer = confirmation(tracker, value)
        if answer is None:
            dispatcher.utter_message(response="utter_invalid_confirm_plate_change")
        return {"confirm_plate_change": answer}


class ActionAskOldPlate(Action):
    def name(self) -> str:
        return "action_ask_old_plate"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        plates = tracker.get_slot("plate_change_plates") or []
        if len(plates) >= 2:
            dispatcher.utter_message(text="Welk kenteken wilt u vervangen?",
                                     buttons=[button(p, "inform", {"plate_choice": p}) for p in plates])
            return []
        buttons = [button(f"Vervangen: {p}", "inform", {"plate_choice": p}) for p in plates]
        buttons.append(button("Tweede kenteken toevoegen", "inform", {"plate_choice": ADD}))
        dispatcher.utter_message(
            text="Wilt u het kenteken vervangen, of een tweede kenteken toevoegen? Op een vergunning passen "
                 "maximaal 2 kentekens. Er kan maar 1 auto tegelijk parkeren.",
            buttons=buttons)
        return []


class ActionAskNewPlateReason(Action):
    def name(self) -> str:
        return "action_ask_new_plate_reason"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        dispatcher.utter_message(
            text=f"Het kenteken {tracker.get_slot('new_plate')} staat niet op uw naam. Waarom rijdt u in deze auto?",
            buttons=plate_reason_buttons())
        return []


def summary_text(tracker: Tracker) -> str:
    old, new = tracker.get_slot("old_plate"), tracker.get_slot("new_plate")
    permit = f"uw {tracker.get_slot('plate_change_name') or 'vergunning'} {tracker.get_slot('plate_change_number') or ''}"
    if old == ADD or not old:
        return f"U voegt {new} toe als tweede kenteken op {permit.rstrip()}. Klopt dit?"
    return f"U vervangt {old} door {new} op {permit.rstrip()}. Klopt dit?"


class ActionAskConfirmPlateChange(Action):
    def name(self) -> str:
        return "action_ask_confirm_plate_change"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        dispatcher.utter_message(text=summary_text(tracker), buttons=yes_no_buttons("Ja", "Nee"))
        return []


def done_text(result: dict) -> str:
    if result.get("status") == "awaiting_evidence":
        return ("Stuur een bewijsstuk dat u in deze auto mag rijden, bijvoorbeeld het leasecontract of een "
                "verklaring van de eigenaar (PDF, JPG of PNG, maximaal 10 MB):\n" + str(result.get("upload_url")))
    text = f"Het kenteken is gewijzigd. Op uw vergunning staat nu: {' en '.join(result.get('plates') or [])}."
    url = (result.get("document") or {}).get("url")
    return f"{text} De bevestiging:\n{url}" if url else text


class ActionSubmitChangePlate(Action):
    """After the form: "ja" → POST /plate-change; "nee" → nothing changed. Slots reset always."""

    def name(self) -> str:
        return "action_submit_change_plate"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        permit_id = tracker.get_slot("plate_change_permit_id")
        if not permit_id or tracker.get_slot("confirm_plate_change") != "ja":
            dispatcher.utter_message(response="utter_change_plate_cancelled")
            return reset_change_plate_events()
        old = tracker.get_slot("old_plate")
        old = None if old == ADD else old
        new = tracker.get_slot("new_plate")
        try:
            result = await backend.plate_change(
                tracker.sender_id, permit_id, old, new, tracker.get_slot("new_plate_reason"),
                idempotency_key(tracker, "change_plate_form", permit_id, compact_plate(old), compact_plate(new)))
        except backend.BackendError as e:
            if e.code not in REFUSALS:
                raise
            dispatcher.utter_message(
                text=f"{REFUSALS[e.code].format(plate=(e.params or {}).get('plate', new))} Er is niets veranderd.")
            return reset_change_plate_events()
        dispatcher.utter_message(text=done_text(result))
        return reset_change_plate_events()


class ActionResetChangePlate(Action):
    def name(self) -> str:
        return "action_reset_change_plate"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        return reset_change_plate_events()
