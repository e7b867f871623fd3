"""Validation of each form answer by the backend, and the dynamic questions."""

import re
from datetime import date, timedelta

import pytest

from actions.application_form import (
    ActionAskConfirmApplication,
    ActionAskPeriod,
    ActionAskPlate1Reason,
    ActionAskQuestion1,
    ValidateApplicationForm,
)
from tests.actions.conftest import FATIMA, JAN, KEES, QUESTIONS, make_tracker, responses, run, texts

BASE = {"product": "bewonersvergunning", "product_questions": QUESTIONS, "application_ready": True}
EARLY = {"start_date": "2026-12-01", "period": "jaar"}


def answer(sid, slot, text, slots=None, intent="inform", entities=None):
    return make_tracker(sid, slots={**BASE, **(slots or {}), "requested_slot": slot}, text=text,
                        intent=intent, entities=entities, set_now={slot: text},
                        active_loop="application_form")


async def validate(tracker, domain):
    return await run(ValidateApplicationForm(), tracker, domain)


@pytest.mark.parametrize(("text", "error"), [
    ("blablabla", "utter_invalid_date_unreadable"),
    ("01-01-2020", "utter_invalid_date_in_past"),
    ("01-01-2099", "utter_invalid_date_too_far"),
])
async def test_start_date_refused(logged_in, domain, text, error):
    sid = logged_in(JAN)
    messages, slots = await validate(answer(sid, "start_date", text), domain)
    assert responses(messages) == [error]
    assert slots["start_date"] is None
    if error.endswith("too_far"):
        assert "{max_date}" not in texts(messages, domain)


async def test_start_date_accepted_and_period_buttons(logged_in, domain):
    sid = logged_in(JAN)
    messages, slots = await validate(answer(sid, "start_date", "morgen"), domain)
    assert messages == [] and len(slots["start_date"]) == 10
    assert slots["requested_slot"] == "period"
    tracker = make_tracker(sid, slots={**BASE, **slots})
    messages, _ = await run(ActionAskPeriod(), tracker, domain)
    buttons = messages[0]["buttons"]
    assert responses(messages) == ["utter_period_question"] and "periode" in texts(messages, domain)
    assert [b["payload"] for b in buttons] == ['/inform{"period":"jaar"}', '/inform{"period":"kwartaal"}',
                                              '/inform{"period":"maand"}']
    assert buttons[0]["title"].startswith("Jaar (tot ") and buttons[0]["title"].endswith("€ 312,00")
    assert not any("jaar" in b["title"].lower() for b in buttons[1:])


async def test_period(logged_in, domain):
    sid = logged_in(JAN)
    messages, slots = await validate(answer(sid, "period", "elke eeuw", {"start_date": "2026-12-01"}), domain)
    assert responses(messages) == ["utter_invalid_period_unknown"] and slots["period"] is None
    tracker = answer(sid, "period", '/inform{"period":"kwartaal"}', {"start_date": "2026-12-01"},
                     entities=[{"entity": "period", "value": "kwartaal"}])
    messages, slots = await validate(tracker, domain)
    assert messages == [] and slots["period"] == "kwartaal"


async def test_plate_refusals(logged_in, domain):
    sid = logged_in(KEES)
    messages, slots = await validate(answer(sid, "plate_1", "geen idee"), domain)
    assert responses(messages) == ["utter_invalid_plate_invalid"] and slots["plate_1"] is None
    messages, slots = await validate(answer(sid, "plate_1", "34-KL-LM"), domain)
    assert responses(messages) == ["utter_invalid_plate_on_other_permit"] and slots["plate_1"] is None
    assert "34-KL-LM" in texts(messages, domain)
    done = {"plate_1": "GF-12-34", "plate_1_on_name": True}
    messages, slots = await validate(answer(sid, "plate_2", "gf1234", done), domain)
    assert responses(messages) == ["utter_invalid_plate_duplicate"] and slots["plate_2"] is None


async def test_plate_on_name_skips_reason(logged_in, domain):
    sid = logged_in(JAN)
    messages, slots = await validate(answer(sid, "plate_1", "51-px-pn", EARLY), domain)
    assert messages == []
    assert slots["plate_1"] == "51-PX-PN" and slots["plate_1_on_name"] is True
    assert slots["requested_slot"] == "plate_2"


