"""The back office: an operator logs in over HTTP, sees what waits for review, opens the
evidence and approves or rejects; the citizen's lists, cart, mail and conversation follow."""

import io
import json
import re
import sqlite3
import subprocess
import sys

import httpx
import pypdf
import pytest

from tests.api.conftest import Citizen
from tests.api.test_payments import apply
from tests.support.person import Person

SANNE, RUBEN, ANNA = "999990081", "999990093", "999990044"   # partner's car, lease car, has a permit
DEMO_USER, DEMO_PASSWORD = "demo", "parkeerloket-demo"


def pdf_bytes() -> bytes:
    buf = io.BytesIO()
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    writer.write(buf)
    return buf.getvalue()


def in_review(c, plate, reason="partner", key="1") -> dict:
    """An application with a plate not on the citizen's name, evidence uploaded."""
    created = apply(c, [{"value": plate, "reason": reason}], key=key)
    ok = Person().submit_form(created["upload_url"], {}, files={"file": ("bewijs.pdf", pdf_bytes(), "application/pdf")})
    assert ok.status == 200
    return created["application"]


@pytest.fixture(scope="module")
def sanne_in_review(backend):
    """Sanne's application with her partner's car, waiting for review (one per module:
    a citizen has one open application per product)."""
    sanne = Citizen(backend, SANNE)
    return sanne, in_review(sanne, "78KVP4")


def operator(backend, username=DEMO_USER, password=DEMO_PASSWORD) -> Person:
    person = Person()
    page = person.submit_form(f"{backend.url}/backoffice/login", {"username": username, "password": password})
    assert page.status == 200 and "Wachtrij" in page.text, page.text[:500]
    return person


def db_rows(backend, sql, *args):
    with sqlite3.connect(backend.database_url.split("///", 1)[1]) as con:
        return con.execute(sql, args).fetchall()


def test_login_wrong_password_csrf_and_logout(backend):
    person = Person()
    page = person.submit_form(f"{backend.url}/backoffice/login", {"username": "demo", "password": "fout-wachtwoord"})
    assert page.status == 401 and "niet juist" in page.text
    # Without the login form's CSRF token nothing happens.
    bare = httpx.post(f"{backend.url}/backoffice/login", data={"username": DEMO_USER, "password": DEMO_PASSWORD})
    assert bare.status_code == 403 and "bo_session" not in bare.cookies
    # Not logged in: pages send to the login page, the API and the evidence answer 401.
    assert person.open(f"{backend.url}/backoffice").url.endswith("/backoffice/login")
    assert httpx.get(f"{backend.url}/backoffice/api/queue").status_code == 401

    # The session cookie: HttpOnly, SameSite=Strict, expires.
    with httpx.Client() as browser:
        form = browser.get(f"{backend.url}/backoffice/login").text
        token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
        r = browser.post(f"{backend.url}/backoffice/login",
                         data={"csrf": token, "username": DEMO_USER, "password": DEMO_PASSWORD})
        assert r.status_code == 303 and r.headers["location"] == "/backoffice"
        (session_cookie,) = [c for c in r.headers.get_list("set-cookie") if c.startswith("bo_session=")]
        flags = session_cookie.lower()
        assert "httponly" in flags and "samesite=strict" in flags and "max-age=28800" in flags

    op = operator(backend)
    assert op.client.get(f"{backend.url}/backoffice/api/queue").status_code == 200
    # A POST without the session's CSRF token is refused.
    assert op.client.post(f"{backend.url}/backoffice/logout", data={}).status_code == 403
    old_cookie = op.client.cookies.get("bo_session", path="/backoffice")
    page = op.submit_form(f"{backend.url}/backoffice", {}, action="/logout")
    assert page.url.endswith("/backoffice/login")
    # The old cookie no longer works after logout.
    again = httpx.get(f"{backend.url}/backoffice/api/queue", cookies={"bo_session": old_cookie})
    assert again.status_code == 401


