"""Visitor parking sessions against a real backend (SQLite): cost by the zone's tariff taken
from the balance, every refusal, stop and cancel with their refunds, the same key twice,
the job that ends sessions, and only one's own sessions.

Eva Visser (999990159) has bezoekersvergunning P-2026-000005 in the Binnenstad with € 12,50
(paid Monday–Saturday 9–18, € 1,20 an hour). The tests share one backend: each cancels
what it planned, and compares with the balance it started from.
"""

import json
import sqlite3
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from backend.domain.tariffs import LOCAL, cost
from tests.api.parking_support import (
    EVA,
    OPENING,
    at,
    balance,
    paid_visitor_permit,
    seeded_rules,
    start,
    visitor_permit,
    weekday_ahead,
)
from tests.support.processes import api, api_call


@pytest.fixture
def eva(citizen):
    c = citizen(EVA)
    c.permit = visitor_permit(c)["id"]
    c.before = balance(c, c.permit)
    yield c
    for s in c.call("GET", "/parking-sessions")["sessions"]:      # give back what the test spent
        c.call("POST", f"/parking-sessions/{s['id']}/stop")


def test_a_planned_session_costs_the_tariff_once_and_cancelling_gives_it_all_back(eva):
    day = weekday_ahead()
    status, first = start(eva, eva.permit, "12-abc-3", at(day, 14), at(day, 17), key="eva-1")
    assert status == 201, first
    s = first["session"]
    assert (s["display"], s["state"], first["cost"]) == ("12-ABC-3", "planned", "3.60")
    assert Decimal(first["balance"]) == eva.before - Decimal("3.60")
    status, again = start(eva, eva.permit, "12-abc-3", at(day, 14), at(day, 17), key="eva-1")   # double tap
    assert status == 200 and again["session"]["id"] == s["id"] and again["balance"] == first["balance"]
    listed = eva.call("GET", f"/products/{eva.permit}/parking-sessions?state=current")
    assert [x["id"] for x in listed["sessions"]] == [s["id"]] and listed["balance"] == first["balance"]

    stopped = eva.call("POST", f"/parking-sessions/{s['id']}/stop")
    assert (stopped["session"]["status"], stopped["refund"]) == ("cancelled", "3.60")
    assert Decimal(stopped["balance"]) == eva.before
    status, twice = eva.call_status("POST", f"/parking-sessions/{s['id']}/stop")
    assert (status, twice["error"]) == (409, "session_not_active")
    assert balance(eva, eva.permit) == eva.before
    assert eva.call("GET", "/parking-sessions")["sessions"] == []
    history = eva.call("GET", f"/products/{eva.permit}/parking-sessions?state=all")["sessions"]
    assert [(x["id"], x["state"], x["refund"]) for x in history][:1] == [(s["id"], "cancelled", "3.60")]


def test_the_preview_names_the_cost_and_refusals_and_changes_nothing(eva):
    day = weekday_ahead()
    path = f"/products/{eva.permit}/parking-sessions/preview"
    plate = eva.call("POST", path, {"plate": "12abc3", "plate_only": True})
    assert plate == {"plate": "12ABC3", "display": "12-ABC-3"}
    assert eva.call_status("POST", path, {"plate": "onzin", "plate_only": True})[1]["error"] == "plate_invalid"
    seen = eva.call("POST", path, {"plate": "12-ABC-3", "start": at(day, 14), "end": at(day, 17)})
    assert (seen["cost"], Decimal(seen["balance"]), Decimal(seen["balance_after"])) == \
        ("3.60", eva.before, eva.before - Decimal("3.60"))
    status, body = eva.call_status("POST", path, {"plate": "12-ABC-3", "start": at(day, 9),
                                                 "end": at(day + timedelta(days=3), 18)})
    assert (status, body["error"]) == (422, "balance_too_low")
    assert balance(eva, eva.permit) == eva.before and eva.call("GET", "/parking-sessions")["sessions"] == []


def test_outside_paid_hours_nothing_is_charged(eva):
    day = weekday_ahead()
    status, night = start(eva, eva.permit, "GF-12-34", at(day, 1), at(day, 6))
    assert status == 201 and night["cost"] == "0.00" and Decimal(night["balance"]) == eva.before


def test_stopping_a_running_session_gives_back_the_unused_part(eva):
    rules = seeded_rules()
    now = datetime.now(LOCAL)
    end = now + timedelta(minutes=30)
    while cost(rules, now, end) < Decimal("1.00"):       # the first stretch that costs something
        end += timedelta(minutes=30)
    status, made = start(eva, eva.permit, "5-TXB-21", None, end.isoformat())
    assert status == 201 and made["session"]["state"] == "running", made
    charged = Decimal(made["cost"])
    assert Decimal(made["balance"]) == eva.before - charged
    stopped = eva.call("POST", f"/parking-sessions/{made['session']['id']}/stop")
    s = stopped["session"]
    used = cost(rules, datetime.fromisoformat(s["starts_at"]), datetime.fromisoformat(s["stopped_at"]))
    assert s["status"] == "stopped" and Decimal(stopped["refund"]) == charged - used
    assert Decimal(stopped["balance"]) == eva.before - used
    assert eva.call_status("POST", f"/parking-sessions/{s['id']}/stop")[1]["error"] == "session_not_active"


