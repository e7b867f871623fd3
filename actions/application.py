"""Journey "vergunning aanvragen": starting an application (login gate, availability),
submitting it after the form, and resetting it."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.common import (
    channel,
    idempotency_key,
    latest_entity,
    send_login_link,
    template_values,
)
from actions.formatting import compact_plate
from actions.forms import ResetForm, SubmitForm
from actions.gate import GatedJourneyAction
from actions.i18n import texts

PRODUCT_CODES = ("bewonersvergunning", "bezoekersvergunning", "bedrijfsvergunning", "jaarkaart",
                 "garageabonnement")

# Words that name a product when NLU gave no (or an unnormalised) entity value.
_PRODUCT_WORDS = (
    ("bewoner", "bewonersvergunning"),
    ("bezoek", "bezoekersvergunning"),
    ("bedrijf", "bedrijfsvergunning"),
    ("jaarkaart", "jaarkaart"),
    ("garage", "garageabonnement"),
    ("resident", "bewonersvergunning"),
    ("visitor", "bezoekersvergunning"),
    ("business", "bedrijfsvergunning"),
    ("company", "bedrijfsvergunning"),
    ("annual", "jaarkaart"),
    ("year card", "jaarkaart"),
)

UNAVAILABLE_REASONS = ("unknown_product", "not_in_zone", "already_has_product", "zone_cap_reached",
                       "already_applied", "not_offered_in_chat_yet")
# Products for the other kind of account: the answer comes with a link for the right login.
OTHER_LOGIN = {"company_only": "eherkenning", "person_only": "digid"}

# Slots of one application; cleared before a new one starts and after it ends.
APPLICATION_SLOTS = (
    "start_date", "period", "plate_1", "plate_1_on_name", "plate_1_reason",
    "plate_2", "plate_2_on_name", "plate_2_reason", "question_1", "question_2", "question_3",
    "confirm_application",
)


def reset_application_events(keep_ready: bool = False) -> list[dict]:
    events = [SlotSet(slot, None) for slot in APPLICATION_SLOTS]
    events += [SlotSet("product_questions", None), SlotSet("product", None), SlotSet("product_needs_plate", None),
               SlotSet("prefilled_answers", None)]
    if not keep_ready:
        events.append(SlotSet("application_ready", None))
    return events


def product_code(value: Any, text: str = "") -> str | None:
    """The product code meant by an entity value or, failing that, by the message."""
    for candidate in (str(value or ""), text or ""):
        lowered = candidate.lower()
        if lowered in PRODUCT_CODES:
            return lowered
        for word, code in _PRODUCT_WORDS:
            if word in lowered:
                return code
    return None


async def start_application(dispatcher: CollectingDispatcher, tracker: Tracker,
                            product: str) -> list[dict]:
    """Check availability for the logged-in citizen and start the form, or say why not.

    Used after the apply intent and after the login event (pending "apply:<product>").
    """
    availability = await backend.availability(tracker.sender_id, product)
    info = availability.get("product") or {}
    if not availability.get("available"):
        reason = availability.get("reason") or "other"
        backend_params = availability.get("params") or {}
        t = texts(tracker)
        params = {**template_values(backend_params), "product_name": t.product(info.get("code") or product),
                  "zone_name": t.zone_of(backend_params) if "zone" in backend_params else ""}
        if reason in OTHER_LOGIN:
            await send_login_link(dispatcher, tracker, OTHER_LOGIN[reason], f"utter_unavailable_{reason}", **params)
            return [*reset_application_events(keep_ready=True), SlotSet("pending_action", f"apply:{product}"),
                    SlotSet("application_ready", False)]
        response = f"utter_unavailable_{reason}" if reason in UNAVAILABLE_REASONS else "utter_unavailable_other"
        dispatcher.utter_message(response=response, **params)
        return [*reset_application_events(keep_ready=True), SlotSet("application_ready", False)]
    questions = [{"code": q["code"], "text": q["text"]} for q in info.get("questions") or []][:3]
    code = info.get("code") or product
    given = await answers_given_at_once(dispatcher, tracker, code, info.get("needs_plate") is not False)
    return [
        *reset_application_events(keep_ready=True),
        SlotSet("product", code),
        SlotSet("product_needs_plate", info.get("needs_plate") is not False),
        SlotSet("product_questions", questions),
        *given,
        SlotSet("application_ready", True),
    ]


# Words that name the product: "jaarkaart" must not read as the period "jaar".
_PRODUCT_WORDS_RE = re.compile(r"\S*(bewoner|bezoek|bedrijf|jaarkaart|garage|vergunning|abonnement|kaart)\S*", re.I)
# A date in words must not read as a plate ("13 juni" looks like 13-JU-NI).
_DATE_WORDS_RE = re.compile(r"\b\d{1,2}\s*(jan|feb|maa|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\.?(\s+\d{4})?",
                            re.I)


def apply_request_text(tracker: Tracker) -> str:
    """The citizen's own words of the latest request for a product, without the product's
    name (also when the form starts after the login event)."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        text = event.get("text") or ""
        if intent == "apply_product" and not text.startswith("/"):
            return _PRODUCT_WORDS_RE.sub(" ", text)
        if intent and not intent.startswith("EXTERNAL_"):
            return ""
    return ""


