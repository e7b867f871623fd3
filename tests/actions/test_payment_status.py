"""Checkout, payment results (external event), evidence and the status listing."""

from datetime import date, timedelta

from actions import backend_client
from actions.application import ActionSubmitApplication
from actions.payment import ActionEvidenceReceived, ActionPayCart, ActionPaymentUpdate
from actions.status import ActionListApplications
from tests.actions.conftest import JAN, KEES, QUESTIONS, make_tracker, responses, run, texts
from tests.support.person import Person


async def apply_and_get_payment(sid, domain, plate="51-PX-PN"):
    slots = {"product": "bewonersvergunning", "product_questions": QUESTIONS, "application_ready": True,
             "start_date": (date.today() + timedelta(days=1)).isoformat(), "period": "jaar",
             "plate_1": plate, "plate_1_on_name": True, "plate_2": "none", "question_1": "nee",
             "question_2": "ja", "confirm_application": "ja"}
    messages, out = await run(ActionSubmitApplication(), make_tracker(sid, slots=slots, intent="affirm"), domain)
    return messages[0]["url"], out["payment_id"]


def payment_event(sid, payment_id):
    return make_tracker(sid, text=None, intent="EXTERNAL_payment_update",
                        entities=[{"entity": "payment_id", "value": payment_id}])


async def test_paid(logged_in, domain):
    sid = logged_in(JAN)
    url, payment_id = await apply_and_get_payment(sid, domain)
    assert Person().submit_form(url, {"status": "paid"}).status == 200
    messages, _ = await run(ActionPaymentUpdate(), payment_event(sid, payment_id), domain)
    text = texts(messages, domain)
    assert text.startswith("Uw betaling van € 312,00 is ontvangen. Uw bewonersvergunning is geldig van ")
    assert "tot en met" in text and "voor 51-PX-PN" in text and "/documents/" in text


async def test_failed_gives_new_link(logged_in, domain):
    sid = logged_in(KEES)
    url, payment_id = await apply_and_get_payment(sid, domain, "GF-12-34")
    Person().submit_form(url, {"status": "canceled"})
    messages, slots = await run(ActionPaymentUpdate(), payment_event(sid, payment_id), domain)
    text = texts(messages, domain)
    assert "niet gelukt" in text and "winkelwagen" in text
    new_url = text.strip().splitlines()[-1]
    assert new_url.startswith("http") and new_url != url
    assert slots["payment_id"] != payment_id
    assert len((await backend_client.cart(sid))["items"]) == 1

    # pay_cart gives a link for the same cart; the status listing shows the application.
    messages, _ = await run(ActionPayCart(), make_tracker(sid, text="betalen", intent="pay_cart"), domain)
    assert responses(messages) == ["utter_cart_items", "utter_payment_link"] and "€ 312,00" in texts(messages, domain)
    messages, _ = await run(ActionListApplications(), make_tracker(sid, text="status"), domain)
    text = texts(messages, domain)
    assert "bewonersvergunning: Wacht op betaling. Betaal de aanvraag in de winkelwagen." in text


async def test_empty_cart_and_no_applications(logged_in, domain):
    sid = logged_in(JAN)
    messages, _ = await run(ActionPayCart(), make_tracker(sid, text="betalen", intent="pay_cart"), domain)
    assert responses(messages) == ["utter_cart_empty"]
    messages, _ = await run(ActionListApplications(), make_tracker(sid, text="status"), domain)
    assert texts(messages, domain) == "U heeft geen lopende aanvragen."


async def test_evidence_received(domain):
    tracker = make_tracker("x", text=None, intent="EXTERNAL_evidence_received",
                           entities=[{"entity": "application_reference", "value": "A-2026-000007"}])
    messages, _ = await run(ActionEvidenceReceived(), tracker, domain)
    text = texts(messages, domain)
    assert "bewijsstuk ontvangen" in text and "A-2026-000007" in text
