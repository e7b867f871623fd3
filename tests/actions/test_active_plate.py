"""Kentekenswitch in the chat against a real backend: the active plate is shown, a named
plate switches at once, "de andere auto" asks ja/nee (typed or buttons), a product with one
plate or none is explained, and after a payment of a two-plate product the chat says which
plate is active and how to switch."""

from datetime import date, timedelta

from actions.active_plate import ActionActivatePlate, ActionConfirmActivatePlate, after_change_text
from actions.application import ActionSubmitApplication
from actions.i18n import ENGLISH
from actions.login import ActionLoginDone
from actions.payment import ActionPaymentUpdate
from tests.actions.conftest import ANNA, KEES, QUESTIONS, make_tracker, responses, run, texts
from tests.actions.test_payment_status import payment_event
from tests.support.person import Person
from tests.support.processes import login_conversation

LOTTE = "999990172"     # bewonersvergunning P-2026-000006: RT-447-L (active) and 8-KZN-73


def ask(sid, text="vandaag rij ik met de andere auto", plate=None, number=None, language="nl"):
    entities = [{"entity": "license_plate", "value": plate}] if plate else []
    if number:
        entities.append({"entity": "product_number", "value": number})
    return make_tracker(sid, text=text, intent="activate_plate", entities=entities, slots={"language": language})


def reply(sid, slots, intent, text):
    return make_tracker(sid, slots=slots, text=text, intent=intent)


async def test_a_permit_login_hears_how_to_link(backend, domain):
    # First in this module: Lotte's permit is not linked before a DigiD login.
    from tests.support.processes import login_with
    sid = f"test-actions-permit-{id(domain)}"
    login_with(backend.url, sid, "permit", {"permit_number": "P-2026-000006", "code": "7316-2048"}, backend.token)
    messages, slots = await run(ActionActivatePlate(), ask(sid, plate="8-KZN-73"), domain)
    assert "nog niet gekoppeld aan mijn.2park" in texts(messages, domain) and "DigiD" in texts(messages, domain)
    assert slots["kentekenswitch_asked"] is None


async def test_login_then_the_other_car_after_a_typed_ja(backend, sender, domain):
    messages, slots = await run(ActionActivatePlate(), ask(sender), domain)
    assert responses(messages) == ["utter_login_required_kentekenswitch"]
    assert slots == {"pending_action": "activate_plate", "kentekenswitch_asked": False}
    login_conversation(backend.url, sender, LOTTE, backend.token)
    messages, slots = await run(ActionLoginDone(), make_tracker(
        sender, slots={"pending_action": "activate_plate"}, intent="EXTERNAL_login_done"), domain)
    text = texts(messages, domain)
    assert "Op uw bewonersvergunning P-2026-000006 is nu RT-447-L actief. Wilt u 8-KZN-73 actief maken?" in text
    buttons = [b["title"] for m in messages for b in m.get("buttons") or []]
    assert buttons == ["Ja, 8-KZN-73 actief maken", "Nee"]
    assert slots["kentekenswitch_asked"] is True and slots["kentekenswitch_plate"] == "8-KZN-73"

    messages, slots = await run(ActionConfirmActivatePlate(), reply(sender, slots, "affirm", "ja"), domain)
    assert "Klaar. Nu is 8-KZN-73 actief." in texts(messages, domain)
    assert slots == {"kentekenswitch_permit_id": None, "kentekenswitch_plate": None, "kentekenswitch_asked": None}


async def test_nee_keeps_it_and_a_named_plate_switches_in_english(logged_in, domain):
    sid = logged_in(LOTTE)
    messages, slots = await run(ActionActivatePlate(), ask(sid, "welk kenteken is actief"), domain)
    other = slots["kentekenswitch_plate"]
    messages, slots = await run(ActionConfirmActivatePlate(), reply(sid, slots, "deny", "nee"), domain)
    assert responses(messages) == ["utter_kentekenswitch_kept"]
    messages, _ = await run(ActionActivatePlate(), ask(sid, f"make {other} active", plate=other, language="en"),
                            domain)
    assert f"Done. {other} is active now." in texts(messages, domain, "en")
    messages, _ = await run(ActionActivatePlate(), ask(sid, f"maak {other} actief", plate=other), domain)
    assert f"{other} is al actief. Er is niets veranderd." in texts(messages, domain)
    messages, _ = await run(ActionActivatePlate(), ask(sid, "maak 51-PX-PN actief", plate="51-PX-PN"), domain)
    assert "Het kenteken 51-PX-PN staat niet op deze vergunning. Daarop staan RT-447-L en 8-KZN-73." \
        in texts(messages, domain)


async def test_one_plate_only_is_explained(logged_in, domain):
    sid = logged_in(ANNA)
    messages, slots = await run(ActionActivatePlate(), ask(sid), domain)
    assert responses(messages) == ["utter_kentekenswitch_no_products"]
    assert "altijd actief" in texts(messages, domain)


def test_after_payment_or_change_text():
    product = {"plates": ["GF-12-34", "5-TXB-21"], "active_plate": "GF-12-34"}
    assert after_change_text(product) == ("Er staan 2 kentekens op uw vergunning. Nu is GF-12-34 actief. "
                                          "Wilt u wisselen? Zeg 'kenteken wisselen'.")
    assert "Say 'switch licence plate'" in after_change_text(product, ENGLISH)
    assert after_change_text({"plates": ["GF-12-34"], "active_plate": "GF-12-34"}) == ""


async def test_after_paying_a_two_plate_permit_the_chat_says_which_plate_is_active(logged_in, domain):
    sid = logged_in(KEES)
    slots = {"product": "bewonersvergunning", "product_questions": QUESTIONS, "application_ready": True,
             "start_date": (date.today() + timedelta(days=1)).isoformat(), "period": "jaar",
             "plate_1": "GF-12-34", "plate_1_on_name": True, "plate_2": "5-TXB-21", "plate_2_on_name": True,
             "question_1": "nee", "question_2": "ja", "confirm_application": "ja"}
    messages, out = await run(ActionSubmitApplication(), make_tracker(sid, slots=slots, intent="affirm"), domain)
    assert Person().submit_form(messages[0]["url"], {"status": "paid"}).status == 200
    messages, _ = await run(ActionPaymentUpdate(), payment_event(sid, out["payment_id"]), domain)
    assert messages[-1]["text"] == ("Er staan 2 kentekens op uw vergunning. Nu is GF-12-34 actief. "
                                    "Wilt u wisselen? Zeg 'kenteken wisselen'.")