@pytest.mark.parametrize(("period", "code"), [
    (lambda d: (at(date.today() - timedelta(days=2), 10), at(date.today() - timedelta(days=2), 11)), "period_in_past"),
    (lambda d: (at(d, 12), at(d, 11)), "end_before_start"),
    (lambda d: (at(d + timedelta(days=20), 10), at(d + timedelta(days=20), 11)), "too_far_ahead"),
    (lambda d: (at(d, 9), at(d + timedelta(days=3), 18)), "balance_too_low"),
])
def test_refusals_of_the_period_and_the_balance_change_nothing(eva, period, code):
    first, last = period(weekday_ahead())
    status, body = start(eva, eva.permit, "12-ABC-3", first, last)
    assert (status, body["error"]) == (422, code), body
    if code == "balance_too_low":
        assert Decimal(body["params"]["balance"]) == eva.before and Decimal(body["params"]["cost"]) > OPENING
    if code == "too_far_ahead":
        assert body["params"]["max_days"] == 14
    assert balance(eva, eva.permit) == eva.before
    assert eva.call("GET", "/parking-sessions")["sessions"] == []


def test_a_plate_that_parks_already_and_too_many_cars_at_once_are_refused(eva):
    day = weekday_ahead()
    assert start(eva, eva.permit, "12-ABC-3", at(day, 2), at(day, 4))[0] == 201
    status, body = start(eva, eva.permit, "12abc3", at(day, 3), at(day, 5))
    assert (status, body["error"], body["params"]["plate"]) == (422, "plate_already_parks", "12-ABC-3")
    assert start(eva, eva.permit, "12-ABC-3", at(day, 4), at(day, 5))[0] == 201     # right after: fine
    assert start(eva, eva.permit, "GF-12-34", at(day, 2), at(day, 5))[0] == 201     # three now
    status, body = start(eva, eva.permit, "K-123-BB", at(day, 3), at(day, 5))
    assert (status, body["error"], body["params"]) == (422, "max_sessions_reached", {"max": 3})
    assert balance(eva, eva.permit) == eva.before       # all at night: free


def test_a_plate_parked_on_another_holders_permit_is_refused_without_telling_its_times(eva, citizen):
    sanne = citizen("999990111")
    permit = paid_visitor_permit(sanne)
    day = weekday_ahead()
    assert start(eva, eva.permit, "12-ABC-3", at(day, 2), at(day, 4))[0] == 201
    status, body = start(sanne, permit, "12-ABC-3", at(day, 3), at(day, 5))
    assert (status, body["error"], body["params"]) == (422, "plate_already_parks",
                                                       {"plate": "12-ABC-3", "until": None})
    assert sanne.call("GET", "/parking-sessions")["sessions"] == []


def test_bad_input_and_other_peoples_products_are_refused(eva, citizen):
    day = weekday_ahead()
    status, body = start(eva, eva.permit, "hallo", at(day, 2), at(day, 4))
    assert (status, body["error"]) == (422, "plate_invalid")
    assert start(eva, eva.permit, "12-ABC-3", "morgen", at(day, 4))[0] == 400
    assert start(eva, eva.permit, "12-ABC-3", None, "2026-12-01T10:00:00")[0] == 400    # no offset
    resident = next(p for p in eva.call("GET", "/products?state=current")["products"]
                    if p["product_code"] == "bewonersvergunning")
    status, body = start(eva, resident["id"], "12-ABC-3", at(day, 2), at(day, 4))
    assert (status, body["error"]) == (409, "not_a_visitor_permit")
    jan = citizen("999990019")
    assert start(jan, eva.permit, "12-ABC-3", at(day, 2), at(day, 4))[0] == 404
    made = start(eva, eva.permit, "12-ABC-3", at(day, 2), at(day, 4))[1]["session"]
    assert jan.call_status("POST", f"/parking-sessions/{made['id']}/stop")[0] == 404
    assert jan.call("GET", "/parking-sessions")["sessions"] == []


def test_the_job_ends_sessions_past_their_end_without_moving_money(backend, eva):
    day = weekday_ahead()
    status, made = start(eva, eva.permit, "ZT-512-H", at(day, 10), at(day, 11))
    left = eva.before - Decimal("1.20")
    assert status == 201 and Decimal(made["balance"]) == left
    before = api(backend.url, backend.token, "POST", "/api/jobs/parking-sessions", {"now": at(day, 10, 59)})
    assert before["ended"] == 0
    after = {"now": at(day, 11, 1)}
    assert api(backend.url, backend.token, "POST", "/api/jobs/parking-sessions", after)["ended"] == 1
    assert api(backend.url, backend.token, "POST", "/api/jobs/parking-sessions", after)["ended"] == 0
    with sqlite3.connect(backend.database_url.split("///", 1)[1]) as db:      # told to the conversation
        told = db.execute("SELECT sid, entities FROM notification WHERE intent = 'EXTERNAL_parking_ended'").fetchall()
    assert [(sid, json.loads(e)["plate"]) for sid, e in told] == [(eva.sid, "ZT-512-H")]
    s = next(x for x in eva.call("GET", "/parking-sessions?state=all")["sessions"] if x["id"] == made["session"]["id"])
    assert (s["status"], s["state"], s["refund"]) == ("ended", "ended", None)
    assert balance(eva, eva.permit) == left
    status, body = eva.call_status("POST", f"/parking-sessions/{s['id']}/stop")
    assert (status, body["error"]) == (409, "session_not_active")
    assert balance(eva, eva.permit) == left


def test_not_logged_in_is_refused(backend):
    status, body = api_call(backend.url, backend.token, "GET", "/api/conversations/nobody-here/parking-sessions")
    assert (status, body["error"]) == (401, "not_logged_in")
