"""EXTERNAL_application_decided: what the citizen reads after the municipality's decision."""

from actions.decision import ActionApplicationDecided
from tests.actions.conftest import make_tracker, responses, run, texts


def decided(entities: dict, slots: dict | None = None):
    return make_tracker("x", slots=slots, text=None, intent="EXTERNAL_application_decided",
                        entities=[{"entity": k, "value": v} for k, v in entities.items()])


# What backend/services/backoffice.decide sends: codes and API money, no Dutch text.
BASE = {"application_reference": "A-2026-000012", "product_code": "bewonersvergunning"}


async def test_approved_with_payment_link(domain):
    messages, _ = await run(ActionApplicationDecided(), decided({
        **BASE, "decision": "approved", "decision_kind": "new", "amount": "156.00",
        "payment_url": "http://127.0.0.1:8000/pay/abc"}), domain)
    text = texts(messages, domain)
    assert "Uw aanvraag A-2026-000012 voor een bewonersvergunning is goedgekeurd" in text
    assert "€ 156,00" in text and text.endswith("http://127.0.0.1:8000/pay/abc")


async def test_approved_without_link_points_to_the_cart(domain):
    messages, _ = await run(ActionApplicationDecided(), decided({**BASE, "decision": "approved",
                                                                 "decision_kind": "new"}), domain)
    assert responses(messages) == ["utter_application_approved_no_link"]
    assert "winkelwagen" in texts(messages, domain)


async def test_change_plate_approved(domain):
    messages, _ = await run(ActionApplicationDecided(), decided({
        **BASE, "decision": "approved", "decision_kind": "plate_change", "new_plate": "LZ-123-X",
        "number": "P-2026-000001", "plates": "LZ-123-X", "document_url": "http://x/documents/t"}), domain)
    text = texts(messages, domain)
    assert "kentekenwijziging A-2026-000012 is goedgekeurd" in text and "LZ-123-X" in text
    assert "P-2026-000001" in text and "http://x/documents/t" in text


async def test_second_plate_approved_says_which_plate_is_active(domain):
    messages, _ = await run(ActionApplicationDecided(), decided({
        **BASE, "decision": "approved", "decision_kind": "plate_change", "new_plate": "GX-456-B",
        "number": "P-2026-000001", "plates": "LZ-123-X, GX-456-B", "active_plate": "LZ-123-X",
        "document_url": "http://x/documents/t"}), domain)
    text = texts(messages, domain)
    assert "Er staan 2 kentekens op uw vergunning. Nu is LZ-123-X actief." in text


async def test_rejected_gives_reason_and_what_to_do(domain):
    messages, _ = await run(ActionApplicationDecided(), decided({
        **BASE, "decision": "rejected", "decision_kind": "new", "reason": "Het contract is verlopen.",
        "document_url": "http://x/documents/t"}), domain)
    text = texts(messages, domain)
    assert "is afgewezen" in text and "Reden: Het contract is verlopen." in text
    assert "nieuwe aanvraag" in text and "14 0570" in text


EN = {"language": "en"}


async def test_in_english_from_the_event_codes(domain):
    event = decided({**BASE, "decision": "approved", "decision_kind": "new", "amount": "156.00",
                     "payment_url": "http://127.0.0.1:8000/pay/abc"}, EN)
    messages, _ = await run(ActionApplicationDecided(), event, domain)
    assert messages[0]["product_name"] == "resident permit" and messages[0]["amount"] == "€ 156.00"
    event = decided({**BASE, "decision": "approved", "decision_kind": "plate_change", "new_plate": "LZ-123-X", "number": "P-2026-000001",
                     "plates": "LZ-123-X", "document_url": "http://x/documents/t"}, EN)
    messages, _ = await run(ActionApplicationDecided(), event, domain)
    assert messages[0]["product_name"] == "resident permit"      # the permit the plate is now on


async def test_change_plate_names_the_permit_not_the_change(domain):
    # The backend names a plate change "kentekenwijziging <product>"; the plate is on the permit.
    messages, _ = await run(ActionApplicationDecided(), decided({
        **BASE, "decision": "approved",
        "decision_kind": "plate_change", "new_plate": "LZ-123-X", "number": "P-2026-000001", "plates": "LZ-123-X",
        "document_url": "http://x/documents/t"}), domain)
    assert "Het kenteken LZ-123-X staat nu op uw bewonersvergunning P-2026-000001 (LZ-123-X)." in texts(
        messages, domain)