def test_account_locks_after_failed_logins(backend):
    subprocess.run([sys.executable, "-m", "backend", "create-operator", "tester", "--name", "Test Medewerker"],
                   input="een-sterk-wachtwoord\n", text=True, check=True, capture_output=True,
                   env={**__import__("os").environ, "DATABASE_URL": backend.database_url})
    for _ in range(5):
        page = Person().submit_form(f"{backend.url}/backoffice/login", {"username": "tester", "password": "fout"})
        assert page.status == 401
    locked = Person().submit_form(f"{backend.url}/backoffice/login",
                                  {"username": "tester", "password": "een-sterk-wachtwoord"})
    assert locked.status == 429 and "geblokkeerd" in locked.text


def test_create_operator_refuses_a_short_password(backend):
    import os
    out = subprocess.run([sys.executable, "-m", "backend", "create-operator", "kort"], input="kort\n", text=True,
                         capture_output=True, env={**os.environ, "DATABASE_URL": backend.database_url})
    assert out.returncode == 2 and "minstens 12 tekens" in out.stderr


def test_queue_detail_and_evidence_only_for_operators(backend, sanne_in_review):
    _, application = sanne_in_review
    op = operator(backend)
    queue = op.client.get(f"{backend.url}/backoffice/api/queue").json()["applications"]
    (item,) = [i for i in queue if i["reference"] == application["reference"]]
    assert item["citizen_name"] == "Sanne de Boer" and item["bsn"] == "*****0081"
    assert item["reason"] == "Auto van mijn partner" and item["days_waiting"] == 0
    page = op.open(f"{backend.url}/backoffice")
    assert application["reference"] in page.text and SANNE not in page.text and "*****0081" in page.text

    detail = op.client.get(f"{backend.url}/backoffice/api/applications/{application['id']}").json()
    assert detail["plates"] == [{"plate": "78-KVP-4", "on_name": False, "reason": "Auto van mijn partner"}]
    assert {a["answer"] for a in detail["answers"]} == {"Nee", "Ja"}
    (evidence,) = detail["evidence"]
    file = op.client.get(backend.url + evidence["url"])
    assert file.status_code == 200 and file.headers["content-type"] == "application/pdf"
    assert file.headers["cache-control"] == "no-store" and file.headers["content-disposition"].startswith("inline")
    assert file.content.startswith(b"%PDF")
    assert httpx.get(backend.url + evidence["url"]).status_code == 401      # not an operator
    # The citizen's own signed document links do not open this route either.
    assert httpx.get(backend.url + evidence["url"], cookies={"bo_session": "forged"}).status_code == 401


def test_approve_puts_it_in_the_cart_with_a_payment_link(backend, sanne_in_review):
    sanne, application = sanne_in_review
    op = operator(backend)
    url = f"{backend.url}/backoffice/applications/{application['id']}"
    page = op.submit_form(url, {}, action="/approve")
    assert page.status == 200 and "is goedgekeurd" in page.text
    assert "Demo Medewerker" in page.text and "Goedgekeurd" in page.text          # decision log
    status = sanne.call("GET", "/applications?state=open")["applications"]
    assert [a["status"] for a in status if a["reference"] == application["reference"]] == ["awaiting_payment"]
    cart = sanne.call("GET", "/cart")
    assert [i["amount"] for i in cart["items"]] == ["156.00"]

    # Deciding again (another operator, or a double click) is refused and changes nothing.
    assert "/reject" not in op.open(url).text                   # no decision forms any more
    stale = op.client.post(f"{url}/approve", data={"csrf": op.client.get(
        f"{backend.url}/backoffice/api/session").json()["csrf_token"]})
    assert stale.status_code == 409 and "al besloten" in stale.text
    op_session = op.client.get(f"{backend.url}/backoffice/api/session").json()
    twice = op.client.post(f"{url.replace('/applications', '/api/applications')}/decision",
                           json={"outcome": "rejected", "reason": "toch niet"},
                           headers={"X-CSRF-Token": op_session["csrf_token"]})
    assert twice.status_code == 409 and twice.json()["error"] == "not_in_review"
    assert sanne.call("GET", "/cart")["items"] == cart["items"]
    assert len(db_rows(backend, "SELECT id FROM decision WHERE application_id = ?", application["id"])) == 1

    # The conversation is told, with the payment link that works.
    (entities,) = [json.loads(e) for (e,) in db_rows(
        backend, "SELECT entities FROM notification WHERE sid = ? AND intent = ?", sanne.sid,
        "EXTERNAL_application_decided")]
    assert entities["decision"] == "approved" and entities["application_reference"] == application["reference"]
    # Codes and API money, no Dutch text: the actions word it in the conversation's language.
    assert entities["product_code"] == application["product_code"] and entities["amount"] == application["price"]
    assert "product_name" not in entities and "amount_display" not in entities
    assert "/pay/" in entities["payment_url"]
    pay = Person().open(entities["payment_url"])
    assert pay.status == 200 and "156,00" in pay.text
    mails = list(backend.outbox_dir.glob("*.eml"))
    assert any("goedgekeurd" in m.read_text(errors="replace") for m in mails)


