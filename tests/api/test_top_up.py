"""Opwaarderen: a top-up of the visitor balance through the PSP simulator and the webhook;
exactly one ledger entry per paid payment; cart and top-up links live side by side."""

import concurrent.futures
import sqlite3
from datetime import date, timedelta
from decimal import Decimal

import httpx

from tests.api.test_payments import wait_payment
from tests.support.person import Person

EVA, JAN = "999990159", "999990019"


def db_rows(backend, sql, *args):
    path = backend.database_url.split("///", 1)[1]
    with sqlite3.connect(path) as con:
        return con.execute(sql, args).fetchall()


def db_write(backend, sql, *args):
    path = backend.database_url.split("///", 1)[1]
    with sqlite3.connect(path) as con:
        con.execute(sql, args)


def visitor_permit(c) -> dict:
    return next(p for p in c.call("GET", "/products?state=current")["products"]
                if p["product_code"] == "bezoekersvergunning")


def pay(c, permit_id, amount):
    link = c.call("POST", f"/products/{permit_id}/top-up", {"amount": amount, "channel": "rest"})
    Person().submit_form(link["payment_url"], {"status": "paid"})
    return wait_payment(c, link["payment_id"], "paid")


def psp_of(backend, payment_id):
    (psp_id, webhook_url), = db_rows(backend, "select p.psp_id, s.webhook_url from payment p "
                                     "join sim_psp_payment s on s.id = p.psp_id where p.id = ?", payment_id)
    return psp_id, webhook_url


def top_up_entries(backend, permit_id):
    return db_rows(backend, "select amount from ledger_entry where permit_id = ? and kind = 'top_up' order by id",
                   permit_id)


def test_top_up_by_the_psp_page_credits_the_balance_once(backend, citizen):
    eva = citizen(EVA)
    permit = visitor_permit(eva)
    assert permit["number"] == "P-2026-000005" and permit["balance"] == "12.50"
    options = eva.call("GET", f"/products/{permit['id']}/top-up")
    assert options["amounts"] == ["10.00", "25.00", "50.00"]
    assert (options["min"], options["max"], options["balance"], options["balance_max"]) == \
        ("5.00", "100.00", "12.50", "250.00")
    assert (options["hours"], options["hourly_rate"]) == ("10.25", "1.20")     # € 12,50 at € 1,20 an hour

    link = eva.call("POST", f"/products/{permit['id']}/top-up", {"amount": "25.00", "channel": "rest"})
    assert link["amount"] == "25.00" and link["permit_number"] == "P-2026-000005"
    person = Person()
    page = person.open(link["payment_url"])
    assert page.status == 200 and "25,00" in page.text
    back = person.submit_form(link["payment_url"], {"status": "paid"})
    assert back.status == 200 and "parkeertegoed" in back.text
    view = wait_payment(eva, link["payment_id"], "paid")
    assert view["purpose"] == "top_up" and view["products"] == []
    (top_up,) = view["top_ups"]
    assert {k: top_up[k] for k in ("permit_number", "amount", "balance", "hours", "status")} == \
        {"permit_number": "P-2026-000005", "amount": "25.00", "balance": "37.50", "hours": "31.25", "status": "paid"}
    assert visitor_permit(eva)["balance"] == "37.50"

    # The PSP repeats its webhook: the balance is credited once.
    psp_id, webhook_url = psp_of(backend, link["payment_id"])
    for _ in range(2):
        assert httpx.post(webhook_url, data={"id": psp_id}).status_code == 200
    assert visitor_permit(eva)["balance"] == "37.50"
    assert len(top_up_entries(backend, permit["id"])) == 1
    again = person.open(link["payment_url"])
    assert again.status == 409 and "al afgerond" in again.text


def test_a_failed_top_up_credits_nothing(citizen):
    eva = citizen(EVA)
    permit = visitor_permit(eva)
    before = permit["balance"]
    link = eva.call("POST", f"/products/{permit['id']}/top-up", {"amount": "10", "channel": "rest"})
    assert link["amount"] == "10.00"
    Person().submit_form(link["payment_url"], {"status": "failed"})
    view = wait_payment(eva, link["payment_id"], "failed")
    assert view["top_ups"][0]["status"] == "failed" and view["top_ups"][0]["balance"] == before
    assert visitor_permit(eva)["balance"] == before