async def answers_given_at_once(dispatcher: CollectingDispatcher, tracker: Tracker, product: str,
                                needs_plate: bool) -> list[dict]:
    """Fewer turns: a start date, period and plate said with the request itself ("een
    bewonersvergunning voor 12-ABC-3 vanaf 1 maart, per kwartaal") are checked by the
    backend like form answers and filled in; the form asks only the rest. What the backend
    does not accept is simply asked again."""
    text = apply_request_text(tracker)
    if not text.strip():
        return []
    sid, draft, events, noted = tracker.sender_id, {"product": product}, [], []
    t = texts(tracker)
    fields = (("start_date", "start_date"), ("period", "period")) + ((("plate", "plate_1"),) if needs_plate else ())
    for field, slot in fields:
        result = await backend.validate(sid, field, _DATE_WORDS_RE.sub(" ", text) if field == "plate" else text,
                                        draft)
        if not result.get("ok"):
            continue
        draft[field] = result["value"]
        display = result.get("display") or result["value"]
        if field == "plate":
            events += [SlotSet("plate_1", display), SlotSet("plate_1_on_name", bool(result.get("on_name")))]
            noted.append(t("noted_plate", plate=display))
        else:
            events.append(SlotSet(slot, result["value"]))
            noted.append(t("noted_start", date=t.date(result["value"])) if field == "start_date"
                         else t("noted_period", period=t.period(result["value"]).lower()))
    if noted:
        dispatcher.utter_message(response="utter_application_noted", noted=", ".join(noted))
        events.append(SlotSet("prefilled_answers", {e["name"]: e["value"] for e in events
                                                    if e["name"] in ("start_date", "period", "plate_1")}))
    return events


def requested_product(tracker: Tracker) -> str | None:
    """The product the latest message asks for (entity, or a word of a typed message)."""
    text = (tracker.latest_message or {}).get("text") or ""
    return product_code(latest_entity(tracker, "product"), "" if text.startswith("/") else text)


async def start_requested_application(dispatcher: CollectingDispatcher, tracker: Tracker,
                                      citizen: dict | None = None) -> list[dict]:
    return await start_application(dispatcher, tracker, requested_product(tracker))


class ActionStartApplication(GatedJourneyAction):
    """"apply:<product>" is remembered; action_login_done starts it with pending_product."""

    login_response = "utter_login_required"
    ready_slot = "application_ready"     # True starts the form (rule)
    journey = staticmethod(start_requested_application)

    def name(self) -> str:
        return "action_start_application"

    def pending_action(self, tracker: Tracker) -> str:
        return f"apply:{requested_product(tracker)}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        if requested_product(tracker) is None:
            dispatcher.utter_message(response="utter_ask_which_product")
            return [SlotSet("application_ready", False)]
        return await super().run(dispatcher, tracker, domain)


def draft_from_tracker(tracker: Tracker) -> dict:
    """The answers so far, in the shape the backend expects (docs/backend-api.md)."""
    plates = []
    for i in (1, 2):
        plate = tracker.get_slot(f"plate_{i}")
        if plate and plate != "none":
            entry = {"value": compact_plate(plate)}
            if tracker.get_slot(f"plate_{i}_on_name") is False:
                entry["reason"] = tracker.get_slot(f"plate_{i}_reason")
            plates.append(entry)
    answers = {}
    for i, question in enumerate(tracker.get_slot("product_questions") or [], start=1):
        value = tracker.get_slot(f"question_{i}")
        if value in ("ja", "nee"):
            answers[question["code"]] = value
    draft = {"product": tracker.get_slot("product"), "start_date": tracker.get_slot("start_date"),
             "period": tracker.get_slot("period"), "plates": plates, "answers": answers}
    return {k: v for k, v in draft.items() if v not in (None, "")}


class ActionSubmitApplication(SubmitForm):
    """Runs when the form has ended: store the application, then payment or upload link."""

    confirm_slot = "confirm_application"
    cancelled = "utter_application_cancelled"
    reset = staticmethod(reset_application_events)

    def name(self) -> str:
        return "action_submit_application"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        if tracker.get_slot("application_ready") is False:
            # Ended early (disqualifying answer); the reason was already given.
            return reset_application_events()
        return await super().run(dispatcher, tracker, domain)

    def refused(self, dispatcher: CollectingDispatcher, tracker: Tracker, error: backend.BackendError) -> bool:
        if error.status not in (409, 422):
            return False
        dispatcher.utter_message(response="utter_application_refused")
        return True

    async def submit(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        sid = tracker.sender_id
        draft = draft_from_tracker(tracker)
        result = await backend.create_application(sid, draft, idempotency_key(tracker, "application_form", draft))
        application = result.get("application") or {}
        if result.get("next") == "pay":
            checkout = await backend.checkout(sid, channel(tracker))
            dispatcher.utter_message(response="utter_application_in_cart",
                                     amount=texts(tracker).money_of(checkout, "amount"),
                                     url=checkout["payment_url"])
            events = [SlotSet("payment_id", checkout.get("payment_id"))]
        elif result.get("next") == "upload" and result.get("upload_url"):
            dispatcher.utter_message(response="utter_application_upload",
                                     reference=application.get("reference"), url=result["upload_url"])
            events = [SlotSet("application_reference", application.get("reference"))]
        else:
            dispatcher.utter_message(response="utter_application_saved", reference=application.get("reference"))
            events = []
        return events


class ActionResetApplication(ResetForm):
    reset = staticmethod(reset_application_events)

    def name(self) -> str:
        return "action_reset_application"


_PENDING_APPLY = re.compile(r"^apply:(?P<product>[a-z]+)$")


def pending_product(pending_action: str | None) -> str | None:
    match = _PENDING_APPLY.match(pending_action or "")
    return match.group("product") if match else None
