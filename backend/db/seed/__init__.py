"""Demo seed data (demo.json) and generated citizens for the benchmark."""

from __future__ import annotations

import json
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import (
    Address,
    Citizen,
    Operator,
    Permit,
    PermitPlate,
    Product,
    ProductPrice,
    Vehicle,
    Zone,
)
from backend.db.visitor_models import LedgerEntry, VisitorRule, VisitorTariff
from backend.domain.passwords import hash_password
from backend.domain.periods import PERIOD_MONTHS, add_months
from backend.domain.statuses import PermitStatus

DEMO = Path(__file__).with_name("demo.json")


async def load_demo(session: AsyncSession) -> bool:
    """Load demo.json into an empty database; returns False when data was already there."""
    if await session.scalar(select(func.count()).select_from(Zone)):
        return False
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    for z in data["zones"]:
        session.add(Zone(code=z["code"], name=z["name"]))
    await session.flush()
    for p in data["products"]:
        prices = p.pop("prices")
        session.add(Product(**p))
        await session.flush()
        for zone, per_period in prices.items():
            for pos, (period, price) in enumerate(per_period.items()):
                session.add(ProductPrice(product_code=p["code"], zone_code=zone,
                                         period_code=period, price=Decimal(price), position=pos))
    holders = {}     # BSN or KvK number → account
    for c in data["citizens"] + data.get("companies", []):
        a = c["address"]
        address = Address(street=a["street"], house_number=a["house_number"],
                          postcode=a["postcode"], city=a["city"], zone_code=a["zone"])
        session.add(address)
        await session.flush()
        citizen = Citizen(bsn=c.get("bsn"), kvk=c.get("kvk"), kind="company" if c.get("kvk") else "person",
                          name=c["name"], email=c["email"], situation=c["situation"], address_id=address.id)
        session.add(citizen)
        holders[c.get("bsn") or c["kvk"]] = citizen
    for v in data["vehicles"]:
        session.add(Vehicle(**v))
    await session.flush()
    load_visitor_rules(session, data.get("visitor", {}))
    for p in data["permits"]:
        valid_from, valid_until = permit_dates(p, date.today())
        permit = Permit(
            number=p["number"], citizen_id=holders[p.get("bsn") or p["kvk"]].id, product_code=p["product"],
            zone_code=p["zone"], period_code=p["period"], valid_from=valid_from,
            valid_until=valid_until, status=PermitStatus(p.get("status", PermitStatus.ACTIVE)),
            ended_on=date.fromisoformat(p["ended_on"]) if p.get("ended_on") else None,
            login_code_hash=hash_password(p["login_code"]) if p.get("login_code") else None,
            plates=[PermitPlate(position=i, plate=pl, active=(i == 0))
                    for i, pl in enumerate(p["plates"])])
        session.add(permit)
        await session.flush()
        if "balance" in p:       # a seeded parkeertegoed: its opening entry in the ledger
            session.add(LedgerEntry(permit_id=permit.id, amount=Decimal(p["balance"]), kind="opening"))
    return True


def load_visitor_rules(session: AsyncSession, visitor: dict) -> None:
    """The catalogue's visitor tariffs and limits per zone (demo.json "visitor")."""
    for zone, rule in visitor.items():
        if zone.startswith("_"):
            continue
        for weekdays, start, end, rate in rule["windows"]:
            for weekday in weekdays:
                session.add(VisitorTariff(zone_code=zone, weekday=weekday, start=time.fromisoformat(start),
                                          end=time.fromisoformat(end), hourly_rate=Decimal(rate)))
        session.add(VisitorRule(zone_code=zone, top_up_amounts=rule["top_up_amounts"],
                                top_up_min=Decimal(rule["top_up_min"]), top_up_max=Decimal(rule["top_up_max"]),
                                balance_max=Decimal(rule["balance_max"]), max_sessions=rule["max_sessions"],
                                max_days_ahead=rule["max_days_ahead"]))


async def ensure_demo_operators(session: AsyncSession, public: bool) -> list[str]:
    """Add the demo operators of demo.json that are missing (development credentials, see
    README). Never on a public server: there operators are made with `create-operator`."""
    if public:
        return []
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    added = []
    for o in data.get("operators", []):
        if await session.scalar(select(Operator.id).where(Operator.username == o["username"])):
            continue
        session.add(Operator(username=o["username"], name=o["name"], password_hash=hash_password(o["password"]),
                             failed_logins=0, session_version=1))
        added.append(o["username"])
    return added
def permit_dates(p: dict, today: date) -> tuple[date, date]:
    """Fixed dates, or `ends_in_days`: a whole period ending that many days after the
    seeding day (demo people whose renewal is due soon, whenever the demo is loaded)."""
    if "ends_in_days" not in p:
        return date.fromisoformat(p["valid_from"]), date.fromisoformat(p["valid_until"])
    until = today + timedelta(days=p["ends_in_days"])
    return add_months(until + timedelta(days=1), -PERIOD_MONTHS[p["period"]]), until


def bench_bsns(count: int, start: int = 10_000_000):
    """Valid BSNs (elfproef) from a range no demo citizen uses."""
    n = start
    while count:
        digits = [int(d) for d in f"{n:08d}"]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:
            yield f"{n:08d}{check}"
            count -= 1
        n += 1


async def add_bench_citizens(session: AsyncSession, count: int) -> list[tuple[str, str]]:
    """Citizens in the Binnenstad, each with a car on their own name."""
    out = []
    for i, bsn in enumerate(bench_bsns(count)):
        if await session.scalar(select(Citizen.id).where(Citizen.bsn == bsn)):
            plate = f"BX{i:04d}"
            out.append((bsn, plate))
            continue
        address = Address(street="Brink", house_number=str(100 + i), postcode="7411 BR",
                          city="Deventer", zone_code="binnenstad")
        session.add(address)
        await session.flush()
        session.add(Citizen(bsn=bsn, name=f"Burger {i}", email=f"burger{i}@example.nl",
                            situation="Benchmark", address_id=address.id))
        plate = f"BX{i:04d}"
        session.add(Vehicle(plate=plate, holder_bsn=bsn, holder_name=f"Burger {i}"))
        out.append((bsn, plate))
    return out


def demo_permit_logins() -> list[tuple[str, str]]:
    """(permit number, code) of the demo permits with a permit login, for the simulator page.
    The database keeps only a hash of the code."""
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    return [(p["number"], p["login_code"]) for p in data["permits"] if p.get("login_code")]