def test_reject_requires_a_reason_and_reaches_the_citizen(backend, citizen):
    ruben = citizen(RUBEN)
    application = in_review(ruben, "K123BB", reason="lease")
    op = operator(backend)
    url = f"{backend.url}/backoffice/applications/{application['id']}"
    empty = op.submit_form(url, {"reason": "   "}, action="/reject")
    assert empty.status == 422 and "Geef een reden op" in empty.text
    assert ruben.call("GET", "/applications?state=open")["applications"][0]["status"] == "in_review"
    no_csrf = op.client.post(f"{url}/reject", data={"reason": "geen csrf"})
    assert no_csrf.status_code == 403
    assert ruben.call("GET", "/applications?state=open")["applications"][0]["status"] == "in_review"

    page = op.submit_form(url, {"reason": "Het leasecontract staat niet op uw naam."}, action="/reject")
    assert page.status == 200 and "is afgewezen" in page.text and "leasecontract staat niet" in page.text
    closed = ruben.call("GET", "/applications?state=closed")["applications"]
    assert [(a["status"], a["rejection_reason"]) for a in closed] == [
        ("rejected", "Het leasecontract staat niet op uw naam.")]
    assert ruben.call("GET", "/applications?state=open")["applications"] == []
    assert ruben.call("GET", "/cart")["items"] == []
    (entities,) = [json.loads(e) for (e,) in db_rows(
        backend, "SELECT entities FROM notification WHERE sid = ? AND intent = ?", ruben.sid,
        "EXTERNAL_application_decided")]
    assert entities["decision"] == "rejected" and entities["reason"] == "Het leasecontract staat niet op uw naam."
    letter = Person().client.get(entities["document_url"])
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(letter.content)).pages)
    assert "leasecontract staat niet" in text and application["reference"] in text
    assert application["reference"] not in [i["reference"] for i in
                                            op.client.get(f"{backend.url}/backoffice/api/queue").json()["applications"]]


def test_approve_change_plate_changes_the_plate(backend, citizen):
    anna = citizen(ANNA)
    (permit,) = anna.call("GET", "/products?state=current")["products"]
    change = anna.call("POST", f"/products/{permit['id']}/change-plate", {
        "old_plate": "34KLLM", "new_plate": "LZ-123-X", "reason": "lease", "idempotency_key": f"{anna.sid}:x"})
    Person().submit_form(change["upload_url"], {}, files={"file": ("lease.pdf", pdf_bytes(), "application/pdf")})
    op = operator(backend)
    queue = op.client.get(f"{backend.url}/backoffice/api/queue").json()["applications"]
    (item,) = [i for i in queue if i["reference"] == change["reference"]]
    assert item["reason"] == "Kentekenwijziging: Leaseauto of auto van de zaak"
    page = op.submit_form(f"{backend.url}/backoffice/applications/{item['id']}", {}, action="/approve")
    assert page.status == 200 and "is goedgekeurd" in page.text
    assert anna.call("GET", "/products?state=current")["products"][0]["plates"] == ["LZ-123-X"]
    docs = anna.call("GET", f"/products/{permit['id']}/documents")
    assert ("plate_change", permit["number"]) in [(d["kind"], d["reference"]) for d in docs["product_documents"]]
    (entities,) = [json.loads(e) for (e,) in db_rows(
        backend, "SELECT entities FROM notification WHERE sid = ? AND intent = ?", anna.sid,
        "EXTERNAL_application_decided")]
    assert entities["decision_kind"] == "plate_change" and entities["new_plate"] == "LZ-123-X"


