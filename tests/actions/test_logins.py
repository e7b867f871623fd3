"""The three logins in the chat: choosing one, eHerkenning for a bedrijfsvergunning, and a
permit login that may only touch its own permit (actions against a real backend)."""

import uuid

import pytest

from actions.application import ActionStartApplication
from actions.lists import ActionListAvailableProducts
from actions.login import ActionLogin, ActionLoginDone
from actions.payment import ActionPayCart
from tests.actions.conftest import JAN, make_tracker, responses, run, texts
from tests.support.person import Person
from tests.support.processes import login_with

KVK, PERMIT, CODE = "69599084", "P-2026-000004", "4821-7735"


@pytest.fixture
def company(backend):
    sid = f"test-actions-{uuid.uuid4().hex[:12]}"
    login_with(backend.url, sid, "eherkenning", {"kvk": KVK}, backend.token)
    return sid


@pytest.fixture
def permit_login(backend):
    sid = f"test-actions-{uuid.uuid4().hex[:12]}"
    login_with(backend.url, sid, "permit", {"permit_number": PERMIT, "code": CODE}, backend.token)
    return sid


def apply(sid: str, product: str):
    return make_tracker(sid, text=f"ik wil een {product}", intent="apply_product",
                        entities=[{"entity": "product", "value": product}])


