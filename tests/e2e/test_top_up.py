"""Eva tops up the parkeertegoed of her bezoekersvergunning by chat over the REST channel:
the login link continues the question, "Ander bedrag" and a refused amount, the payment
link paid like a person on the PSP simulator page, the proactive message with the new
balance, the balance in euros and hours, and an amount in one message going straight to
the link (in English too)."""

from tests.e2e.test_bewonersvergunning import link_with, log_in
from tests.support.chat import Chat
from tests.support.person import Person

EVA = "999990159"       # bezoekersvergunning P-2026-000005 with € 12,50 (Binnenstad, € 1,20 an hour)


def test_top_up_by_chat_and_pay_like_a_person(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, EVA, "ik wil mijn parkeertegoed opwaarderen")
    messages = chat.wait_for(r"ingelogd.*opwaarderen\?")
    text = chat.texts(messages)
    assert "Op uw bezoekersvergunning P-2026-000005 staat € 12,50 (ongeveer 10 uur parkeren)." in text, text
    assert {"€ 10,00", "€ 25,00", "€ 50,00", "Ander bedrag"} <= {b["title"] for m in messages
                                                                 for b in m.get("buttons") or []}

    chat.click("Ander bedrag")
    assert "Het kan van € 5,00 tot en met € 100,00." in chat.texts(), chat.texts()
    chat.say("€ 2")
    assert "U kunt minimaal € 5,00 opwaarderen. Er is niets veranderd." in chat.texts(), chat.texts()
    chat.say("25 euro")
    assert "U waardeert uw bezoekersvergunning P-2026-000005 op met € 25,00." in chat.texts(), chat.texts()
    link = link_with(chat, "/pay/")
    page = Person().submit_form(link, {"status": "paid"})
    assert page.status == 200 and "parkeertegoed" in page.text
    chat.wait_for(r"bijgeschreven")
    assert "€ 25,00 is bijgeschreven; uw tegoed is nu € 37,50 (ongeveer 31 uur parkeren)." in chat.texts(), \
        chat.texts()

    chat.say("hoeveel parkeertegoed heb ik nog?")
    text = chat.texts()
    assert "is € 37,50. Daarmee kan uw bezoek ongeveer 31 uur parkeren (€ 1,20 per uur)." in text, text
    assert "Parkeerloket" not in text

    # An amount in the request itself: the link at once, in one turn; English answered in English.
    chat.say("opwaarderen met 10 euro")
    assert "op met € 10,00. U betaalt met iDEAL" in chat.texts(), chat.texts()
    chat.say("I would like to top up my visitor credit with 20 euros")
    assert "You top up your visitor permit P-2026-000005 with € 20.00." in chat.texts(), chat.texts()
    assert Person().open(link_with(chat, "/pay/")).status == 200
