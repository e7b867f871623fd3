"""Checkout, payment results (external event), evidence and the status listing."""

import re
from datetime import date, timedelta

from actions import backend_client
from actions.application import ActionSubmitApplication
from actions.payment import ActionEvidenceReceived, ActionPayCart, ActionPaymentUpdate
from actions.status import ActionListApplications
from tests.actions.conftest import JAN, KEES, QUESTIONS, make_tracker, responses, run, texts
from tests.support.person import Person


async def apply_and_get_payment(sid, domain, plate="51-PX-PN", language=None):
    slots = {"product": "bewonersvergunning", "product_questions": QUESTIONS, "application_ready": True,
             "start_date": (date.today() + timedelta(days=1)).isoformat(), "period": "jaar",
             "plate_1": plate, "plate_1_on_name": True, "plate_2": "none", "question_1": "nee",
             "question_2": "ja", "confirm_application": "ja", "language": language}
    messages, out = await run(ActionSubmitApplication(), make_tracker(sid, slots=slots, intent="affirm"), domain)
    assert messages[0]["amount"] == ("€ 312.00" if language == "en" else "€ 312,00")
    return messages[0]["url"], out["payment_id"]


def payment_event(sid, payment_id, slots=None):
    return make_tracker(sid, slots=slots, text=None, intent="EXTERNAL_payment_update",
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


# In English (slot language "en")

EN = {"language": "en"}
SANNE = "999990111"     # Binnenstad, 27-HNR-4 on her name


def english_date(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


async def test_cart_status_and_paid_in_english(logged_in, domain):
    sid = logged_in(SANNE)
    await apply_and_get_payment(sid, domain, "27-HNR-4", "en")
    start = date.today() + timedelta(days=1)

    messages, slots = await run(ActionPayCart(), make_tracker(sid, slots=EN, text="pay", intent="pay_cart"), domain)
    assert responses(messages) == ["utter_cart_items", "utter_payment_link"]
    assert messages[0]["items"].startswith(f"- resident permit 27-HNR-4 (year, {english_date(start)} to ")
    assert messages[0]["items"].endswith("): € 312.00") and messages[0]["total"] == "€ 312.00"
    assert messages[1]["amount"] == "€ 312.00"
    assert messages[1]["buttons"][0]["title"].startswith("Remove: resident permit 27-HNR-4 (year, ")
    assert messages[1]["buttons"][0]["payload"].startswith('/pay_cart{"cart_item": "')

    status, _ = await run(ActionListApplications(), make_tracker(sid, slots=EN, text="status"), domain)
    assert status[0]["lines"].endswith(" resident permit: Waiting for payment. Pay for the application in your cart.")

    assert Person().submit_form(messages[1]["url"], {"status": "paid"}).status == 200
    messages, _ = await run(ActionPaymentUpdate(), payment_event(sid, slots["payment_id"], EN), domain)
    assert responses(messages) == ["utter_payment_paid"] and messages[0]["amount"] == "€ 312.00"
    assert re.fullmatch(rf"Your resident permit is valid from {english_date(start)} to "
                        r"\d{1,2} [A-Z][a-z]+ \d{4} for 27-HNR-4\.", messages[0]["details"]), messages[0]["details"]
    assert "/documents/" in messages[0]["documents"]
