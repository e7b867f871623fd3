"""Verlengingen: the renewals that wait for the citizen, confirming one (it goes into the
Winkelwagen, with the pay link of actions/payment.py), Intrekken with "Weet u het zeker?",
and the proactive message when the backend's renewals job made one.

`renew_product` → `action_renewals` behind the login gate: without `renewal_id` the list
(one message per renewal with "Bevestigen"/"Naar winkelwagen" and "Intrekken" buttons), with
it (the "Bevestigen" button) the confirmation. `withdraw_renewal` →
`action_start_withdraw_renewal` asks "Weet u het zeker?" (`renewal_withdraw_asked`), and
`action_withdraw_renewal` acts on ja/nee (rules).
"""

from __future__ import annotations

import functools

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions import payment
from actions.buttons import button
from actions.common import entity_text, handles_backend_errors, latest_entity, latest_intent
from actions.formatting import capitalized
from actions.gate import GatedJourneyAction
from actions.i18n import DUTCH, Texts, texts

PENDING = "renew_product"
PENDING_WITHDRAW = "withdraw_renewal"

# Refusals of the backend → what the citizen is told (nothing changed in each case).
REFUSALS = {
    "unknown_renewal": "utter_renewal_unknown",
    "renewal_paid": "utter_renewal_paid_no_withdraw",
    "renewal_closed": "utter_renewal_closed",
}


def renewal_text(r: dict, t: Texts = DUTCH) -> str:
    """ "Bewonersvergunning P-2025-000135 (KL-412-T): verlengen van 10 december 2026 tot en met
    9 december 2027 voor € 312,00. Status: Wacht op uw bevestiging." """
    what = f"{capitalized(t.product_of(r))} {r.get('number', '')}"
    plates = r.get("plates") or []
    if plates:
        what += f" ({', '.join(plates)})"
    return t("renewal_line", what=what, start=t.date_of(r, "period_start"), end=t.date_of(r, "period_end"),
             price=t.money_of(r, "price"), status=t.renewal_status(r.get("status")))


def renewal_buttons(r: dict, t: Texts = DUTCH) -> list[dict]:
    rid = {"renewal_id": str(r.get("id"))}
    actions = r.get("actions") or []
    buttons = []
    if "confirm" in actions:
        buttons.append(button(t("confirm"), PENDING, rid))
    if "pay" in actions:
        buttons.append(button(t("to_cart"), payment.PENDING))
    if "withdraw" in actions:
        buttons.append(button(t("withdraw"), PENDING_WITHDRAW, rid))
    return buttons


def chosen_id(tracker: Tracker, intent: str) -> str | None:
    """The renewal a button of this intent is about, if one was pressed."""
    value = latest_entity(tracker, "renewal_id") if latest_intent(tracker) == intent else None
    return str(value) if value not in (None, "") else None


def refused(dispatcher: CollectingDispatcher, error: backend.BackendError, t: Texts = DUTCH) -> bool:
    """Say why the backend refused (True), or False when it is not a refusal we know."""
    response = REFUSALS.get(error.code)
    if response is None and error.status == 400:
        response = "utter_renewal_unknown"       # a malformed id in a typed payload
    if response is None:
        return False
    params = error.params or {}
    dispatcher.utter_message(response=response,
                             status=t.renewal_status(params.get("status")))
    return True


async def list_renewals(dispatcher: CollectingDispatcher, tracker: Tracker,
                        citizen: dict | None = None) -> list[dict]:
    renewals = (await backend.renewals(tracker.sender_id)).get("renewals") or []
    if not renewals:
        dispatcher.utter_message(response="utter_renewals_none")
        return []
    dispatcher.utter_message(response="utter_renewals_intro")
    t = texts(tracker)
    for r in renewals:
        dispatcher.utter_message(text=renewal_text(r, t), buttons=renewal_buttons(r, t))
    return []


async def renewals_journey(dispatcher: CollectingDispatcher, tracker: Tracker,
                           citizen: dict | None = None) -> list[dict]:
    """The list, or (the "Bevestigen" button) confirm that renewal and send the pay link."""
    rid = chosen_id(tracker, PENDING)
    if rid is None:
        return await list_renewals(dispatcher, tracker, citizen)
    t = texts(tracker)
    try:
        result = await backend.confirm_renewal(tracker.sender_id, int(rid))
    except ValueError:
        dispatcher.utter_message(response="utter_renewal_unknown")
        return []
    except backend.BackendError as e:
        if refused(dispatcher, e, t):
            return []
        raise
    r = result.get("renewal") or {}
    dispatcher.utter_message(
        response="utter_renewal_confirmed", name=t.product_of(r), number=r.get("number", ""),
        start=t.date_of(r, "period_start"), end=t.date_of(r, "period_end"), price=t.money_of(r, "price"))
    return await payment.pay_cart(dispatcher, tracker, citizen)


