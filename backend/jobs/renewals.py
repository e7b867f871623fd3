"""Job: Verlengingen. Creates the renewals that are due (and tells the citizen in their
last conversation and by e-mail), and ends products whose renewal lapsed unpaid
("Vervallen") or was withdrawn, on their end date.

Idempotent: a renewal is unique per (product, period start) and checked before it is
made, so running twice creates nothing twice. One transaction per renewal. Runs as
`make renewals` (`python -m backend renewals`), through POST /api/jobs/renewals, and on
a timer inside the backend (RENEWAL_JOB_INTERVAL). With several backends on PostgreSQL
only the one that gets the advisory lock runs a round; on SQLite a round simply runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import date
from types import SimpleNamespace

from sqlalchemy import text

from backend.services import renewals

log = logging.getLogger(__name__)
LOCK_KEY = 0x7265_6E65   # "rene": the advisory lock id of this job


@contextlib.asynccontextmanager
async def single_runner(engine, key: int = LOCK_KEY):
    """Yields True for the one backend that may run the round now (PostgreSQL advisory
    lock `key`, held until the round ends), False for the others; always True elsewhere."""
    if engine.dialect.name != "postgresql":
        yield True
        return
    async with engine.connect() as conn, conn.begin():
        yield bool(await conn.scalar(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": key}))


async def run_once(app, today: date | None = None) -> dict:
    """One round; returns what it did: {"created": n, "ended": n} (or {"skipped": true})."""
    today = today or date.today()
    async with single_runner(app.ctx.engine) as mine:
        if not mine:
            return {"skipped": True, "created": 0, "ended": 0}
        async with app.ctx.sessionmaker() as db:
            due = await renewals.due_permit_ids(db, today, app.ctx.settings.renewal_days_before)
            ending = await renewals.ending_renewal_ids(db, today)
        created = ended = 0
        for permit_id in due:
            created += await renewals.create_renewal(app, permit_id, today) is not None
        for renewal_id in ending:
            ended += await renewals.end_product(app, renewal_id, today)
    if created or ended:
        log.info("renewals job: %s created, %s products ended", created, ended)
    return {"skipped": False, "created": created, "ended": ended}



async def run_standalone(settings, today: date | None = None) -> dict:
    """The job outside the server (`python -m backend renewals`): the same adapters as the
    backend, and the notifications delivered before it exits."""
    from backend.adapters import registry
    from backend.adapters.rasa.notifier import RasaNotifier
    from backend.db.session import make_engine, make_sessionmaker

    tasks: list[asyncio.Task] = []
    engine = make_engine(settings.database_url)
    adapters = registry.build(settings)
    app = SimpleNamespace(ctx=SimpleNamespace(
        settings=settings, engine=engine, sessionmaker=make_sessionmaker(engine),
        notifier=RasaNotifier(settings.rasa_url, settings.rasa_token), **adapters),
        add_task=lambda coro: tasks.append(asyncio.ensure_future(coro)))
    try:
        result = await run_once(app, today)
        await asyncio.gather(*tasks)
        return result
    finally:
        await registry.close(adapters)
        await app.ctx.notifier.close()
        await engine.dispose()