async def test_plate_not_on_name_asks_reason(logged_in, domain):
    sid = logged_in(FATIMA)
    messages, slots = await validate(answer(sid, "plate_1", "12-ABC-3", EARLY), domain)
    assert slots["plate_1_on_name"] is False and slots["requested_slot"] == "plate_1_reason"
    messages, _ = await run(ActionAskPlate1Reason(), make_tracker(sid, slots={**BASE, **slots}), domain)
    assert "Het kenteken 12-ABC-3 staat niet op uw naam" in texts(messages, domain)
    assert [b["title"] for b in messages[0]["buttons"]] == [
        "Auto van mijn partner", "Leaseauto of auto van de zaak", "Leenauto van de garage"]

    filled = {**EARLY, **slots}
    messages, out = await validate(answer(sid, "plate_1_reason", "weet ik niet", filled), domain)
    assert responses(messages) == ["utter_invalid_reason_unknown"] and out["plate_1_reason"] is None
    tracker = answer(sid, "plate_1_reason", '/inform{"plate_reason":"partner"}', filled,
                     entities=[{"entity": "plate_reason", "value": "partner"}])
    messages, out = await validate(tracker, domain)
    assert messages == [] and out["plate_1_reason"] == "partner" and out["requested_slot"] == "plate_2"


async def test_second_plate_no(logged_in, domain):
    sid = logged_in(JAN)
    done = {**EARLY, "plate_1": "51-PX-PN", "plate_1_on_name": True}
    messages, slots = await validate(answer(sid, "plate_2", "/deny", done, intent="deny"), domain)
    assert messages == [] and slots["plate_2"] == "none" and slots["requested_slot"] == "question_1"


async def test_questions(logged_in, domain):
    sid = logged_in(JAN)
    done = {"start_date": "2026-12-01", "period": "jaar", "plate_1": "51-PX-PN", "plate_1_on_name": True,
            "plate_2": "none"}
    messages, slots = await validate(answer(sid, "question_1", "misschien", done), domain)
    assert responses(messages) == ["utter_invalid_answer_unreadable"] and slots["question_1"] is None
    messages, slots = await validate(answer(sid, "question_1", "/deny", done, intent="deny"), domain)
    assert messages == [] and slots["question_1"] == "nee" and slots["requested_slot"] == "question_2"


@pytest.mark.parametrize(("question", "text", "intent", "utter"), [
    ("question_1", "/affirm", "affirm", "utter_disqualified_own_parking"),
    ("question_2", "/deny", "deny", "utter_disqualified_vehicle_too_large"),
])
async def test_disqualifying_answer_ends_form(logged_in, domain, question, text, intent, utter):
    sid = logged_in(JAN)
    done = {"start_date": "2026-12-01", "period": "jaar", "plate_1": "51-PX-PN", "plate_1_on_name": True,
            "plate_2": "none", "question_1": "nee" if question == "question_2" else None}
    messages, slots = await validate(answer(sid, question, text, done, intent=intent), domain)
    assert responses(messages) == [utter]
    assert "niets opgeslagen" in texts(messages, domain)
    assert slots["application_ready"] is False and slots["requested_slot"] is None


async def test_summary_and_confirmation(logged_in, domain):
    sid = logged_in(FATIMA)
    start = (date.today() + timedelta(days=3)).isoformat()
    done = {"start_date": start, "period": "jaar", "plate_1": "12-ABC-3", "plate_1_on_name": False,
            "plate_1_reason": "partner", "plate_2": "none", "question_1": "nee", "question_2": "ja"}
    messages, _ = await run(ActionAskConfirmApplication(), make_tracker(sid, slots={**BASE, **done}), domain)
    text = messages[0]["text"]
    for part in ("bewonersvergunning", "Schilwijken", "Geldig tot", "€ 156,00", "12-ABC-3", "partner",
                 "Na uw bevestiging stuurt u een bewijsstuk.", "Klopt dit?"):
        assert part in text, (part, text)
    assert [b["title"] for b in messages[0]["buttons"]] == ["Ja, dit klopt", "Nee, stoppen"]

    messages, slots = await validate(answer(sid, "confirm_application", "/deny", done, intent="deny"), domain)
    assert slots["confirm_application"] == "nee" and slots["requested_slot"] is None
    messages, slots = await validate(answer(sid, "confirm_application", "hmm", done, intent="nlu_fallback"),
                                     domain)
    assert responses(messages) == ["utter_invalid_confirm"] and slots["confirm_application"] is None


