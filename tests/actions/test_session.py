"""Coming back after an hour of silence (actions/session.py)."""

from __future__ import annotations

from actions.session import ActionSessionStart
from tests.actions.conftest import make_tracker, run, texts


async def test_a_form_left_halfway_is_stopped_and_offered_again(domain):
    tracker = make_tracker("s1", active_loop="application_form", slots={
        "language": "nl", "product": "bewonersvergunning", "start_date": "2026-12-01",
        "period": "jaar", "requested_slot": "plate_1", "application_ready": True})
    messages, slots = await run(ActionSessionStart(), tracker, domain)

    assert "er kwam een uur geen bericht" in texts(messages, domain)
    assert "Er is niets opgeslagen of betaald" in texts(messages, domain)
    assert messages[0]["buttons"] == [{"title": "Opnieuw aanvragen",
                                       "payload": '/apply_product{"product":"bewonersvergunning"}'}]
    # The language is kept; the half-finished answers are not.
    assert slots == {"language": "nl"}


async def test_english_citizen_gets_the_english_button(domain):
    tracker = make_tracker("s2", active_loop="termination_form", slots={
        "language": "en", "termination_permit_id": "12", "iban": "NL91ABNA0417164300"})
    messages, slots = await run(ActionSessionStart(), tracker, domain)
    assert messages[0]["buttons"] == [{"title": "End a permit", "payload": "/terminate_product"}]
    assert slots == {"language": "en"}


async def test_without_a_form_everything_is_kept_and_nothing_is_said(domain):
    tracker = make_tracker("s3", slots={"language": "en", "product": "bewonersvergunning"})
    dispatcher_messages, slots = await run(ActionSessionStart(), tracker, domain)
    assert dispatcher_messages == []
    assert slots == {"language": "en", "product": "bewonersvergunning"}
