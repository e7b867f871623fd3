"""The Winkelwagen over the REST channel: an item taken out with its "Verwijderen" button,
after which the payment links made before say so instead of taking money."""

from tests.e2e.test_bewonersvergunning import fill_in_application, link_with, log_in
from tests.support.chat import Chat
from tests.support.person import Person
from tests.support.processes import api

SANNE = "999990111"     # Binnenstad, 27-HNR-4 on her name


def test_remove_item_from_cart_and_old_link_refuses(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, SANNE, "ik wil een bewonersvergunning")
    chat.wait_for(r"ingelogd")
    fill_in_application(chat, "27 hnr 4")
    chat.click("ja")
    first_link = link_with(chat, "/pay/")

    chat.say("wat staat er in mijn winkelwagen?")
    assert "27-HNR-4" in chat.texts() and "312,00" in chat.texts(), chat.texts()
    second_link = link_with(chat, "/pay/")
    person = Person()
    assert person.open(first_link).status == 409          # replaced by the newer link

    chat.click("Verwijderen")
    said = chat.texts().lower()
    assert "uit uw winkelwagen gehaald" in said and "winkelwagen is leeg" in said, said

    # The link of a cart that changed takes no money: the form is not even offered.
    page = person.open(second_link)
    assert page.status == 409 and "winkelwagen is veranderd" in page.text
    cart = api(stack.backend_url, stack.actions_token, "GET", f"/api/conversations/{chat.sender}/cart")
    assert cart["items"] == []
    apps = api(stack.backend_url, stack.actions_token, "GET",
               f"/api/conversations/{chat.sender}/applications?state=all")["applications"]
    assert [a["status"] for a in apps] == ["cancelled"]

    # Pressing the old button again changes nothing and says so.
    chat.say("winkelwagen")
    assert "leeg" in chat.texts().lower()
