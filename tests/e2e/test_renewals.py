"""Verlengingen end to end: the renewals job runs (as `make renewals` does), the citizen is
told in the chat on their own, confirms, pays through the PSP simulator like a person,
and the product's end date moves. And Intrekken with "Weet u het zeker?"."""

import subprocess
from datetime import date

from babel.dates import format_date

from scripts.stack import BACKEND_PY, ROOT
from tests.support.chat import Chat
from tests.support.person import Person
from tests.support.processes import api

SANNE = "999990135"     # bewonersvergunning (jaar) ending in 14 days
AHMET = "999990147"     # bewonersvergunning (kwartaal) ending in 10 days


def log_in(chat: Chat, bsn: str, first_message: str, then: str = "") -> None:
    chat.say(first_message)
    login = [u for u in chat.links() if "/login/" in u]
    assert login, chat.texts()
    page = Person().submit_form(login[-1], {"bsn": bsn})
    assert page.status == 200 and "ingelogd" in page.text.lower()
    chat.wait_for(r"ingelogd" + then)


def current_products(stack, chat: Chat) -> list[dict]:
    return api(stack.backend_url, stack.actions_token, "GET",
               f"/api/conversations/{chat.sender}/products?state=current")["products"]


def test_told_in_the_chat_confirm_pay_and_the_end_date_moves(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, SANNE, "wat heb ik allemaal?")
    before = current_products(stack, chat)[0]

    # The job, as `make renewals` runs it, against the same database and Rasa.
    out = subprocess.run([str(BACKEND_PY), "-m", "backend", "renewals"], cwd=ROOT, env=stack.env(),
                         capture_output=True, text=True, check=True, timeout=120)
    assert "created" in out.stdout, out.stdout + out.stderr

    told = chat.wait_for(r"loopt af op")
    text = chat.texts(told)
    assert "P-2025-000135" in text and "€ 312,00" in text, text
    chat.click("Verlenging bekijken")
    assert "Wacht op uw bevestiging" in chat.texts()
    chat.click("Bevestigen")
    said = chat.texts()
    assert "U verlengt uw bewonersvergunning P-2025-000135" in said and "€ 312,00" in said, said
    pay = [u for u in chat.links() if "/pay/" in u]
    assert pay, said

    page = Person().submit_form(pay[-1], {"status": "paid"})
    assert page.status == 200
    chat.wait_for(r"betaling.*ontvangen")

    after = current_products(stack, chat)[0]
    old_end, new_end = date.fromisoformat(before["valid_until"]), date.fromisoformat(after["valid_until"])
    assert new_end.year == old_end.year + 1 and new_end > old_end
    chat.say("welke vergunningen heb ik?")
    assert dutch_date(after["valid_until"]) in chat.texts()


def test_withdraw_asks_first_and_tells_the_end_date(stack):
    api(stack.backend_url, stack.actions_token, "POST", "/api/jobs/renewals", {})
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, AHMET, "Welke verlengingen staan er voor mij klaar?", then=".*Wacht op uw bevestiging")
    end = dutch_date(current_products(stack, chat)[0]["valid_until"])
    chat.click("Intrekken")
    assert "Weet u het zeker?" in chat.texts()
    chat.click("Ja, intrekken")
    assert f"De verlenging is ingetrokken. Uw bewonersvergunning P-2025-000147 stopt op {end}." in chat.texts()
    chat.say("verlengingen")
    assert "geen verlenging" in chat.texts()


def dutch_date(iso: str) -> str:
    """A date as a Dutch citizen reads it in the chat: "14 december 2026"."""
    return format_date(date.fromisoformat(iso), "d MMMM y", locale="nl")
