"""Verlengingen in the chat, against a real backend: the list behind the login gate,
confirm (into the Winkelwagen with the pay link), Intrekken with "Weet u het zeker?",
someone else's renewal, a paid renewal, and the proactive message."""

import time

from actions import backend_client
from actions.i18n import DUTCH, ENGLISH
from actions.lists import ActionShowOverview
from actions.login import ActionLoginDone
from actions.renewals import (
    ActionRenewalDue,
    ActionRenewals,
    ActionStartWithdrawRenewal,
    ActionWithdrawRenewal,
    renewal_buttons,
    renewal_text,
)
from tests.actions.conftest import make_tracker, responses, run, texts
from tests.support.person import Person
from tests.support.processes import api, login_conversation

SANNE, AHMET = "999990135", "999990147"     # products ending in 14 and 10 days


def run_job(backend) -> dict:
    return api(backend.url, backend.token, "POST", "/api/jobs/renewals", {})


def press(sid, intent, renewal_id=None, slots=None):
    entities = [{"entity": "renewal_id", "value": str(renewal_id)}] if renewal_id is not None else []
    text = f'/{intent}{{"renewal_id":"{renewal_id}"}}' if renewal_id is not None else f"/{intent}"
    return make_tracker(sid, slots=slots, text=text, intent=intent, entities=entities)


async def open_renewal(sid) -> dict:
    renewals = (await backend_client.renewals(sid))["renewals"]
    assert len(renewals) == 1, renewals
    return renewals[0]


async def test_login_gate_then_the_list_with_buttons(backend, sender, domain):
    run_job(backend)
    messages, slots = await run(ActionRenewals(), make_tracker(sender, text="verlengen", intent="renew_product"),
                                domain)
    assert responses(messages) == ["utter_login_required_renewals"] and "/login/" in messages[0]["url"]
    assert slots == {"pending_action": "renew_product"}

    login_conversation(backend.url, sender, SANNE, backend.token)
    event = make_tracker(sender, slots={"pending_action": "renew_product"}, text=None, intent="EXTERNAL_login_done")
    messages, _ = await run(ActionLoginDone(), event, domain)
    assert responses(messages)[:2] == ["utter_logged_in", "utter_renewals_intro"]
    line = messages[2]
    assert line["text"].startswith("Bewonersvergunning P-2025-000135 (KL-412-T): verlengen van ")
    assert "€ 312,00. Status: Wacht op uw bevestiging." in line["text"]
    assert [b["title"] for b in line["buttons"]] == ["Bevestigen", "Intrekken"]

    overview, _ = await run(ActionShowOverview(), make_tracker(sender, intent="show_overview"), domain)
    assert "Verlengingen 1" in texts(overview, domain)
    assert "/renew_product" in [b["payload"] for b in overview[0]["buttons"]]


async def test_confirm_puts_it_in_the_cart_with_the_pay_link(backend, logged_in, domain):
    run_job(backend)
    sid = logged_in(SANNE)
    r = await open_renewal(sid)
    messages, slots = await run(ActionRenewals(), press(sid, "renew_product", r["id"]), domain)
    said = texts(messages, domain)
    assert (f"U verlengt uw bewonersvergunning P-2025-000135 van {DUTCH.date(r['period_start'])} tot en met "
            f"{DUTCH.date(r['period_end'])}. Dat kost € 312,00.") in said
    assert responses(messages) == ["utter_renewal_confirmed", "utter_payment_link"]
    assert "/pay/" in messages[1]["url"] and slots["payment_id"]
    assert (await open_renewal(sid))["status"] == "awaiting_payment"
    (item,) = (await backend_client.cart(sid))["items"]
    assert item["amount"] == "312.00"
    # The cart line from the backend's codes, in both languages (the Dutch as the invoice has it).
    assert DUTCH.cart_item(item) == (f"Verlenging bewonersvergunning P-2025-000135, {DUTCH.date(r['period_start'])} "
                                     f"tot en met {DUTCH.date(r['period_end'])}")
    assert ENGLISH.cart_item(item) == (f"Renewal of resident permit P-2025-000135, {ENGLISH.date(r['period_start'])} "
                                       f"to {ENGLISH.date(r['period_end'])}")

    # Paid: the product runs on, and Intrekken is refused with the way out.
    Person().submit_form(messages[1]["url"], {"status": "paid"})
    deadline = time.monotonic() + 10
    while (await backend_client.renewals(sid))["renewals"] and time.monotonic() < deadline:
        time.sleep(0.1)
    products = (await backend_client.products(sid, "current"))["products"]
    assert products[0]["valid_until"] == r["period_end"]
    messages, slots = await run(ActionStartWithdrawRenewal(), press(sid, "withdraw_renewal", r["id"]), domain)
    assert responses(messages) == ["utter_renewal_paid_no_withdraw"]
    assert slots["renewal_withdraw_asked"] is False


