"""Opwaarderen (top_up_balance): top up the parkeertegoed of a bezoekersvergunning.

`top_up_balance` → `action_top_up_balance` behind the login gate: the visitor permit (a
button per permit only when there are several). An amount in the same message ("opwaarderen
met 10 euro") gives the payment link at once; otherwise `top_up_ready` = True starts
`top_up_form`, which asks the amount with the zone's amounts as buttons and "Ander bedrag"
(`action_ask_top_up_amount`). A typed amount ("25", "€ 25,50", "25 euro") is sent to the
backend (POST /products/{id}/top-up), which refuses with a code (too low, too high, over the
ceiling) that is said here; nothing changes then and the question comes again. Accepted:
the payment link (`action_submit_top_up`). The paid payment comes back as
EXTERNAL_payment_update (actions/payment.py → `payment_result`).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import backend_client as backend
from actions.amounts import parse_amount
from actions.answers import NO_WORDS, words
from actions.buttons import button
from actions.common import channel, handles_backend_errors, latest_entity, latest_intent, user_text
from actions.forms import FormValidation, ResetForm
from actions.gate import GatedJourneyAction
from actions.i18n import Texts, texts
from actions.product_choice import choose_product

PENDING = "top_up_balance"
OTHER = "other"             # the "Ander bedrag" button
STOPPED = "stopped"         # top_up_amount when the citizen said no
FORM_SLOTS = ("top_up_permit_id", "top_up_number", "top_up_amount", "top_up_other", "top_up_link")
# Refusals of the backend (error codes) → message keys of actions.i18n ("refused_<code>").
REFUSALS = ("amount_invalid", "amount_too_low", "amount_too_high", "balance_max_reached",
            "no_balance_on_product", "unknown_product", "already_ended")
OTHER_WORDS = {"ander", "andere", "anders", "zelf", "other", "different", "another"}


def reset_top_up_events() -> list[dict]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS] + [SlotSet("top_up_ready", None)]


def hours_text(hours: Any, t: Texts) -> str:
    """ "ongeveer 31 uur parkeren" / "about 31 hours of parking" (hours as the backend sends them)."""
    try:
        value = float(hours or 0)
    except (TypeError, ValueError):
        value = 0.0
    if value <= 0:
        return t("hours_none")
    if value < 1:
        return t("hours_less_than_one")
    return t("hours_about", hours=int(value))


def top_up_button(number: str | None, t: Texts, key: str = "top_up") -> dict:
    return button(t(key), PENDING, {"product_number": number} if number else None)


def typed_amount(tracker: Tracker) -> str | None:
    """An amount given with the request itself ("opwaarderen met 10 euro"), as "10.00"."""
    if latest_intent(tracker) != PENDING:
        return None
    value = latest_entity(tracker, "amount")
    if value is not None:
        return parse_amount(str(value)) or str(value)
    text = ((tracker.latest_message or {}).get("text") or "").strip()
    return None if text.startswith("/") else parse_amount(text)


def refusal(error: backend.BackendError, t: Texts) -> str:
    params = {k: t.money(v) for k, v in error.params.items() if k in ("min", "max", "balance", "balance_max",
                                                                       "room", "amount")}
    return t("nothing_changed", reason=t(f"refused_{error.code}", **params))


async def request_link(dispatcher: CollectingDispatcher, tracker: Tracker, permit_id: str,
                       amount: str) -> dict | None:
    """The backend's payment link for `amount`, or None after saying why it was refused."""
    try:
        return await backend.top_up(tracker.sender_id, permit_id, amount, channel(tracker))
    except backend.BackendError as e:
        if e.code not in REFUSALS:
            raise
        dispatcher.utter_message(text=refusal(e, texts(tracker)))
        return None


def say_link(dispatcher: CollectingDispatcher, tracker: Tracker, link: dict) -> None:
    t = texts(tracker)
    dispatcher.utter_message(response="utter_top_up_link", amount=t.money_of(link, "amount"),
                             number=link.get("permit_number") or "", url=link["payment_url"])


