"""Parkeertegoed bekijken (check_balance): the balance of each current bezoekersvergunning.
Topping up and parking on it are journeys of their own (not in the chat yet)."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.gate import GatedJourneyAction
from actions.i18n import texts

PENDING = "check_balance"


async def check_balance(dispatcher: CollectingDispatcher, tracker: Tracker,
                        citizen: dict | None = None) -> list[dict]:
    products = (await backend.products(tracker.sender_id, "current", 0, 50))["products"]
    with_balance = [p for p in products if p.get("balance") is not None]
    if not with_balance:
        dispatcher.utter_message(response="utter_balance_no_visitor_permit")
    t = texts(tracker)
    for product in with_balance:
        dispatcher.utter_message(response="utter_balance", number=product.get("number"),
                                 amount=t.money_of(product, "balance"))
    return []


class ActionCheckBalance(GatedJourneyAction):
    pending = PENDING
    login_response = "utter_login_required_balance"
    journey = staticmethod(check_balance)

    def name(self) -> str:
        return "action_check_balance"
