"""Parkeertegoed bekijken (check_balance): the balance of each current bezoekersvergunning
in euros and the hours it buys at the zone's visitor tariff, with a button "Opwaarderen"
(actions/top_up.py)."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.gate import GatedJourneyAction
from actions.i18n import texts
from actions.top_up import hours_text, top_up_button

PENDING = "check_balance"


async def check_balance(dispatcher: CollectingDispatcher, tracker: Tracker,
                        citizen: dict | None = None) -> list[dict]:
    sid, t = tracker.sender_id, texts(tracker)
    products = (await backend.products(sid, "current", 0, 50))["products"]
    with_balance = [p for p in products if p.get("balance") is not None]
    if not with_balance:
        dispatcher.utter_message(response="utter_balance_no_visitor_permit")
    for product in with_balance:
        options = await backend.top_up_options(sid, product["id"])
        dispatcher.utter_message(response="utter_balance", number=product.get("number"),
                                 amount=t.money_of(options, "balance"), hours=hours_text(options.get("hours"), t),
                                 rate=t.money_of(options, "hourly_rate"),
                                 buttons=[top_up_button(product.get("number"), t)])
    return []


class ActionCheckBalance(GatedJourneyAction):
    pending = PENDING
    login_response = "utter_login_required_balance"
    journey = staticmethod(check_balance)

    def name(self) -> str:
        return "action_check_balance"
