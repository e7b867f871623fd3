"""Conditional status changes: a row moves to a new status only when its stored status is
still one of the expected ones, so two concurrent requests never both finish the same row
(the loser sees rowcount 0). Works the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from backend.domain.statuses import not_final


async def move(db: AsyncSession, row, to: StrEnum, expected: Iterable[StrEnum] | None = None, **values) -> bool:
    """UPDATE row SET status = `to` WHERE status IN `expected` (default: every non-final
    status of `to`'s enum). True when this call made the change; the in-memory row follows."""
    model = type(row)
    allowed = tuple(expected) if expected is not None else not_final(type(to))
    result = await db.execute(
        update(model).where(model.id == row.id, model.status.in_(allowed))
        .values(status=to, **values).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    set_committed_value(row, "status", to)
    for key, value in values.items():
        set_committed_value(row, key, value)
    return True
