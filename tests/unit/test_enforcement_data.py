"""The enforcement benchmark's generated data answers as labelled, and the check's queries
use indexes (real SQLite; the benchmark does the same on PostgreSQL)."""

import asyncio
from datetime import datetime, timezone

from backend.__main__ import init_db
from backend.db.seed.enforcement_bench import analyze, fill
from backend.db.session import make_engine, make_sessionmaker
from backend.services import enforcement
from backend.settings import Settings


def test_generated_plates_get_their_answer_and_the_queries_search_by_index(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path}/enforcement.db"
    init_db(Settings(database_url=url, outbox_dir=tmp_path))

    async def run():
        engine = make_engine(url)
        try:
            async with make_sessionmaker(engine).begin() as db:
                samples = await fill(db, permits=400, sessions=40)
                await analyze(db)
            answers = {}
            async with make_sessionmaker(engine)() as db:
                for reason, plates in samples.by_reason.items():
                    for plate, zone in plates[:15]:
                        answers.setdefault(reason, set()).add((await enforcement.check(db, plate, zone))["reason"])
                plate = samples.by_reason["visitor_session"][0][0]
                plans = await enforcement.query_plans(db, plate, datetime.now(timezone.utc))
            return answers, plans
        finally:
            await engine.dispose()

    answers, plans = asyncio.run(run())
    assert answers == {r: {r} for r in ("permit", "inactive_plate", "permit_other_zone", "visitor_session",
                                        "no_right")}
    assert "USING INDEX ix_permit_plate_plate" in plans["permits"] and "SCAN" not in plans["permits"]
    assert "USING INDEX ix_parking_session_plate_ends_at (plate=? AND ends_at>?)" in plans["sessions"]
