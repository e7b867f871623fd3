"""The parkeertegoed of a bezoekersvergunning as a ledger (backend/db/visitor_models.py).

The balance is the sum of the permit's entries, never stored apart. A transaction that
decides on the balance (a session that costs money, a top-up under the ceiling) first calls
`lock_permit` (services/permits.py), so two of them for the same permit run one after the
other: on PostgreSQL
the permit row is locked, on SQLite the write lock is taken before anything is read.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.visitor_models import LedgerEntry

KINDS = ("top_up", "parking", "refund", "opening")   # opening: a seeded or carried-over balance


async def balance(db: AsyncSession, permit_id: int) -> Decimal:
    total = await db.scalar(select(func.coalesce(func.sum(LedgerEntry.amount), 0))
                            .where(LedgerEntry.permit_id == permit_id))
    return Decimal(total).quantize(Decimal("0.01"))


async def balances(db: AsyncSession, permit_ids: list[int]) -> dict[int, Decimal]:
    """The balance of each permit in one query (lists of products)."""
    rows = await db.execute(select(LedgerEntry.permit_id, func.sum(LedgerEntry.amount))
                            .where(LedgerEntry.permit_id.in_(permit_ids)).group_by(LedgerEntry.permit_id))
    found = {pid: Decimal(total).quantize(Decimal("0.01")) for pid, total in rows}
    return {pid: found.get(pid, Decimal("0.00")) for pid in permit_ids}


async def post(db: AsyncSession, permit_id: int, amount: Decimal, kind: str, *,
               top_up_id: int | None = None, session_id: int | None = None) -> LedgerEntry:
    """Write one entry. The unique constraints make a second entry for the same top-up, or
    the same (session, kind), fail the transaction: money is never counted twice."""
    if kind not in KINDS:
        raise ValueError(f"unknown ledger kind {kind!r}")
    entry = LedgerEntry(permit_id=permit_id, amount=amount, kind=kind, top_up_id=top_up_id,
                        session_id=session_id)
    db.add(entry)
    await db.flush()
    return entry
