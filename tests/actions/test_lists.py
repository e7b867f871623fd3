"""Overview (Home), Huidige producten, Aanvraagbare producten, Historie and paging."""

import json

import pytest

from actions import lists
from actions.i18n import ENGLISH
from actions.lists import (
    ActionListAvailableProducts,
    ActionListCurrentProducts,
    ActionListHistory,
    ActionShowOverview,
)
from actions.login import ActionLoginDone
from tests.actions.conftest import ANNA, JAN, KEES, PIETER, make_tracker, responses, run, texts
from tests.actions.test_payment_status import apply_and_get_payment

ANNA_PERMIT = ("Bewonersvergunning P-2026-000001, Binnenstad, kenteken 34-KL-LM, "
               "geldig tot en met 28 februari 2027.")
ANNA_ENDED = ("Bewonersvergunning P-2025-000007, Binnenstad, kenteken 34-KL-LM, "
              "beëindigd op 28 februari 2026.")


def payloads(message: dict) -> list[str]:
    return [b["payload"] for b in message.get("buttons") or []]


def titles(message: dict) -> list[str]:
    return [b["title"] for b in message.get("buttons") or []]


def asked(sid: str, intent: str, text: str = "", offset: str | None = None):
    entities = [{"entity": "list_offset", "value": offset}] if offset is not None else []
    if offset is not None:
        text = f"/{intent}" + json.dumps({"list_offset": offset})
    return make_tracker(sid, text=text, intent=intent, entities=entities)


# Overview

async def test_overview_anna(logged_in, domain):
    sid = logged_in(ANNA)
    messages, slots = await run(ActionShowOverview(), asked(sid, "show_overview", "wat heb ik allemaal?"), domain)
    assert slots == {"pending_action": None}
    assert responses(messages) == ["utter_overview"]
    assert texts(messages, domain) == (
        "Dit is uw overzicht:\nVerlengingen 0\nWinkelwagen 0\nLopende aanvragen 0\n"
        "Huidige producten 1\nAanvraagbare producten 2\nHistorie 1")
    assert payloads(messages[0]) == ["/list_current_products", "/list_available_products", "/list_history"]
    assert titles(messages[0]) == ["Huidige producten", "Aanvraagbare producten", "Historie"]


async def test_overview_with_cart_and_open_application(logged_in, domain):
    sid = logged_in(KEES)
    await apply_and_get_payment(sid, domain, "GF-12-34")
    messages, _ = await run(ActionShowOverview(), asked(sid, "show_overview", "overzicht"), domain)
    assert responses(messages) == ["utter_overview", "utter_overview_applications"]
    overview, applications = texts(messages[:1], domain), texts(messages[1:], domain)
    assert "Winkelwagen 1 (€ 312,00)\nLopende aanvragen 1\nHuidige producten 0\nAanvraagbare producten 2" in overview
    assert payloads(messages[0]) == ["/pay_cart", "/list_pending_applications", "/list_available_products"]
    assert applications.startswith("Uw lopende aanvragen in het kort:\nA-")
    assert applications.endswith("bewonersvergunning: Wacht op betaling.")


# Huidige producten

async def test_current_products_with_action_buttons(logged_in, domain):
    sid = logged_in(ANNA)
    messages, _ = await run(ActionListCurrentProducts(), asked(sid, "list_current_products", "mijn vergunningen"),
                            domain)
    assert [m.get("text") for m in messages] == [ANNA_PERMIT]
    assert titles(messages[0]) == ["Kenteken wijzigen", "Beëindigen", "Documenten"]
    assert payloads(messages[0]) == ['/change_plate{"product_number":"P-2026-000001"}',
                                     '/terminate_product{"product_number":"P-2026-000001"}',
                                     '/view_documents{"product_number":"P-2026-000001"}']


async def test_no_current_products(logged_in, domain):
    sid = logged_in(JAN)
    messages, _ = await run(ActionListCurrentProducts(), asked(sid, "list_current_products"), domain)
    assert texts(messages, domain) == "U heeft nu geen producten."
    assert payloads(messages[0]) == ["/list_available_products"]


# Aanvraagbare producten

async def test_available_products_jan(logged_in, domain):
    sid = logged_in(JAN)
    messages, _ = await run(ActionListAvailableProducts(), asked(sid, "list_available_products"), domain)
    assert responses(messages)[0] == "utter_available_intro"
    assert texts(messages[:1], domain) == "Op uw adres (Brink 10, Binnenstad) kunt u aanvragen:"
    assert messages[1]["text"] == ("Bewonersvergunning: € 312,00 per jaar, € 81,90 per kwartaal "
                                   "of € 28,60 per maand.")
    assert titles(messages[1]) == ["Aanvragen"]
    assert payloads(messages[1]) == ['/apply_product{"product":"bewonersvergunning"}']
    assert messages[2]["text"] == "Bezoekersvergunning: € 26,00 per jaar."
    assert messages[3]["text"] == "Jaarkaart betaald parkeren: € 720,00 per jaar."
    rest = texts(messages[4:], domain)
    assert rest.startswith("Dit kunt u niet aanvragen:\n")
    assert "- Garageabonnement: Dit kunt u nog niet in de chat aanvragen." in rest
    assert "https://parkeerloket.deventer.nl" in rest


