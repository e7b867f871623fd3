"""Kenteken wijzigen: which product, which plate, the new plate (validated, corrections
taken from the sentence), the reason when it is not on the citizen's name, confirmation
and the change itself, against a real backend."""

import asyncio

from actions import backend_client
from actions.change_plate import (
    ActionAskConfirmPlateChange,
    ActionAskNewPlateReason,
    ActionAskOldPlate,
    ActionStartChangePlate,
    ActionSubmitChangePlate,
    ValidateChangePlateForm,
    done_text,
)
from actions.i18n import ENGLISH
from actions.login import ActionLoginDone
from tests.actions.conftest import ANNA, KEES, make_tracker, responses, run, texts
from tests.actions.test_payment_status import apply_and_get_payment
from tests.support.person import Person
from tests.support.processes import login_conversation

ANNA_NUMBER = "P-2026-000001"
FORM = ("change_plate_permit_id", "change_plate_number", "change_plate_name", "change_plate_plates",
        "old_plate", "new_plate", "new_plate_on_name", "new_plate_reason", "confirm_change_plate")


def ask(sid, text="Ik wil mijn kenteken wijzigen", number=None):
    entities = [{"entity": "product_number", "value": number}] if number else []
    if number:
        text = f'/change_plate{{"product_number":"{number}"}}'
    return make_tracker(sid, text=text, intent="change_plate", entities=entities)


def answer(sid, slot, text, slots, intent="inform", entities=None):
    return make_tracker(sid, slots={**slots, "requested_slot": slot}, text=text, intent=intent,
                        entities=entities, set_now={slot: text}, active_loop="change_plate_form")


def click(sid, slot, entity, value, slots):
    return answer(sid, slot, f'/inform{{"{entity}":"{value}"}}', slots,
                  entities=[{"entity": entity, "value": value}])


def form_slots(slots):
    return {k: slots.get(k) for k in FORM}


async def validate(tracker, domain, slots):
    messages, out = await run(ValidateChangePlateForm(), tracker, domain)
    return messages, {**slots, **{k: v for k, v in out.items() if k in FORM}}


async def test_login_gate_then_the_login_event_starts_the_form(backend, sender, domain):
    messages, slots = await run(ActionStartChangePlate(), ask(sender), domain)
    assert responses(messages) == ["utter_login_required_change_plate"] and "/login/" in messages[0]["url"]
    assert slots == {"pending_action": "change_plate", "change_plate_ready": False}

    login_conversation(backend.url, sender, ANNA, backend.token)
    event = make_tracker(sender, slots={"pending_action": "change_plate"}, text=None,
                         intent="EXTERNAL_login_done")
    messages, slots = await run(ActionLoginDone(), event, domain)
    assert responses(messages) == ["utter_logged_in"]
    assert slots["change_plate_ready"] is True and slots["application_ready"] is False
    assert slots["change_plate_number"] == ANNA_NUMBER and slots["change_plate_plates"] == ["34-KL-LM"]


