"""What the validation of every form shares (`FormValidation`): answers checked by the
backend (POST /validate/{field}), why an answer was refused, and a count of refused answers
to the same question: the third in a row gets an explanation of what the question needs and
an offer to stop (or to talk to a person). The form then asks its question again."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions import backend_client as backend
from actions.answers import confirmation
from actions.buttons import plate_reason_buttons
from actions.common import (
    backend_failure,
    form_run_started,
    handles_backend_errors,
    template_values,
    user_text,
)
from actions.i18n import DUTCH, Texts, texts
from actions.labels import PLATE_REASONS

INVALID_CODES = ("date_unreadable", "date_in_past", "date_too_far", "period_unknown", "plate_invalid",
                 "plate_duplicate", "plate_on_other_permit", "answer_unreadable", "reason_unknown")

# Slot (unfeaturized) with the refused answers to the question being asked:
# {"form", "run" (start of this run of the form), "slot", "count"}.
FAILURES_SLOT = "form_failures"
FAILURES_BEFORE_HELP = 3
EXPLAIN_DEFAULT = "utter_form_explain_choice"
OFFER_STOP = "utter_form_offer_stop"


def refuse(dispatcher: CollectingDispatcher, code: str, params: dict, t: Texts = DUTCH) -> None:
    """Say why an answer was refused; the form then asks the question again."""
    if code in INVALID_CODES:
        params = template_values(params)
        if "max_date" in params:
            params["max_date"] = t.date_of(params, "max_date")
        params.setdefault("plate", "")
        dispatcher.utter_message(response=f"utter_invalid_{code}", **params)
    else:
        dispatcher.utter_message(response="utter_invalid_answer_unreadable")


def plate_slots(slot: str, result: dict) -> dict:
    """An accepted plate: its display form, whether it is on the citizen's name, no reason yet."""
    return {slot: result.get("display") or result["value"], f"{slot}_on_name": bool(result.get("on_name")),
            f"{slot}_reason": None}


class FormValidation(FormValidationAction, ABC):
    """The base of every form's validation action (validate_<form>)."""

    @abstractmethod
    def name(self) -> str:
        """validate_<form> (abstract: the action server skips this base)."""

    # Requested slot → the response that explains what it needs, after repeated refusals.
    explanations: ClassVar[dict[str, str]] = {}

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict]:
        asked = tracker.get_slot(REQUESTED_SLOT)
        answered = asked is not None and asked in tracker.slots_to_validate()
        events = await super().run(dispatcher, tracker, domain)
        if not answered:
            return events
        return [*events, *self.count_failures(dispatcher, tracker, asked, events)]

    def count_failures(self, dispatcher: CollectingDispatcher, tracker: Tracker, asked: str,
                       events: list[dict]) -> list[dict]:
        """Count a refused answer to `asked` (nothing of the answer was kept); at the third in a
        row explain and offer to stop. An accepted answer starts the count again."""
        kept = any(e.get("value") is not None for e in events
                   if e.get("event") == "slot" and e.get("name") not in (asked, REQUESTED_SLOT))
        previous = tracker.get_slot(FAILURES_SLOT) or {}
        if kept or tracker.get_slot(asked) is not None:
            return [SlotSet(FAILURES_SLOT, None)] if previous else []
        key = {"form": self.form_name(), "run": form_run_started(tracker, self.form_name()), "slot": asked}
        same_question = {k: previous.get(k) for k in key} == key
        count = (previous.get("count", 0) if same_question else 0) + 1
        if count < FAILURES_BEFORE_HELP:
            return [SlotSet(FAILURES_SLOT, {**key, "count": count})]
        dispatcher.utter_message(response=self.explanations.get(asked, EXPLAIN_DEFAULT))
        dispatcher.utter_message(response=OFFER_STOP)
        return [SlotSet(FAILURES_SLOT, None)]

    def refuse_answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, field: str, result: dict) -> None:
        """Say why the backend refused an answer to `field` (a form may say it its own way)."""
        refuse(dispatcher, str(result.get("error")), result.get("params") or {}, texts(tracker))

    async def check(self, dispatcher: CollectingDispatcher, tracker: Tracker, field: str, text: str,
                    draft: dict) -> dict | None:
        """The backend's verdict on one answer; None (after saying why) when refused or when
        the backend failed."""
        try:
            result = await backend.validate(tracker.sender_id, field, text, draft)
        except backend.BackendError as e:
            await backend_failure(e, dispatcher, tracker)
            return None
        if not result.get("ok"):
            self.refuse_answer(dispatcher, tracker, field, result)
            return None
        return result

    async def check_plate_reason(self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str,
                                 value: Any, draft: dict) -> dict:
        """Why the citizen drives a car not on their name: a reason button, or typed words."""
        text = user_text(tracker, value)
        if text in PLATE_REASONS:
            return {slot: text}
        result = await self.check(dispatcher, tracker, "plate_reason", text, draft)
        return {slot: result["value"] if result else None}

    @staticmethod
    def confirm(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, value: Any, unclear: str,
                more_yes: frozenset = frozenset()) -> dict:
        """ "ja" / "nee" for the form's last question; `unclear` is said when it is neither."""
        answer = confirmation(tracker, value, more_yes)
        if answer is None:
            dispatcher.utter_message(response=unclear)
        return {slot: answer}


class AskPlateReason(Action, ABC):
    """ "Het kenteken … staat niet op uw naam. Waarom rijdt u in deze auto?" with the reason
    buttons, for the plate in `plate_slot` (action_ask_<plate_slot>_reason)."""

    @property
    @abstractmethod
    def plate_slot(self) -> str:
        """The slot of the plate (a class attribute in the subclasses)."""

    def name(self) -> str:
        return f"action_ask_{self.plate_slot}_reason"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        t = texts(tracker)
        dispatcher.utter_message(response="utter_plate_not_on_name", plate=tracker.get_slot(self.plate_slot) or "",
                                 buttons=plate_reason_buttons(t))
        return []


class SubmitForm(Action, ABC):
    """The action after a form that ends with "Klopt dit?": "ja" (for the thing in
    `subject_slot`, when set) → `submit`; anything else → the `cancelled` response. A
    refusal of the backend that `refused` knows is said in one message. The journey's slots
    are reset always (`reset`)."""

    confirm_slot: ClassVar[str]
    cancelled: ClassVar[str]
    reset: ClassVar[Callable[[], list[dict]]]
    subject_slot: ClassVar[str | None] = None

    @abstractmethod
    def name(self) -> str:
        """action_submit_<journey> (abstract: the action server skips this base)."""

    @abstractmethod
    async def submit(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        """Send the confirmed answers to the backend and say the result; extra events."""

    def refused(self, dispatcher: CollectingDispatcher, tracker: Tracker, error: backend.BackendError) -> bool:
        """Say why the backend refused (True), or False when it is not a refusal this form knows."""
        return False

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        subject = tracker.get_slot(self.subject_slot) if self.subject_slot else True
        if not subject or tracker.get_slot(self.confirm_slot) != "ja":
            dispatcher.utter_message(response=self.cancelled)
            return self.reset()
        try:
            events = await self.submit(dispatcher, tracker)
        except backend.BackendError as e:
            if not self.refused(dispatcher, tracker, e):
                raise
            events = []
        return [*events, *self.reset()]


class ResetForm(Action, ABC):
    """action_reset_<journey>: drop the answers of a stopped form (`reset`)."""

    reset: ClassVar[Callable[[], list[dict]]]

    @abstractmethod
    def name(self) -> str:
        """action_reset_<journey> (abstract: the action server skips this base)."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        return self.reset()
