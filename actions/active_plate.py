"""Kentekenswitch (activate_plate): which plate of a product with two plates may park now,
and the switch to the other one.

`activate_plate` → `action_activate_plate` behind the login gate: only the products with two
plates count (no product question when there is one; a button per product otherwise, or
the product the named plate is on). A plate named (entity `license_plate`, or in the text)
switches at once; no plate named ("vandaag rij ik met de andere auto") shows the active
plate and asks "Wilt u <the other> actief maken?" (`kentekenswitch_asked`); then ja/nee
(typed or the buttons) → `action_confirm_activate_plate` (rules). A product that needs a
mijn.2park link and is not linked is refused with how to link (DigiD conversations are
linked by the backend already).
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.buttons import button
from actions.common import channel, handles_backend_errors, latest_entity, latest_intent, user_text
from actions.formatting import compact_plate
from actions.gate import GatedJourneyAction
from actions.i18n import DUTCH, Texts, texts
from actions.product_choice import choose_product

PENDING = "activate_plate"
REFUSALS = ("plate_invalid", "plate_not_on_permit", "single_plate", "not_linked", "unknown_product",
            "already_ended")
SLOTS = ("kentekenswitch_permit_id", "kentekenswitch_plate", "kentekenswitch_asked")


def reset_events() -> list[dict]:
    return [SlotSet(slot, None) for slot in SLOTS]


def named_plate(tracker: Tracker) -> str | None:
    """The plate the latest message names (entity or text), compact ("8KZN73"), or None."""
    entity = latest_entity(tracker, "license_plate")
    if entity:
        return compact_plate(str(entity))
    return None


def plate_in(text: str, plates: list[str]) -> str | None:
    """The plate of `plates` (as shown) written in `text`, if any."""
    compact = compact_plate(text) or ""
    return next((p for p in plates if compact_plate(p) in compact), None)


def switch_how(t: Texts = DUTCH) -> str:
    return t("switch_how")


def active_sentence(product: dict, t: Texts = DUTCH) -> str:
    """ "Uw bewonersvergunning P-2026-000006 heeft 2 kentekens. Nu is RT-447-L actief." """
    return t("plate_active_now", name=t.product_of(product), number=product.get("number") or "",
             plate=product.get("active_plate") or "")


def refusal_text(error: backend.BackendError, t: Texts, plate: str | None = None) -> str:
    params = error.params or {}
    if error.code == "plate_not_on_permit":
        return t("switch_plate_not_on_permit", plate=params.get("plate") or plate or "",
                 plates=t.join(params.get("plates") or []))
    if error.code == "not_linked":
        return t("refused_not_linked", number=params.get("number") or "")
    return t(f"refused_{error.code}", plate=plate or "")


async def switch(dispatcher: CollectingDispatcher, tracker: Tracker, permit_id: str | int, plate: str) -> None:
    t = texts(tracker)
    try:
        result = await backend.activate_plate(tracker.sender_id, permit_id, plate, channel(tracker))
    except backend.BackendError as e:
        if e.code not in REFUSALS:
            raise
        dispatcher.utter_message(text=t("nothing_changed", reason=refusal_text(e, t, plate)))
        return
    key = "plate_switched" if result.get("changed") else "plate_already_active"
    dispatcher.utter_message(text=t(key, plate=result.get("active_plate") or plate))


async def start(dispatcher: CollectingDispatcher, tracker: Tracker, citizen: dict | None = None) -> list[dict]:
    sid, t = tracker.sender_id, texts(tracker)
    products = (await backend.products(sid, "current", 0, 50))["products"]
    switchable = [p for p in products if len(p.get("plates") or []) >= 2]
    named = named_plate(tracker) or compact_plate(plate_in(user_text(tracker), [pl for p in switchable
                                                                                 for pl in p["plates"]]))
    holding = [p for p in switchable if named in {compact_plate(pl) for pl in p["plates"]}]
    if named and len(holding) == 1 and not latest_entity(tracker, "product_number"):
        product = holding[0]
    else:
        product = choose_product(dispatcher, tracker, switchable, PENDING, "kentekenswitch")
    if product is None:
        return reset_events()
    link = product.get("link") or {}
    if link.get("needed") and not link.get("linked"):
        dispatcher.utter_message(text=t("refused_not_linked", number=product.get("number") or ""))
        return reset_events()
    if named:
        await switch(dispatcher, tracker, product["id"], named)
        return reset_events()
    others = [p for p in product["plates"] if p != product.get("active_plate")]
    number = product.get("number")
    buttons = [button(t("make_active", plate=p), PENDING, {"product_number": number, "license_plate": p})
               for p in others]
    buttons.append(button(t("no"), "deny"))
    if len(others) == 1:
        question = t("switch_to_other", plate=others[0])
    else:
        question = t("switch_which")
    dispatcher.utter_message(text=f"{active_sentence(product, t)} {question}", buttons=buttons)
    return [SlotSet("kentekenswitch_permit_id", str(product["id"])),
            SlotSet("kentekenswitch_plate", others[0] if len(others) == 1 else None),
            SlotSet("kentekenswitch_asked", True)]


class ActionActivatePlate(GatedJourneyAction):
    pending = PENDING
    login_response = "utter_login_required_kentekenswitch"
    ready_slot = "kentekenswitch_asked"
    journey = staticmethod(start)

    def name(self) -> str:
        return "action_activate_plate"


class ActionConfirmActivatePlate(Action):
    """After "Wilt u … actief maken?": ja → switch; nee → the active plate stays. Slots reset."""

    def name(self) -> str:
        return "action_confirm_activate_plate"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        permit_id, plate = tracker.get_slot("kentekenswitch_permit_id"), tracker.get_slot("kentekenswitch_plate")
        if latest_intent(tracker) != "affirm" or not permit_id:
            dispatcher.utter_message(response="utter_kentekenswitch_kept")
        elif not plate:
            dispatcher.utter_message(response="utter_kentekenswitch_which_plate")
            return [SlotSet("kentekenswitch_asked", None)]
        else:
            await switch(dispatcher, tracker, permit_id, plate)
        return reset_events()


def after_change_text(product: dict, t: Texts = DUTCH) -> str:
    """For a product with two plates (after payment or a plate change): which one is active
    and how to switch; "" otherwise."""
    if len(product.get("plates") or []) < 2 or not product.get("active_plate"):
        return ""
    return t("plate_active_after", plate=product["active_plate"], how=switch_how(t))

