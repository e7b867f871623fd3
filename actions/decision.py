"""The municipality's decision on an application with evidence (back office), told to
the citizen by itself: EXTERNAL_application_decided.

The backend sends everything the message needs as entities: by the time an operator
decides, the conversation is usually no longer logged in, so the action cannot ask.
"""

from __future__ import annotations

import functools

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.active_plate import after_change_text
from actions.common import entity_text
from actions.i18n import texts


class ActionApplicationDecided(Action):
    def name(self) -> str:
        return "action_application_decided"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        value = functools.partial(entity_text, tracker)

        # The event carries codes and API money; the operator's reason stays as written.
        t = texts(tracker)
        common = {"application_reference": value("application_reference") or "",
                  "product_name": t.product(value("product_code")) or t("application")}
        if value("decision") == "rejected":
            dispatcher.utter_message(response="utter_application_rejected", reason=value("reason") or "-",
                                     url=value("document_url"), **common)
        elif value("decision_kind") == "plate_change":
            # "… staat nu op uw {product_name} {number}": the permit the plate is now on.
            dispatcher.utter_message(response="utter_plate_change_approved", new_plate=value("new_plate"),
                                     number=value("number"), plates=value("plates"), url=value("document_url"),
                                     **common)
            plates = [p for p in (value("plates") or "").split(", ") if p]
            if after := after_change_text({"plates": plates, "active_plate": value("active_plate")}, t):
                dispatcher.utter_message(text=after)        # two plates now: which one is active
        elif value("payment_url"):
            dispatcher.utter_message(response="utter_application_approved_pay", amount=t.money(value("amount")),
                                     url=value("payment_url"), **common)
        else:
            dispatcher.utter_message(response="utter_application_approved_no_link", **common)
        return []
