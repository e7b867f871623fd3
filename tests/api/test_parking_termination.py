"""Ending a bezoekersvergunning ends its visitors' parking and its top-up links too: a running session stops at
once and a planned one is cancelled, each with its unused part back on the balance (own
backend: the permit is ended for good here)."""

from datetime import datetime, timedelta
from decimal import Decimal

import httpx

from backend.domain.tariffs import LOCAL
from tests.api.parking_support import (
    EVA,
    OPENING,
    at,
    paid_visitor_permit,
    start,
    visitor_permit,
    weekday_ahead,
)
from tests.support.person import Person


def test_ending_the_visitor_permit_stops_and_cancels_its_sessions_with_refunds(citizen):
    eva = citizen(EVA)
    permit = visitor_permit(eva)["id"]
    soon = (datetime.now(LOCAL) + timedelta(hours=3)).isoformat()
    status, running = start(eva, permit, "12-ABC-3", None, soon)
    assert status == 201, running
    day = weekday_ahead()
    status, planned = start(eva, permit, "34-XY-56", at(day, 10), at(day, 12))
    assert status == 201 and planned["cost"] == "2.40"

    done = eva.call("POST", f"/products/{permit}/termination", {})
    assert done["ended_on"]
    assert eva.call("GET", "/parking-sessions")["sessions"] == []          # nobody parks on it any more
    (ended,) = [p for p in eva.call("GET", "/products?state=history")["products"] if p["id"] == permit]
    history = eva.call("GET", "/parking-sessions?state=all")["sessions"]
    states = {s["display"]: (s["state"], Decimal(s["refund"])) for s in history}
    assert states["34-XY-56"] == ("cancelled", Decimal("2.40"))
    assert states["12-ABC-3"][0] == "stopped"
    used = Decimal(running["cost"]) - states["12-ABC-3"][1]
    assert Decimal(ended["balance"]) == OPENING - used                  # only what was parked is gone


def test_a_top_up_link_of_an_ended_permit_takes_no_money_and_a_late_payment_is_paid_back(backend, citizen):
    from tests.api.test_top_up import db_rows, db_write, psp_of

    sanne = citizen("999990111")        # applies for a bezoekersvergunning and pays it
    permit = paid_visitor_permit(sanne)
    link = sanne.call("POST", f"/products/{permit}/top-up", {"amount": "25.00"})

    sanne.call("POST", f"/products/{permit}/termination", {"iban": "NL91ABNA0417164300"})
    assert sanne.call("GET", f"/payments/{link['payment_id']}")["status"] == "superseded"
    assert Person().open(link["payment_url"]).status == 409           # the link takes no money

    # The bank paid it anyway: the money is paid back with the permit's refund, not lost.
    (refund_before,) = db_rows(backend, "select amount from refund where permit_id = ?", permit)
    psp_id, webhook_url = psp_of(backend, link["payment_id"])
    db_write(backend, "update sim_psp_payment set status = 'paid', paid_at = current_timestamp where id = ?", psp_id)
    assert httpx.post(webhook_url, data={"id": psp_id}).status_code == 200
    (refund_after,) = db_rows(backend, "select amount from refund where permit_id = ?", permit)
    assert Decimal(str(refund_after[0])) == Decimal(str(refund_before[0])) + 25
    assert db_rows(backend, "select count(*) from ledger_entry where top_up_id = ?", link["top_up_id"]) == [(0,)]
