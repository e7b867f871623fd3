"""Hand-off to a person: the ticket holds the chat without BSN or IBAN, before and after login,
against a real backend; the citizen hears the ticket number, opening hours and phone number."""

import json

from rasa_sdk import Tracker

from actions import config
from actions.handoff import ActionHumanHandoff
from tests.actions.conftest import JAN, responses, run, texts
from tests.api.test_payments import db_rows


def chat_tracker(sender: str, lines: list[tuple[str, str]]) -> Tracker:
    """A tracker with these (speaker, text) turns; the last one asks for a person."""
    events = []
    for speaker, text in lines:
        if speaker == "user":
            intent = "EXTERNAL_login_done" if text.startswith("EXTERNAL") else "inform"
            events.append({"event": "user", "text": text, "input_channel": "rest",
                           "parse_data": {"text": text, "intent": {"name": intent}}})
        else:
            events.append({"event": "bot", "text": text})
    last = events[-1]["parse_data"] if events and events[-1]["event"] == "user" else {}
    return Tracker.from_dict({"sender_id": sender, "slots": {}, "latest_message": last, "events": events,
                              "paused": False, "followup_action": None, "active_loop": {},
                              "latest_action_name": "action_listen"})


def stored_transcript(backend, sender):
    rows = db_rows(backend, "select number, citizen_id, transcript from handoff_ticket "
                            "where conversation_sid = ?", sender)
    assert len(rows) == 1, rows
    number, citizen_id, transcript = rows[0]
    return number, citizen_id, json.loads(transcript)


async def test_before_login_a_ticket_with_the_masked_chat(backend, sender, domain):
    tracker = chat_tracker(sender, [
        ("user", "hallo"),
        ("bot", "Goedendag. Waarmee kan ik u helpen?"),
        ("user", "mijn bsn is 999990019 en mijn iban NL91ABNA0417164300"),
        ("bot", "Sorry, dat begrijp ik niet."),
        ("user", "/human_handoff"),
    ])
    messages, _ = await run(ActionHumanHandoff(), tracker, domain)
    assert responses(messages) == ["utter_handoff_ticket"]
    number, citizen_id, transcript = stored_transcript(backend, sender)
    text = texts(messages, domain)
    assert f"Uw ticketnummer is {number}." in text and "14 0570" in text and "8.30 tot 17.00 uur" in text
    assert citizen_id is None
    assert transcript[2] == {"speaker": "user", "text": "mijn bsn is [BSN verwijderd] en mijn iban [IBAN verwijderd]"}
    assert transcript[-1] == {"speaker": "user", "text": "[knop: human_handoff]"}
    assert [line["speaker"] for line in transcript] == ["user", "bot", "user", "bot", "user"]


async def test_after_login_the_ticket_is_linked_and_backend_events_are_left_out(backend, logged_in, domain):
    sender = logged_in(JAN)
    tracker = chat_tracker(sender, [("user", "EXTERNAL_login_done"), ("bot", "U bent ingelogd als Jan de Vries."),
                                    ("user", "ik wil een medewerker spreken")])
    messages, _ = await run(ActionHumanHandoff(), tracker, domain)
    assert responses(messages) == ["utter_handoff_ticket"]
    _, citizen_id, transcript = stored_transcript(backend, sender)
    assert citizen_id is not None
    assert transcript == [{"speaker": "bot", "text": "U bent ingelogd als Jan de Vries."},
                          {"speaker": "user", "text": "ik wil een medewerker spreken"}]


async def test_when_the_backend_is_down_the_phone_number_is_given(monkeypatch, sender, domain):
    monkeypatch.setattr(config, "BACKEND_URL", "http://127.0.0.1:9")   # nothing listens there
    messages, _ = await run(ActionHumanHandoff(), chat_tracker(sender, [("user", "medewerker")]), domain)
    assert responses(messages) == ["utter_handoff_failed"]
    assert "14 0570" in texts(messages, domain)
