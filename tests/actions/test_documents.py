"""Bekijk documenten: the two tabs per product, signed links, only one's own products."""

from actions.documents import ActionViewDocuments
from tests.actions.conftest import ANNA, JAN, make_tracker, run, texts
from tests.actions.test_payment_status import apply_and_get_payment
from tests.support.person import Person


def asked(sid, number=None):
    entities = [{"entity": "product_number", "value": number}] if number else []
    return make_tracker(sid, text="mijn documenten", intent="view_documents", entities=entities)


async def test_paid_permit_has_its_letter(logged_in, domain):
    sid = logged_in(JAN)
    url, _ = await apply_and_get_payment(sid, domain)
    Person().submit_form(url, {"status": "paid"})
    messages, slots = await run(ActionViewDocuments(), asked(sid), domain)
    text = texts(messages, domain)
    assert text.startswith("Documenten bij uw bewonersvergunning P-")
    assert "Aanvraag documenten: geen." in text
    assert "- Vergunning en betaalbewijs" in text
    # Every document is a message of its own that the channels send as a file.
    docs = [m["custom"]["document"] for m in messages if m.get("custom")]
    letter = next(d for d in docs if d["title"].startswith("Vergunning en betaalbewijs"))
    assert letter["filename"].endswith(".pdf") and letter["url"].startswith("http")
    pdf = Person().client.get(letter["url"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert slots == {"pending_action": None}
    # In English, named from the backend's document kind (the letter itself stays Dutch).
    english = make_tracker(sid, slots={"language": "en"}, text="my documents", intent="view_documents")
    messages, _ = await run(ActionViewDocuments(), english, domain)
    text = texts(messages, domain, "en")
    assert text.startswith("Documents for your resident permit P-") and "Application documents: none." in text
    assert f"- Permit and receipt {letter['title'].split()[-1]}" in text
    assert [m["custom"]["document"]["title"] for m in messages if m.get("custom")] == [
        f"Permit and receipt {letter['title'].split()[-1]}"]


async def test_several_products_ask_which_and_foreign_numbers_are_refused(logged_in, domain):
    sid = logged_in(ANNA)           # one current and one ended permit (since March 2020)
    messages, _ = await run(ActionViewDocuments(), asked(sid), domain)
    assert [b["title"] for b in messages[0]["buttons"]] == ["Bewonersvergunning P-2026-000001",
                                                            "Bewonersvergunning P-2025-000007"]
    messages, _ = await run(ActionViewDocuments(), asked(sid, "P-2025-000007"), domain)
    assert texts(messages, domain).startswith("Documenten bij uw bewonersvergunning P-2025-000007")
    messages, _ = await run(ActionViewDocuments(), asked(sid, "P-2026-999999"), domain)
    assert "hoort niet bij u" in texts(messages, domain)


async def test_before_login_a_link(sender, backend, domain):
    messages, slots = await run(ActionViewDocuments(), asked(sender), domain)
    assert "inloggen" in texts(messages, domain) and slots["pending_action"] == "view_documents"
