"""Job: visitor parking sessions past their end time become ENDED (no money moves: the
cost was taken when the session was made), and the conversation that started one is told
(EXTERNAL_parking_ended) on its own channel.

Idempotent: the status move is conditional, so a session ends and is told once even when
two rounds (or a stop) meet. One transaction per session. Runs on a timer inside the backend
(PARKING_JOB_INTERVAL) and through POST /api/jobs/parking-sessions; with several backends on
PostgreSQL only the one that gets the advisory lock runs a round.
"""

from __future__ import annotations

import logging
from datetime import datetime

from backend.jobs.renewals import single_runner
from backend.services import parking
from backend.services.notify import notify

log = logging.getLogger(__name__)
LOCK_KEY = 0x7061_726B   # "park": the advisory lock id of this job
ENDED_INTENT = "EXTERNAL_parking_ended"


async def run_once(app, now: datetime | None = None) -> dict:
    """One round: {"ended": n} (or {"skipped": true})."""
    now = now or parking.now_utc()
    async with single_runner(app.ctx.engine, LOCK_KEY) as mine:
        if not mine:
            return {"skipped": True, "ended": 0}
        async with app.ctx.sessionmaker() as db:
            due = await parking.due_session_ids(db, now)
        told = []
        for session_id in due:
            async with app.ctx.sessionmaker.begin() as db:
                info = await parking.end_session(db, session_id, now)
            if info is not None:
                told.append(info)
    for info in told:
        await notify(app, info.pop("sid"), ENDED_INTENT, info)
    if told:
        log.info("parking sessions job: %s ended", len(told))
    return {"skipped": False, "ended": len(told)}
