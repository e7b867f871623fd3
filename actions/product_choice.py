"""The choice of one of the citizen's products, for the journeys about an existing product
(Kenteken wijzigen, Beëindigen, Documenten): the product of the button pressed, the only
one, or a button per product."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.common import latest_entity, latest_intent
from actions.formatting import capitalized
from actions.i18n import texts


def chosen_number(tracker: Tracker, intent: str) -> str | None:
    """The product number of the button pressed for `intent` in this turn, if any."""
    number = latest_entity(tracker, "product_number") if latest_intent(tracker) == intent else None
    return str(number) if number else None


def choose_product(dispatcher: CollectingDispatcher, tracker: Tracker, products: list[dict],
                   intent: str, responses: str, ended: list[dict] = ()) -> dict | None:
    """The product a journey on an existing product is about: the one whose button was
    pressed (`product_number`), or the only one. Otherwise None, after saying why or asking
    with a button per product (responses utter_<responses>_unknown_product / _no_products /
    _which_product, and _already_ended for a number found in `ended`)."""
    number = chosen_number(tracker, intent)
    if number:
        chosen = [p for p in products if p.get("number") == number]
        if not chosen:
            was_ended = any(p.get("number") == number for p in ended)
            dispatcher.utter_message(
                response=f"utter_{responses}_{'already_ended' if was_ended else 'unknown_product'}")
        return chosen[0] if chosen else None
    if not products:
        dispatcher.utter_message(response=f"utter_{responses}_no_products")
        return None
    if len(products) > 1:
        t = texts(tracker)
        buttons = [button(f"{capitalized(t.product_of(p))} {p.get('number')}", intent,
                          {"product_number": p.get("number")}) for p in products]
        dispatcher.utter_message(response=f"utter_{responses}_which_product", buttons=buttons)
        return None
    return products[0]