async def test_available_products_anna_already_has_one(logged_in, domain):
    sid = logged_in(ANNA)
    messages, _ = await run(ActionListAvailableProducts(), asked(sid, "list_available_products"), domain)
    text = texts(messages, domain)
    assert text.startswith("Op uw adres (Walstraat 3, Binnenstad) kunt u aanvragen:\nBezoekersvergunning:")
    assert "- Bewonersvergunning: U heeft al een bewonersvergunning." in text
    assert [payloads(m) for m in messages if m.get("buttons")] == [
        ['/apply_product{"product":"bezoekersvergunning"}'], ['/apply_product{"product":"jaarkaart"}']]


async def test_available_products_outside_the_zones(logged_in, domain):
    sid = logged_in(PIETER)
    messages, _ = await run(ActionListAvailableProducts(), asked(sid, "list_available_products"), domain)
    text = texts(messages, domain)
    assert text.startswith("Op uw adres (Holterweg 200) kunt u in de chat nu geen product aanvragen.")
    assert "- Bewonersvergunning: Uw adres ligt niet in het gebied van dit product." in text


@pytest.mark.parametrize(("reason", "params", "sentence"), [
    ("not_in_zone", {"zone_name": "x"}, "Uw adres ligt niet in het gebied van dit product."),
    ("already_has_product", {"product_name": "bewonersvergunning"}, "U heeft al een bewonersvergunning."),
    ("already_applied", {}, "U heeft hiervoor al een aanvraag lopen."),
    ("zone_cap_reached", {"zone": "binnenstad", "zone_name": "Binnenstad"},
     "In Binnenstad zijn alle vergunningen uitgegeven."),
    ("not_offered_in_chat_yet", {}, "Dit kunt u nog niet in de chat aanvragen."),
    ("something_new", {}, "Dit kunt u nu niet aanvragen."),
])
def test_unavailable_sentences(reason, params, sentence):
    product = {"code": "bewonersvergunning", "name": "bewonersvergunning", "available": False, "reason": reason,
               "params": params}
    assert lists.unavailable_sentence(product) == sentence


# Historie

async def test_history_anna(logged_in, domain):
    sid = logged_in(ANNA)
    messages, _ = await run(ActionListHistory(), asked(sid, "list_history", "historie"), domain)
    # P-2019-000003 ended before March 2020: not in the Historie.
    assert texts(messages, domain) == f"In uw historie staat 1 product.\n{ANNA_ENDED}"
    assert payloads(messages[0]) == ['/view_documents{"product_number":"P-2025-000007"}']


async def test_history_empty(logged_in, domain):
    sid = logged_in(JAN)
    messages, _ = await run(ActionListHistory(), asked(sid, "list_history"), domain)
    assert responses(messages) == ["utter_history_none"]


# Login gate and continuing after the login event

async def test_login_gate_then_login_event_continues_the_list(backend, sender, domain):
    messages, slots = await run(ActionListHistory(), asked(sender, "list_history", "historie"), domain)
    assert responses(messages) == ["utter_login_required_lists"]
    assert "/login/" in messages[0]["url"] and slots == {"pending_action": "list_history"}

    from tests.support.processes import login_conversation
    login_conversation(backend.url, sender, ANNA, backend.token)
    event = make_tracker(sender, slots={"pending_action": "list_history"}, text=None,
                         intent="EXTERNAL_login_done")
    messages, slots = await run(ActionLoginDone(), event, domain)
    assert responses(messages) == ["utter_logged_in", "utter_history"]
    assert ANNA_ENDED in texts(messages, domain)
    assert slots["pending_action"] is None and slots["application_ready"] is False


async def test_available_products_login_text(backend, sender, domain):
    messages, slots = await run(ActionListAvailableProducts(), asked(sender, "list_available_products"), domain)
    assert responses(messages) == ["utter_login_required_available"]
    assert slots == {"pending_action": "list_available_products"}


async def test_login_without_pending_action_shows_the_overview(logged_in, domain):
    sid = logged_in(ANNA)
    event = make_tracker(sid, text=None, intent="EXTERNAL_login_done")
    messages, slots = await run(ActionLoginDone(), event, domain)
    assert responses(messages) == ["utter_logged_in", "utter_overview"]
    assert "Huidige producten 1" in texts(messages, domain)
    assert slots == {"pending_action": None, "application_ready": False}


