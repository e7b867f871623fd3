"""A citizen with two cars applies for a bewonersvergunning with both plates and pays in
the chat; the chat says which plate is active and how to switch.

Paid in the DigiD chat, the product is linked to mijn.2park at once (no e-mail; see
tests/api/test_mijn2park.py). Here the chat is logged out before the payment is done, so the
link comes by e-mail: he follows it like a person, makes an account and confirms, logs in
again and switches to the other car by chat ("vandaag rij ik met de andere auto", then "ja")."""

from tests.e2e.test_bewonersvergunning import link_with, log_in
from tests.support.chat import Chat
from tests.support.mails import mijn2park_link
from tests.support.person import Person
from tests.support.processes import api

DAAN = "999990184"          # DK-482-P and 3-VKL-88 on his name, no permit yet


def apply_with_two_plates(chat: Chat) -> str:
    """From the login up to the payment link of a bewonersvergunning with both cars."""
    log_in(chat, DAAN, "Ik wil een bewonersvergunning aanvragen")
    chat.wait_for(r"ingelogd.*(datum|wanneer)")
    chat.say("morgen")
    chat.click("jaar")
    chat.say("DK-482-P")
    assert "tweede kenteken" in chat.texts(), chat.texts()
    chat.say("3-VKL-88")
    chat.click("nee")                     # no own parking place
    chat.click("ja")                      # vehicle is small enough
    assert "DK-482-P" in chat.texts() and "3-VKL-88" in chat.texts(), chat.texts()
    chat.click("ja")
    return link_with(chat, "http")


def test_logged_out_before_paying_links_by_e_mail_then_switch_by_chat(stack):
    # Paid in the DigiD chat the product is linked at once (tests/api/test_mijn2park.py);
    # here the chat logs out before the payment is done, so the link comes by e-mail.
    chat = Chat(stack.rasa_url, stack.rasa_token)
    pay_url = apply_with_two_plates(chat)
    api(stack.backend_url, stack.actions_token, "POST", f"/api/conversations/{chat.sender}/logout", {})
    Person().submit_form(pay_url, {"status": "paid"})

    person = Person()
    url = mijn2park_link(stack.outbox_dir, "daan.kok@example.nl")
    page = person.open(url)
    assert "daan.kok@example.nl" in page.text and "Bevestig" in page.text, page.text
    done = person.submit_form(url, {"password": "twee-autos-1", "password2": "twee-autos-1"})
    assert done.status == 200 and "gekoppeld" in done.text, done.text

    log_in(chat, DAAN, "vandaag rij ik met de andere auto")     # logged out: the chat asks to log in first
    text = chat.texts(chat.wait_for(r"Wilt u 3-VKL-88 actief maken"))
    assert "nu DK-482-P actief. Wilt u 3-VKL-88 actief maken?" in text, text
    chat.say("ja")
    assert "Klaar. Nu is 3-VKL-88 actief." in chat.texts(), chat.texts()

    (product,) = api(stack.backend_url, stack.actions_token, "GET",
                     f"/api/conversations/{chat.sender}/products?state=current")["products"]
    assert product["active_plate"] == "3-VKL-88"
    assert product["link"] == {"needed": True, "linked": True, "method": "email_link"}
    chat.say("mijn huidige producten")
    assert "(actief: 3-VKL-88)" in chat.texts() and "gekoppeld aan mijn.2park" in chat.texts(), chat.texts()
