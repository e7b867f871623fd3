"""Beëindigen: which product, the preview, the IBAN (validated, only shown masked),
confirmation and the end of the permit, against a real backend."""

import asyncio
import logging
from datetime import date

from actions import backend_client
from actions.formatting import date_nl
from actions.i18n import ENGLISH
from actions.lists import ActionListCurrentProducts
from actions.login import ActionLoginDone
from actions.termination import (
    ActionAskConfirmTermination,
    ActionStartTermination,
    ActionSubmitTermination,
    ValidateTerminationForm,
    done_text,
    preview_text,
)
from tests.actions.conftest import ANNA, JAN, make_tracker, responses, run, texts
from tests.actions.test_payment_status import apply_and_get_payment
from tests.support.person import Person
from tests.support.processes import login_conversation

ANNA_NUMBER = "P-2026-000001"
IBAN = "NL91 ABNA 0417 1643 00"
IBAN_DIGITS = "0417164300"
MASKED = "NL** **** **** **43 00"


def ask(sid, text="Ik wil mijn vergunning opzeggen", number=None, slots=None):
    entities = [{"entity": "product_number", "value": number}] if number else []
    if number:
        text = f'/terminate_product{{"product_number":"{number}"}}'
    return make_tracker(sid, slots=slots, text=text, intent="terminate_product", entities=entities)


def answer(sid, slot, text, slots, intent="inform"):
    return make_tracker(sid, slots={**slots, "requested_slot": slot}, text=text, intent=intent,
                        set_now={slot: text}, active_loop="termination_form")


async def start(sid, domain, **kwargs):
    messages, slots = await run(ActionStartTermination(), ask(sid, **kwargs), domain)
    return messages, slots


def form_slots(slots):
    return {k: slots.get(k) for k in ("termination_permit_id", "termination_needs_iban", "iban", "iban_masked")}


async def test_login_gate_then_the_login_event_shows_the_preview(backend, sender, domain):
    messages, slots = await start(sender, domain)
    assert responses(messages) == ["utter_login_required_termination"] and "/login/" in messages[0]["url"]
    assert slots == {"pending_action": "terminate_product", "termination_ready": False}

    login_conversation(backend.url, sender, ANNA, backend.token)
    event = make_tracker(sender, slots={"pending_action": "terminate_product"}, text=None,
                         intent="EXTERNAL_login_done")
    messages, slots = await run(ActionLoginDone(), event, domain)
    assert responses(messages) == ["utter_logged_in"]
    assert messages[1]["text"].startswith("Uw bewonersvergunning P-2026-000001 (34-KL-LM) stopt dan vandaag, ")
    assert slots["termination_ready"] is True and slots["application_ready"] is False
    assert slots["pending_action"] is None and slots["termination_needs_iban"] is False


async def test_no_at_the_question_changes_nothing(logged_in, domain):
    sid = logged_in(ANNA)
    messages, slots = await start(sid, domain, number=ANNA_NUMBER)
    assert messages[0]["text"] == (f"Uw bewonersvergunning P-2026-000001 (34-KL-LM) stopt dan vandaag, "
                                   f"{date_nl(__import__('datetime').date.today())}. U krijgt geen geld terug.")
    messages, out = await run(ValidateTerminationForm(), answer(sid, "confirm_termination", "Nee",
                                                                form_slots(slots), intent="deny"), domain)
    assert out["confirm_termination"] == "nee"
    messages, _ = await run(ActionSubmitTermination(),
                            make_tracker(sid, slots={**form_slots(slots), "confirm_termination": "nee"},
                                         intent="deny"), domain)
    assert texts(messages, domain) == "Goed, de vergunning loopt gewoon door. Er is niets veranderd."
    assert (await backend_client.products(sid, "current"))["total"] == 1


async def test_another_citizens_product(logged_in, domain):
    sid = logged_in(JAN)
    messages, slots = await start(sid, domain, number=ANNA_NUMBER)
    assert texts(messages, domain) == "Dat product hoort niet bij u."
    assert slots["termination_ready"] is False
    messages, slots = await start(sid, domain)
    assert texts(messages, domain) == "U heeft nu geen producten die u kunt beëindigen."


async def test_end_the_only_product_without_refund(logged_in, domain):
    sid = logged_in(ANNA)
    messages, slots = await start(sid, domain, text="ik wil mijn vergunning beëindigen")
    assert slots["termination_ready"] is True and slots["termination_needs_iban"] is False
    required = await ValidateTerminationForm().required_slots(
        [], None, make_tracker(sid, slots=form_slots(slots)), domain)
    assert required == ["termination_permit_id", "confirm_termination"]
    messages, _ = await run(ActionAskConfirmTermination(), make_tracker(sid, slots=form_slots(slots)), domain)
    assert messages[0]["text"] == "Wilt u de vergunning nu beëindigen? Dit kunt u niet ongedaan maken."
    assert [b["title"] for b in messages[0]["buttons"]] == ["Ja, beëindigen", "Nee"]
    _, out = await run(ValidateTerminationForm(), answer(sid, "confirm_termination", "Ja, beëindigen",
                                                         form_slots(slots)), domain)
    assert out["confirm_termination"] == "ja"

    messages, out = await run(ActionSubmitTermination(),
                              make_tracker(sid, slots={**form_slots(slots), "confirm_termination": "ja"},
                                           intent="affirm"), domain)
    text = texts(messages, domain)
    assert text.startswith("Uw bewonersvergunning P-2026-000001 is beëindigd. Het bewijs van beëindiging:\n")
    assert "/documents/" in text
    assert out["termination_permit_id"] is None and out["termination_ready"] is None

    messages, _ = await run(ActionListCurrentProducts(), make_tracker(sid, intent="list_current_products"), domain)
    assert texts(messages, domain) == "U heeft nu geen producten."
    messages, slots = await start(sid, domain, number=ANNA_NUMBER)       # an old Beëindigen button
    assert texts(messages, domain) == "Dit product is al beëindigd. U vindt het in uw historie."


