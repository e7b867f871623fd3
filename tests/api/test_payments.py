"""Cart → checkout at the PSP simulator → webhook → permit, PDF and e-mail; idempotent."""

import email
import io
import sqlite3
import time
from datetime import date, timedelta

import httpx
import pypdf

from tests.support.person import Person
from tests.support.processes import api_call

JAN, FATIMA, KEES = "999990019", "999990020", "999990056"


def apply(c, plates, key="1", period="jaar"):
    d = {"product": "bewonersvergunning", "start_date": (date.today() + timedelta(days=1)).isoformat(),
         "period": period, "plates": plates, "answers": {"own_parking": "nee", "vehicle_size": "ja"}}
    return c.call("POST", "/applications", {"draft": d, "idempotency_key": f"{c.sid}:{key}"})


def db_rows(backend, sql, *args):
    path = backend.database_url.split("///", 1)[1]
    with sqlite3.connect(path) as con:
        return con.execute(sql, args).fetchall()


def wait_payment(c, payment_id, status, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        view = c.call("GET", f"/payments/{payment_id}")
        if view["status"] == status:
            return view
        time.sleep(0.1)
    raise AssertionError(view)


def test_paid_payment_grants_the_permit_with_letter_and_mail(backend, citizen):
    jan = citizen(JAN)
    apply(jan, [{"value": "51PXPN"}])
    checkout = jan.call("POST", "/cart/checkout", {"channel": "rest"})
    assert checkout["amount"] == "312.00" and len(checkout["items"]) == 1
    person = Person()
    page = person.open(checkout["payment_url"])
    assert page.status == 200 and "312,00" in page.text and "ING" in page.text
    back = person.submit_form(checkout["payment_url"], {"status": "paid"})
    assert back.status == 200 and "ontvangen" in back.text

    view = wait_payment(jan, checkout["payment_id"], "paid")
    assert view["products"][0]["plates"] == ["51-PX-PN"]
    apps = jan.call("GET", "/applications?state=all")["applications"]
    assert [a["status"] for a in apps] == ["granted"]
    products = jan.call("GET", "/products")["products"]
    assert [(p["product_code"], p["status"]) for p in products] == [("bewonersvergunning", "active")]
    assert jan.call("GET", "/cart")["items"] == []

    pdf = person.client.get(view["documents"][0]["url"])
    assert pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in ("Jan de Vries", "Brink 10", "51-PX-PN", "312,00", "Betaalbewijs", products[0]["number"]):
        assert expected in text, expected

    mails = list(backend.outbox_dir.glob("*.eml"))
    assert len(mails) == 1
    msg = email.message_from_bytes(mails[0].read_bytes())
    assert msg["To"] == "jan.devries@example.nl"
    attachment = [p for p in msg.walk() if p.get_content_type() == "application/pdf"][0]
    assert attachment.get_payload(decode=True) == pdf.content

    # The PSP repeats its webhook: nothing happens twice.
    (webhook_url, psp_id), = db_rows(backend, "select webhook_url, id from sim_psp_payment where status='paid'")
    assert httpx.post(webhook_url, data={"id": psp_id}).status_code == 200
    assert len(jan.call("GET", "/products")["products"]) == 1
    assert db_rows(backend, "select count(*) from document where kind='permit_receipt'") == [(1,)]
    assert len(list(backend.outbox_dir.glob("*.eml"))) == 1
    # A double click on the old payment link takes no money.
    again = person.open(checkout["payment_url"])
    assert again.status == 409 and "al afgerond" in again.text


def test_failed_payment_keeps_the_cart_and_a_new_link_replaces_the_old(citizen):
    kees = citizen(KEES)
    apply(kees, [{"value": "GF1234"}], period="kwartaal")
    first = kees.call("POST", "/cart/checkout", {"channel": "rest"})
    Person().submit_form(first["payment_url"], {"status": "failed"})
    wait_payment(kees, first["payment_id"], "failed")
    assert kees.call("GET", "/applications?state=open")["applications"][0]["status"] == "awaiting_payment"
    assert kees.call("GET", "/cart")["total"] == "81.90"

    second = kees.call("POST", "/cart/checkout", {"channel": "rest"})
    third = kees.call("POST", "/cart/checkout", {"channel": "rest"})
    assert len({first["payment_url"], second["payment_url"], third["payment_url"]}) == 3
    superseded = Person().open(second["payment_url"])
    assert superseded.status == 409              # only the newest link can take money
    Person().submit_form(third["payment_url"], {"status": "paid"})
    wait_payment(kees, third["payment_id"], "paid")
    assert kees.call("GET", "/cart")["items"] == []
    status, body = kees.call_status("POST", "/cart/checkout", {"channel": "rest"})
    assert (status, body["error"]) == (409, "cart_empty")


def test_webhook_needs_our_signature(backend):
    r = httpx.post(f"{backend.url}/api/payments/webhook", data={"id": "tr_abc"})
    assert r.status_code == 403
    r = httpx.post(f"{backend.url}/api/payments/webhook?t=forged", data={"id": "tr_abc"})
    assert r.status_code == 403


def test_another_conversation_cannot_see_a_payment(backend, citizen):
    jan = citizen(JAN)
    other = citizen(FATIMA)
    status, body = api_call(backend.url, backend.token, "GET", f"/api/conversations/{other.sid}/payments/1")
    assert status == 404 and body["error"] == "unknown_payment"
    assert jan.call("GET", "/payments/1")["status"] == "paid"


def test_evidence_upload_checks_content_and_moves_to_review(backend, citizen):
    fatima = citizen(FATIMA)
    created = apply(fatima, [{"value": "12ABC3", "reason": "partner"}])
    url = created["upload_url"]
    person = Person()
    fake = person.submit_form(url, {}, files={"file": ("contract.pdf", b"%PDF-1.4 not really", "application/pdf")})
    assert fake.status == 415 and "geen geldige PDF" in fake.text
    exe = person.submit_form(url, {}, files={"file": ("foto.png", b"MZ\x90\x00" * 100, "image/png")})
    assert exe.status == 415
    big = person.submit_form(url, {}, files={"file": ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 10),
                                                      "application/pdf")})
    assert big.status in (413, 415)
    assert fatima.call("GET", "/applications?state=open")["applications"][0]["status"] == "awaiting_evidence"

    buf = io.BytesIO()
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.write(buf)
    ok = person.submit_form(url, {}, files={"file": ("verklaring.pdf", buf.getvalue(), "application/pdf")})
    assert ok.status == 200 and "ontvangen" in ok.text
    app = fatima.call("GET", "/applications?state=open")["applications"][0]
    assert app["status"] == "in_review"
    assert db_rows(backend, "select mime, size from document where kind='evidence'") == [
        ("application/pdf", len(buf.getvalue()))]
    # The link cannot be used to pile up files.
    assert person.open(url).status == 409

