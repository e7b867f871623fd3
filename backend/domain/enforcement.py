"""Handhaving: may a plate park in a zone now, and why (pure, no I/O).

The rights a plate can have, each from its own source:
- a permit (bewoners-, bedrijfsvergunning, jaarkaart) in the zone, valid today and active,
  where only the active plate of a permit with two plates counts (kentekenswitch);
- a visitor's parking session in the zone that runs now;
- garage subscriptions: added by the garage issue (see GARAGE_PRODUCTS and `decide`).

When nothing allows parking, the reason tells the officer the nearest miss: the plate is the
inactive one of a permit that would count, or the permit is for another zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from backend.domain.dates import as_utc
from backend.domain.statuses import ParkingSessionStatus, PermitStatus
from backend.domain.tariffs import LOCAL

# Products whose plates never give a right to park on the street: a garage subscription is
# for its garage. The garage issue adds its own source (subscriptions per garage) to `decide`.
GARAGE_PRODUCTS = frozenset({"garageabonnement"})


class Reason(StrEnum):
    PERMIT = "permit"
    VISITOR_SESSION = "visitor_session"
    NO_RIGHT = "no_right"
    INACTIVE_PLATE = "inactive_plate"
    PERMIT_OTHER_ZONE = "permit_other_zone"


@dataclass(frozen=True)
class PermitRight:
    """One permit that carries the plate (whatever its zone, status or dates)."""
    number: str | None
    product_code: str
    zone_code: str
    valid_from: date
    valid_until: date
    status: str
    plate_active: bool


@dataclass(frozen=True)
class SessionRight:
    """One visitor parking session for the plate."""
    zone_code: str
    starts_at: datetime
    ends_at: datetime
    status: str


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: Reason
    permit_number: str | None = None
    valid_until: date | None = None
    session_ends_at: datetime | None = None


def local_today(now: datetime) -> date:
    """The calendar day in Deventer at `now` (an aware datetime)."""
    return now.astimezone(LOCAL).date()


def permit_valid(p: PermitRight, today: date) -> bool:
    """Active, on the street, and `today` within its dates (both days included)."""
    return (p.status == PermitStatus.ACTIVE and p.product_code not in GARAGE_PRODUCTS
            and p.valid_from <= today <= p.valid_until)


def session_runs(s: SessionRight, now: datetime) -> bool:
    return s.status == ParkingSessionStatus.ACTIVE and as_utc(s.starts_at) <= now < as_utc(s.ends_at)


def decide(zone_code: str, permits: Iterable[PermitRight], sessions: Iterable[SessionRight],
           now: datetime) -> Decision:
    """The answer for one plate in `zone_code` at `now` (aware): a right first, else the
    nearest miss. Among several rights the one that lasts longest is named."""
    today = local_today(now)
    valid = [p for p in permits if permit_valid(p, today)]
    here = [p for p in valid if p.zone_code == zone_code]
    counting = [p for p in here if p.plate_active]
    if counting:
        best = max(counting, key=lambda p: p.valid_until)
        return Decision(True, Reason.PERMIT, permit_number=best.number, valid_until=best.valid_until)
    running = [s for s in sessions if s.zone_code == zone_code and session_runs(s, now)]
    if running:
        best = max(running, key=lambda s: as_utc(s.ends_at))
        return Decision(True, Reason.VISITOR_SESSION, session_ends_at=as_utc(best.ends_at))
    # Garage subscriptions (garage issue): a right from them is checked here.
    if here:
        return Decision(False, Reason.INACTIVE_PLATE, permit_number=here[0].number)
    elsewhere = [p for p in valid if p.plate_active]
    if elsewhere:
        return Decision(False, Reason.PERMIT_OTHER_ZONE, permit_number=elsewhere[0].number)
    return Decision(False, Reason.NO_RIGHT)