async def paid_permit(sid, domain):
    url, _ = await apply_and_get_payment(sid, domain)
    assert Person().submit_form(url, {"status": "paid"}).status == 200
    for _ in range(100):
        if (await backend_client.products(sid, "current"))["total"]:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the payment did not make a permit")


async def test_refund_asks_an_iban_and_shows_it_masked_only(logged_in, domain, caplog):
    caplog.set_level(logging.DEBUG)
    sid = logged_in(JAN)
    await paid_permit(sid, domain)
    messages, slots = await start(sid, domain)
    assert messages[0]["text"].endswith("U krijgt € 312,00 terug. Dat betalen wij binnen 8 weken.")
    assert slots["termination_needs_iban"] is True
    required = await ValidateTerminationForm().required_slots(
        [], None, make_tracker(sid, slots=form_slots(slots)), domain)
    assert required == ["termination_permit_id", "iban", "confirm_termination"]

    messages, out = await run(ValidateTerminationForm(), answer(sid, "iban", "NL00 1234", form_slots(slots)), domain)
    assert texts(messages, domain) == ("Dat is geen geldig IBAN. Een Nederlands IBAN heeft 18 tekens, "
                                       "bijvoorbeeld NL91 ABNA 0417 1643 00.")
    assert out["iban"] is None
    messages, out = await run(ValidateTerminationForm(), answer(sid, "iban", IBAN.lower(), form_slots(slots)),
                              domain)
    assert messages == [] and out["iban_masked"] == MASKED
    slots = {**form_slots(slots), **out}

    messages, _ = await run(ActionAskConfirmTermination(), make_tracker(sid, slots=slots), domain)
    assert messages[0]["text"].startswith(f"Het geld komt op rekening {MASKED}.\nWilt u de vergunning nu")
    messages, _ = await run(ActionSubmitTermination(),
                            make_tracker(sid, slots={**slots, "confirm_termination": "ja"}, intent="affirm"),
                            domain)
    text = texts(messages, domain)
    assert f"is beëindigd. U krijgt € 312,00 terug op rekening {MASKED}, binnen 8 weken." in text
    assert "Het bewijs van beëindiging:\n" in text and "/documents/" in text
    assert IBAN_DIGITS not in text
    assert IBAN_DIGITS not in caplog.text
    assert (await backend_client.products(sid, "current"))["total"] == 0


# In English (slot language "en")

EN = {"language": "en"}
EVA = "999990159"       # resident permit P-2026-000004 (ZT-512-H) and visitor permit P-2026-000005


async def test_in_english(logged_in, domain):
    sid = logged_in(EVA)
    messages, _ = await run(ActionStartTermination(), ask(sid, "end my permit", slots=EN), domain)
    assert responses(messages) == ["utter_termination_which_product"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["Resident permit P-2026-000004",
                                                            "Visitor permit P-2026-000005"]

    messages, slots = await run(ActionStartTermination(), ask(sid, number="P-2026-000004", slots=EN), domain)
    today = date.today()
    assert messages[0]["text"] == (f"Your resident permit P-2026-000004 (ZT-512-H) would end today, "
                                   f"{today.day} {today.strftime('%B')} {today.year}. You will get no money back.")
    slots = {**form_slots(slots), **EN}
    messages, _ = await run(ActionAskConfirmTermination(), make_tracker(sid, slots=slots), domain)
    assert messages[0]["text"] == "Do you want to end the permit now? You cannot undo this."
    assert [(b["title"], b["payload"]) for b in messages[0]["buttons"]] == [("Yes, end it", "/affirm"),
                                                                           ("No", "/deny")]
    _, out = await run(ValidateTerminationForm(), answer(sid, "confirm_termination", "end it", slots), domain)
    assert out["confirm_termination"] == "ja"
    messages, _ = await run(ActionSubmitTermination(),
                            make_tracker(sid, slots={**slots, "confirm_termination": "ja"}, intent="affirm"), domain)
    text = texts(messages, domain, "en")
    assert text.startswith("Your resident permit P-2026-000004 has ended. "
                           "The proof of termination (a letter in Dutch):\nhttp"), text


def test_refund_texts_in_english():
    preview = {"product_code": "jaarkaart", "number": "P-2026-000009", "plates": [],
               "end_date": "2026-11-25", "restitution": "312.00", "paid_within_weeks": 8, "needs_iban": False,
               "iban_masked": MASKED}
    assert preview_text(preview, ENGLISH) == (
        "Your annual parking card P-2026-000009 would end today, 25 November 2026. You will get € 312.00 back. "
        f"We pay it within 8 weeks. The money goes to account {MASKED}.")
    result = {"product_code": "jaarkaart", "number": "P-2026-000009", "restitution": "1234.50",
              "paid_within_weeks": 8, "iban_masked": MASKED}
    assert done_text(result, ENGLISH) == (f"Your annual parking card P-2026-000009 has ended. You will get € 1,234.50 "
                                          f"back to account {MASKED}, within 8 weeks.")
