"""Finding a citizen's own permit: every journey on an existing product starts here; and the
permit lock that serialises decisions on one permit (balance, active plate, plates)."""

from __future__ import annotations

from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Citizen, Permit
from backend.domain.plates import display
from backend.domain.statuses import PermitStatus
from backend.services.errors import ApiError


async def own_permit(db: AsyncSession, citizen: Citizen, permit_id: int, active: bool = True) -> Permit:
    """The permit when it is this citizen's (404 otherwise, whoever's it is) and, with
    `active`, still running (409 already_ended)."""
    permit = await db.get(Permit, permit_id)
    if permit is None or permit.citizen_id != citizen.id:
        raise ApiError("unknown_product", status=404)
    if active and permit.status != PermitStatus.ACTIVE:
        raise ApiError("already_ended", {"number": permit.number}, 409)
    return permit


async def lock_permit(db: AsyncSession, permit_id: int, *, active: bool = False) -> bool:
    """Serialise decisions on one permit (call it first in the transaction, before reading):
    a no-op UPDATE of the permit row, a row lock on PostgreSQL, the write lock on SQLite.
    With `active`, only a permit that is still active is locked. True when a row was locked."""
    query = update(Permit).where(Permit.id == permit_id)
    if active:
        query = query.where(Permit.status == PermitStatus.ACTIVE)
    result = await db.execute(query.values(id=Permit.id).execution_options(synchronize_session=False))
    return result.rowcount == 1


def active_plate(permit: Permit) -> str | None:
    """The plate that may park now (shown with dashes), None for a permit without plates."""
    return next((display(p.plate) for p in permit.plates if p.active), None)


async def lock_plate(db: AsyncSession, plate: str) -> None:
    """Serialise decisions on one plate across permits (a visitor's car on two visitor
    permits at once): a transaction-scoped advisory lock on PostgreSQL. SQLite needs none:
    `lock_permit` already holds its single write lock."""
    if db.bind.dialect.name == "postgresql":
        await db.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"plate:{plate}"})
