"""Parkeren voor bezoek (start_parking): a parking session for a visitor's plate on the
citizen's bezoekersvergunning, paid from its balance.

`start_parking` → `action_start_parking` behind the login gate: which visitor permit, and
what the message already says (the plate as entity `license_plate`, the period parsed from
the whole text by actions/parking_period.py); `parking_ready` = True starts `parking_form`
(rule). The form asks the plate, the period and "Ja/Nee" after saying the period in full
with its cost (POST …/parking-sessions/preview checks each answer); then
`action_submit_parking` sends POST …/parking-sessions. A refusal that no other answer can
mend (balance too low, too many cars at once) ends the form (`parking_refused`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions import backend_client as backend
from actions.buttons import button, yes_no_buttons
from actions.common import channel, idempotency_key, latest_entity, user_text
from actions.forms import FormValidation, ResetForm, SubmitForm
from actions.gate import GatedJourneyAction
from actions.i18n import Texts, texts
from actions.parking_period import LOCAL, describe, parse
from actions.product_choice import choose_product

PENDING = "start_parking"
FORM = "parking_form"
FORM_SLOTS = ("parking_permit_id", "parking_plate", "parking_period", "parking_start", "parking_end",
              "parking_cost", "parking_balance_after", "confirm_parking", "parking_refused")
# Refusals the citizen can mend with another period (the form asks the period again).
PERIOD_REFUSALS = ("period_in_past", "end_before_start", "too_far_ahead", "permit_not_valid_then",
                   "plate_already_parks")
# Refusals that end the form: nothing else can be answered to them now.
FINAL_REFUSALS = ("balance_too_low", "max_sessions_reached")
REFUSALS = (*PERIOD_REFUSALS, *FINAL_REFUSALS, "plate_invalid", "not_a_visitor_permit", "already_ended",
            "unknown_product", "no_visitor_parking_in_zone")


def now() -> datetime:
    return datetime.now(LOCAL)


def reset_parking_events() -> list[dict]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS] + [SlotSet("parking_ready", None)]


def period_text(start: str | None, end: str, t: Texts) -> str:
    """The period said in full ("vandaag van 14:00 tot 17:00"); no start means now."""
    moment = now()
    first = datetime.fromisoformat(start) if start else moment
    return describe(max(first, moment), datetime.fromisoformat(end), moment, t.lang)


def say_refusal(dispatcher: CollectingDispatcher, tracker: Tracker, code: str, params: dict) -> None:
    """One clear sentence per refusal (bot/domain/parking.yml, utter_parking_refused_<code>)."""
    t = texts(tracker)
    values = {k: str(v) for k, v in (params or {}).items() if k in ("plate", "max", "max_days")}
    for key in ("cost", "balance"):
        if key in (params or {}):
            values[key] = t.money(params[key])
    for key in ("last_day", "valid_from", "valid_until"):
        if key in (params or {}):
            values[key] = t.date(params[key])
    if (params or {}).get("until"):
        values["until"] = datetime.fromisoformat(params["until"]).astimezone(LOCAL).strftime("%H:%M")
    elif code == "plate_already_parks":     # on someone else's permit: the backend says no more
        code = "plate_parks_elsewhere"
    buttons = [button(t("parking_top_up"), "top_up_balance")] if code == "balance_too_low" else []
    dispatcher.utter_message(response=f"utter_parking_refused_{code}", buttons=buttons,
                             **{"plate": "", "max": "", "max_days": "", "until": "", **values})


async def check_session(dispatcher: CollectingDispatcher, tracker: Tracker, permit_id: str, plate: str,
                        start: str | None, end: str) -> dict:
    """The whole session through the preview: the slots of an accepted one, or of a refusal
    (said): the period asked again, or `parking_refused` when no answer can mend it."""
    try:
        seen = await backend.preview_parking(tracker.sender_id, permit_id, plate, start, end)
    except backend.BackendError as e:
        if e.code not in REFUSALS:
            raise
        say_refusal(dispatcher, tracker, e.code, e.params)
        if e.code in FINAL_REFUSALS:
            return {"parking_refused": True}
        return {"parking_plate": plate, "parking_period": None, "parking_start": None, "parking_end": None}
    return {"parking_plate": seen["display"], "parking_period": period_text(start, end, texts(tracker)),
            "parking_start": start, "parking_end": end, "parking_cost": seen["cost"],
            "parking_balance_after": seen["balance_after"]}


def started_by(tracker: Tracker) -> dict:
    """The latest message that asked to park (the login in between is skipped)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            data = event.get("parse_data") or {}
            if (data.get("intent") or {}).get("name") == PENDING:
                return {"text": event.get("text") or "", "entities": data.get("entities") or []}
    return {"text": "", "entities": []}


