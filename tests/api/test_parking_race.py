"""Money is never lost or doubled, a car never parks twice: Eva starts two sessions at the same moment from two
conversations on two channels whose total is more than her balance (one succeeds, the
other hears balance_too_low), and stops a session twice at once (one refund). On
PostgreSQL (as in production) and on SQLite, with real concurrent requests; afterwards the
ledger in the database adds up to the balance the API shows and is never negative."""

import concurrent.futures
import sqlite3
import threading
from decimal import Decimal
from urllib.parse import urlparse

import pytest

from tests.api.conftest import Citizen
from tests.api.parking_support import (
    EVA,
    OPENING,
    at,
    balance,
    paid_visitor_permit,
    start,
    visitor_permit,
    weekday_ahead,
)
from tests.support.processes import backend_server
from tests.support.services import PG


@pytest.fixture(scope="module")
def sqlite_backend(tmp_path_factory):
    with backend_server(tmp_path_factory.mktemp("race")) as info:
        yield info


def ledger_rows(backend, permit_id: int) -> list[Decimal]:
    sql = f"SELECT amount FROM ledger_entry WHERE permit_id = {int(permit_id)} ORDER BY id"
    if backend.database_url.startswith("sqlite"):
        with sqlite3.connect(backend.database_url.split("///", 1)[1]) as db:
            return [Decimal(str(a)).quantize(Decimal("0.01")) for (a,) in db.execute(sql)]
    import psycopg2
    with psycopg2.connect(host=PG["host"], port=PG["port"], user=PG["user"],
                          dbname=urlparse(backend.database_url).path.lstrip("/")) as db, db.cursor() as cur:
        cur.execute(sql)
        return [Decimal(a) for (a,) in cur.fetchall()]


def race(backend):
    phone, laptop = Citizen(backend, EVA), Citizen(backend, EVA)
    permit = visitor_permit(phone)["id"]
    assert balance(phone, permit) == OPENING
    day = weekday_ahead()
    barrier = threading.Barrier(2)

    def go(who, plate, channel):    # 9–18 on a weekday: € 10,80 each, € 21,60 together
        barrier.wait()
        return start(who, permit, plate, at(day, 9), at(day, 18), channel=channel)

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(go, (phone, laptop), ("12-ABC-3", "GF-12-34"), ("telegram", "whatsapp")))
    assert sorted(status for status, _ in results) == [201, 422], results
    refused = next(body for status, body in results if status == 422)
    assert refused["error"] == "balance_too_low" and refused["params"]["cost"] == "10.80"
    left = OPENING - Decimal("10.80")
    assert balance(laptop, permit) == left
    rows = ledger_rows(backend, permit)
    assert sum(rows) == left and len(rows) == 2

    made = next(body for status, body in results if status == 201)["session"]
    barrier = threading.Barrier(3)

    def same_key(_):                # a triple tap on "Ja": one session, one charge
        barrier.wait()
        return start(phone, permit, "5-TXB-21", at(day, 1), at(day, 2), key="triple-tap")

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        taps = list(pool.map(same_key, range(3)))
    assert sorted(status for status, _ in taps) == [200, 200, 201], taps
    assert len({body["session"]["id"] for _, body in taps}) == 1
    assert len(ledger_rows(backend, permit)) == 3
    phone.call("POST", f"/parking-sessions/{taps[0][1]['session']['id']}/stop")
    barrier = threading.Barrier(2)

    def stop(who):
        barrier.wait()
        return who.call_status("POST", f"/parking-sessions/{made['id']}/stop")

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        stops = list(pool.map(stop, (phone, laptop)))
    assert sorted(status for status, _ in stops) == [200, 409], stops
    assert next(body for status, body in stops if status == 409)["error"] == "session_not_active"
    assert balance(phone, permit) == OPENING
    rows = ledger_rows(backend, permit)
    assert sum(rows) == OPENING and len(rows) == 5
    running = Decimal(0)
    for amount in rows:             # never below zero at any point
        running += amount
        assert running >= 0


def test_two_sessions_at_once_and_a_double_stop_on_postgres(pg_backend):
    race(pg_backend)


def test_two_sessions_at_once_and_a_double_stop_on_sqlite(sqlite_backend):
    race(sqlite_backend)


def same_plate_on_two_permits(backend):
    """One visitor's car started by two hosts at the same moment: it parks once."""
    eva, sanne = Citizen(backend, EVA), Citizen(backend, "999990111")
    permits = {eva: visitor_permit(eva)["id"], sanne: paid_visitor_permit(sanne)}
    day = weekday_ahead()

    for _ in range(3):
        barrier = threading.Barrier(2)

        def go(who, barrier=barrier):   # at night: free, so only the plate rule can refuse
            barrier.wait()
            return start(who, permits[who], "34-XY-56", at(day, 1), at(day, 3))

        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            results = list(pool.map(go, (eva, sanne)))
        assert sorted(status for status, _ in results) == [201, 422], results
        assert next(body for status, body in results if status == 422)["error"] == "plate_already_parks"
        made = next(body for status, body in results if status == 201)["session"]
        owner = eva if any(s["id"] == made["id"] for s in eva.call("GET", "/parking-sessions")["sessions"]) else sanne
        owner.call("POST", f"/parking-sessions/{made['id']}/stop")


def test_the_same_plate_on_two_permits_at_once_parks_once_on_postgres(pg_backend):
    same_plate_on_two_permits(pg_backend)


def test_the_same_plate_on_two_permits_at_once_parks_once_on_sqlite(sqlite_backend):
    same_plate_on_two_permits(sqlite_backend)
