"""Starting, submitting (idempotent) and availability of an application."""
import pytest

from actions import backend_client
from actions.application import (
    ActionStartApplication,
    ActionSubmitApplication,
    draft_from_tracker,
    product_code,
)
from tests.actions.conftest import ANNA, JAN, PIETER, QUESTIONS, make_tracker, responses, run, texts


def start_tracker(sid, product="bewonersvergunning", text="Ik wil een bewonersvergunning aanvragen"):
    entities = [{"entity": "product", "value": product}] if product else []
    return make_tracker(sid, text=text, intent="apply_product", entities=entities)


async def test_available_product_starts_the_form(logged_in, domain):
    sid = logged_in(JAN)
    messages, slots = await run(ActionStartApplication(), start_tracker(sid), domain)
    assert messages == []
    assert slots["application_ready"] is True and slots["product"] == "bewonersvergunning"
    assert slots["start_date"] is None  # previous answers are cleared


async def test_jaarkaart_asks_its_own_question_and_the_plates(logged_in, domain):
    sid = logged_in(JAN)
    _, slots = await run(ActionStartApplication(), start_tracker(sid, "jaarkaart", "ik wil een jaarkaart"), domain)
    assert slots["application_ready"] is True and slots["product"] == "jaarkaart"
    assert slots["product_needs_plate"] is True
    assert [q["code"] for q in slots["product_questions"]] == ["vehicle_size"]


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


async def test_answers_given_with_the_request_are_filled_in(logged_in, domain):
    from datetime import date, timedelta

    sid = logged_in(JAN)
    start = date.today() + timedelta(days=30)
    day = f"{start.day} {MONTHS[start.month - 1]}"
    tracker = start_tracker(sid, text=f"bewonersvergunning voor 51-px-pn vanaf {day}, per kwartaal")
    tracker.events[0]["parse_data"]["intent"]["name"] = "apply_product"
    messages, slots = await run(ActionStartApplication(), tracker, domain)
    assert texts(messages, domain) == (f"Ik heb genoteerd: vanaf {day} {start.year}, betalen per kwartaal, "
                                       "kenteken 51-PX-PN. De rest vraag ik hierna.")
    assert (slots["start_date"], slots["period"], slots["plate_1"], slots["plate_1_on_name"]) == (
        start.isoformat(), "kwartaal", "51-PX-PN", True)
    assert slots["prefilled_answers"] == {"start_date": start.isoformat(), "period": "kwartaal",
                                          "plate_1": "51-PX-PN"}


async def test_a_date_too_far_ahead_is_not_filled_in_but_asked(logged_in, domain):
    from datetime import date, timedelta

    sid = logged_in(JAN)
    far = date.today() + timedelta(days=200)
    tracker = start_tracker(sid, text=f"ik wil een jaarkaart vanaf {far.day} {MONTHS[far.month - 1]} {far.year}")
    tracker.events[0]["parse_data"]["intent"]["name"] = "apply_product"
    messages, slots = await run(ActionStartApplication(), tracker, domain)
    # "jaarkaart" is no answer to the period question; the date is too far ahead: nothing noted.
    assert messages == [] and slots["start_date"] is None and slots["period"] is None


async def test_unnormalised_product_words_are_understood(logged_in, domain):
    sid = logged_in(JAN)
    tracker = start_tracker(sid, product="parkeervergunning voor bewoners",
                            text="Kan ik een parkeervergunning voor bewoners krijgen?")
    _, slots = await run(ActionStartApplication(), tracker, domain)
    assert slots["product"] == "bewonersvergunning"


async def test_no_product_asks_which(backend, domain, sender):
    messages, slots = await run(ActionStartApplication(),
                                start_tracker(sender, product=None, text="vergunning aanvragen"), domain)
    assert responses(messages) == ["utter_ask_which_product"]
    assert slots == {"application_ready": False}


async def test_unavailable_reasons(logged_in, domain):
    messages, slots = await run(ActionStartApplication(), start_tracker(logged_in(PIETER)), domain)
    assert responses(messages) == ["utter_unavailable_not_in_zone"] and slots["application_ready"] is False
    messages, _ = await run(ActionStartApplication(), start_tracker(logged_in(ANNA)), domain)
    assert responses(messages) == ["utter_unavailable_already_has_product"]
    assert "bewonersvergunning" in texts(messages, domain)
    messages, _ = await run(ActionStartApplication(),
                            start_tracker(logged_in(JAN), product="garageabonnement",
                                          text="garageabonnement aanvragen"), domain)
    assert responses(messages) == ["utter_unavailable_not_offered_in_chat_yet"]