async def test_refused_plates_a_correction_and_a_lease_car_needs_evidence(logged_in, domain):
    sid = logged_in(ANNA)
    _, slots = await run(ActionStartChangePlate(), ask(sid, number=ANNA_NUMBER), domain)
    assert slots["change_plate_ready"] is True
    slots = form_slots(slots)

    messages, _ = await run(ActionAskOldPlate(), make_tracker(sid, slots=slots), domain)
    said = texts(messages, domain)
    assert said.startswith("Wilt u het kenteken vervangen, of een tweede kenteken toevoegen?")
    assert "maximaal 2 kentekens" in said and "1 auto tegelijk" in said
    assert [b["title"] for b in messages[0]["buttons"]] == ["Vervangen: 34-KL-LM", "Tweede kenteken toevoegen"]

    _, slots = await validate(click(sid, "old_plate", "plate_choice", "34-KL-LM", slots), domain, slots)
    assert slots["old_plate"] == "34-KL-LM"

    messages, slots = await validate(answer(sid, "new_plate", "weet ik niet", slots), domain, slots)
    assert responses(messages) == ["utter_invalid_plate_invalid"] and slots["new_plate"] is None
    messages, slots = await validate(answer(sid, "new_plate", "34-KL-LM", slots), domain, slots)
    assert texts(messages, domain) == "Het kenteken 34-KL-LM staat al op uw vergunning."
    messages, slots = await validate(answer(sid, "new_plate", "nee, het is lz-123-x", slots, intent="deny"),
                                     domain, slots)
    assert not messages and slots["new_plate"] == "LZ-123-X" and slots["new_plate_on_name"] is False

    required = await ValidateChangePlateForm().required_slots([], None, make_tracker(sid, slots=slots), domain)
    assert required == ["old_plate", "new_plate", "new_plate_reason", "confirm_change_plate"]
    messages, _ = await run(ActionAskNewPlateReason(), make_tracker(sid, slots=slots), domain)
    assert texts(messages, domain) == "Het kenteken LZ-123-X staat niet op uw naam. Waarom rijdt u in deze auto?"
    assert [b["payload"] for b in messages[0]["buttons"]][1] == '/inform{"plate_reason":"lease"}'
    _, slots = await validate(click(sid, "new_plate_reason", "plate_reason", "lease", slots), domain, slots)
    assert slots["new_plate_reason"] == "lease"

    messages, _ = await run(ActionAskConfirmPlateChange(), make_tracker(sid, slots=slots), domain)
    assert messages[0]["text"] == ("U vervangt 34-KL-LM door LZ-123-X op uw bewonersvergunning "
                                   "P-2026-000001. Klopt dit?")
    _, slots = await validate(answer(sid, "confirm_change_plate", "Ja", slots, intent="affirm"), domain, slots)
    assert slots["confirm_change_plate"] == "ja"

    messages, out = await run(ActionSubmitChangePlate(), make_tracker(sid, slots=slots, intent="affirm"), domain)
    text = texts(messages, domain)
    assert text.startswith("Stuur een bewijsstuk") and "(PDF, JPG of PNG, maximaal 10 MB):\n" in text
    assert "http" in text.split("\n")[1]
    assert out["change_plate_permit_id"] is None and out["change_plate_ready"] is None
    # The same request again (a retry) does not make a second application.
    again, _ = await run(ActionSubmitChangePlate(), make_tracker(sid, slots=slots, intent="affirm"), domain)
    # Same answer; the upload link is signed anew (its signature carries the second it was made).
    assert [line for line in texts(again, domain).split("\n") if "http" not in line] == \
        [line for line in text.split("\n") if "http" not in line]
    current = (await backend_client.products(sid, "current"))["products"]
    assert current[0]["plates"] == ["34-KL-LM"]       # changed only after the evidence
    assert (await backend_client.applications(sid, "open"))["total"] == 1


async def test_a_correction_at_the_summary_and_no_changes_nothing(logged_in, domain):
    sid = logged_in(ANNA)
    _, slots = await run(ActionStartChangePlate(), ask(sid), domain)
    slots = {**form_slots(slots), "old_plate": "34-KL-LM", "new_plate": "LZ-123-X", "new_plate_on_name": False,
             "new_plate_reason": "lease"}
    messages, slots = await validate(answer(sid, "confirm_change_plate", "nee, het is 12-ABC-3", slots,
                                            intent="deny"), domain, slots)
    assert slots["new_plate"] == "12-ABC-3" and slots["confirm_change_plate"] is None
    assert slots["new_plate_reason"] is None      # asked again for the other car

    messages, slots = await validate(answer(sid, "confirm_change_plate", "Nee", slots, intent="deny"),
                                     domain, slots)
    assert slots["confirm_change_plate"] == "nee"
    messages, out = await run(ActionSubmitChangePlate(), make_tracker(sid, slots=slots, intent="deny"), domain)
    assert texts(messages, domain) == "Goed, er is niets veranderd."
    assert out["new_plate"] is None
    current = (await backend_client.products(sid, "current"))["products"]
    assert current[0]["plates"] == ["34-KL-LM"]


async def kees_permit(sid, domain):
    url, _ = await apply_and_get_payment(sid, domain, plate="GF-12-34")
    assert Person().submit_form(url, {"status": "paid"}).status == 200
    for _ in range(100):
        if (await backend_client.products(sid, "current"))["total"]:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the payment did not make a permit")


async def test_a_second_plate_on_the_own_name_is_added_at_once(logged_in, domain):
    sid = logged_in(KEES)
    await kees_permit(sid, domain)
    _, slots = await run(ActionStartChangePlate(), ask(sid), domain)
    slots = form_slots(slots)
    assert slots["change_plate_plates"] == ["GF-12-34"]
    _, slots = await validate(click(sid, "old_plate", "plate_choice", "toevoegen", slots), domain, slots)
    assert slots["old_plate"] == "toevoegen"
    _, slots = await validate(answer(sid, "new_plate", "5-txb-21", slots), domain, slots)
    assert slots["new_plate"] == "5-TXB-21" and slots["new_plate_on_name"] is True
    required = await ValidateChangePlateForm().required_slots([], None, make_tracker(sid, slots=slots), domain)
    assert required == ["old_plate", "new_plate", "confirm_change_plate"]
    messages, _ = await run(ActionAskConfirmPlateChange(), make_tracker(sid, slots=slots), domain)
    assert messages[0]["text"].startswith("U voegt 5-TXB-21 toe als tweede kenteken op uw bewonersvergunning P-")
    _, slots = await validate(answer(sid, "confirm_change_plate", "ja", slots, intent="affirm"), domain, slots)

    messages, _ = await run(ActionSubmitChangePlate(), make_tracker(sid, slots=slots, intent="affirm"), domain)
    text = texts(messages, domain)
    assert text.startswith("Het kenteken is gewijzigd. Op uw vergunning staat nu: GF-12-34 en 5-TXB-21. "
                           "De bevestiging:\nhttp"), text
    assert text.endswith("\nEr staan 2 kentekens op uw vergunning. Nu is GF-12-34 actief. "
                         "Wilt u wisselen? Zeg 'kenteken wisselen'."), text

    # Two plates now: which one to replace.
    _, slots = await run(ActionStartChangePlate(), ask(sid), domain)
    messages, _ = await run(ActionAskOldPlate(), make_tracker(sid, slots=form_slots(slots)), domain)
    assert texts(messages, domain) == "Welk kenteken wilt u vervangen?"
    assert [b["title"] for b in messages[0]["buttons"]] == ["GF-12-34", "5-TXB-21"]
    _, out = await validate(answer(sid, "old_plate", "tweede toevoegen", form_slots(slots)), domain,
                            form_slots(slots))
    assert out["old_plate"] is None