async def test_inloggen_offers_the_three_logins_when_not_obvious(backend, domain, sender):
    messages, _ = await run(ActionLogin(), make_tracker(sender, text="inloggen", intent="login"), domain)
    assert responses(messages) == ["utter_ask_login_method"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["DigiD", "eHerkenning", "Vergunningnummer"]
    assert messages[0]["buttons"][1]["payload"] == '/login{"login_method":"eherkenning"}'


@pytest.mark.parametrize(("text", "entities", "response", "path"), [
    ("/login", [{"entity": "login_method", "value": "eherkenning"}], "utter_login_link_eherkenning", "/login/eherkenning?t="),
    ("ik ben een bedrijf", [], "utter_login_link_eherkenning", "/login/eherkenning?t="),
    ("inloggen met mijn vergunningnummer", [], "utter_login_link_permit", "/login/permit?t="),
    ("inloggen met digid", [], "utter_login_link", "/login/digid?t="),
])
async def test_a_named_login_gives_its_link(backend, domain, sender, text, entities, response, path):
    tracker = make_tracker(sender, text=text, intent="login", entities=entities)
    messages, _ = await run(ActionLogin(), tracker, domain)
    assert responses(messages) == [response] and path in messages[0]["url"]


async def test_pending_task_decides_the_login(backend, domain, sender):
    tracker = make_tracker(sender, slots={"pending_action": "list_applications"}, text="inloggen", intent="login")
    messages, _ = await run(ActionLogin(), tracker, domain)
    assert "/login/digid?t=" in messages[0]["url"]
    tracker = make_tracker(sender, slots={"pending_action": "apply:bedrijfsvergunning"}, text="inloggen",
                           intent="login")
    messages, _ = await run(ActionLogin(), tracker, domain)
    assert "/login/eherkenning?t=" in messages[0]["url"] and "eHerkenning" in texts(messages, domain)


async def test_bedrijfsvergunning_before_login_gives_an_eherkenning_link(backend, domain, sender):
    messages, slots = await run(ActionStartApplication(), apply(sender, "bedrijfsvergunning"), domain)
    assert responses(messages) == ["utter_login_required_eherkenning"]
    assert "eHerkenning" in texts(messages, domain) and "/login/eherkenning?t=" in messages[0]["url"]
    assert slots == {"pending_action": "apply:bedrijfsvergunning", "application_ready": False}
    # A personal journey still gets DigiD straight away.
    messages, _ = await run(ActionStartApplication(), apply(sender, "bewonersvergunning"), domain)
    assert responses(messages) == ["utter_login_required"] and "/login/digid?t=" in messages[0]["url"]


async def test_company_login_continues_the_bedrijfsvergunning_with_company_questions(backend, domain, sender):
    messages, _ = await run(ActionStartApplication(), apply(sender, "bedrijfsvergunning"), domain)
    page = Person().submit_form(messages[0]["url"], {"kvk": KVK})
    assert "ingelogd als Bakkerij De Korenbloem" in page.text
    tracker = make_tracker(sender, slots={"pending_action": "apply:bedrijfsvergunning"}, text=None,
                           intent="EXTERNAL_login_done")
    messages, slots = await run(ActionLoginDone(), tracker, domain)
    assert "U bent ingelogd als Bakkerij De Korenbloem B.V., Brink 40" in texts(messages, domain)
    assert slots["application_ready"] is True and slots["product"] == "bedrijfsvergunning"
    assert [q["code"] for q in slots["product_questions"]] == ["business_use", "company_car"]


async def test_person_asking_a_bedrijfsvergunning_hears_it_needs_eherkenning(logged_in, domain):
    sid = logged_in(JAN)
    messages, slots = await run(ActionStartApplication(), apply(sid, "bedrijfsvergunning"), domain)
    assert responses(messages) == ["utter_unavailable_company_only"]
    text = texts(messages, domain)
    assert "voor bedrijven" in text and "eHerkenning" in text and "/login/eherkenning?t=" in messages[0]["url"]
    assert slots["pending_action"] == "apply:bedrijfsvergunning" and slots["application_ready"] is False


async def test_company_cannot_apply_for_a_bewonersvergunning_and_sees_its_own_offer(company, domain):
    messages, _ = await run(ActionStartApplication(), apply(company, "bewonersvergunning"), domain)
    assert responses(messages) == ["utter_unavailable_person_only"] and "/login/digid?t=" in messages[0]["url"]
    messages, _ = await run(ActionListAvailableProducts(), make_tracker(company, intent="list_available_products"),
                            domain)
    text = texts(messages, domain)
    assert text.startswith("Op uw adres (Brink 40, Binnenstad) kunt u aanvragen:\nBedrijfsvergunning: € 468,00 per jaar")
    assert "- Bewonersvergunning: Dit is voor bewoners. Log daarvoor in met DigiD." in text


async def test_permit_login_shows_its_permit_and_refuses_the_rest(permit_login, domain):
    tracker = make_tracker(permit_login, text=None, intent="EXTERNAL_login_done")
    messages, slots = await run(ActionLoginDone(), tracker, domain)
    text = texts(messages, domain)
    assert "U bent ingelogd met vergunningnummer P-2026-000004" in text
    assert "P-2026-000004" in text and "P-2026-000005" not in text        # only its own permit
    assert slots["application_ready"] is False
    messages, slots = await run(ActionStartApplication(), apply(permit_login, "bezoekersvergunning"), domain)
    assert responses(messages) == ["utter_needs_digid"]
    assert "DigiD" in texts(messages, domain) and "/login/digid?t=" in messages[0]["url"]
    assert slots["pending_action"] == "apply:bezoekersvergunning" and slots["application_ready"] is False
    messages, slots = await run(ActionPayCart(), make_tracker(permit_login, text="betalen", intent="pay_cart"), domain)
    assert responses(messages) == ["utter_needs_digid"] and slots == {"pending_action": "pay_cart"}


async def test_permit_login_with_a_pending_application_asks_for_digid(backend, domain, sender):
    login_with(backend.url, sender, "permit", {"permit_number": PERMIT, "code": CODE}, backend.token)
    tracker = make_tracker(sender, slots={"pending_action": "apply:bewonersvergunning"}, text=None,
                           intent="EXTERNAL_login_done")
    messages, slots = await run(ActionLoginDone(), tracker, domain)
    assert responses(messages) == ["utter_logged_in_permit", "utter_needs_digid"]
    assert slots == {"application_ready": False}


async def test_permit_login_in_english_names_the_product_in_english(permit_login, domain):
    tracker = make_tracker(permit_login, slots={"language": "en"}, text=None, intent="EXTERNAL_login_done")
    messages, _ = await run(ActionLoginDone(), tracker, domain)
    assert responses(messages)[0] == "utter_logged_in_permit"
    assert messages[0]["permit_number"] == PERMIT and messages[0]["product_name"] == "resident permit"
    assert messages[1]["text"].startswith("Resident permit P-2026-000004, Binnenstad, licence plate ZT-512-H, ")
