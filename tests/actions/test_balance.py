"""Parkeertegoed bekijken: the balance of a bezoekersvergunning in euros and hours, against
the real backend."""

from actions.balance import ActionCheckBalance
from tests.actions.conftest import ANNA, make_tracker, responses, run, texts

EVA = "999990159"       # bezoekersvergunning P-2026-000005 with € 12,50 on it (Binnenstad, € 1,20 an hour)


async def test_balance_in_euros_and_hours_with_a_top_up_button(logged_in, domain):
    sid = logged_in(EVA)
    messages, _ = await run(ActionCheckBalance(), make_tracker(sid, text="hoeveel tegoed heb ik nog?",
                                                               intent="check_balance"), domain)
    assert responses(messages) == ["utter_balance"]
    assert texts(messages, domain) == ("Het parkeertegoed op uw bezoekersvergunning P-2026-000005 is € 12,50. "
                                       "Daarmee kan uw bezoek ongeveer 10 uur parkeren (€ 1,20 per uur).")
    assert "Parkeerloket" not in texts(messages, domain)
    assert messages[0]["buttons"] == [{"title": "Opwaarderen",
                                       "payload": '/top_up_balance{"product_number":"P-2026-000005"}'}]


async def test_balance_in_english(logged_in, domain):
    sid = logged_in(EVA)
    messages, _ = await run(ActionCheckBalance(), make_tracker(sid, slots={"language": "en"}, text="my balance",
                                                               intent="check_balance"), domain)
    assert texts(messages, domain, "en") == ("The parking credit on your visitor permit P-2026-000005 is € 12.50: "
                                             "about 10 hours of parking for your visitors (€ 1.20 an hour).")
    assert messages[0]["buttons"][0]["title"] == "Top up"


async def test_no_visitor_permit_offers_to_apply(logged_in, domain):
    sid = logged_in(ANNA)
    messages, _ = await run(ActionCheckBalance(), make_tracker(sid, text="mijn saldo", intent="check_balance"),
                            domain)
    assert responses(messages) == ["utter_balance_no_visitor_permit"]


async def test_before_login_a_link_then_the_balance(backend, sender, domain):
    messages, slots = await run(ActionCheckBalance(), make_tracker(sender, text="saldo", intent="check_balance"),
                                domain)
    assert responses(messages) == ["utter_login_required_balance"] and slots["pending_action"] == "check_balance"
