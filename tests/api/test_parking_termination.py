"""Ending a bezoekersvergunning ends its visitors' parking too: a running session stops at
once and a planned one is cancelled, each with its unused part back on the balance (own
backend: the permit is ended for good here)."""

from datetime import datetime, timedelta
from decimal import Decimal

from backend.domain.tariffs import LOCAL
from tests.api.parking_support import EVA, OPENING, at, start, visitor_permit, weekday_ahead


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
