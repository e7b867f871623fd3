"""Handhaving: the enforcement officers' check "may plate X park in zone Y now?".

One indexed query per source (permits by `permit_plate.plate`, visitor sessions by
`parking_session(plate, ends_at)`); the decision is `backend/domain/enforcement.py`.
The answer and the log carry no personal data: no name, no BSN, no address. A check is an
audit matter of the officers' system, so the log counts checks per zone and reason and
never names the plate.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, timezone

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Permit, PermitPlate, Zone
from backend.db.visitor_models import ParkingSession
from backend.domain import enforcement as rules
from backend.domain.plates import display_any, normalize_any
from backend.domain.statuses import ParkingSessionStatus, PermitStatus
from backend.services.errors import ApiError

log = logging.getLogger(__name__)
COUNTS: Counter = Counter()          # (zone, reason) → checks answered by this process


_ZONES: set[str] = set()     # zones seen to exist: catalogue rows, never removed (permits refer to them)


async def known_zone(db: AsyncSession, zone_code: str) -> bool:
    """Whether the zone exists; asked of the database once per zone and process."""
    if zone_code in _ZONES:
        return True
    if not zone_code or await db.scalar(select(Zone.code).where(Zone.code == zone_code)) is None:
        return False
    _ZONES.add(zone_code)
    return True


def permits_query(plate: str):
    """Every permit that carries the plate (index ix_permit_plate_plate, then the permit's key)."""
    return (select(Permit.number, Permit.product_code, Permit.zone_code, Permit.valid_from,
                   Permit.valid_until, Permit.status, PermitPlate.active)
            .join(Permit, Permit.id == PermitPlate.permit_id)
            .where(PermitPlate.plate == plate))


def sessions_query(plate: str, now: datetime):
    """The plate's visitor sessions that have not ended yet, running or planned
    (index ix_parking_session_plate_ends_at), of a bezoekersvergunning that is active and
    valid today (local day): a session of an ended or expired permit gives no right."""
    today = rules.local_today(now)
    return (select(ParkingSession.zone_code, ParkingSession.starts_at, ParkingSession.ends_at,
                   ParkingSession.status)
            .join(Permit, Permit.id == ParkingSession.permit_id)
            .where(ParkingSession.plate == plate, ParkingSession.ends_at > now,
                   ParkingSession.status == ParkingSessionStatus.ACTIVE,
                   Permit.status == PermitStatus.ACTIVE, Permit.valid_from <= today,
                   Permit.valid_until >= today))


async def permits_of(db: AsyncSession, plate: str) -> list[rules.PermitRight]:
    return [rules.PermitRight(*row) for row in await db.execute(permits_query(plate))]


async def sessions_of(db: AsyncSession, plate: str, now: datetime) -> list[rules.SessionRight]:
    return [rules.SessionRight(*row) for row in await db.execute(sessions_query(plate, now))]


async def query_plans(db: AsyncSession, plate: str, now: datetime) -> dict[str, str]:
    """The database's plan of each source's query (benchmark and tests: are indexes used?)."""
    dialect = db.bind.dialect
    explain = "EXPLAIN QUERY PLAN " if dialect.name == "sqlite" else "EXPLAIN "
    plans = {}
    for name, query in (("permits", permits_query(plate)), ("sessions", sessions_query(plate, now))):
        sql = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        rows = (await db.execute(text(explain + sql))).all()
        plans[name] = "; ".join(str(row[-1]).strip() for row in rows)
    return plans


# Garage subscriptions (garage issue): their query goes here, next to the two above, and its
# rights into rules.decide.


async def check(db: AsyncSession, plate_text: str, zone_code: str, now: datetime | None = None) -> dict:
    """The officer's answer for one plate in one zone at `now` (default: this moment)."""
    plate = normalize_any(plate_text or "")       # Dutch or foreign; a foreign one finds no permit
    if plate is None:
        raise ApiError("plate_invalid", status=400)
    zone_code = (zone_code or "").strip().lower()
    if not await known_zone(db, zone_code):
        raise ApiError("unknown_zone", status=400)
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    decision = rules.decide(zone_code, await permits_of(db, plate), await sessions_of(db, plate, now), now)
    COUNTS[zone_code, decision.reason.value] += 1
    log.info("enforcement check: zone=%s allowed=%s reason=%s (%d such checks)", zone_code,
             decision.allowed, decision.reason.value, COUNTS[zone_code, decision.reason.value])
    return answer(plate, zone_code, now, decision)


def answer(plate: str, zone_code: str, now: datetime, d: rules.Decision) -> dict:
    out = {"plate": display_any(plate), "zone": zone_code, "checked_at": now.isoformat(),
           "allowed": d.allowed, "reason": d.reason.value}
    if d.permit_number is not None:
        out["permit_number"] = d.permit_number
    if d.valid_until is not None:
        out["valid_until"] = d.valid_until.isoformat()
    if d.session_ends_at is not None:
        out["session_ends_at"] = d.session_ends_at.isoformat()
    return out

