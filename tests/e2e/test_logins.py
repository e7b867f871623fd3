"""eHerkenning and the permit login over the REST channel: a company applies for a
bedrijfsvergunning and pays; a permit holder sees only that permit and is sent to DigiD
for anything else. Links are followed like a person would."""

from tests.e2e.test_bewonersvergunning import link_with
from tests.support.chat import Chat
from tests.support.person import Person
from tests.support.processes import api

KVK = "69599084"                    # Bakkerij De Korenbloem B.V., Brink 40 (Binnenstad)
PERMIT, CODE = "P-2026-000004", "4821-7735"   # Eva Visser's bewonersvergunning
OTHER_PERMIT = "P-2026-000005"      # her bezoekersvergunning


def test_company_logs_in_with_eherkenning_applies_and_pays(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    chat.say("Ik wil een bedrijfsvergunning aanvragen")
    assert "eHerkenning" in chat.texts()
    login = link_with(chat, "/login/eherkenning")
    refused = Person().submit_form(login, {"kvk": "12345678"})
    assert refused.status == 400 and "geen geldig KvK-nummer" in refused.text
    page = Person().submit_form(login, {"kvk": KVK})
    assert page.status == 200 and "ingelogd" in page.text.lower()
    chat.wait_for(r"ingelogd.*(datum|wanneer)")
    assert "Bakkerij De Korenbloem B.V., Brink 40" in chat.texts()

    chat.say("morgen")
    chat.click("jaar")
    chat.say("VN-482-B")                  # the company's van, on its name
    chat.click("nee")                     # no second plate
    assert "voor het werk" in chat.texts()
    chat.click("ja")
    assert "van het bedrijf of op naam van een medewerker" in chat.texts()
    chat.click("ja")
    summary = chat.texts()
    assert "VN-482-B" in summary and "468,00" in summary, summary
    chat.click("ja")
    pay_url = link_with(chat, "http")
    assert Person().submit_form(pay_url, {"status": "paid"}).status == 200
    chat.wait_for(r"betaling.*ontvangen")
    products = api(stack.backend_url, stack.actions_token, "GET",
                   f"/api/conversations/{chat.sender}/products")["products"]
    assert [(p["product_code"], p["status"], p["plates"]) for p in products] == \
        [("bedrijfsvergunning", "active", ["VN-482-B"])]


def test_permit_holder_sees_only_that_permit_and_needs_digid_for_more(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    chat.say("inloggen")
    chat.click("Vergunningnummer")
    login = link_with(chat, "/login/permit")
    wrong = Person().submit_form(login, {"permit_number": PERMIT, "code": "1111-1111"})
    assert wrong.status == 400 and "klopt niet" in wrong.text
    page = Person().submit_form(login, {"permit_number": PERMIT, "code": CODE})
    assert page.status == 200 and "ingelogd" in page.text.lower()
    chat.wait_for(r"ingelogd met vergunningnummer")
    shown = chat.texts()
    assert PERMIT in shown and OTHER_PERMIT not in shown

    chat.say("Ik wil mijn vergunning opzeggen")      # the only permit it may touch
    assert PERMIT in chat.texts() and OTHER_PERMIT not in chat.texts()
    chat.say("stop")

    chat.say("Ik wil een bezoekersvergunning aanvragen")
    answer = chat.texts()
    assert "DigiD" in answer and "alleen vergunning P-2026-000004" in answer, answer
    assert link_with(chat, "/login/digid")
    assert api(stack.backend_url, stack.actions_token, "GET",
               f"/api/conversations/{chat.sender}/products?state=all")["products"][0]["number"] == PERMIT
