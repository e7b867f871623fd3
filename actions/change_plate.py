"""Kenteken wijzigen: replace a plate on a current permit, or add a second one.

`change_plate` (text, or the "Kenteken wijzigen" button of Huidige producten with the
entity `product_number`) → `action_start_change_plate` behind the login gate: which
product; `change_plate_ready` = True starts `change_plate_form` (rule). The form asks
which plate to replace (or to add a second one), the new plate (POST /validate/plate),
why the citizen drives it when it is not on their name (POST /validate/plate_reason) and
for confirmation; `action_submit_change_plate` then sends POST /change-plate.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import backend_client as backend
from actions.active_plate import after_change_text
from actions.answers import YES_WORDS, words
from actions.buttons import button, yes_no_buttons
from actions.common import idempotency_key, user_text
from actions.formatting import compact_plate
from actions.forms import AskPlateReason, FormValidation, ResetForm, SubmitForm, plate_slots
from actions.gate import GatedJourneyAction
from actions.i18n import DUTCH, Texts, texts
from actions.product_choice import choose_product

PENDING = "change_plate"
ADD = "toevoegen"            # old_plate when a second plate is added
FORM_SLOTS = ("change_plate_permit_id", "change_plate_number", "change_plate_name", "change_plate_plates",
              "old_plate", "new_plate", "new_plate_on_name", "new_plate_reason", "confirm_change_plate")
# Refusals of the backend (error codes) → message keys of actions.i18n ("refused_<code>").
REFUSALS = ("plate_invalid", "plate_duplicate", "plate_not_on_permit", "plate_on_other_permit", "too_many_plates",
            "reason_missing", "unknown_product", "already_ended")
# Words for "add a second plate" and "replace it" when typed instead of pressing a button.
ADD_WORDS = {"toevoegen", "tweede", "erbij", "add", "second", "another"}
REPLACE_WORDS = {"vervangen", "vervang", "replace"}


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
    return [*reset_change_plate_events(), SlotSet("change_plate_permit_id", str(product["id"])),
            SlotSet("change_plate_number", product.get("number")),
            SlotSet("change_plate_name", product.get("product_code")),      # a code: the summary names it
            SlotSet("change_plate_plates", list(product.get("plates") or [])),
            SlotSet("change_plate_ready", True)]


class ActionStartChangePlate(GatedJourneyAction):
    pending = PENDING
    login_response = "utter_login_required_change_plate"
    ready_slot = "change_plate_ready"
    journey = staticmethod(start_change_plate)

    def name(self) -> str:
        return "action_start_change_plate"


def _has_plate(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


class ValidateChangePlateForm(FormValidation):
    explanations = {"new_plate": "utter_form_explain_plate"}

    def name(self) -> str:
        return "validate_change_plate_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if not tracker.get_slot("change_plate_permit_id"):
            return []
        slots = ["old_plate", "new_plate"]
        if tracker.get_slot("new_plate") and tracker.get_slot("new_plate_on_name") is False:
            slots.append("new_plate_reason")
        slots.append("confirm_change_plate")
        return slots

    async def validate_old_plate(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict:
        text = user_text(tracker, value)
        plates = tracker.get_slot("change_plate_plates") or []
        said = words(text)
        if len(plates) < 2 and (compact_plate(text) == ADD.upper() or said & ADD_WORDS):
            return {"old_plate": ADD}
        for plate in plates:
            if compact_plate(plate) and compact_plate(plate) in (compact_plate(text) or ""):
                return {"old_plate": plate}
        if len(plates) == 1 and said & (REPLACE_WORDS | YES_WORDS):
            return {"old_plate": plates[0]}
        dispatcher.utter_message(response="utter_invalid_old_plate")
        return {"old_plate": None}

    def refuse_answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, field: str, result: dict) -> None:
        if field == "plate" and result.get("error") == "plate_duplicate":
            plate = (result.get("params") or {}).get("plate", "")
            dispatcher.utter_message(text=texts(tracker)("refused_plate_duplicate", plate=plate))
        else:
            super().refuse_answer(dispatcher, tracker, field, result)

    async def validate_new_plate(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict:
        plates = tracker.get_slot("change_plate_plates") or []
        draft = {"plates": [{"value": compact_plate(p)} for p in plates]}
        result = await self.check(dispatcher, tracker, "plate", user_text(tracker, value), draft)
        if result is None:
            return {"new_plate": None, "new_plate_on_name": None, "new_plate_reason": None}
        return plate_slots("new_plate", result)

    async def validate_new_plate_reason(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                        domain: DomainDict) -> dict:
        return await self.check_plate_reason(dispatcher, tracker, "new_plate_reason", value, {})

    async def validate_confirm_change_plate(self, value: Any, dispatcher: CollectingDispatcher,
                                            tracker: Tracker, domain: DomainDict) -> dict:
        text = user_text(tracker, value)
        if _has_plate(text) and not text.startswith("/"):
            # "nee, het is 12-ABC-3": a correction of the new plate; then ask again.
            corrected = await self.validate_new_plate(value, dispatcher, tracker, domain)
            if corrected["new_plate"] is None:
                return {"confirm_change_plate": None}
            return {**corrected, "confirm_change_plate": None}
        return self.confirm(dispatcher, tracker, "confirm_change_plate", value, "utter_invalid_confirm_change_plate")


class ActionAskOldPlate(Action):
    def name(self) -> str:
        return "action_ask_old_plate"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        plates = tracker.get_slot("change_plate_plates") or []
        t = texts(tracker)
        if len(plates) >= 2:
            dispatcher.utter_message(response="utter_which_plate",
                                     buttons=[button(p, "inform", {"plate_choice": p}) for p in plates])
            return []
        buttons = [button(t("replace_plate", plate=p), "inform", {"plate_choice": p}) for p in plates]
        buttons.append(button(t("add_plate"), "inform", {"plate_choice": ADD}))
        dispatcher.utter_message(response="utter_replace_or_add", buttons=buttons)
        return []


class ActionAskNewPlateReason(AskPlateReason):
    plate_slot = "new_plate"


def summary_text(tracker: Tracker) -> str:
    t = texts(tracker)
    old, new = tracker.get_slot("old_plate"), tracker.get_slot("new_plate")
    name = tracker.get_slot("change_plate_name")
    permit = t("your_permit", name=t.product(name) if name else t("permit"),
               number=tracker.get_slot("change_plate_number") or "").rstrip()
    if old == ADD or not old:
        return t("plate_add_summary", new=new, permit=permit)
    return t("plate_replace_summary", old=old, new=new, permit=permit)


class ActionAskConfirmPlateChange(Action):
    def name(self) -> str:
        return "action_ask_confirm_change_plate"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        t = texts(tracker)
        dispatcher.utter_message(text=summary_text(tracker), buttons=yes_no_buttons(t("yes"), t("no")))
        return []


def done_text(result: dict, t: Texts = DUTCH) -> str:
    if result.get("status") == "awaiting_evidence":
        return t("plate_change_evidence", url=result.get("upload_url"))
    text = t("plate_changed", plates=f" {t('and')} ".join(result.get("plates") or []))
    url = (result.get("document") or {}).get("url")
    text = t("plate_change_letter", text=text, url=url) if url else text
    after = after_change_text(result, t)          # two plates now: which one is active
    return f"{text}\n{after}" if after else text


class ActionSubmitChangePlate(SubmitForm):
    """After the form: "ja" → POST /change-plate; "nee" → nothing changed. Slots reset always."""

    subject_slot = "change_plate_permit_id"
    confirm_slot = "confirm_change_plate"
    cancelled = "utter_change_plate_cancelled"
    reset = staticmethod(reset_change_plate_events)

    def name(self) -> str:
        return "action_submit_change_plate"

    async def submit(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        permit_id = tracker.get_slot("change_plate_permit_id")
        old = tracker.get_slot("old_plate")
        old = None if old == ADD else old
        new = tracker.get_slot("new_plate")
        result = await backend.change_plate(
            tracker.sender_id, permit_id, old, new, tracker.get_slot("new_plate_reason"),
            idempotency_key(tracker, "change_plate_form", permit_id, compact_plate(old), compact_plate(new)))
        dispatcher.utter_message(text=done_text(result, texts(tracker)))
        return []

    def refused(self, dispatcher: CollectingDispatcher, tracker: Tracker, error: backend.BackendError) -> bool:
        if error.code not in REFUSALS:
            return False
        t = texts(tracker)
        reason = t(f"refused_{error.code}", plate=(error.params or {}).get("plate", tracker.get_slot("new_plate")))
        dispatcher.utter_message(text=t("nothing_changed", reason=reason))
        return True


class ActionResetChangePlate(ResetForm):
    reset = staticmethod(reset_change_plate_events)

    def name(self) -> str:
        return "action_reset_change_plate"