# In English (slot language "en"): what the actions build themselves; payloads stay the same.

EN = {"language": "en"}


async def test_english_period_question_and_buttons(logged_in, domain):
    sid = logged_in(JAN)
    tracker = make_tracker(sid, slots={**BASE, **EN, "start_date": "2026-12-01"})
    messages, _ = await run(ActionAskPeriod(), tracker, domain)
    assert texts(messages, domain, "en") == "For which period do you want to pay for the permit? Choose a period."
    assert [b["title"] for b in messages[0]["buttons"]] == [
        "Year (until 30 November 2027) € 312.00", "Quarter (until 28 February 2027) € 81.90",
        "Month (until 31 December 2026) € 28.60"]
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        '/inform{"period":"jaar"}', '/inform{"period":"kwartaal"}', '/inform{"period":"maand"}']


async def test_english_plate_reason_and_questions(logged_in, domain):
    sid = logged_in(FATIMA)
    slots = {**BASE, **EN, "plate_1": "12-ABC-3", "plate_1_on_name": False}
    messages, _ = await run(ActionAskPlate1Reason(), make_tracker(sid, slots=slots), domain)
    assert texts(messages, domain, "en") == "The licence plate 12-ABC-3 is not in your name. Why do you drive this car?"
    assert [b["title"] for b in messages[0]["buttons"]] == [
        "My partner's car", "Lease car or company car", "Courtesy car from the garage"]
    assert messages[0]["buttons"][0]["payload"] == '/inform{"plate_reason":"partner"}'
    messages, _ = await run(ActionAskQuestion1(), make_tracker(sid, slots=slots), domain)
    assert messages[0]["text"] == ("Do you have your own parking space at your address, such as a garage "
                                   "or driveway?")
    assert [(b["title"], b["payload"]) for b in messages[0]["buttons"]] == [("Yes", "/affirm"), ("No", "/deny")]


async def test_english_summary(logged_in, domain):
    sid = logged_in(FATIMA)
    start = date.today() + timedelta(days=3)
    done = {"start_date": start.isoformat(), "period": "jaar", "plate_1": "12-ABC-3", "plate_1_on_name": False,
            "plate_1_reason": "partner", "plate_2": "none", "question_1": "nee", "question_2": "ja"}
    messages, _ = await run(ActionAskConfirmApplication(), make_tracker(sid, slots={**BASE, **EN, **done}), domain)
    text = messages[0]["text"]
    assert re.search(r"\nValid until: \d{1,2} [A-Z][a-z]+ \d{4}\n", text), text
    assert re.sub(r"Valid until: .*\n", "", text) == (
        "Please check your application:\n"
        "Product: resident permit\n"
        "Area: Schilwijken\n"
        f"Start date: {start.day} {start.strftime('%B')} {start.year}\n"
        "Period: Year, € 156.00\n"
        "Licence plate: 12-ABC-3 (not in your name: my partner's car)\n"
        "Do you have your own parking space at your address, such as a garage or driveway? No\n"
        "Is your car shorter than 6 metres and lower than 2.4 metres? Yes\n"
        "After you confirm, you send evidence.\n"
        "Is this correct?")
    assert [b["title"] for b in messages[0]["buttons"]] == ["Yes, that is correct", "No, stop"]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/affirm", "/deny"]
    # Dutch stays Dutch for the same application.
    messages, _ = await run(ActionAskConfirmApplication(), make_tracker(sid, slots={**BASE, **done}), domain)
    assert messages[0]["text"].startswith("Controleer uw aanvraag:\nProduct: bewonersvergunning\n")
    assert "Kenteken: 12-ABC-3 (niet op uw naam: auto van mijn partner)" in messages[0]["text"]
