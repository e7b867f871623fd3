"""An outside party is down (its `outage` adapter): a clear error code, nothing half-written.

Each backend runs with one or two parties down (PSP=outage, VEHICLE_REGISTER=outage,
EMAIL_BACKEND=outage, LOGIN_BROKER=outage); the chat's side is in tests/actions/test_outages.py.
"""

import email
from datetime import date, timedelta

import pytest

from tests.api.conftest import Citizen
from tests.api.test_payments import JAN, apply, db_rows, wait_payment
from tests.support.person import Person
from tests.support.processes import api, backend_server

ANNA = "999990044"      # has a bewonersvergunning with 34-KL-LM


@pytest.fixture(scope="module")
def psp_down(tmp_path_factory):
    with backend_server(tmp_path_factory.mktemp("psp-down"), extra_env={"PSP": "outage"}) as info:
        yield info


@pytest.fixture(scope="module")
def register_and_mail_down(tmp_path_factory):
    """The vehicle register and the mail server down; the same database and outbox are
    started again with the mail server back (`tmp` in the second element)."""
    tmp = tmp_path_factory.mktemp("register-mail-down")
    with backend_server(tmp, extra_env={"VEHICLE_REGISTER": "outage", "EMAIL_BACKEND": "outage"}) as info:
        yield info, tmp


@pytest.fixture(scope="module")
def broker_down(tmp_path_factory):
    with backend_server(tmp_path_factory.mktemp("broker-down"), extra_env={"LOGIN_BROKER": "outage"}) as info:
        yield info


def test_checkout_with_the_psp_down_leaves_no_payment_and_the_cart_as_it_was(psp_down):
    jan = Citizen(psp_down, JAN)
    apply(jan, [{"value": "51PXPN"}])
    before = jan.call("GET", "/cart")
    status, body = jan.call_status("POST", "/cart/checkout", {"channel": "rest"})
    assert (status, body["error"]) == (503, "psp_unavailable")
    assert jan.call("GET", "/cart") == before and len(before["items"]) == 1
    assert db_rows(psp_down, "select count(*) from payment") == [(0,)]
    assert db_rows(psp_down, "select count(*) from invoice") == [(0,)]
    assert db_rows(psp_down, "select count(*) from invoice_line") == [(0,)]
    assert db_rows(psp_down, "select status from cart_item") == [("open",)]
    # The simulator pages are not mounted when the simulator is not chosen.
    assert Person().open(f"{psp_down.url}/sim/psp/checkout/tr_x").status == 404


def test_a_top_up_with_the_psp_down_leaves_nothing_and_the_balance_as_it_was(psp_down):
    eva = Citizen(psp_down, "999990159")
    visitor = next(p for p in eva.call("GET", "/products")["products"] if p["product_code"] == "bezoekersvergunning")
    status, body = eva.call_status("POST", f"/products/{visitor['id']}/top-up", {"amount": "25.00"})
    assert (status, body["error"]) == (503, "psp_unavailable")
    assert eva.call("GET", f"/products/{visitor['id']}/top-up")["balance"] == visitor["balance"] == "12.50"
    for table in ("top_up", "payment", "invoice", "invoice_line"):
        assert db_rows(psp_down, f"select count(*) from {table}") == [(0,)], table


def test_the_register_down_refuses_the_plate_and_stores_nothing(register_and_mail_down):
    backend, _ = register_and_mail_down
    jan = Citizen(backend, JAN)
    status, body = jan.call_status("POST", "/validate/plate", {"text": "51-PX-PN", "draft": {}})
    assert (status, body["error"]) == (503, "vehicle_register_unavailable")
    status, body = jan.call_status("POST", "/applications", {"draft": {
        "product": "bewonersvergunning", "start_date": (date.today() + timedelta(days=1)).isoformat(),
        "period": "jaar", "plates": [{"value": "51PXPN"}],
        "answers": {"own_parking": "nee", "vehicle_size": "ja"}}, "idempotency_key": f"{jan.sid}:1"})
    assert (status, body["error"]) == (503, "vehicle_register_unavailable")
    assert db_rows(backend, "select count(*) from application where citizen_id = "
                            "(select id from citizen where bsn = ?)", JAN) == [(0,)]

    anna = Citizen(backend, ANNA)
    (permit,) = anna.call("GET", "/products?state=current")["products"]
    status, body = anna.call_status("POST", f"/products/{permit['id']}/change-plate",
                                    {"old_plate": "34KLLM", "new_plate": "GF-12-34", "idempotency_key": "k"})
    assert (status, body["error"]) == (503, "vehicle_register_unavailable")
    assert anna.call("GET", "/products?state=current")["products"][0]["plates"] == ["34-KL-LM"]
    assert anna.call("GET", "/applications?state=all")["applications"] == []


