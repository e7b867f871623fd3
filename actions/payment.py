"""Journey "betalen": checkout of the cart, and payment results and evidence uploads
that come back as external events."""

from __future__ import annotations

import json

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions import top_up
from actions.active_plate import after_change_text
from actions.common import channel, handles_backend_errors, latest_entity, latest_intent
from actions.gate import GatedJourneyAction
from actions.i18n import DUTCH, Texts, texts

PENDING = "pay_cart"
FAILED_STATUSES = ("failed", "canceled", "expired")


async def checkout(tracker: Tracker) -> dict | None:
    """A new payment for the current cart, or None when the cart is empty."""
    try:
        return await backend.checkout(tracker.sender_id, channel(tracker))
    except backend.BackendError as e:
        if e.code == "cart_empty":
            return None
        raise


def remove_button(item: dict, t: Texts = DUTCH) -> dict:
    description = t.cart_item(item)
    title = t("remove", description=description[:40] + "…" if len(description) > 40 else description)
    return {"title": title, "payload": "/pay_cart" + json.dumps({"cart_item": str(item["id"])})}


async def pay_cart(dispatcher: CollectingDispatcher, tracker: Tracker, citizen: dict | None = None) -> list[dict]:
    """The Winkelwagen: take out an item when a "Verwijderen" button was pressed, show what
    is in it (when asked for, or when there is more than one item), and send one payment
    link for all of it (also after the login event and after confirming a renewal)."""
    sid, t = tracker.sender_id, texts(tracker)
    remove = latest_entity(tracker, "cart_item")
    if remove:
        before = {str(i["id"]): i for i in (await backend.cart(sid)).get("items") or []}
        try:
            await backend.remove_cart_item(sid, remove)
            item = before.get(str(remove))
            description = t.cart_item(item) if item else t("the_product")
            dispatcher.utter_message(response="utter_cart_item_removed", description=description)
        except backend.BackendError as e:
            if e.code != "unknown_cart_item":
                raise
            dispatcher.utter_message(response="utter_cart_item_gone")
    cart = await backend.cart(sid)
    items = cart.get("items") or []
    if len(items) > 1 or (items and latest_intent(tracker) == PENDING):
        lines = "\n".join(t("cart_line", description=t.cart_item(i), amount=t.money_of(i, "amount"))
                          for i in items)
        dispatcher.utter_message(response="utter_cart_items", items=lines, total=t.money_of(cart, "total"))
    result = await checkout(tracker)
    if result is None:
        dispatcher.utter_message(response="utter_cart_empty")
        return [SlotSet("cart_item", None)]
    dispatcher.utter_message(response="utter_payment_link", amount=t.money_of(result, "amount"),
                             url=result["payment_url"], buttons=[remove_button(i, t) for i in items])
    return [SlotSet("payment_id", result.get("payment_id")), SlotSet("cart_item", None)]


class ActionPayCart(GatedJourneyAction):
    pending = PENDING
    login_response = "utter_login_required_pay"
    journey = staticmethod(pay_cart)

    def name(self) -> str:
        return "action_pay_cart"


def product_sentence(product: dict, t: Texts = DUTCH) -> str:
    """ "Uw bewonersvergunning is geldig van 26 november 2026 tot en met 25 november 2027 voor 51-PX-PN." """
    sentence = t("valid_from_to", name=t.product_of(product), start=t.date_of(product, "valid_from"),
                 until=t.date_of(product, "valid_until"))
    plates = product.get("plates") or []
    if plates:
        sentence += t("for_plates", plates=f" {t('and')} ".join(plates))
    return sentence + "."


class ActionPaymentUpdate(Action):
    """EXTERNAL_payment_update: the payment reached a final status."""

    def name(self) -> str:
        return "action_payment_update"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        payment_id = latest_entity(tracker, "payment_id") or tracker.get_slot("payment_id")
        if payment_id is None:
            dispatcher.utter_message(response="utter_payment_open")
            return []
        payment = await backend.payment(tracker.sender_id, payment_id)
        if payment.get("purpose") == "top_up":      # Opwaarderen: the new balance, never a cart link
            return top_up.payment_result(dispatcher, tracker, payment)
        status = payment.get("status")
        if status == "paid":
            t = texts(tracker)
            documents = "\n".join(d["url"] for d in payment.get("documents") or [])
            dispatcher.utter_message(
                response="utter_payment_paid", amount=t.money_of(payment, "amount"),
                details=" ".join(product_sentence(p, t) for p in payment.get("products") or []),
                documents=documents)
            for product in payment.get("products") or []:      # two plates: which one is active
                if after := after_change_text(product, t):
                    dispatcher.utter_message(text=after)
            return [SlotSet("payment_id", None)]
        if status in FAILED_STATUSES:
            result = await checkout(tracker)
            if result is None:
                dispatcher.utter_message(response="utter_payment_failed_no_link")
                return []
            dispatcher.utter_message(response="utter_payment_failed", url=result["payment_url"])
            return [SlotSet("payment_id", result.get("payment_id"))]
        dispatcher.utter_message(response="utter_payment_open")
        return []


class ActionEvidenceReceived(Action):
    """EXTERNAL_evidence_received: an evidence upload arrived for an application."""

    def name(self) -> str:
        return "action_evidence_received"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        reference = latest_entity(tracker, "application_reference") or tracker.get_slot("application_reference")
        dispatcher.utter_message(response="utter_evidence_received", application_reference=reference or "")
        return []
