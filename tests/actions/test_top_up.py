"""Opwaarderen in the chat: the visitor permit, the amount (buttons or typed), the backend's
refusals in words, the payment link and the paid payment coming back; real backend."""

import pytest

from actions.amounts import parse_amount
from actions.payment import ActionPaymentUpdate
from actions.top_up import (
    ActionAskTopUpAmount,
    ActionSubmitTopUp,
    ActionTopUpBalance,
    ValidateTopUpForm,
)
from tests.actions.conftest import ANNA, make_tracker, responses, run, texts
from tests.support.person import Person

EVA = "999990159"       # bezoekersvergunning P-2026-000005 with € 12,50 on it


@pytest.mark.parametrize("text, amount", [
    ("25", "25.00"), ("€ 25,50", "25.50"), ("25 euro", "25.00"), ("25,-", "25.00"), ("€25.5", "25.50"),
    ("vijfentwintig euro", "25.00"), ("twenty euros", "20.00"), ("opwaarderen met 10 euro", "10.00"),
    ("1.000", "1000.00"), ("abc", None), ("3.14159", None), ("P-2026-000005 opwaarderen", None),
    ("10 euro 50", "10.50"), ("10,50 euro", "10.50"), ("€10.50", "10.50"), ("10 euro 50 cent", "10.50"),
    ("met 25 euro 05 opwaarderen", "25.05"), ("10 euro", "10.00"),
])
def test_amounts_as_typed(text, amount):
    assert parse_amount(text) == amount


def answer(sid, text, slots, intent="inform", entities=None):
    return make_tracker(sid, slots={**slots, "requested_slot": "top_up_amount"}, text=text, intent=intent,
                        entities=entities, set_now={"top_up_amount": text}, active_loop="top_up_form")


async def start(sid, domain, text="opwaarderen", entities=None, language=None):
    tracker = make_tracker(sid, slots={"language": language}, text=text, intent="top_up_balance", entities=entities)
    return await run(ActionTopUpBalance(), tracker, domain)


async def test_buttons_then_a_typed_amount_then_the_link(logged_in, domain):
    sid = logged_in(EVA)
    messages, slots = await start(sid, domain)
    assert messages == [] and slots["top_up_ready"] is True and slots["top_up_number"] == "P-2026-000005"
    form = {"top_up_permit_id": slots["top_up_permit_id"], "top_up_number": "P-2026-000005"}

    messages, _ = await run(ActionAskTopUpAmount(), make_tracker(sid, slots=form), domain)
    assert texts(messages, domain) == ("Op uw bezoekersvergunning P-2026-000005 staat € 12,50 (ongeveer 10 uur "
                                       "parkeren). Met welk bedrag wilt u opwaarderen?")
    assert [b["title"] for b in messages[0]["buttons"]] == ["€ 10,00", "€ 25,00", "€ 50,00", "Ander bedrag"]
    assert messages[0]["buttons"][-1]["payload"] == '/inform{"amount":"other"}'

    # "Ander bedrag" → the limits; a typed amount out of bounds is refused and changes nothing.
    other = '/inform{"amount":"other"}'
    messages, out = await run(ValidateTopUpForm(), answer(sid, other, form, entities=[
        {"entity": "amount", "value": "other"}]), domain)
    assert out["top_up_other"] is True and out["top_up_amount"] is None
    form["top_up_other"] = True
    messages, _ = await run(ActionAskTopUpAmount(), make_tracker(sid, slots=form), domain)
    assert texts(messages, domain) == ("Typ het bedrag in euro's, bijvoorbeeld 25 of 25,50. "
                                       "Het kan van € 5,00 tot en met € 100,00.")
    for typed, said in (("€ 2,50", "U kunt minimaal € 5,00 opwaarderen. Er is niets veranderd."),
                        ("500 euro", "U kunt maximaal € 100,00 per keer opwaarderen. Er is niets veranderd."),
                        ("een beetje", "Dat bedrag kan ik niet lezen.")):
        messages, out = await run(ValidateTopUpForm(), answer(sid, typed, form), domain)
        assert out["top_up_amount"] is None and texts(messages, domain).startswith(said), typed

    messages, out = await run(ValidateTopUpForm(), answer(sid, "€ 25,50", form), domain)
    assert messages == [] and out["top_up_amount"] == "25.50" and out["top_up_link"].startswith("http")
    messages, done = await run(ActionSubmitTopUp(), make_tracker(sid, slots={**form, **out}), domain)
    text = texts(messages, domain)
    assert text.startswith("U waardeert uw bezoekersvergunning P-2026-000005 op met € 25,50. U betaalt met iDEAL")
    assert text.endswith(out["top_up_link"]) and done["top_up_ready"] is None

    # Paid at the bank: the proactive message says what was credited and the new balance.
    Person().submit_form(out["top_up_link"], {"status": "paid"})
    event = make_tracker(sid, text=None, intent="EXTERNAL_payment_update",
                         entities=[{"entity": "payment_id", "value": out["payment_id"]}])
    messages, slots = await run(ActionPaymentUpdate(), event, domain)
    assert texts(messages, domain) == ("Uw betaling is gelukt. € 25,50 is bijgeschreven; uw tegoed is nu € 38,00 "
                                       "(ongeveer 31 uur parkeren).")
    assert slots == {"payment_id": None}


