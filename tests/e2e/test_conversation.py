"""Questions, help, out of scope and a person, before login and in the middle of the
application form (which then asks its question again), over the REST channel."""

import json
import sqlite3

from tests.e2e.test_bewonersvergunning import log_in
from tests.support.chat import Chat

START_DATE_QUESTION = "Vanaf welke datum wilt u de vergunning?"
# Not used by the other e2e modules (they share one stack), so he can still apply.
YOUSSEF = "999990068"   # Schilwijken, 12-ABC-3 on his name


def tickets(stack, sender):
    path = stack.database_url.split("///", 1)[1]
    with sqlite3.connect(path) as con:
        return con.execute("select number, citizen_id, transcript from handoff_ticket "
                           "where conversation_sid = ?", (sender,)).fetchall()


def test_questions_and_a_person_before_login(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    chat.say("Wat kost een bewonersvergunning in de binnenstad?")
    assert "€ 312,00 per jaar" in chat.texts(), chat.texts()

    chat.say("ik wil mijn paspoort verlengen")
    assert "https://www.deventer.nl" in chat.texts() and "14 0570" in chat.texts(), chat.texts()

    chat.say("wat kun je allemaal?")
    assert "Ik kan u helpen met" in chat.texts()
    assert any(b["title"] == "Een medewerker spreken" for m in chat.last for b in m.get("buttons") or [])

    chat.say("mijn bsn is 999990019, ik wil graag een medewerker spreken")
    text = chat.texts()
    assert "Uw ticketnummer is T-" in text and "8.30 tot 17.00 uur" in text, text
    ((number, citizen_id, transcript),) = tickets(stack, chat.sender)
    assert number in text and citizen_id is None
    stored = json.loads(transcript)
    assert stored[0] == {"speaker": "user", "text": "Wat kost een bewonersvergunning in de binnenstad?"}
    assert "999990019" not in transcript and "[BSN verwijderd]" in stored[-1]["text"]


def test_a_question_and_a_person_in_the_middle_of_the_form(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, YOUSSEF, "Ik wil een bewonersvergunning aanvragen")
    chat.wait_for(r"ingelogd.*(datum|wanneer)")

    chat.say("mag ik het bewijsstuk als foto uploaden?")
    text = chat.texts()
    assert "PDF, JPG of PNG" in text, text
    assert START_DATE_QUESTION in chat.last[-1]["text"], text       # the form asks again

    chat.say("ik wil liever met een medewerker praten")
    assert "Uw ticketnummer is T-" in chat.texts() and START_DATE_QUESTION in chat.last[-1]["text"]
    ((_, citizen_id, _),) = tickets(stack, chat.sender)
    assert citizen_id is not None                                    # logged in: linked to him

    chat.say("morgen")
    assert "periode" in chat.texts().lower() or chat.last[-1].get("buttons"), chat.texts()
    chat.say("stop")
    assert "Er is niets opgeslagen." in chat.texts()


def test_english_on_request(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    chat.say("hallo")
    assert "For English, type: English." in chat.texts()
    chat.say("English please")
    assert "I will continue in English." in chat.texts(), chat.texts()
    chat.say("help")
    chat.click("What does a permit cost")            # an English button of the help
    assert "A resident permit costs € 312.00 a year" in chat.texts(), chat.texts()
    chat.say("medewerker")                           # one word: the language stays English
    assert "Your ticket number is T-" in chat.texts(), chat.texts()
    chat.say("Nederlands")
    assert "Ik ga verder in het Nederlands." in chat.texts()
    chat.say("wat kun je allemaal?")
    assert "Ik kan u helpen met" in chat.texts()


def test_coming_back_after_an_hour_stops_the_form_and_offers_it_again(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, YOUSSEF, "Ik wil een bewonersvergunning aanvragen")
    chat.wait_for(r"ingelogd.*(datum|wanneer)")
    # An hour and a half of silence: the conversation's events are moved back in time.
    url = f"{stack.rasa_url}/conversations/{chat.sender}/tracker"
    events = chat.client.get(url, params={"token": stack.rasa_token}).json()["events"]
    for event in events:
        event["timestamp"] -= 90 * 60
    chat.client.put(f"{url}/events", params={"token": stack.rasa_token}, json=events).raise_for_status()

    chat.say("morgen")
    assert "Welkom terug" in chat.texts() and "niets opgeslagen of betaald" in chat.texts(), chat.texts()
    chat.click("Opnieuw aanvragen")
    # Still logged in (the login is kept): the form starts again with its first question.
    assert START_DATE_QUESTION in chat.texts(), chat.texts()
    assert "inloggen" not in chat.texts().lower()
    chat.say("stop")
    assert "Er is niets opgeslagen." in chat.texts()