async def start_top_up(dispatcher: CollectingDispatcher, tracker: Tracker, citizen: dict | None = None) -> list[dict]:
    """Choose the visitor permit; an amount in the message goes straight to the link,
    otherwise `top_up_ready` starts the form."""
    products = [p for p in (await backend.products(tracker.sender_id, "current", 0, 50))["products"]
                if p.get("balance") is not None]
    product = choose_product(dispatcher, tracker, products, PENDING, "top_up")
    if product is None:
        return [*reset_top_up_events(), SlotSet("top_up_ready", False)]
    amount = typed_amount(tracker)
    if amount:
        link = await request_link(dispatcher, tracker, product["id"], amount)
        if link is not None:
            say_link(dispatcher, tracker, link)
            return [*reset_top_up_events(), SlotSet("payment_id", link.get("payment_id")),
                    SlotSet("top_up_ready", False)]
    return [*reset_top_up_events(), SlotSet("top_up_permit_id", str(product["id"])),
            SlotSet("top_up_number", product.get("number")), SlotSet("top_up_ready", True)]


class ActionTopUpBalance(GatedJourneyAction):
    pending = PENDING
    login_response = "utter_login_required_top_up"
    ready_slot = "top_up_ready"
    journey = staticmethod(start_top_up)

    def name(self) -> str:
        return "action_top_up_balance"


class ActionAskTopUpAmount(Action):
    """The amount question: the balance now, the zone's amounts as buttons and "Ander
    bedrag"; after "Ander bedrag" the limits of a typed amount."""

    def name(self) -> str:
        return "action_ask_top_up_amount"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        t = texts(tracker)
        options = await backend.top_up_options(tracker.sender_id, tracker.get_slot("top_up_permit_id"))
        if tracker.get_slot("top_up_other"):
            dispatcher.utter_message(response="utter_ask_top_up_other_amount", min=t.money_of(options, "min"),
                                     max=t.money_of(options, "max"))
            return []
        buttons = [button(t.money(a), "inform", {"amount": a}) for a in options.get("amounts") or []]
        buttons.append(button(t("top_up_other_amount"), "inform", {"amount": OTHER}))
        dispatcher.utter_message(response="utter_ask_top_up_amount", number=options.get("permit_number") or "",
                                 balance=t.money_of(options, "balance"), hours=hours_text(options.get("hours"), t),
                                 buttons=buttons)
        return []


class ValidateTopUpForm(FormValidation):
    explanations = {"top_up_amount": "utter_form_explain_top_up_amount"}

    def name(self) -> str:
        return "validate_top_up_form"

    async def validate_top_up_amount(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> dict:
        text = user_text(tracker, value)
        said = words(text)
        amount = parse_amount(text)
        if text == OTHER or (amount is None and said & OTHER_WORDS):
            return {"top_up_amount": None, "top_up_other": True}
        if amount is None and (latest_intent(tracker) == "deny" or said & NO_WORDS):
            return {"top_up_amount": STOPPED}
        link = await request_link(dispatcher, tracker, tracker.get_slot("top_up_permit_id"), amount or text)
        if link is None:
            return {"top_up_amount": None}
        return {"top_up_amount": link["amount"], "top_up_link": link["payment_url"],
                "payment_id": link.get("payment_id"), "top_up_number": link.get("permit_number")}


class ActionSubmitTopUp(Action):
    """After the form: the payment link (or, after "nee", that nothing was done)."""

    def name(self) -> str:
        return "action_submit_top_up"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        amount, url = tracker.get_slot("top_up_amount"), tracker.get_slot("top_up_link")
        if amount == STOPPED or not url:
            dispatcher.utter_message(response="utter_top_up_stopped")
        else:
            say_link(dispatcher, tracker, {"amount": amount, "payment_url": url,
                                           "permit_number": tracker.get_slot("top_up_number")})
        return reset_top_up_events()


class ActionResetTopUp(ResetForm):
    reset = staticmethod(reset_top_up_events)

    def name(self) -> str:
        return "action_reset_top_up"


def payment_result(dispatcher: CollectingDispatcher, tracker: Tracker, payment: dict) -> list[dict]:
    """EXTERNAL_payment_update for a top-up: credited with the new balance, or not paid."""
    t = texts(tracker)
    status = payment.get("status")
    for top_up in payment.get("top_ups") or []:
        values = {"amount": t.money_of(top_up, "amount"), "balance": t.money_of(top_up, "balance"),
                  "hours": hours_text(top_up.get("hours"), t), "number": top_up.get("permit_number") or ""}
        if status == "paid":
            dispatcher.utter_message(response="utter_top_up_paid", **values)
        elif status in ("failed", "canceled", "expired"):
            dispatcher.utter_message(response="utter_top_up_failed", **values,
                                     buttons=[top_up_button(top_up.get("permit_number"), t, "top_up_again")])
        else:
            dispatcher.utter_message(response="utter_payment_open")
    return [SlotSet("payment_id", None)] if status != "open" else []