def test_approved_second_plate_sends_the_link_mail_and_names_the_active_plate(backend, citizen):
    # After the test above: Anna's permit has LZ-123-X; a second plate (lease) is approved.
    anna = citizen(ANNA)
    (permit,) = anna.call("GET", "/products?state=current")["products"]
    change = anna.call("POST", f"/products/{permit['id']}/change-plate", {
        "old_plate": None, "new_plate": "GX-456-B", "reason": "lease", "idempotency_key": f"{anna.sid}:2"})
    Person().submit_form(change["upload_url"], {}, files={"file": ("lease.pdf", pdf_bytes(), "application/pdf")})
    op = operator(backend)
    queue = op.client.get(f"{backend.url}/backoffice/api/queue").json()["applications"]
    (item,) = [i for i in queue if i["reference"] == change["reference"]]
    page = op.submit_form(f"{backend.url}/backoffice/applications/{item['id']}", {}, action="/approve")
    assert page.status == 200 and "is goedgekeurd" in page.text
    from tests.api.test_mijn2park import link_of
    assert "/mijn2park/link/" in link_of(backend, "anna.bakker@example.nl", permit["number"])
    (entities,) = [json.loads(e) for (e,) in db_rows(
        backend, "SELECT entities FROM notification WHERE sid = ? AND intent = ?", anna.sid,
        "EXTERNAL_application_decided")]
    assert (entities["plates"], entities["active_plate"]) == ("LZ-123-X, GX-456-B", "LZ-123-X")


@pytest.mark.parametrize("path", ["/backoffice", "/backoffice/applications/1"])
def test_pages_send_strangers_to_login(backend, path):
    r = httpx.get(backend.url + path)
    assert r.status_code == 303 and r.headers["location"] == "/backoffice/login"


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_two_operators_at_once_only_one_decides(request, database):
    import concurrent.futures
    import os
    b = request.getfixturevalue("backend" if database == "sqlite" else "pg_backend")
    c = Citizen(b, "999990020")                      # Fatima: her partner's car 12-ABC-3
    application = in_review(c, "12ABC3")
    subprocess.run([sys.executable, "-m", "backend", "create-operator", "tweede", "--name", "Tweede Medewerker"],
                   input="nog-een-sterk-wachtwoord\n", text=True, check=True, capture_output=True,
                   env={**os.environ, "DATABASE_URL": b.database_url})
    operators = [operator(b), operator(b, "tweede", "nog-een-sterk-wachtwoord")]
    calls = [(op, outcome) for op, outcome in zip(operators, ("approved", "rejected"), strict=True)]

    def decide(call):
        op, outcome = call
        token = op.client.get(f"{b.url}/backoffice/api/session").json()["csrf_token"]
        r = op.client.post(f"{b.url}/backoffice/api/applications/{application['id']}/decision",
                           json={"outcome": outcome, "reason": "Bewijs onvoldoende."},
                           headers={"X-CSRF-Token": token})
        return r.status_code, r.json()

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(decide, calls))
    assert sorted(s for s, _ in results) == [200, 409], results
    winner = next(body for s, body in results if s == 200)
    detail = operators[0].client.get(f"{b.url}/backoffice/api/applications/{application['id']}").json()
    assert len(detail["decisions"]) == 1 and detail["decisions"][0]["outcome"] == winner["outcome"]
    assert detail["status"] == winner["status"]
