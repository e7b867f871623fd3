"""Parkeertegoed bekijken: the balance of a bezoekersvergunning, against the real backend."""

from actions.balance import ActionCheckBalance
from tests.actions.conftest import ANNA, make_tracker, responses, run, texts

EVA = "999990159"       # bezoekersvergunning P-2026-000005 with € 12,50 on it


async def test_balance_of_the_visitor_permit(logged_in, domain):
    sid = logged_in(EVA)
    messages, _ = await run(ActionCheckBalance(), make_tracker(sid, text="hoeveel tegoed heb ik nog?",
                                                               intent="check_balance"), domain)
    assert responses(messages) == ["utter_balance"]
    assert texts(messages, domain).startswith("Het parkeertegoed op uw bezoekersvergunning P-2026-000005 is € 12,50.")


async def test_no_visitor_permit_offers_to_apply(logged_in, domain):
    sid = logged_in(ANNA)
    messages, _ = await run(ActionCheckBalance(), make_tracker(sid, text="mijn saldo", intent="check_balance"),
                            domain)
    assert responses(messages) == ["utter_balance_no_visitor_permit"]


async def test_before_login_a_link_then_the_balance(backend, sender, domain):
    messages, slots = await run(ActionCheckBalance(), make_tracker(sender, text="saldo", intent="check_balance"),
                                domain)
    assert responses(messages) == ["utter_login_required_balance"] and slots["pending_action"] == "check_balance"
