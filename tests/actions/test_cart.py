"""The Winkelwagen in chat: one link for the cart, and a "Verwijderen" button per item."""

from actions.payment import ActionPayCart
from tests.actions.conftest import KEES, make_tracker, responses, run, texts
from tests.actions.test_payment_status import apply_and_get_payment
from tests.support.person import Person


async def test_remove_an_item_invalidates_the_link(logged_in, domain):
    sid = logged_in(KEES)
    first_url, _ = await apply_and_get_payment(sid, domain, "GF-12-34")
    messages, _ = await run(ActionPayCart(), make_tracker(sid, text="winkelwagen", intent="pay_cart"), domain)
    assert responses(messages) == ["utter_cart_items", "utter_payment_link"]
    assert "- bewonersvergunning GF-12-34" in texts(messages, domain)
    (button,) = messages[1]["buttons"]
    assert button["title"].startswith("Verwijderen: bewonersvergunning GF-12-34")
    second_url = texts(messages, domain).splitlines()[-1]
    assert Person().open(first_url).status == 409          # the newer link replaced it

    item = button["payload"].split('"cart_item": "')[1].split('"')[0]
    pressed = make_tracker(sid, text=button["payload"], intent="pay_cart",
                           entities=[{"entity": "cart_item", "value": item}])
    messages, slots = await run(ActionPayCart(), pressed, domain)
    assert responses(messages) == ["utter_cart_item_removed", "utter_cart_empty"]
    assert "geannuleerd" in texts(messages, domain) and slots["cart_item"] is None
    page = Person().open(second_url)
    assert page.status == 409 and "winkelwagen is veranderd" in page.text

    # The same button pressed again: a clear answer, nothing else happens.
    messages, _ = await run(ActionPayCart(), pressed, domain)
    assert responses(messages) == ["utter_cart_item_gone", "utter_cart_empty"]
