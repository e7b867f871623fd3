"""Shared by the parking API tests: Eva Visser's bezoekersvergunning, local times in the
coming days, and the zone's tariff as seeded (to check a refund against the real rules)."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from backend.domain.tariffs import LOCAL, PaidWindow, TariffRules
from backend.settings import ROOT

EVA = "999990159"
OPENING = Decimal("12.50")


def seeded_rules(zone: str = "binnenstad") -> TariffRules:
    data = json.loads((ROOT / "backend/db/seed/demo.json").read_text())["visitor"][zone]
    return TariffRules(zone, tuple(PaidWindow(d, time.fromisoformat(a), time.fromisoformat(b), Decimal(r))
                                   for days, a, b, r in data["windows"] for d in days))


def weekday_ahead(weekdays=(0, 1, 2), at_least: int = 2) -> date:
    """The first local day at least `at_least` days ahead on one of `weekdays` (9–18 paid)."""
    day = datetime.now(LOCAL).date() + timedelta(days=at_least)
    while day.weekday() not in weekdays:
        day += timedelta(days=1)
    return day


def at(day: date, hour: int, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute), LOCAL).isoformat()


def visitor_permit(c) -> dict:
    return next(p for p in c.call("GET", "/products?state=current")["products"]
                if p["product_code"] == "bezoekersvergunning")


def balance(c, permit_id: int) -> Decimal:
    return Decimal(c.call("GET", f"/products/{permit_id}/parking-sessions")["balance"])


def start(c, permit_id: int, plate: str, start: str | None, end: str, key: str | None = None,
          channel: str = "rest") -> tuple[int, dict]:
    body = {"plate": plate, "end": end, "channel": channel, "idempotency_key": key or uuid.uuid4().hex}
    if start:
        body["start"] = start
    return c.call_status("POST", f"/products/{permit_id}/parking-sessions", body)


def paid_visitor_permit(c) -> int:
    """Apply for a bezoekersvergunning starting tomorrow and pay it on the PSP page, like a
    person; returns the new permit's id."""
    from tests.api.test_payments import wait_payment
    from tests.support.person import Person

    c.call("POST", "/applications", {"draft": {
        "product": "bezoekersvergunning", "start_date": (datetime.now(LOCAL).date() + timedelta(days=1)).isoformat(),
        "period": "jaar"}, "idempotency_key": f"{c.sid}:visitor"})
    checkout = c.call("POST", "/cart/checkout", {"channel": "rest"})
    Person().submit_form(checkout["payment_url"], {"status": "paid"})
    wait_payment(c, checkout["payment_id"], "paid")
    return visitor_permit(c)["id"]
