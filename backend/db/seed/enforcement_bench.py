"""Generated data for the enforcement benchmark: many permits and running visitor sessions,
written with bulk inserts (one executemany per table) on top of the demo catalogue.

    python -m backend seed-enforcement --permits 100000 --sessions 10000

Every twentieth permit is a bezoekersvergunning (no plates; the sessions hang on them), every
fifth has two plates of which one is active, one in twenty-five has ended. Per running session
there is an ended one earlier today on the same plate, and one in ten sessions is planned
later, so the index has to skip what no longer counts. Holders carry no personal data.
`Samples` are plates per expected answer, for the benchmark's mix of checks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Address, Citizen, Permit, PermitPlate
from backend.db.visitor_models import ParkingSession
from backend.domain.enforcement import local_today

LETTERS = "BDFGHJKLNPRSTVXZ"            # letters of Dutch plates (no vowels, no C/Q/W/M/Y)
STREET_PRODUCTS = ("bewonersvergunning", "bedrijfsvergunning", "jaarkaart")
ZONES = ("binnenstad", "schilwijken")


@dataclass
class Samples:
    """(plate, zone) per reason the check must give."""
    by_reason: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add(self, reason: str, plate: str, zone: str) -> None:
        self.by_reason.setdefault(reason, []).append((plate, zone))


def plate_for(k: int) -> str:
    """The k-th plate of sidecode 9 (XX-999-X) from LETTERS: 4 million different ones."""
    digits, rest = k % 1000, k // 1000
    a, b, c = rest // 256 % 16, rest // 16 % 16, rest % 16
    return f"{LETTERS[a]}{LETTERS[b]}{digits:03d}{LETTERS[c]}"


def other_zone(zone: str) -> str:
    return ZONES[1 - ZONES.index(zone)]


async def fill(db: AsyncSession, permits: int = 100_000, sessions: int = 10_000,
               now: datetime | None = None, seed: int = 13) -> Samples:
    """Add `permits` permits and `sessions` running visitor sessions (plus ended and planned
    ones) to a database with the demo catalogue; returns plates to check."""
    rnd = random.Random(seed)
    now = now or datetime.now(timezone.utc)
    today = local_today(now)
    taken = set(await db.scalars(select(PermitPlate.plate))) | set(await db.scalars(select(ParkingSession.plate)))
    plates = (p for p in map(plate_for, range(4_000_000)) if p not in taken)
    samples = Samples()

    addresses = {}
    for zone in ZONES:
        address = Address(street="Benchmarkstraat", house_number="1", postcode="7411 AA", city="Deventer",
                          zone_code=zone)
        db.add(address)
        await db.flush()
        addresses[zone] = address.id
    first_citizen = (await db.scalar(select(Citizen.id).order_by(Citizen.id.desc()).limit(1)) or 0) + 1
    first_permit = (await db.scalar(select(Permit.id).order_by(Permit.id.desc()).limit(1)) or 0) + 1

    citizen_rows, permit_rows, plate_rows, visitor_permits = [], [], [], []
    for i in range(permits):
        cid, pid = first_citizen + i, first_permit + i
        zone = ZONES[i % 3 == 0]
        visitor = i % 20 == 0
        ended = i % 25 == 1
        citizen_rows.append({"id": cid, "kind": "person", "name": f"Benchmark {i}", "email": "",
                             "situation": "Benchmark", "address_id": addresses[zone]})
        start = today - timedelta(days=rnd.randrange(400, 700) if ended else rnd.randrange(0, 300))
        permit_rows.append({
            "id": pid, "number": f"B-{i:08d}", "citizen_id": cid,
            "product_code": "bezoekersvergunning" if visitor else STREET_PRODUCTS[i % 3],
            "zone_code": zone, "period_code": "jaar", "valid_from": start,
            "valid_until": start + timedelta(days=364), "status": "ended" if ended else "active",
            "ended_on": start + timedelta(days=364) if ended else None, "created_at": now})
        if visitor:
            visitor_permits.append((pid, cid, zone))
            continue
        two = i % 5 == 2
        active_pos = rnd.randrange(2) if two else 0
        for pos in range(2 if two else 1):
            plate = next(plates)
            plate_rows.append({"permit_id": pid, "position": pos, "plate": plate, "active": pos == active_pos})
            if ended:
                samples.add("no_right", plate, zone)
            elif pos != active_pos:
                samples.add("inactive_plate", plate, zone)
            else:
                samples.add("permit", plate, zone)
                samples.add("permit_other_zone", plate, other_zone(zone))

    session_rows = []
    for s in range(sessions):
        pid, cid, zone = visitor_permits[s % len(visitor_permits)]
        plate = next(plates)
        row = {"permit_id": pid, "citizen_id": cid, "plate": plate, "zone_code": zone, "cost": Decimal("2.00"),
               "channel": "bench", "created_at": now, "stopped_at": None}
        started = now - timedelta(minutes=rnd.randrange(1, 180))
        session_rows.append({**row, "starts_at": started, "ends_at": now + timedelta(minutes=rnd.randrange(30, 300)),
                             "status": "active"})
        samples.add("visitor_session", plate, zone)
        earlier = started - timedelta(minutes=rnd.randrange(60, 240))        # the same visitor before
        session_rows.append({**row, "starts_at": earlier, "ends_at": earlier + timedelta(minutes=45),
                             "status": "ended"})
        if s % 10 == 0:
            later = next(plates)
            begins = now + timedelta(hours=rnd.randrange(2, 48))
            session_rows.append({**row, "plate": later, "starts_at": begins, "ends_at": begins + timedelta(hours=2),
                                 "status": "active"})
            samples.add("no_right", later, zone)
    for _ in range(max(1, permits // 50)):
        samples.add("no_right", next(plates), ZONES[rnd.randrange(2)])     # cars with no right at all

    for table, rows in ((Citizen, citizen_rows), (Permit, permit_rows), (PermitPlate, plate_rows),
                        (ParkingSession, session_rows)):
        for chunk in range(0, len(rows), 5000):
            await db.execute(insert(table.__table__), rows[chunk:chunk + 5000])
    if db.bind.dialect.name == "postgresql":   # explicit ids: move the sequences past them
        for table in ("citizen", "permit"):
            await db.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))
    return samples


async def analyze(db: AsyncSession) -> None:
    """Fresh planner statistics after a bulk load (autovacuum would do it later)."""
    await db.execute(text("ANALYZE"))