def test_mail_down_after_payment_grants_the_permit_and_the_mail_follows(register_and_mail_down):
    backend, tmp = register_and_mail_down
    jan = Citizen(backend, JAN)
    jan.call("POST", "/applications", {"draft": {
        "product": "bezoekersvergunning", "start_date": (date.today() + timedelta(days=1)).isoformat(),
        "period": "jaar"}, "idempotency_key": f"{jan.sid}:visitor"})
    checkout = jan.call("POST", "/cart/checkout", {"channel": "rest"})
    Person().submit_form(checkout["payment_url"], {"status": "paid"})
    view = wait_payment(jan, checkout["payment_id"], "paid")
    assert [p["status"] for p in jan.call("GET", "/products")["products"]] == ["active"]
    assert len(view["documents"]) == 1                         # the letter is there, in the chat too
    assert list(backend.outbox_dir.glob("*.eml")) == []
    # One mail is due: the letter with its PDF (paid in a DigiD conversation, the visitor
    # permit was linked to mijn.2park at once: no mail with a link).
    rows = db_rows(backend, "select status, attempts, document_id is not null from email order by id")
    assert rows == [("failed", 1, 1)]
    # A round of the retry job while the mail server is still down: it stays failed, nothing lost.
    assert api(backend.url, backend.token, "POST", "/api/jobs/mail-retries") == {"retried": 1, "sent": 0}
    assert db_rows(backend, "select status, attempts from email") == [("failed", 2)]


def test_the_retried_mail_goes_out_when_the_mail_server_is_back(register_and_mail_down):
    """Runs after the test above (same module, same database): the backend again, mail server up."""
    backend, tmp = register_and_mail_down
    with backend_server(tmp) as again:
        assert api(again.url, again.token, "POST", "/api/jobs/mail-retries") == {"retried": 1, "sent": 1}
        assert api(again.url, again.token, "POST", "/api/jobs/mail-retries") == {"retried": 0, "sent": 0}
        mails = [email.message_from_bytes(m.read_bytes()) for m in again.outbox_dir.glob("*.eml")]
        assert len(mails) == 1 and {m["To"] for m in mails} == {"jan.devries@example.nl"}
        (msg,) = [m for m in mails if any(p.get_content_type() == "application/pdf" for p in m.walk())]
        assert msg["To"] == "jan.devries@example.nl" and "bezoekersvergunning" in msg["Subject"]
        (pdf,) = [p for p in msg.walk() if p.get_content_type() == "application/pdf"]
        (stored,) = db_rows(again, "select content from document where kind = 'permit_receipt'")
        assert pdf.get_payload(decode=True) == stored[0]
        assert db_rows(again, "select status, attempts, message_id != '' from email") == [("sent", 3, 1)]


def test_broker_down_says_so_on_the_callback_page_and_binds_nothing(broker_down):
    sid = "outage-login"
    url = api(broker_down.url, broker_down.token, "POST", f"/api/conversations/{sid}/login-link",
              {"method": "digid", "channel": "rest"})["url"]
    page = Person().open(url)
    assert "/login/digid/callback" in page.url
    assert page.status == 503 and "DigiD is nu niet bereikbaar" in page.text
    assert api(broker_down.url, broker_down.token, "GET", f"/api/conversations/{sid}/session") == \
        {"logged_in": False, "citizen": None}
    assert db_rows(broker_down, "select count(*) from used_token") == [(0,)]
    assert Person().open(f"{broker_down.url}/sim/digid/authenticate").status == 404
