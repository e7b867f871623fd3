"""Beëindigen: end a current product (permit) now, with restitution of the unused days.

`terminate_product` (text, or the "Beëindigen" button of Huidige producten with the
entity `product_number`) → `action_start_termination` behind the login gate: which
product, the preview (GET /products/{id}/termination), and `termination_ready` = True
starts `termination_form` (rule). The form asks for an IBAN (only when the backend
needs one, validated by POST /validate/iban and only ever shown masked) and for
confirmation; `action_submit_termination` then ends the permit (POST /termination).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import backend_client as backend
from actions.buttons import yes_no_buttons
from actions.common import user_text
from actions.forms import FormValidation, ResetForm, SubmitForm
from actions.gate import GatedJourneyAction
from actions.i18n import DUTCH, Texts, texts
from actions.product_choice import choose_product, chosen_number

PENDING = "terminate_product"
# Typed words that confirm the question "Wilt u de vergunning nu beëindigen?", besides yes.
CONFIRM_WORDS = frozenset({"beëindigen", "beeindigen", "opzeggen", "stoppen", "end", "terminate", "cancel"})
FORM_SLOTS = ("termination_permit_id", "termination_needs_iban", "iban", "iban_masked", "confirm_termination")
# Refusals of the backend (error codes) → what the citizen is told (nothing changed).
REFUSALS = {"already_ended": "utter_termination_already_ended",
            "unknown_product": "utter_termination_unknown_product",
            "iban_invalid": "utter_termination_iban_refused",
            "iban_missing": "utter_termination_iban_refused"}


def reset_termination_events() -> list[dict]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS] + [SlotSet("termination_ready", None)]


def _zero(amount: Any) -> bool:
    try:
        return float(amount or 0) == 0
    except (TypeError, ValueError):
        return False


def preview_text(preview: dict, t: Texts = DUTCH) -> str:
    """ "Uw bewonersvergunning P-2026-000001 (34-KL-LM) stopt dan vandaag, 25 november 2026.
    U krijgt € 156,42 terug. Dat betalen wij binnen 8 weken." """
    plates = preview.get("plates") or []
    what = t("your_product", name=t.product(preview.get("product_code")), number=preview.get("number", ""))
    if plates:
        what += f" ({', '.join(plates)})"
    lines = [t("termination_stops", what=what, end=t.date_of(preview, "end_date"))]
    if _zero(preview.get("restitution")):
        lines.append(t("no_refund"))
    else:
        lines.append(t("refund", amount=t.money_of(preview, "restitution"),
                       weeks=preview.get("paid_within_weeks", 8)))
        if not preview.get("needs_iban") and preview.get("iban_masked"):
            lines.append(t("refund_account", iban=preview["iban_masked"]))
    return " ".join(lines)


async def start_termination(dispatcher: CollectingDispatcher, tracker: Tracker,
                            citizen: dict | None = None) -> list[dict]:
    """Choose the product, show what ending it means; `termination_ready` starts the form."""
    sid = tracker.sender_id
    not_ready = [*reset_termination_events(), SlotSet("termination_ready", False)]
    current = (await backend.products(sid, "current", 0, 50))["products"]
    # A number from an old button may belong to a product that has ended since.
    ended = (await backend.products(sid, "history", 0, 50))["products"] if chosen_number(tracker, PENDING) else []
    product = choose_product(dispatcher, tracker, current, PENDING, "termination", ended)
    if product is None:
        return not_ready
    try:
        preview = await backend.termination_preview(sid, product["id"])
    except backend.BackendError as e:
        if e.code == "already_ended":
            dispatcher.utter_message(response="utter_termination_already_ended")
            return not_ready
        if e.code == "unknown_product":
            dispatcher.utter_message(response="utter_termination_unknown_product")
            return not_ready
        raise
    dispatcher.utter_message(text=preview_text(preview, texts(tracker)))
    return [*reset_termination_events(), SlotSet("termination_permit_id", str(product["id"])),
            SlotSet("termination_needs_iban", bool(preview.get("needs_iban"))),
            SlotSet("termination_ready", True)]


class ActionStartTermination(GatedJourneyAction):
    pending = PENDING
    login_response = "utter_login_required_termination"
    ready_slot = "termination_ready"
    journey = staticmethod(start_termination)

    def name(self) -> str:
        return "action_start_termination"


class ValidateTerminationForm(FormValidation):
    explanations = {"iban": "utter_form_explain_iban"}

    def name(self) -> str:
        return "validate_termination_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if not tracker.get_slot("termination_permit_id"):
            return []
        slots = ["termination_permit_id"]
        if tracker.get_slot("termination_needs_iban"):
            slots.append("iban")
        slots.append("confirm_termination")
        return slots

    def refuse_answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, field: str, result: dict) -> None:
        dispatcher.utter_message(response="utter_invalid_iban")

    async def validate_iban(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> dict:
        result = await self.check(dispatcher, tracker, "iban", user_text(tracker, value), {})
        if result is None:
            return {"iban": None, "iban_masked": None}
        return {"iban": result["value"], "iban_masked": result.get("display")}

    async def validate_confirm_termination(self, value: Any, dispatcher: CollectingDispatcher,
                                           tracker: Tracker, domain: DomainDict) -> dict:
        return self.confirm(dispatcher, tracker, "confirm_termination", value, "utter_invalid_confirm_termination",
                            CONFIRM_WORDS)


class ActionAskConfirmTermination(Action):
    def name(self) -> str:
        return "action_ask_confirm_termination"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        t = texts(tracker)
        masked = tracker.get_slot("iban_masked")
        text = t("terminate_question")
        if masked:
            text = f"{t('refund_account', iban=masked)}\n{text}"
        dispatcher.utter_message(text=text, buttons=yes_no_buttons(t("terminate_yes"), t("no")))
        return []


def done_text(result: dict, t: Texts = DUTCH) -> str:
    """ "Uw bewonersvergunning P-… is beëindigd. U krijgt € … terug op rekening NL** …, binnen
    8 weken. Het bewijs van beëindiging:\n<url>" (the letter itself is Dutch) """
    lines = [t("terminated", name=t.product(result.get("product_code")), number=result.get("number", ""))]
    if not _zero(result.get("restitution")):
        account = t("refund_done_account", iban=result["iban_masked"]) if result.get("iban_masked") else ""
        lines.append(t("refund_done", amount=t.money_of(result, "restitution"), account=account,
                       weeks=result.get("paid_within_weeks", 8)))
    url = (result.get("document") or {}).get("url")
    if url:
        lines.append(t("termination_proof"))
    text = " ".join(lines)
    return f"{text}\n{url}" if url else text


class ActionSubmitTermination(SubmitForm):
    """After the form: "ja" → POST /terminate; "nee" → nothing changed. Slots reset always."""

    subject_slot = "termination_permit_id"
    confirm_slot = "confirm_termination"
    cancelled = "utter_termination_cancelled"
    reset = staticmethod(reset_termination_events)

    def name(self) -> str:
        return "action_submit_termination"

    async def submit(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        result = await backend.submit_termination(tracker.sender_id, tracker.get_slot("termination_permit_id"),
                                         tracker.get_slot("iban"))
        dispatcher.utter_message(text=done_text(result, texts(tracker)))
        return []

    def refused(self, dispatcher: CollectingDispatcher, tracker: Tracker, error: backend.BackendError) -> bool:
        if error.code not in REFUSALS:
            return False
        dispatcher.utter_message(response=REFUSALS[error.code])
        return True


class ActionResetTermination(ResetForm):
    reset = staticmethod(reset_termination_events)

    def name(self) -> str:
        return "action_reset_termination"