async def start_parking(dispatcher: CollectingDispatcher, tracker: Tracker, citizen: dict | None = None) -> list[dict]:
    """Choose the visitor permit and keep what the message already said."""
    sid = tracker.sender_id
    not_ready = [*reset_parking_events(), SlotSet("parking_ready", False)]
    products = [p for p in (await backend.products(sid, "current", 0, 50))["products"]
                if p.get("product_code") == "bezoekersvergunning"]
    product = choose_product(dispatcher, tracker, products, PENDING, "parking")
    if product is None:
        return not_ready
    permit_id = str(product["id"])
    said = started_by(tracker)
    plate = next((e.get("value") for e in said["entities"] if e.get("entity") == "license_plate"), None)
    slots: dict = {"parking_permit_id": permit_id}
    if plate:
        try:
            slots["parking_plate"] = (await backend.preview_parking(sid, permit_id, str(plate)))["display"]
        except backend.BackendError as e:
            if e.code != "plate_invalid":
                raise
    period = parse(said["text"], now())
    if period is not None:
        start, end = period.start.isoformat() if period.start else None, period.end.isoformat()
        if slots.get("parking_plate"):        # all said at once: check it before the form asks anything
            slots.update(await check_session(dispatcher, tracker, permit_id, slots["parking_plate"], start, end))
            if slots.get("parking_refused"):
                return not_ready
        else:
            slots.update(parking_start=start, parking_end=end)
    return [*reset_parking_events(), *(SlotSet(k, v) for k, v in slots.items()), SlotSet("parking_ready", True)]


class ActionStartParking(GatedJourneyAction):
    pending = PENDING
    login_response = "utter_login_required_parking"
    ready_slot = "parking_ready"
    journey = staticmethod(start_parking)

    def name(self) -> str:
        return "action_start_parking"


class ValidateParkingForm(FormValidation):
    explanations = {"parking_period": "utter_parking_explain_period"}

    def name(self) -> str:
        return "validate_parking_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if not tracker.get_slot("parking_permit_id") or tracker.get_slot("parking_refused"):
            return []
        return ["parking_plate", "parking_period", "confirm_parking"]

    async def validate_parking_plate(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> dict:
        if tracker.get_slot(REQUESTED_SLOT) != "parking_plate":     # filled by action_start_parking
            return {"parking_plate": value}
        text = str(latest_entity(tracker, "license_plate") or user_text(tracker, value))
        try:
            checked = await backend.preview_parking(tracker.sender_id, tracker.get_slot("parking_permit_id"), text)
        except backend.BackendError as e:
            if e.code != "plate_invalid":
                raise
            say_refusal(dispatcher, tracker, e.code, e.params)
            return {"parking_plate": None}
        start, end = tracker.get_slot("parking_start"), tracker.get_slot("parking_end")
        period = None if end else parse(text, now())      # "12-ABC-3 van 14 tot 17"
        if period is not None:
            start, end = period.start.isoformat() if period.start else None, period.end.isoformat()
        if end:         # the period is known already: check the whole session now
            return await check_session(dispatcher, tracker, tracker.get_slot("parking_permit_id"),
                                       checked["display"], start, end)
        return {"parking_plate": checked["display"]}

    async def validate_parking_period(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> dict:
        if tracker.get_slot(REQUESTED_SLOT) != "parking_period" and tracker.get_slot("parking_end"):
            return {"parking_period": value}          # checked by action_start_parking
        period = parse(user_text(tracker, value), now())
        if period is None:
            dispatcher.utter_message(response="utter_parking_period_unreadable")
            return {"parking_period": None}
        start = period.start.isoformat() if period.start else None
        return await check_session(dispatcher, tracker, tracker.get_slot("parking_permit_id"),
                                   tracker.get_slot("parking_plate"), start, period.end.isoformat())

    async def validate_confirm_parking(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> dict:
        return self.confirm(dispatcher, tracker, "confirm_parking", value, "utter_invalid_confirm_parking")


class ActionAskConfirmParking(Action):
    def name(self) -> str:
        return "action_ask_confirm_parking"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        t = texts(tracker)
        dispatcher.utter_message(
            response="utter_parking_confirm", plate=tracker.get_slot("parking_plate") or "",
            period=period_text(tracker.get_slot("parking_start"), tracker.get_slot("parking_end"), t),
            cost=t.money(tracker.get_slot("parking_cost")), balance=t.money(tracker.get_slot("parking_balance_after")),
            buttons=yes_no_buttons(t("yes"), t("no")))
        return []


class ActionSubmitParking(SubmitForm):
    """After the form: "ja" → POST …/parking-sessions; "nee" → nothing. Slots reset always."""

    subject_slot = "parking_permit_id"
    confirm_slot = "confirm_parking"
    cancelled = "utter_parking_not_started"
    reset = staticmethod(reset_parking_events)

    def name(self) -> str:
        return "action_submit_parking"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        if tracker.get_slot("parking_refused"):       # the refusal was said already
            return reset_parking_events()
        return await super().run(dispatcher, tracker, domain)

    async def submit(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        permit_id, plate = tracker.get_slot("parking_permit_id"), tracker.get_slot("parking_plate")
        start, end = tracker.get_slot("parking_start"), tracker.get_slot("parking_end")
        result = await backend.start_parking(tracker.sender_id, permit_id, plate, start, end, channel(tracker),
                                             idempotency_key(tracker, FORM, permit_id, plate, start, end))
        t, s = texts(tracker), result["session"]
        dispatcher.utter_message(response="utter_parking_started", plate=s["display"],
                                 period=period_text(s["starts_at"], s["ends_at"], t),
                                 cost=t.money(result["cost"]), balance=t.money(result["balance"]))
        return []

    def refused(self, dispatcher: CollectingDispatcher, tracker: Tracker, error: backend.BackendError) -> bool:
        if error.code not in REFUSALS:
            return False
        say_refusal(dispatcher, tracker, error.code, error.params)
        return True


class ActionResetParking(ResetForm):
    reset = staticmethod(reset_parking_events)

    def name(self) -> str:
        return "action_reset_parking"