def test_a_superseded_link_that_is_paid_anyway_is_credited_once(backend, citizen):
    eva = citizen(EVA)
    permit = visitor_permit(eva)
    before = Decimal(permit["balance"])
    first = eva.call("POST", f"/products/{permit['id']}/top-up", {"amount": "10.00"})
    second = eva.call("POST", f"/products/{permit['id']}/top-up", {"amount": "25.00"})
    old = Person().open(first["payment_url"])
    assert old.status == 409                       # only the newest top-up link takes money
    assert "nieuwere betaallink voor uw parkeertegoed" in old.text and "winkelwagen" not in old.text
    assert eva.call("GET", f"/payments/{first['payment_id']}")["status"] == "superseded"

    # The bank paid the old one anyway (the citizen had it open when we cancelled it).
    psp_id, webhook_url = psp_of(backend, first["payment_id"])
    db_write(backend, "update sim_psp_payment set status = 'paid', paid_at = current_timestamp where id = ?", psp_id)
    for _ in range(2):
        assert httpx.post(webhook_url, data={"id": psp_id}).status_code == 200
    assert eva.call("GET", f"/payments/{first['payment_id']}")["status"] == "paid"
    assert visitor_permit(eva)["balance"] == str(before + 10)

    Person().submit_form(second["payment_url"], {"status": "paid"})
    wait_payment(eva, second["payment_id"], "paid")
    assert visitor_permit(eva)["balance"] == str(before + 35)
    entries = db_rows(backend, "select top_up_id from ledger_entry where kind = 'top_up' and top_up_id in (?, ?)",
                      first["top_up_id"], second["top_up_id"])
    assert sorted(e for (e,) in entries) == sorted([first["top_up_id"], second["top_up_id"]])


def test_bad_amounts_are_refused_with_a_code_and_change_nothing(backend, citizen):
    eva = citizen(EVA)
    permit = visitor_permit(eva)
    count = db_rows(backend, "select count(*) from top_up")

    def refused(amount):
        status, body = eva.call_status("POST", f"/products/{permit['id']}/top-up", {"amount": amount})
        assert status == 422, body
        return body["error"], body.get("params", {})

    assert refused("abc")[0] == "amount_invalid"
    assert refused("25.123")[0] == "amount_invalid"
    assert refused("-5")[0] == "amount_invalid"
    assert refused("2.50") == ("amount_too_low", {"amount": "2.50", "min": "5.00"})
    assert refused("150") == ("amount_too_high", {"amount": "150.00", "max": "100.00"})
    assert db_rows(backend, "select count(*) from top_up") == count

    balance = visitor_permit(eva)["balance"]
    while Decimal(balance) + 100 <= 250:        # up to the ceiling of € 250,00
        balance = pay(eva, permit["id"], "100.00")["top_ups"][0]["balance"]
    error, params = refused("100.00")
    assert error == "balance_max_reached"
    assert params["balance_max"] == "250.00" and params["balance"] == balance
    assert params["room"] == str(250 - Decimal(balance))


def test_only_the_citizens_own_visitor_permit(backend, citizen):
    eva, jan = citizen(EVA), citizen(JAN)
    resident = next(p for p in eva.call("GET", "/products?state=current")["products"]
                    if p["product_code"] == "bewonersvergunning")
    status, body = eva.call_status("GET", f"/products/{resident['id']}/top-up")
    assert (status, body["error"]) == (409, "no_balance_on_product")
    status, body = eva.call_status("POST", f"/products/{resident['id']}/top-up", {"amount": "10.00"})
    assert (status, body["error"]) == (409, "no_balance_on_product")
    visitor = visitor_permit(eva)
    for method in ("GET", "POST"):
        status, body = jan.call_status(method, f"/products/{visitor['id']}/top-up", {"amount": "10.00"})
        assert (status, body["error"]) == (404, "unknown_product")