def filled_slots(plate="51-PX-PN", on_name=True, reason=None, start="2026-12-01"):
    return {"product": "bewonersvergunning", "product_questions": QUESTIONS, "application_ready": True,
            "start_date": start, "period": "jaar", "plate_1": plate, "plate_1_on_name": on_name,
            "plate_1_reason": reason, "plate_2": "none", "question_1": "nee", "question_2": "ja",
            "confirm_application": "ja"}


async def test_submit_twice_creates_one_application_and_gives_payment_link(logged_in, domain):
    from datetime import date, timedelta

    sid = logged_in(JAN)
    start = (date.today() + timedelta(days=1)).isoformat()
    tracker = make_tracker(sid, slots=filled_slots(start=start), text="/affirm", intent="affirm")
    messages, slots = await run(ActionSubmitApplication(), tracker, domain)
    text = texts(messages, domain)
    assert "winkelwagen" in text and "€ 312,00" in text
    assert text.strip().splitlines()[-1].startswith("http")
    assert slots["start_date"] is None and slots["payment_id"]

    await run(ActionSubmitApplication(), tracker, domain)       # a retry of the same turn
    apps = (await backend_client.applications(sid, "all"))["applications"]
    assert [a["status"] for a in apps] == ["awaiting_payment"]

    # Taken out of the cart, then the same answers in a new run of the form: a new application.
    (item,) = (await backend_client.cart(sid))["items"]
    await backend_client.remove_cart_item(sid, str(item["id"]))
    tracker.events.append({"event": "active_loop", "name": "application_form", "timestamp": 1_800_000_000.0})
    messages, _ = await run(ActionSubmitApplication(), tracker, domain)
    assert "winkelwagen" in texts(messages, domain)
    apps = (await backend_client.applications(sid, "all"))["applications"]
    assert sorted(a["status"] for a in apps) == ["awaiting_payment", "cancelled"]


async def test_submit_plate_not_on_name_gives_upload_link(logged_in, domain):
    from datetime import date, timedelta

    from tests.actions.conftest import FATIMA

    sid = logged_in(FATIMA)
    start = (date.today() + timedelta(days=2)).isoformat()
    tracker = make_tracker(sid, slots=filled_slots("12-ABC-3", False, "partner", start), text="ja", intent="affirm")
    messages, slots = await run(ActionSubmitApplication(), tracker, domain)
    text = texts(messages, domain)
    assert "bewijsstuk" in text and "/upload" in text and "A-" in text
    assert slots["application_reference"].startswith("A-")


async def test_submit_after_deny_or_disqualification_saves_nothing(logged_in, domain):
    sid = logged_in(JAN)
    before = (await backend_client.applications(sid, "all"))["applications"]
    denied = filled_slots() | {"confirm_application": "nee"}
    messages, _ = await run(ActionSubmitApplication(), make_tracker(sid, slots=denied, intent="deny"), domain)
    assert "niets opgeslagen" in texts(messages, domain)
    disqualified = filled_slots() | {"application_ready": False, "confirm_application": None}
    messages, slots = await run(ActionSubmitApplication(), make_tracker(sid, slots=disqualified), domain)
    assert messages == [] and slots["application_ready"] is None
    assert (await backend_client.applications(sid, "all"))["applications"] == before


def test_draft_shape():
    tracker = make_tracker("x", slots=filled_slots("12-ABC-3", False, "partner"))
    draft = draft_from_tracker(tracker)
    assert draft["plates"] == [{"value": "12ABC3", "reason": "partner"}]
    assert draft["answers"] == {"own_parking": "nee", "vehicle_size": "ja"}


@pytest.mark.parametrize(("value", "text", "code"), [
    (None, "Hi, I would like to apply for a resident permit", "bewonersvergunning"),
    ("annual", "can I get an annual parking card", "jaarkaart"),
    ("visitor permit", "", "bezoekersvergunning"),
    (None, "a permit for my company", "bedrijfsvergunning"),
    ("bewonerskaart", "", "bewonersvergunning"),
    (None, "ik wil een vergunning", None),
])
def test_product_named_in_dutch_or_english(value, text, code):
    assert product_code(value, text) == code
