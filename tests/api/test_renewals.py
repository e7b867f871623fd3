"""Verlengingen against a real backend: the job (idempotent, also on PostgreSQL with two
backends), confirm into the Winkelwagen, pay, withdraw, expiry, and only one's own renewals.

Demo people with products ending soon (relative to the seeding day):
Sanne 999990135 (jaar, ends in 14 days) and Ahmet 999990147 (kwartaal, ends in 10 days).
Anna 999990044's product ends on 28 February 2027: the job is run "as of" later days for her.
"""

import concurrent.futures
import email
import subprocess
import uuid
from datetime import date, timedelta

import pytest

from scripts.stack import BACKEND_PY, ROOT
from tests.api.test_payments import wait_payment
from tests.support.person import Person
from tests.support.processes import api, api_call, backend_server, login_conversation
from tests.support.services import PG, postgres_databases

SANNE, AHMET, ANNA = "999990135", "999990147", "999990044"


def run_job(backend, today: date | None = None) -> dict:
    return api(backend.url, backend.token, "POST", "/api/jobs/renewals",
               {"today": today.isoformat()} if today else {})


def only_renewal(c) -> dict:
    renewals = c.call("GET", "/renewals")["renewals"]
    assert len(renewals) == 1, renewals
    return renewals[0]


def current(c) -> list[dict]:
    return c.call("GET", "/products?state=current")["products"]


def mails_to(backend, address: str) -> list[email.message.Message]:
    out = []
    for f in sorted(backend.outbox_dir.glob("*.eml")):
        msg = email.message_from_bytes(f.read_bytes())
        if msg["To"] == address:
            out.append(msg)
    return out


def test_job_creates_each_renewal_once_and_tells_by_mail(backend, citizen):
    job_token_refused = api_call(backend.url, "wrong", "POST", "/api/jobs/renewals", {})
    assert job_token_refused[0] == 401

    sanne = citizen(SANNE)
    assert sanne.call("GET", "/overview")["counts"]["renewals"] == 0
    first = run_job(backend)
    assert first["created"] == 2          # Sanne and Ahmet; Anna's product ends in months
    assert run_job(backend)["created"] == 0
    assert run_job(backend)["created"] == 0

    r = only_renewal(sanne)
    product = current(sanne)[0]
    end = date.fromisoformat(product["valid_until"])
    assert r["status"] == "awaiting_confirmation" and "status_label" not in r
    assert r["number"] == "P-2025-000135" and r["plates"] == ["KL-412-T"]
    assert date.fromisoformat(r["period_start"]) == end + timedelta(days=1)
    assert r["price"] == "312.00" and r["period_code"] == "jaar"
    assert r["actions"] == ["confirm", "withdraw"]
    assert sanne.call("GET", "/overview")["counts"]["renewals"] == 1

    due = mails_to(backend, "sanne.visser@example.nl")
    assert len(due) == 1 and "Verleng uw bewonersvergunning" in due[0]["Subject"]


def test_someone_elses_renewal_is_not_found_and_stays_unchanged(backend, citizen):
    run_job(backend)
    sanne, ahmet = citizen(SANNE), citizen(AHMET)
    theirs = only_renewal(sanne)
    for action in ("confirm", "withdraw"):
        status, body = ahmet.call_status("POST", f"/renewals/{theirs['id']}/{action}")
        assert (status, body["error"]) == (404, "unknown_renewal")
    status, body = ahmet.call_status("POST", "/renewals/999999/confirm")
    assert (status, body["error"]) == (404, "unknown_renewal")
    assert only_renewal(sanne)["status"] == "awaiting_confirmation"
    assert ahmet.call("GET", "/cart")["items"] == []


def test_confirm_pay_extends_the_product_and_withdraw_is_then_refused(backend, citizen):
    run_job(backend)
    sanne = citizen(SANNE)
    r = only_renewal(sanne)
    confirmed = sanne.call("POST", f"/renewals/{r['id']}/confirm")
    assert confirmed["renewal"]["status"] == "awaiting_payment"
    assert confirmed["cart_total"] == "312.00"
    sanne.call("POST", f"/renewals/{r['id']}/confirm")         # twice: still one cart item
    items = sanne.call("GET", "/cart")["items"]
    assert len(items) == 1 and {k: items[0][k] for k in ("kind", "product_code", "number", "start", "end")} == {
        "kind": "renewal", "product_code": r["product_code"], "number": r["number"],
        "start": r["period_start"], "end": r["period_end"]}
    assert "description" not in items[0]          # codes only: the actions write the line
    assert sanne.call("GET", "/overview")["counts"]["renewals"] == 1

    checkout = sanne.call("POST", "/cart/checkout", {"channel": "rest"})
    assert checkout["amount"] == "312.00"
    Person().submit_form(checkout["payment_url"], {"status": "paid"})
    view = wait_payment(sanne, checkout["payment_id"], "paid")
    assert view["products"][0]["valid_until"] == r["period_end"]
    assert [(d["kind"], d["reference"]) for d in view["documents"]] == [("renewal_receipt", "P-2025-000135")]

    assert current(sanne)[0]["valid_until"] == r["period_end"]
    assert sanne.call("GET", "/renewals")["renewals"] == []
    assert sanne.call("GET", "/overview")["counts"]["renewals"] == 0
    status, body = sanne.call_status("POST", f"/renewals/{r['id']}/withdraw")
    assert (status, body["error"]) == (409, "renewal_paid")
    assert current(sanne)[0]["valid_until"] == r["period_end"]
    subjects = [m["Subject"] for m in mails_to(backend, "sanne.visser@example.nl")]
    assert "Verlenging van uw bewonersvergunning P-2025-000135" in subjects
    # The job does not offer the renewed period again.
    assert run_job(backend)["created"] == 0