async def test_withdraw_asks_first_and_no_keeps_it(backend, logged_in, domain):
    run_job(backend)
    sid = logged_in(AHMET)
    r = await open_renewal(sid)
    messages, slots = await run(ActionStartWithdrawRenewal(),
                                make_tracker(sid, text="ik wil niet verlengen", intent="withdraw_renewal"), domain)
    assert texts(messages, domain) == (f"Weet u het zeker? Dan trekt u de verlenging in. Uw bewonersvergunning "
                                       f"P-2025-000147 stopt dan op {DUTCH.date(r['current_end'])}.")
    assert slots == {"pending_action": None, "withdraw_renewal_id": str(r["id"]), "renewal_withdraw_asked": True}

    messages, after = await run(ActionWithdrawRenewal(), make_tracker(sid, slots=slots, text="nee", intent="deny"),
                                domain)
    assert responses(messages) == ["utter_renewal_kept"]
    assert after == {"withdraw_renewal_id": None, "renewal_withdraw_asked": None}
    assert (await open_renewal(sid))["status"] == "awaiting_confirmation"

    _, slots = await run(ActionStartWithdrawRenewal(), press(sid, "withdraw_renewal", r["id"]), domain)
    messages, _ = await run(ActionWithdrawRenewal(), make_tracker(sid, slots=slots, text="ja", intent="affirm"),
                            domain)
    assert texts(messages, domain) == (f"De verlenging is ingetrokken. Uw bewonersvergunning P-2025-000147 "
                                       f"stopt op {DUTCH.date(r['current_end'])}.")
    assert (await backend_client.renewals(sid))["renewals"] == []
    messages, _ = await run(ActionRenewals(), make_tracker(sid, text="verlengingen", intent="renew_product"), domain)
    assert responses(messages) == ["utter_renewals_none"]


async def test_someone_elses_renewal_changes_nothing(backend, logged_in, domain):
    run_job(backend)
    sanne, ahmet = logged_in(SANNE), logged_in(AHMET)
    theirs = (await backend_client.renewals(sanne, "all"))["renewals"][0]
    messages, _ = await run(ActionRenewals(), press(ahmet, "renew_product", theirs["id"]), domain)
    assert texts(messages, domain) == "Die verlenging hoort niet bij u. Ik kan alleen uw eigen verlengingen laten zien."
    messages, slots = await run(ActionStartWithdrawRenewal(), press(ahmet, "withdraw_renewal", theirs["id"]), domain)
    assert responses(messages) == ["utter_renewal_unknown"] and slots["renewal_withdraw_asked"] is False
    # A tampered payload with the other's id after "Weet u het zeker?" is refused by the backend.
    messages, _ = await run(ActionWithdrawRenewal(), make_tracker(
        ahmet, slots={"withdraw_renewal_id": str(theirs["id"])}, text="ja", intent="affirm"), domain)
    assert responses(messages) == ["utter_renewal_unknown"]
    assert (await backend_client.renewals(sanne, "all"))["renewals"][0]["status"] == theirs["status"]
    messages, _ = await run(ActionRenewals(), press(ahmet, "renew_product", "abc"), domain)
    assert responses(messages) == ["utter_renewal_unknown"]


# What the backend's renewals job sends (codes, ISO dates and API money).
DUE_ENTITIES = [
    {"entity": "renewal_id", "value": 7}, {"entity": "product_number", "value": "P-2025-000135"},
    {"entity": "product_code", "value": "bewonersvergunning"},
    {"entity": "current_end", "value": "2026-12-09"}, {"entity": "period_end", "value": "2027-12-09"},
    {"entity": "price", "value": "312.00"}]


async def test_the_proactive_message(sender, domain):
    event = make_tracker(sender, text=None, intent="EXTERNAL_renewal_due", entities=DUE_ENTITIES)
    messages, _ = await run(ActionRenewalDue(), event, domain)
    assert texts(messages, domain) == (
        "Uw bewonersvergunning P-2025-000135 loopt af op 9 december 2026. U kunt hem verlengen tot en met "
        "9 december 2027. Dat kost € 312,00. Bevestig de verlenging en betaal vóór de einddatum.")
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/renew_product", '/withdraw_renewal{"renewal_id":"7"}']


async def test_the_proactive_message_in_english(sender, domain):
    event = make_tracker(sender, slots={"language": "en"}, text=None, intent="EXTERNAL_renewal_due",
                         entities=DUE_ENTITIES)
    messages, _ = await run(ActionRenewalDue(), event, domain)
    assert {k: messages[0][k] for k in ("product_name", "product_number", "current_end", "period_end", "price")} == {
        "product_name": "resident permit", "product_number": "P-2025-000135", "current_end": "9 December 2026",
        "period_end": "9 December 2027", "price": "€ 312.00"}
    assert [(b["title"], b["payload"]) for b in messages[0]["buttons"]] == [
        ("View renewal", "/renew_product"), ("Withdraw", '/withdraw_renewal{"renewal_id":"7"}')]


def test_renewal_line_in_english():
    renewal = {"id": 3, "status": "awaiting_confirmation",
               "number": "P-2025-000135", "product_code": "bewonersvergunning",
               "plates": ["KL-412-T"], "period_start": "2026-12-10", "period_end": "2027-12-09", "price": "312.00",
               "actions": ["confirm", "withdraw"]}
    assert renewal_text(renewal, ENGLISH) == ("Resident permit P-2025-000135 (KL-412-T): renew from 10 December 2026 "
                                              "to 9 December 2027 for € 312.00. Status: Waiting for your confirmation.")
    assert [b["title"] for b in renewal_buttons(renewal, ENGLISH)] == ["Confirm", "Withdraw"]

