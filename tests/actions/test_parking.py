"""Parkeren voor bezoek in the chat, in-process against a real backend: everything said in one
message, the form asking plate and period, the period said back in full with its cost, a
typed "ja", the clear refusals (with the top-up button), stop with its refund, the list and
the job's message. Eva Visser has € 12,50 on bezoekersvergunning P-2026-000005."""

from datetime import date, timedelta

from actions.parking import (
    ActionAskConfirmParking,
    ActionStartParking,
    ActionSubmitParking,
    ValidateParkingForm,
)
from actions.parking_stop import (
    ActionConfirmStopParking,
    ActionListParking,
    ActionParkingEnded,
    ActionStopParking,
)
from tests.actions.conftest import make_tracker, responses, run, texts

EVA = "999990159"
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
DAYS = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
FORM = ("parking_permit_id", "parking_plate", "parking_period", "parking_start", "parking_end", "parking_cost",
        "parking_balance_after", "confirm_parking", "parking_refused")


def ahead(weekdays=(0, 1, 2), at_least=2) -> date:
    day = date.today() + timedelta(days=at_least)
    while day.weekday() not in weekdays:
        day += timedelta(days=1)
    return day


def on(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def said_day(day: date) -> str:
    return f"{DAYS[day.weekday()]} {on(day)}"


def ask(sid, text, plate=None, language=None):
    entities = [{"entity": "license_plate", "value": plate}] if plate else []
    return make_tracker(sid, slots={"language": language}, text=text, intent="start_parking", entities=entities)


def answer(sid, slot, text, slots, intent="inform"):
    return make_tracker(sid, slots={**slots, "requested_slot": slot}, text=text, intent=intent,
                        set_now={slot: text}, active_loop="parking_form")


async def validate(tracker, domain, slots):
    messages, out = await run(ValidateParkingForm(), tracker, domain)
    return messages, {**slots, **{k: v for k, v in out.items() if k in FORM}}


async def test_all_in_one_message_then_ja_starts_it_and_stop_gives_it_back(logged_in, domain):
    sid = logged_in(EVA)
    day = ahead()
    messages, slots = await run(ActionStartParking(), ask(sid, f"parkeren voor 12-abc-3 op {on(day)} van 14 tot 17 uur",
                                                          plate="12-abc-3"), domain)
    assert messages == [] and slots["parking_ready"] is True
    assert (slots["parking_plate"], slots["parking_period"], slots["parking_cost"]) == \
        ("12-ABC-3", f"{said_day(day)} van 14:00 tot 17:00", "3.60")
    slots = {k: slots.get(k) for k in FORM}
    messages, _ = await run(ActionAskConfirmParking(), make_tracker(sid, slots=slots), domain)
    assert texts(messages, domain) == (f"Parkeeractie voor 12-ABC-3, {said_day(day)} van 14:00 tot 17:00. "
                                       "Kosten € 3,60. Uw tegoed is daarna € 8,90. Wilt u deze parkeeractie starten?")
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/affirm", "/deny"]
    _, slots = await validate(answer(sid, "confirm_parking", "ja hoor", slots), domain, slots)
    assert slots["confirm_parking"] == "ja"
    messages, _ = await run(ActionSubmitParking(), make_tracker(sid, slots=slots), domain)
    assert texts(messages, domain) == (f"Parkeeractie gestart voor 12-ABC-3, {said_day(day)} van 14:00 tot 17:00. "
                                       "Kosten € 3,60, uw tegoed is nu € 8,90.")
    messages, _ = await run(ActionSubmitParking(), make_tracker(sid, slots=slots), domain)    # sent twice
    assert "uw tegoed is nu € 8,90" in texts(messages, domain)

    messages, asked = await run(ActionStopParking(), make_tracker(sid, text="stop parkeren", intent="stop_parking"),
                                domain)
    assert texts(messages, domain) == (f"Wilt u deze parkeeractie stoppen?\n- 12-ABC-3: {said_day(day)} van 14:00 "
                                       "tot 17:00 (gepland)")
    assert asked["parking_stop_asked"] is True
    messages, _ = await run(ActionConfirmStopParking(), make_tracker(sid, slots=asked, text="ja", intent="affirm"),
                            domain)
    assert texts(messages, domain) == ("De geplande parkeeractie voor 12-ABC-3 is geannuleerd. U krijgt € 3,60 "
                                       "terug. Uw tegoed is nu € 12,50.")


async def test_the_form_asks_and_refuses_clearly_and_a_low_balance_offers_the_top_up(logged_in, domain):
    sid = logged_in(EVA)
    messages, slots = await run(ActionStartParking(), ask(sid, "ik wil een bezoeker laten parkeren"), domain)
    assert slots["parking_ready"] is True and slots.get("parking_plate") is None and slots.get("parking_end") is None
    slots = {k: slots.get(k) for k in FORM}
    messages, slots = await validate(answer(sid, "parking_plate", "hallo", slots), domain, slots)
    assert responses(messages) == ["utter_parking_refused_plate_invalid"] and slots["parking_plate"] is None
    messages, slots = await validate(answer(sid, "parking_plate", "gf 12 34", slots), domain, slots)
    assert messages == [] and slots["parking_plate"] == "GF-12-34"

    messages, slots = await validate(answer(sid, "parking_period", "als het kan", slots), domain, slots)
    assert responses(messages) == ["utter_parking_period_unreadable"] and slots["parking_period"] is None
    past = date.today() - timedelta(days=3)
    messages, slots = await validate(answer(sid, "parking_period", f"{on(past)} van 10 tot 11", slots), domain, slots)
    assert texts(messages, domain) == "Die tijd is al voorbij. Kies een tijd die nog moet komen."
    far = date.today() + timedelta(days=20)
    messages, slots = await validate(answer(sid, "parking_period", f"{on(far)} van 10 tot 11", slots), domain, slots)
    assert texts(messages, domain).startswith("U kunt tot 14 dagen vooruit parkeren, dus tot en met ")
    thursday = ahead((3,))          # 9–21 paid: € 14,40
    messages, slots = await validate(answer(sid, "parking_period", f"{on(thursday)} van 9 tot 21 uur", slots),
                                     domain, slots)
    assert texts(messages, domain) == ("Uw tegoed is te laag. Deze parkeeractie kost € 14,40 en uw tegoed is "
                                       "€ 12,50. Waardeer eerst uw tegoed op. Er is niets betaald.")
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/top_up_balance"]
    assert slots["parking_refused"] is True
    required = await ValidateParkingForm().required_slots([], None, make_tracker(sid, slots=slots), domain)
    assert required == []
    messages, reset = await run(ActionSubmitParking(), make_tracker(sid, slots=slots), domain)
    assert messages == [] and reset["parking_permit_id"] is None


async def test_english_list_stop_by_button_and_the_end_message(logged_in, domain):
    sid = logged_in(EVA)
    day = ahead()
    _, slots = await run(ActionStartParking(), ask(sid, f"start parking for 51-PX-PN on {on(day)} from 2 to 4 am",
                                                   plate="51-PX-PN", language="en"), domain)
    assert slots["parking_period"] == f"{day.strftime('%A')} {day.day} {day.strftime('%B')} from 02:00 to 04:00"
    slots = {**{k: slots.get(k) for k in FORM}, "language": "en"}
    messages, _ = await run(ActionAskConfirmParking(), make_tracker(sid, slots=slots), domain)
    assert "Cost € 0.00" in texts(messages, domain, "en")
    slots["confirm_parking"] = "ja"
    messages, _ = await run(ActionSubmitParking(), make_tracker(sid, slots=slots), domain)
    assert texts(messages, domain, "en").startswith("Parking session started for 51-PX-PN, ")

    messages, _ = await run(ActionListParking(), make_tracker(sid, text="which cars are parking", intent="list_parking",
                                                              slots={"language": "en"}), domain)
    assert messages[0]["text"].startswith("These parking sessions are running or planned:\n- 51-PX-PN: ")
    assert messages[0]["text"].endswith("(planned)")
    [stop] = messages[0]["buttons"]
    assert stop["title"] == "Stop 51-PX-PN"
    session_id = stop["payload"].split('"')[3]
    click = make_tracker(sid, text=stop["payload"], intent="stop_parking", slots={"language": "en"},
                         entities=[{"entity": "parking_session_id", "value": session_id}])
    messages, slots = await run(ActionStopParking(), click, domain)
    assert texts(messages, domain, "en") == ("The planned parking session for 51-PX-PN has been cancelled. You get "
                                             "€ 0.00 back. Your balance is now € 12.50.")
    assert slots["parking_stop_asked"] is False
    messages, _ = await run(ActionStopParking(), click, domain)          # the same button again
    assert texts(messages, domain, "en") == "This parking session is no longer running. Nothing has changed."

    ended = make_tracker(sid, text="EXTERNAL_parking_ended", intent="EXTERNAL_parking_ended",
                         entities=[{"entity": "plate", "value": "51-PX-PN"},
                                   {"entity": "ends_at", "value": "2026-12-08T16:00:00+00:00"}])
    messages, _ = await run(ActionParkingEnded(), ended, domain)
    assert texts(messages, domain) == "De parkeeractie voor 51-PX-PN is om 17:00 afgelopen."


async def test_not_logged_in_gets_a_login_link_and_no_visitor_permit_is_said(backend, logged_in, sender, domain):
    messages, slots = await run(ActionStartParking(), ask(sender, "parkeren starten"), domain)
    assert responses(messages) == ["utter_login_required_parking"]
    assert slots == {"pending_action": "start_parking", "parking_ready": False}
    jan = logged_in("999990019")
    messages, slots = await run(ActionStartParking(), ask(jan, "parkeren starten"), domain)
    assert responses(messages) == ["utter_parking_no_products"] and slots["parking_ready"] is False
    messages, _ = await run(ActionStopParking(), make_tracker(jan, text="stop parkeren", intent="stop_parking"), domain)
    assert responses(messages) == ["utter_parking_none"]


def test_a_plate_on_someone_elses_permit_is_refused_without_their_times(domain):
    from rasa_sdk.executor import CollectingDispatcher

    from actions.parking import say_refusal
    dispatcher = CollectingDispatcher()
    say_refusal(dispatcher, make_tracker("test-elsewhere"), "plate_already_parks", {"plate": "12-ABC-3", "until": None})
    assert texts(dispatcher.messages, domain) == ("12-ABC-3 parkeert in die tijd al op een andere vergunning. "
                                                  "Kies een andere tijd of een ander kenteken.")


async def test_a_duration_on_another_day_has_no_start_so_the_form_asks_the_period(logged_in, domain):
    sid = logged_in(EVA)
    messages, slots = await run(ActionStartParking(), ask(sid, "parkeren voor 12-abc-3 morgen voor 3 uur",
                                                          plate="12-abc-3"), domain)
    assert slots["parking_ready"] is True and slots["parking_plate"] == "12-ABC-3"
    assert slots.get("parking_end") is None and slots.get("parking_period") is None
    slots = {k: slots.get(k) for k in FORM}
    messages, slots = await validate(answer(sid, "parking_period", "morgen voor 3 uur", slots), domain, slots)
    assert responses(messages) == ["utter_parking_period_unreadable"] and slots["parking_period"] is None
    day = ahead()
    messages, slots = await validate(answer(sid, "parking_period", f"{on(day)} van 14 tot 17 uur", slots), domain, slots)
    assert slots["parking_period"] == f"{said_day(day)} van 14:00 tot 17:00"
