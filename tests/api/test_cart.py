"""The Winkelwagen: a payment link covers exactly the cart it was made for."""

from tests.api.test_payments import JAN, KEES, apply, db_rows
from tests.support.person import Person


def test_a_changed_cart_invalidates_the_old_link(backend, citizen):
    kees = citizen(KEES)
    apply(kees, [{"value": "5TXB21"}], key="cart", period="maand")
    link = kees.call("POST", "/cart/checkout", {"channel": "rest"})
    cart = kees.call("GET", "/cart")
    (item,) = cart["items"]
    after = kees.call("DELETE", f"/cart/items/{item['id']}")
    assert after["items"] == [] and after["total"] == "0.00"
    page = Person().open(link["payment_url"])
    assert page.status == 409 and "winkelwagen is veranderd" in page.text
    # Nothing was taken: the PSP payment was cancelled too.
    assert db_rows(backend, "select status from sim_psp_payment where id = (select psp_id from payment where id = ?)",
                   link["payment_id"]) == [("canceled",)]
    apps = kees.call("GET", "/applications?state=closed")["applications"]
    assert [a["status"] for a in apps][-1] == "cancelled"
    status, body = kees.call_status("DELETE", f"/cart/items/{item['id']}")
    assert (status, body["error"]) == (404, "unknown_cart_item")


def test_a_new_application_in_the_cart_invalidates_the_old_link(citizen):
    jan = citizen(JAN)
    apply(jan, [{"value": "51PXPN"}], key="one", period="maand")
    link = jan.call("POST", "/cart/checkout", {"channel": "rest"})
    assert link["amount"] == "28.60"
    # Jan cannot add a second bewonersvergunning, so the cart changes by removing and re-adding.
    (item,) = jan.call("GET", "/cart")["items"]
    jan.call("DELETE", f"/cart/items/{item['id']}")
    apply(jan, [{"value": "51PXPN"}], key="two", period="kwartaal")
    assert Person().open(link["payment_url"]).status == 409
    new = jan.call("POST", "/cart/checkout", {"channel": "rest"})
    assert new["amount"] == "81.90" and len(new["items"]) == 1
    Person().submit_form(new["payment_url"], {"status": "paid"})
    assert [a["status"] for a in jan.call("GET", "/applications?state=all")["applications"]] == \
        ["cancelled", "granted"]
