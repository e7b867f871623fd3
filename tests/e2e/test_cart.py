"""The Winkelwagen over the REST channel with two products: both listed with one total, one
taken out with its "Verwijderen" button (payment links made before then refuse instead of
taking money), and everything paid with one link."""

from tests.e2e.test_bewonersvergunning import fill_in_application, link_with, log_in
from tests.support.chat import Chat
from tests.support.person import Person
from tests.support.processes import api

SANNE = "999990111"     # Binnenstad, 27-HNR-4 on her name


def apply_for_visitor_permit(chat: Chat) -> str:
    """A bezoekersvergunning has no plate and one period: date, summary, yes. Returns the pay link."""
    chat.say("ik wil ook een bezoekersvergunning")
    chat.say("1 januari 2027")
    summary = chat.texts()
    assert "bezoekersvergunning" in summary and "26,00" in summary and "Kenteken" not in summary, summary
    chat.click("ja")
    assert "Totaal te betalen: € 338,00" in chat.texts(), chat.texts()
    return link_with(chat, "/pay/")


def test_two_products_one_removed_then_all_paid_with_one_link(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    person = Person()
    log_in(chat, SANNE, "ik wil een bewonersvergunning")
    chat.wait_for(r"ingelogd")
    fill_in_application(chat, "27 hnr 4")
    chat.click("ja")
    first_link = link_with(chat, "/pay/")
    second_link = apply_for_visitor_permit(chat)
    assert person.open(first_link).status == 409          # the cart changed since

    chat.say("wat staat er in mijn winkelwagen?")
    listing = chat.texts()
    assert "- bewonersvergunning 27-HNR-4 (jaar, " in listing and "- bezoekersvergunning (jaar, " in listing, listing
    assert "€ 312,00" in listing and "€ 26,00" in listing and "Totaal: € 338,00" in listing, listing
    third_link = link_with(chat, "/pay/")

    chat.click("Verwijderen: bezoekersvergunning")
    said = chat.texts()
    assert "uit uw winkelwagen gehaald" in said and "€ 312,00" in said, said
    fourth_link = link_with(chat, "/pay/")
    for old in (second_link, third_link):
        page = person.open(old)
        assert page.status == 409 and "winkelwagen is veranderd" in page.text
    cart = api(stack.backend_url, stack.actions_token, "GET", f"/api/conversations/{chat.sender}/cart")
    assert [(i["product_code"], i["plates"]) for i in cart["items"]] == [("bewonersvergunning", ["27-HNR-4"])]
    assert person.open(fourth_link).status == 200

    # She changes her mind again: both in the cart, one payment for both.
    pay_link = apply_for_visitor_permit(chat)
    page = person.submit_form(pay_link, {"status": "paid"})
    assert page.status == 200
    chat.wait_for(r"betaling.*ontvangen")
    products = api(stack.backend_url, stack.actions_token, "GET",
                   f"/api/conversations/{chat.sender}/products")["products"]
    assert sorted(p["product_code"] for p in products) == ["bewonersvergunning", "bezoekersvergunning"]
    # The visitor permit comes with an (empty) parkeertegoed, and no plate to change.
    visitor = next(p for p in products if p["product_code"] == "bezoekersvergunning")
    assert (visitor["balance"], visitor["actions"]) == ("0.00", ["terminate", "documents"])
    chat.say("hoeveel parkeertegoed heb ik?")
    assert "parkeertegoed op uw bezoekersvergunning" in chat.texts() and "€ 0,00" in chat.texts(), chat.texts()
    apps = api(stack.backend_url, stack.actions_token, "GET",
               f"/api/conversations/{chat.sender}/applications?state=all")["applications"]
    assert sorted(a["status"] for a in apps) == ["cancelled", "granted", "granted"]
    cart = api(stack.backend_url, stack.actions_token, "GET", f"/api/conversations/{chat.sender}/cart")
    assert cart["items"] == []