def test_withdrawn_renewal_ends_the_product_on_its_end_date(backend, citizen):
    run_job(backend)
    ahmet = citizen(AHMET)
    r = only_renewal(ahmet)
    ahmet.call("POST", f"/renewals/{r['id']}/confirm")
    assert len(ahmet.call("GET", "/cart")["items"]) == 1
    withdrawn = ahmet.call("POST", f"/renewals/{r['id']}/withdraw")
    assert withdrawn["renewal"]["status"] == "withdrawn"
    assert ahmet.call("GET", "/cart")["items"] == []
    assert ahmet.call("GET", "/renewals")["renewals"] == []
    status, _ = ahmet.call_status("POST", f"/renewals/{r['id']}/confirm")
    assert status == 409

    end = date.fromisoformat(r["current_end"])
    assert run_job(backend, end)["ended"] == 0          # still valid on its last day
    assert [p["number"] for p in current(ahmet)] == ["P-2025-000147"]
    run_job(backend, end + timedelta(days=1))
    assert current(ahmet) == []
    history = ahmet.call("GET", "/products?state=history")["products"]
    assert [(p["number"], p["ended_on"]) for p in history] == [("P-2025-000147", r["current_end"])]


def test_unpaid_renewal_lapses_and_the_product_moves_to_history(backend, citizen):
    anna = citizen(ANNA)
    run_job(backend, date(2027, 2, 1))
    r = only_renewal(anna)
    assert (r["period_start"], r["period_end"]) == ("2027-03-01", "2028-02-29")    # leap year
    anna.call("POST", f"/renewals/{r['id']}/confirm")
    assert run_job(backend, date(2027, 3, 1))["ended"] >= 1
    assert anna.call("GET", "/renewals")["renewals"] == []
    assert [x["status"] for x in anna.call("GET", "/renewals?state=all")["renewals"]] == ["expired"]
    assert anna.call("GET", "/cart")["items"] == []
    assert current(anna) == []
    assert "P-2026-000001" in [p["number"] for p in anna.call("GET", "/products?state=history")["products"]]


def test_make_renewals_runs_the_job_from_the_command_line(tmp_path):
    with backend_server(tmp_path) as b:
        env = {"DATABASE_URL": b.database_url, "OUTBOX_DIR": str(b.outbox_dir),
               "RASA_URL": "http://127.0.0.1:9", "PATH": "/usr/bin:/bin"}
        run = [str(BACKEND_PY), "-m", "backend", "renewals"]
        out = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        assert "2 created" in out.stdout
        again = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        assert "0 created" in again.stdout
        sid = f"cli-{uuid.uuid4().hex[:8]}"
        login_conversation(b.url, sid, SANNE, b.token)
        renewals = api(b.url, b.token, "GET", f"/api/conversations/{sid}/renewals")["renewals"]
        assert [r["status"] for r in renewals] == ["awaiting_confirmation"]


@pytest.fixture(scope="module")
def two_pg_backends(tmp_path_factory):
    """Two backends on one PostgreSQL database, as in production with several instances."""
    with postgres_databases(1) as (name,):
        url = f"postgresql+asyncpg://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
        with backend_server(tmp_path_factory.mktemp("pg1"), database_url=url) as one, \
                backend_server(tmp_path_factory.mktemp("pg2"), database_url=url) as two:
            yield one, two


def test_job_on_two_postgres_backends_creates_each_renewal_once(two_pg_backends):
    one, two = two_pg_backends
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda b: run_job(b), [one, two, one, two]))
    assert sum(r["created"] for r in results) == 2
    assert sum(r["created"] for r in (run_job(one), run_job(two))) == 0
    sid = f"pg-{uuid.uuid4().hex[:8]}"
    login_conversation(two.url, sid, AHMET, two.token)
    renewals = api(two.url, two.token, "GET", f"/api/conversations/{sid}/renewals")["renewals"]
    assert len(renewals) == 1
    confirmed = api(one.url, one.token, "POST",
                    f"/api/conversations/{sid}/renewals/{renewals[0]['id']}/confirm")
    assert confirmed["renewal"]["status"] == "awaiting_payment"


def test_ending_the_product_withdraws_its_open_renewal(tmp_path):
    with backend_server(tmp_path) as b:
        run_job(b)
        sid = f"end-{uuid.uuid4().hex[:8]}"
        login_conversation(b.url, sid, SANNE, b.token)
        base = f"/api/conversations/{sid}"
        r = api(b.url, b.token, "GET", f"{base}/renewals")["renewals"][0]
        api(b.url, b.token, "POST", f"{base}/renewals/{r['id']}/confirm")
        api(b.url, b.token, "POST", f"{base}/products/{r['permit_id']}/termination",
            {"iban": "NL91 ABNA 0417 1643 00"})
        assert api(b.url, b.token, "GET", f"{base}/renewals")["renewals"] == []
        assert api(b.url, b.token, "GET", f"{base}/cart")["items"] == []
        assert api(b.url, b.token, "GET", f"{base}/overview")["counts"]["renewals"] == 0