def test_cart_and_top_up_links_do_not_cancel_each_other(citizen):
    jan = citizen(JAN)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    draft = {"product": "bezoekersvergunning", "start_date": tomorrow, "period": "jaar", "plates": [], "answers": {}}
    jan.call("POST", "/applications", {"draft": draft, "idempotency_key": f"{jan.sid}:visitor"})
    paid = jan.call("POST", "/cart/checkout", {"channel": "rest"})
    Person().submit_form(paid["payment_url"], {"status": "paid"})
    wait_payment(jan, paid["payment_id"], "paid")
    permit = visitor_permit(jan)
    assert permit["balance"] == "0.00"

    resident = {"product": "bewonersvergunning", "start_date": tomorrow, "period": "jaar",
                "plates": [{"value": "51PXPN"}], "answers": {"own_parking": "nee", "vehicle_size": "ja"}}
    jan.call("POST", "/applications", {"draft": resident, "idempotency_key": f"{jan.sid}:resident"})
    top_up = jan.call("POST", f"/products/{permit['id']}/top-up", {"amount": "10.00"})
    cart = jan.call("POST", "/cart/checkout", {"channel": "rest"})
    assert Person().open(top_up["payment_url"]).status == 200      # a cart link leaves the top-up link
    newer = jan.call("POST", f"/products/{permit['id']}/top-up", {"amount": "25.00"})
    assert Person().open(cart["payment_url"]).status == 200        # and a top-up link the cart link
    assert Person().open(top_up["payment_url"]).status == 409      # only the older top-up link stops

    Person().submit_form(cart["payment_url"], {"status": "paid"})
    Person().submit_form(newer["payment_url"], {"status": "paid"})
    wait_payment(jan, cart["payment_id"], "paid")
    view = wait_payment(jan, newer["payment_id"], "paid")
    assert view["top_ups"][0]["balance"] == "25.00"
    assert sorted(p["product_code"] for p in jan.call("GET", "/products?state=current")["products"]) == \
        ["bewonersvergunning", "bezoekersvergunning"]


# PostgreSQL (the production database): real concurrent requests.

def pg_rows(backend, sql, *args):
    import psycopg2

    from tests.support.services import PG
    con = psycopg2.connect(**{**PG, "dbname": backend.database_url.rsplit("/", 1)[1]})
    try:
        with con, con.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchall() if cur.description else []
    finally:
        con.close()


def test_concurrent_webhooks_credit_once_on_postgres(pg_backend):
    from tests.api.conftest import Citizen
    eva = Citizen(pg_backend, EVA)
    permit = visitor_permit(eva)
    before = Decimal(permit["balance"])
    link = eva.call("POST", f"/products/{permit['id']}/top-up", {"amount": "25.00"})
    (psp_id, webhook_url), = pg_rows(pg_backend, "select p.psp_id, s.webhook_url from payment p join "
                                     "sim_psp_payment s on s.id = p.psp_id where p.id = %s", link["payment_id"])
    # The bank says paid; the PSP's webhook arrives eight times at once.
    pg_rows(pg_backend, "update sim_psp_payment set status = 'paid' where id = %s", psp_id)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda _: httpx.post(webhook_url, data={"id": psp_id}, timeout=30).status_code,
                              range(8)))
    assert codes == [200] * 8
    assert eva.call("GET", f"/payments/{link['payment_id']}")["status"] == "paid"
    assert visitor_permit(eva)["balance"] == str(before + 25)
    assert pg_rows(pg_backend, "select count(*) from ledger_entry where top_up_id = %s", link["top_up_id"]) == [(1,)]


def test_a_double_click_makes_one_valid_link_on_postgres(pg_backend):
    from tests.api.conftest import Citizen
    eva = Citizen(pg_backend, EVA)
    permit = visitor_permit(eva)
    before = Decimal(permit["balance"])
    path = f"/products/{permit['id']}/top-up"
    entries = "select count(*) from ledger_entry where permit_id = %s and kind = 'top_up'"
    (count,), = pg_rows(pg_backend, entries, permit["id"])
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: eva.call_status("POST", path, {"amount": "10.00"}), range(2)))
    assert [s for s, _ in results] == [201, 201]
    links = [body for _, body in results]
    statuses = sorted(eva.call("GET", f"/payments/{b['payment_id']}")["status"] for b in links)
    assert statuses == ["open", "superseded"]
    (valid,) = [b for b in links if eva.call("GET", f"/payments/{b['payment_id']}")["status"] == "open"]
    (stale,) = [b for b in links if b is not valid]
    assert Person().open(stale["payment_url"]).status == 409
    Person().submit_form(valid["payment_url"], {"status": "paid"})
    wait_payment(eva, valid["payment_id"], "paid")
    assert visitor_permit(eva)["balance"] == str(before + 10)
    assert pg_rows(pg_backend, entries, permit["id"]) == [(count + 1,)]
