"""A move to a final status is conditional: of two requests that both saw the row before
the move, only the first one finishes it (on SQLite, and on PostgreSQL when it is there)."""

import asyncio

import pytest
from sqlalchemy import select

from backend.db.models import Base, Notification
from backend.db.session import make_engine, make_sessionmaker
from backend.domain.statuses import NotificationStatus
from backend.services.transitions import move


async def second_move_is_refused(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as con:
            await con.run_sync(Base.metadata.create_all)
        maker = make_sessionmaker(engine)
        async with maker.begin() as db:
            db.add(Notification(sid="s", intent="EXTERNAL_x", entities={}))
        async with maker() as one, maker() as two:       # both read the row while it is pending
            first = await one.scalar(select(Notification))
            second = await two.scalar(select(Notification))
            assert first.status == second.status == NotificationStatus.PENDING
            assert await move(one, first, NotificationStatus.SENT)
            assert first.status == NotificationStatus.SENT
            await one.commit()
            assert not await move(two, second, NotificationStatus.SENT, (NotificationStatus.PENDING,))
            assert second.status == NotificationStatus.PENDING    # the loser's row is left alone
            await two.commit()
        async with maker() as db:
            assert (await db.scalar(select(Notification))).status == NotificationStatus.SENT
            # A final status is never left, whatever the caller expects by default.
            row = await db.scalar(select(Notification))
            assert not await move(db, row, NotificationStatus.FAILED)
    finally:
        await engine.dispose()


def test_second_final_move_is_refused_on_sqlite(tmp_path):
    asyncio.run(second_move_is_refused(f"sqlite+aiosqlite:///{tmp_path / 'moves.db'}"))


def test_second_final_move_is_refused_on_postgres():
    from tests.support.services import PG, postgres_databases
    pytest.importorskip("asyncpg")
    with postgres_databases(1) as (name,):
        asyncio.run(second_move_is_refused(f"postgresql+asyncpg://{PG['user']}@{PG['host']}:{PG['port']}/{name}"))