@pytest.mark.parametrize(("pending", "response"), [
    ("show_overview", "utter_overview"), ("list_current_products", None),
    ("list_available_products", "utter_available_intro"),
])
async def test_login_event_continues_every_list(logged_in, domain, pending, response):
    sid = logged_in(ANNA)
    event = make_tracker(sid, slots={"pending_action": pending}, text=None, intent="EXTERNAL_login_done")
    messages, _ = await run(ActionLoginDone(), event, domain)
    assert responses(messages)[0] == "utter_logged_in"
    if response:
        assert responses(messages)[1] == response
    else:
        assert messages[1]["text"] == ANNA_PERMIT


# In English (slot language "en"): the same lists and buttons, payloads unchanged

EN = {"language": "en"}
SANNE = "999990111"     # Binnenstad, 27-HNR-4 on her name


async def test_english_overview_with_cart_and_open_application(logged_in, domain):
    sid = logged_in(SANNE)
    await apply_and_get_payment(sid, domain, "27-HNR-4")
    messages, _ = await run(ActionShowOverview(), make_tracker(sid, slots=EN, intent="show_overview"), domain)
    assert responses(messages) == ["utter_overview", "utter_overview_applications"]
    assert messages[0]["lines"] == ("Renewals 0\nCart 1 (€ 312.00)\nOpen applications 1\nCurrent products 0\n"
                                    "Products you can apply for 2\nHistory 0")
    assert titles(messages[0]) == ["Pay for the cart", "Open applications", "Products you can apply for"]
    assert payloads(messages[0]) == ["/pay_cart", "/list_pending_applications", "/list_available_products"]
    assert messages[1]["lines"].startswith("A-") and messages[1]["lines"].endswith(
        " resident permit: Waiting for payment.")


async def test_english_current_products_and_history(logged_in, domain):
    sid = logged_in(ANNA)
    messages, _ = await run(ActionListCurrentProducts(),
                            make_tracker(sid, slots=EN, text="my permits", intent="list_current_products"), domain)
    assert [m.get("text") for m in messages] == [
        "Resident permit P-2026-000001, Binnenstad, licence plate 34-KL-LM, valid up to and including "
        "28 February 2027."]
    assert titles(messages[0]) == ["Change licence plate", "End", "Documents"]
    assert payloads(messages[0]) == ['/change_plate{"product_number":"P-2026-000001"}',
                                     '/terminate_product{"product_number":"P-2026-000001"}',
                                     '/view_documents{"product_number":"P-2026-000001"}']
    messages, _ = await run(ActionListHistory(), make_tracker(sid, slots=EN, intent="list_history"), domain)
    assert messages[0]["count"] == "there is 1 product"
    assert messages[0]["lines"] == ("Resident permit P-2025-000007, Binnenstad, licence plate 34-KL-LM, "
                                    "ended on 28 February 2026.")
    assert titles(messages[0]) == ["Documents P-2025-000007"]


async def test_english_available_products(logged_in, domain):
    sid = logged_in(JAN)
    messages, _ = await run(ActionListAvailableProducts(), make_tracker(sid, slots=EN, intent="list_available_products"),
                            domain)
    assert responses(messages)[0] == "utter_available_intro" and messages[0]["address"] == "Brink 10, Binnenstad"
    assert [m.get("text") for m in messages[1:4]] == [
        "Resident permit: € 312.00 per year, € 81.90 per quarter or € 28.60 per month.",
        "Visitor permit: € 26.00 per year.", "Annual parking card: € 720.00 per year."]
    assert titles(messages[1]) == ["Apply"] and payloads(messages[1]) == ['/apply_product{"product":"bewonersvergunning"}']
    lines = messages[4]["lines"]
    assert "- Business permit: This is for businesses. Log in with eHerkenning for it." in lines
    assert "- Garage subscription: You cannot apply for this in the chat yet." in lines


@pytest.mark.parametrize(("reason", "params", "sentence"), [
    ("already_has_product", {"product_name": "bewonersvergunning"}, "You already have a resident permit."),
    ("zone_cap_reached", {"zone": "binnenstad", "zone_name": "Binnenstad"}, "All permits in Binnenstad have been issued."),
    ("zone_cap_reached", {}, "All permits in your area have been issued."),
    ("something_new", {}, "You cannot apply for this now."),
])
def test_unavailable_sentences_in_english(reason, params, sentence):
    product = {"code": "bewonersvergunning", "name": "bewonersvergunning", "available": False, "reason": reason,
               "params": params}
    assert lists.unavailable_sentence(product, ENGLISH) == sentence


# A backend that cannot be reached (nothing listens on the port): one apology, no crash

async def test_backend_down_gives_one_apology(monkeypatch, domain):
    from actions import config
    monkeypatch.setattr(config, "BACKEND_URL", "http://127.0.0.1:9")
    for action in (ActionShowOverview(), ActionListCurrentProducts(), ActionListAvailableProducts(),
                   ActionListHistory()):
        messages, _ = await run(action, asked("s", "show_overview"), domain)
        assert responses(messages) == ["utter_backend_error"]
