"""The application form: which questions to ask (dynamic), how to ask them, and the
validation of every answer by the backend (POST /validate/{field})."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import backend_client as backend
from actions.answers import NO_WORDS, words
from actions.application import draft_from_tracker
from actions.buttons import button, period_button, yes_no_buttons
from actions.common import backend_failure, handles_backend_errors, latest_intent, user_text
from actions.forms import AskPlateReason, FormValidation, plate_slots
from actions.i18n import DUTCH, Texts, texts

DISQUALIFY_REASONS = ("own_parking", "vehicle_too_large", "not_business_use", "not_company_car")
PLATE_EXPLANATION = "utter_form_explain_plate"


def prefilled(tracker: Tracker, slot: str, value: Any) -> bool:
    """Was `value` checked by the backend already, when the citizen gave it with the request
    itself (actions.application.answers_given_at_once)?"""
    return value is not None and (tracker.get_slot("prefilled_answers") or {}).get(slot) == value


class ValidateApplicationForm(FormValidation):
    explanations = {"start_date": "utter_form_explain_date", "plate_1": PLATE_EXPLANATION,
                    "plate_2": PLATE_EXPLANATION}

    def name(self) -> str:
        return "validate_application_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if tracker.get_slot("application_ready") is False:
            return []      # ended early: a disqualifying answer
        slots = ["start_date", "period"]
        if tracker.get_slot("product_needs_plate") is not False:    # not for a bezoekersvergunning
            slots.append("plate_1")
            if tracker.get_slot("plate_1_on_name") is False:
                slots.append("plate_1_reason")
            slots.append("plate_2")
            plate_2 = tracker.get_slot("plate_2")
            if plate_2 and plate_2 != "none" and tracker.get_slot("plate_2_on_name") is False:
                slots.append("plate_2_reason")
        questions = tracker.get_slot("product_questions") or []
        slots += [f"question_{i}" for i in range(1, min(len(questions), 3) + 1)]
        slots.append("confirm_application")
        return slots

    async def validate_start_date(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict:
        if prefilled(tracker, "start_date", value):
            result = {"value": value}
        else:
            result = await self.check(dispatcher, tracker, "start_date", user_text(tracker, value),
                                       draft_from_tracker(tracker) | {"start_date": None})
        if not result:
            return {"start_date": None}
        slots = {"start_date": result["value"]}
        if not tracker.get_slot("period"):
            # A product with one period (bezoekersvergunning: a year) needs no question.
            periods = await backend.periods(tracker.sender_id, tracker.get_slot("product"), result["value"])
            if len(periods) == 1:
                slots["period"] = periods[0]["code"]
        return slots

    async def validate_period(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict:
        if prefilled(tracker, "period", value):
            return {"period": value}
        result = await self.check(dispatcher, tracker, "period", user_text(tracker, value),
                                   draft_from_tracker(tracker))
        return {"period": result["value"] if result else None}

    async def _validate_plate(self, n: int, dispatcher: CollectingDispatcher, tracker: Tracker,
                              value: Any) -> dict:
        if prefilled(tracker, f"plate_{n}", value):
            return {f"plate_{n}": value}         # checked already, with plate_{n}_on_name
        draft = draft_from_tracker(tracker)
        # The plate being answered must not count as "already in the draft".
        draft["plates"] = [p for i, p in enumerate(draft.get("plates", []), start=1) if i != n]
        result = await self.check(dispatcher, tracker, "plate", user_text(tracker, value), draft)
        if result is None:
            return {f"plate_{n}": None, f"plate_{n}_on_name": None}
        return plate_slots(f"plate_{n}", result)

    async def validate_plate_1(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict:
        return await self._validate_plate(1, dispatcher, tracker, value)

    async def validate_plate_2(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict:
        text = user_text(tracker, value)
        if latest_intent(tracker) == "deny" or (words(text) & NO_WORDS and not any(ch.isdigit() for ch in text)):
            return {"plate_2": "none", "plate_2_on_name": None, "plate_2_reason": None}
        return await self._validate_plate(2, dispatcher, tracker, value)

    async def validate_plate_1_reason(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> dict:
        return await self.check_plate_reason(dispatcher, tracker, "plate_1_reason", value,
                                             draft_from_tracker(tracker))

    async def validate_plate_2_reason(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> dict:
        return await self.check_plate_reason(dispatcher, tracker, "plate_2_reason", value,
                                             draft_from_tracker(tracker))

    async def _validate_question(self, n: int, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 value: Any) -> dict:
        questions = tracker.get_slot("product_questions") or []
        if n > len(questions):
            return {f"question_{n}": None}
        draft = draft_from_tracker(tracker) | {"question": questions[n - 1]["code"]}
        result = await self.check(dispatcher, tracker, "answer", user_text(tracker, value), draft)
        if result is None:
            return {f"question_{n}": None}
        if result.get("disqualified"):
            reason = result.get("reason")
            response = f"utter_disqualified_{reason}" if reason in DISQUALIFY_REASONS else "utter_disqualified_other"
            dispatcher.utter_message(response=response)
            # Ends the form (required_slots becomes empty); nothing is saved.
            return {f"question_{n}": result["value"], "application_ready": False}
        return {f"question_{n}": result["value"]}

    async def validate_question_1(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict:
        return await self._validate_question(1, dispatcher, tracker, value)

    async def validate_question_2(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict:
        return await self._validate_question(2, dispatcher, tracker, value)

    async def validate_question_3(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict:
        return await self._validate_question(3, dispatcher, tracker, value)

    async def validate_confirm_application(self, value: Any, dispatcher: CollectingDispatcher,
                                           tracker: Tracker, domain: DomainDict) -> dict:
        return self.confirm(dispatcher, tracker, "confirm_application", value, "utter_invalid_confirm")


class ActionAskPeriod(Action):
    def name(self) -> str:
        return "action_ask_period"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        periods = await backend.periods(tracker.sender_id, tracker.get_slot("product"),
                                        tracker.get_slot("start_date"))
        t = texts(tracker)
        dispatcher.utter_message(response="utter_period_question", buttons=[period_button(p, t) for p in periods])
        return []


class ActionAskPlate1Reason(AskPlateReason):
    plate_slot = "plate_1"


class ActionAskPlate2Reason(AskPlateReason):
    plate_slot = "plate_2"


class _AskQuestion(Action):
    question_number = 1

    def name(self) -> str:
        return f"action_ask_question_{self.question_number}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        questions = tracker.get_slot("product_questions") or []
        if self.question_number <= len(questions):
            t = texts(tracker)
            dispatcher.utter_message(text=t.question(questions[self.question_number - 1]),
                                     buttons=yes_no_buttons(t("yes"), t("no")))
        return []


class ActionAskQuestion1(_AskQuestion):
    question_number = 1


class ActionAskQuestion2(_AskQuestion):
    question_number = 2


class ActionAskQuestion3(_AskQuestion):
    question_number = 3


def summary_text(preview: dict, t: Texts = DUTCH) -> str:
    """The summary shown before confirmation, from POST /applications/preview."""
    lines = [t("summary_title"),
             t("summary_product", value=t.product(preview.get("product"))),
             t("summary_zone", value=t.zone_of(preview)),
             t("summary_start", value=t.date_of(preview, "start_date")),
             t("summary_until", value=t.date_of(preview, "end_date")),
             t("summary_period", period=t.period(preview.get("period")),
               price=t.money_of(preview, "price"))]
    for plate in preview.get("plates") or []:
        line = t("summary_plate", plate=plate.get("display") or plate.get("value"))
        if not plate.get("on_name"):
            reason = t.plate_reason(plate.get("reason"))
            line += t("summary_not_on_name_reason", reason=reason.lower()) if reason else t("summary_not_on_name")
        lines.append(line)
    for answer in preview.get("answers") or []:
        lines.append(f"{t.question(answer)} {t.answer(answer.get('answer', ''))}")
    if preview.get("needs_evidence"):
        lines.append(t("summary_evidence"))
    lines.append(t("summary_correct"))
    return "\n".join(lines)


class ActionAskConfirmApplication(Action):
    def name(self) -> str:
        return "action_ask_confirm_application"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        t = texts(tracker)
        try:
            preview = await backend.preview(tracker.sender_id, draft_from_tracker(tracker))
        except backend.BackendError as e:
            if e.status in (409, 422):
                dispatcher.utter_message(response="utter_application_refused",
                                         buttons=[button(t("stop"), "stop")])
                return []
            return await backend_failure(e, dispatcher, tracker)
        dispatcher.utter_message(text=summary_text(preview, t),
                                 buttons=yes_no_buttons(t("confirm_yes"), t("confirm_no")))
        return []