async def withdraw_choice(dispatcher: CollectingDispatcher, tracker: Tracker,
                          citizen: dict | None = None) -> list[dict]:
    """Which renewal to withdraw: an "Intrekken" button per open renewal (also after login)."""
    renewals = (await backend.renewals(tracker.sender_id)).get("renewals") or []
    if not renewals:
        dispatcher.utter_message(response="utter_renewals_none")
        return []
    t = texts(tracker)
    buttons = [button(t("withdraw_product", name=capitalized(t.product_of(r)), number=r.get("number")),
                      PENDING_WITHDRAW, {"renewal_id": str(r.get("id"))}) for r in renewals]
    dispatcher.utter_message(response="utter_renewal_withdraw_which", buttons=buttons)
    return []


async def start_withdraw(dispatcher: CollectingDispatcher, tracker: Tracker,
                         citizen: dict | None = None) -> list[dict]:
    """"Weet u het zeker?" for the renewal of the button, or the only open one; else which."""
    sid, t = tracker.sender_id, texts(tracker)
    not_asked = [SlotSet("withdraw_renewal_id", None), SlotSet("renewal_withdraw_asked", False)]
    rid = chosen_id(tracker, PENDING_WITHDRAW)
    open_renewals = (await backend.renewals(sid)).get("renewals") or []
    if rid is None:
        if len(open_renewals) != 1:
            return [*await withdraw_choice(dispatcher, tracker, citizen), *not_asked]
        chosen = open_renewals[0]
    else:
        match = [r for r in open_renewals if str(r.get("id")) == rid]
        if not match:
            every = (await backend.renewals(sid, "all")).get("renewals") or []
            closed = next((r for r in every if str(r.get("id")) == rid), None)
            if closed is None:
                dispatcher.utter_message(response="utter_renewal_unknown")
            elif closed.get("status") == "paid":
                dispatcher.utter_message(response="utter_renewal_paid_no_withdraw")
            else:
                dispatcher.utter_message(response="utter_renewal_closed",
                                         status=t.renewal_status(closed.get("status")))
            return not_asked
        chosen = match[0]
    dispatcher.utter_message(response="utter_renewal_withdraw_sure", name=t.product_of(chosen),
                             number=chosen.get("number", ""), end=t.date_of(chosen, "current_end"))
    return [SlotSet("withdraw_renewal_id", str(chosen.get("id"))), SlotSet("renewal_withdraw_asked", True)]


class ActionRenewals(GatedJourneyAction):
    """The list, or confirm the renewal of the "Bevestigen" button; after the login the list."""

    pending = PENDING
    login_response = "utter_login_required_renewals"
    journey = staticmethod(renewals_journey)
    continuation = staticmethod(list_renewals)

    def name(self) -> str:
        return "action_renewals"


class ActionStartWithdrawRenewal(GatedJourneyAction):
    """ "Weet u het zeker?" (`renewal_withdraw_asked`, read by the rules). After the login the
    choice is shown instead: a "Weet u het zeker?" needs its own turn."""

    pending = PENDING_WITHDRAW
    login_response = "utter_login_required_renewals"
    ready_slot = "renewal_withdraw_asked"
    journey = staticmethod(start_withdraw)
    continuation = staticmethod(withdraw_choice)

    def name(self) -> str:
        return "action_start_withdraw_renewal"


class ActionWithdrawRenewal(Action):
    """After "Weet u het zeker?": ja → Intrekken; nee → nothing changes. Slots reset always."""

    def name(self) -> str:
        return "action_withdraw_renewal"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        reset = [SlotSet("withdraw_renewal_id", None), SlotSet("renewal_withdraw_asked", None)]
        rid = tracker.get_slot("withdraw_renewal_id")
        t = texts(tracker)
        if latest_intent(tracker) != "affirm" or not rid:
            dispatcher.utter_message(response="utter_renewal_kept")
            return reset
        try:
            result = await backend.withdraw_renewal(tracker.sender_id, int(rid))
        except ValueError:
            dispatcher.utter_message(response="utter_renewal_unknown")
            return reset
        except backend.BackendError as e:
            if refused(dispatcher, e, t):
                return reset
            raise
        r = result.get("renewal") or {}
        dispatcher.utter_message(response="utter_renewal_withdrawn", name=t.product_of(r),
                                 number=r.get("number", ""), end=t.date_of(r, "current_end"))
        return reset


class ActionRenewalDue(Action):
    """EXTERNAL_renewal_due: the job made a renewal. Told from the event's own values, so it
    also reaches a citizen whose login has expired; the buttons go through the login gate."""

    def name(self) -> str:
        return "action_renewal_due"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        value = functools.partial(entity_text, tracker)

        t = texts(tracker)
        rid = value("renewal_id")
        buttons = [button(t("view_renewal"), PENDING)]
        if rid:
            buttons.append(button(t("withdraw"), PENDING_WITHDRAW, {"renewal_id": rid}))
        # The event carries codes, ISO dates and API money; both languages are written here.
        dispatcher.utter_message(
            response="utter_renewal_due", product_name=t.product(value("product_code")) or t("product"),
            product_number=value("product_number"), current_end=t.date(value("current_end")),
            period_end=t.date(value("period_end")), price=t.money(value("price")), buttons=buttons)
        return []