async def test_an_amount_in_the_request_goes_straight_to_the_link(logged_in, domain):
    sid = logged_in(EVA)
    messages, slots = await start(sid, domain, "opwaarderen met 10 euro",
                                  entities=[{"entity": "amount", "value": "10 euro"}])
    assert responses(messages) == ["utter_top_up_link"] and messages[0]["amount"] == "€ 10,00"
    assert slots["top_up_ready"] is False and slots["payment_id"]
    # Without the entity the typed text still counts; in English too.
    messages, slots = await start(sid, domain, "top up 20 euros please", language="en")
    assert texts(messages, domain, "en").startswith("You top up your visitor permit P-2026-000005 with € 20.00.")
    # A refused amount in the request: said, then the form asks.
    messages, slots = await start(sid, domain, "opwaarderen met 1 euro")
    assert texts(messages, domain) == "U kunt minimaal € 5,00 opwaarderen. Er is niets veranderd."
    assert slots["top_up_ready"] is True


async def test_a_failed_payment_credits_nothing_and_offers_again(logged_in, domain):
    sid = logged_in(EVA)
    messages, slots = await start(sid, domain, "opwaarderen met 15 euro")
    Person().submit_form(messages[0]["url"], {"status": "failed"})
    event = make_tracker(sid, text=None, intent="EXTERNAL_payment_update",
                         entities=[{"entity": "payment_id", "value": slots["payment_id"]}])
    messages, _ = await run(ActionPaymentUpdate(), event, domain)
    assert responses(messages) == ["utter_top_up_failed"]
    assert texts(messages, domain).startswith("Uw betaling van € 15,00 is niet gelukt. Er is niets bijgeschreven;")
    assert messages[0]["buttons"][0]["payload"] == '/top_up_balance{"product_number":"P-2026-000005"}'


async def test_nee_at_the_amount_stops(logged_in, domain):
    sid = logged_in(EVA)
    _, slots = await start(sid, domain)
    form = {"top_up_permit_id": slots["top_up_permit_id"]}
    _, out = await run(ValidateTopUpForm(), answer(sid, "nee", form, intent="deny"), domain)
    assert out["top_up_amount"] == "stopped"
    messages, _ = await run(ActionSubmitTopUp(), make_tracker(sid, slots={**form, **out}), domain)
    assert responses(messages) == ["utter_top_up_stopped"]


async def test_no_visitor_permit(logged_in, domain):
    messages, slots = await start(logged_in(ANNA), domain)
    assert responses(messages) == ["utter_top_up_no_products"] and slots["top_up_ready"] is False