# In English (slot language "en")

EN = {"language": "en"}
EVA, EVA_NUMBER = "999990159", "P-2026-000004"       # resident permit (ZT-512-H) and a visitor permit


async def test_in_english(logged_in, domain):
    sid = logged_in(EVA)
    messages, _ = await run(ActionStartChangePlate(),
                            make_tracker(sid, slots=EN, text="change my licence plate", intent="change_plate"), domain)
    assert responses(messages) == ["utter_change_plate_which_product"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["Resident permit P-2026-000004",
                                                            "Visitor permit P-2026-000005"]
    assert messages[0]["buttons"][0]["payload"] == '/change_plate{"product_number":"P-2026-000004"}'

    _, slots = await run(ActionStartChangePlate(), ask(sid, number=EVA_NUMBER), domain)
    slots = {**form_slots(slots), **EN}
    messages, _ = await run(ActionAskOldPlate(), make_tracker(sid, slots=slots), domain)
    assert texts(messages, domain, "en") == ("Do you want to replace the licence plate, or add a second one? A "
                                             "permit can have at most 2 licence plates. Only 1 car can park at a time.")
    assert [(b["title"], b["payload"]) for b in messages[0]["buttons"]] == [
        ("Replace: ZT-512-H", '/inform{"plate_choice":"ZT-512-H"}'),
        ("Add a second licence plate", '/inform{"plate_choice":"toevoegen"}')]
    _, slots = await validate(answer(sid, "old_plate", "add a second one", slots), domain, slots)
    assert slots["old_plate"] == "toevoegen"

    messages, _ = await validate(answer(sid, "new_plate", "ZT-512-H", slots), domain, slots)
    assert texts(messages, domain, "en") == "The licence plate ZT-512-H is already on your permit."
    _, slots = await validate(answer(sid, "new_plate", "k-123-bb", slots), domain, slots)
    messages, _ = await run(ActionAskNewPlateReason(), make_tracker(sid, slots=slots), domain)
    assert texts(messages, domain, "en") == "The licence plate K-123-BB is not in your name. Why do you drive this car?"
    assert [b["title"] for b in messages[0]["buttons"]][1] == "Lease car or company car"
    _, slots = await validate(click(sid, "new_plate_reason", "plate_reason", "lease", slots), domain, slots)

    messages, _ = await run(ActionAskConfirmPlateChange(), make_tracker(sid, slots=slots), domain)
    assert messages[0]["text"] == ("You add K-123-BB as a second licence plate to your resident permit "
                                   "P-2026-000004. Is this correct?")
    assert [b["title"] for b in messages[0]["buttons"]] == ["Yes", "No"]
    _, slots = await validate(answer(sid, "confirm_change_plate", "yes", slots, intent="affirm"), domain, slots)
    assert slots["confirm_change_plate"] == "ja"
    messages, _ = await run(ActionSubmitChangePlate(), make_tracker(sid, slots=slots, intent="affirm"), domain)
    text = texts(messages, domain, "en")
    assert text.startswith("Send evidence that you may drive this car, for example the lease contract or a "
                           "statement from the owner (PDF, JPG or PNG, at most 10 MB):\nhttp"), text


def test_done_text_in_english_says_the_letter_is_dutch():
    result = {"status": "granted", "plates": ["GF-12-34", "5-TXB-21"], "document": {"url": "http://x/documents/t"}}
    assert done_text(result, ENGLISH) == ("The licence plate has been changed. Your permit now has: GF-12-34 and "
                                          "5-TXB-21. The confirmation (a letter in Dutch):\nhttp://x/documents/t")
    assert done_text(result).startswith("Het kenteken is gewijzigd. Op uw vergunning staat nu: GF-12-34 en 5-TXB-21.")
