"""A citizen who writes English gets the main journeys in English, over the REST channel:
the language follows each message that is clearly English or Dutch, also in the middle
of a form; buttons, dates and amounts in the answers are English too."""

import re

from tests.e2e.test_bewonersvergunning import link_with
from tests.support.chat import Chat
from tests.support.person import Person

OLIVIA = "999990160"    # Binnenstad, ST-482-N on her name; not used by other e2e modules


def test_apply_and_pay_in_english(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    chat.say("Hi, I would like to apply for a resident permit")
    assert "you first need to log in with DigiD" in chat.texts(), chat.texts()
    page = Person().submit_form(link_with(chat, "/login/"), {"bsn": OLIVIA})
    assert page.status == 200
    chat.wait_for(r"From which date")
    assert "Olivia Brown" in chat.texts()

    chat.say("tomorrow")
    assert "period" in chat.texts().lower(), chat.texts()
    chat.click("year")
    chat.say("st-482-n")
    assert "second licence plate" in chat.texts(), chat.texts()
    chat.click("no")
    chat.click("no")                                 # no own parking place
    chat.click("yes")                                # the car is small enough
    summary = chat.texts()
    assert "Check your application" in summary or "Is this correct" in summary, summary
    assert "ST-482-N" in summary and "resident permit" in summary.lower(), summary
    assert not re.search(r"\b(Klopt dit|Kenteken|Geldig tot)\b", summary), summary
    chat.click("yes")
    pay_url = link_with(chat, "http")
    assert "iDEAL" in chat.texts()

    Person().submit_form(pay_url, {"status": "paid"})
    messages = chat.wait_for(r"received your payment")
    assert "/documents/" in chat.texts(messages)

    # A Dutch question switches to Dutch; an English one back to English.
    chat.say("wat kost een bezoekersvergunning?")
    assert re.search(r"bezoekersvergunning|kost", chat.texts()), chat.texts()
    assert "costs" not in chat.texts()
    chat.say("how do I change the licence plate on my permit?")
    assert re.search(r"\b(licence plate|permit)\b", chat.texts()), chat.texts()


def test_faq_and_handoff_in_english(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    chat.say("how much does a resident permit cost?")
    assert "A resident permit costs" in chat.texts(), chat.texts()
    chat.say("I want to speak to a person")
    assert "Your ticket number is T-" in chat.texts(), chat.texts()
    chat.say("what can you do for me?")
    assert "I can help you with" in chat.texts(), chat.texts()
