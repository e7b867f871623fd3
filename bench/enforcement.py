"""`make bench-enforcement` (also a step of `make bench`): the enforcement check on generated
data (100 000 permits, 10 000 running visitor sessions; backend/db/seed/enforcement_bench.py).

Per database (SQLite, and PostgreSQL on 127.0.0.1:5432 in a throw-away database when it is
there) it measures p50/p95/p99 of 2 000 random checks (a mix of every answer), in process
(the service function with a real database session, as the route calls it) and over HTTP
against a real backend process (one keep-alive client, one check after the other; then four
clients at once, for the throughput).
Writes the figures under "enforcement" in bench/results.json, keeping the other keys.
Runs in the backend environment: .venv/backend/bin/python bench/enforcement.py
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.__main__ import init_db  # noqa: E402
from backend.db.seed.enforcement_bench import Samples, analyze, fill  # noqa: E402
from backend.db.session import make_engine, make_sessionmaker  # noqa: E402
from backend.services import enforcement  # noqa: E402
from backend.settings import Settings  # noqa: E402
from scripts.stack import Stack, StackConfig  # noqa: E402

PERMITS = int(os.environ.get("BENCH_ENF_PERMITS", "100000"))
SESSIONS = int(os.environ.get("BENCH_ENF_SESSIONS", "10000"))
CHECKS = int(os.environ.get("BENCH_ENF_CHECKS", "2000"))
CONCURRENT = int(os.environ.get("BENCH_ENF_CLIENTS", "4"))
KEY = "bench-enforcement-key-0123456789"
# Share of each expected answer in the checks: mostly cars that may park.
MIX = {"permit": 40, "visitor_session": 20, "inactive_plate": 10, "permit_other_zone": 10, "no_right": 20}
TARGET = "p95 < 10 ms per check in process"


def checks(samples: Samples, count: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """(plate, zone, expected reason), drawn by MIX."""
    rnd = random.Random(seed)
    reasons = rnd.choices(list(MIX), weights=list(MIX.values()), k=count)
    return [(*rnd.choice(samples.by_reason[r]), r) for r in reasons]


def figures(seconds: list[float], wrong: int) -> dict:
    ms = sorted(s * 1000 for s in seconds)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"checks": len(ms), "p50_ms": round(q[49], 2), "p95_ms": round(q[94], 2), "p99_ms": round(q[98], 2),
            "mean_ms": round(statistics.fmean(ms), 2), "max_ms": round(ms[-1], 2),
            "checks_per_s": round(len(ms) / (sum(ms) / 1000), 1), "wrong_answers": wrong}


async def prepare(database_url: str) -> tuple[Samples, float]:
    started = time.perf_counter()
    engine = make_engine(database_url)
    try:
        async with make_sessionmaker(engine).begin() as db:
            samples = await fill(db, PERMITS, SESSIONS)
        async with make_sessionmaker(engine).begin() as db:
            await analyze(db)
    finally:
        await engine.dispose()
    return samples, round(time.perf_counter() - started, 1)


async def in_process(database_url: str, todo: list[tuple[str, str, str]]) -> dict:
    engine = make_engine(database_url)
    sessionmaker = make_sessionmaker(engine)
    try:
        async def one(plate: str, zone: str) -> dict:
            async with sessionmaker() as db:       # as the route does: a session per check
                return await enforcement.check(db, plate, zone)

        for plate, zone, _ in todo[:100]:           # warm-up: connections, statement caches
            await one(plate, zone)
        seconds, wrong = [], 0
        for plate, zone, expected in todo:
            start = time.perf_counter()
            result = await one(plate, zone)
            seconds.append(time.perf_counter() - start)
            wrong += result["reason"] != expected
        async with sessionmaker() as db:
            plate, zone, _ = next(c for c in todo if c[2] == "visitor_session")
            plans = await enforcement.query_plans(db, plate, datetime.now(timezone.utc))
        return {**figures(seconds, wrong), "query_plans": plans}
    finally:
        await engine.dispose()


def timed_http(base_url: str, todo: list[tuple[str, str, str]]) -> tuple[list[float], int]:
    """One officer's client (keep-alive): seconds per check and the wrong answers."""
    seconds, wrong = [], 0
    with httpx.Client(base_url=base_url, timeout=10, headers={"Authorization": f"Bearer {KEY}"}) as client:
        for plate, zone, expected in todo:
            start = time.perf_counter()
            r = client.get("/api/enforcement/check", params={"plate": plate, "zone": zone})
            r.raise_for_status()
            seconds.append(time.perf_counter() - start)
            wrong += r.json()["reason"] != expected
    return seconds, wrong


def over_http(database_url: str, tmp: Path, todo: list[tuple[str, str, str]]) -> tuple[dict, dict]:
    """One client after the other, then CONCURRENT clients at once (scan cars) on the same checks."""
    config = StackConfig.on_free_ports(database_url=database_url, log_dir=tmp / "logs", outbox_dir=tmp / "outbox",
                                       with_rasa=False, with_actions=False,
                                       extra_env={"ENFORCEMENT_API_KEY": KEY})
    with Stack(config):
        timed_http(config.backend_url, todo[:100])                 # warm-up
        sequential = figures(*timed_http(config.backend_url, todo))
        parts = [todo[i::CONCURRENT] for i in range(CONCURRENT)]
        started = time.perf_counter()
        with ThreadPoolExecutor(CONCURRENT) as pool:
            results = list(pool.map(lambda part: timed_http(config.backend_url, part), parts))
        wall = time.perf_counter() - started
    concurrent = figures([s for r, _ in results for s in r], sum(w for _, w in results))
    concurrent.update(clients=CONCURRENT, checks_per_s=round(len(todo) / wall, 1))
    return sequential, concurrent


def run(coroutine):
    """On uvloop when installed, as the backend (Sanic) runs."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def run_database(name: str, database_url: str, tmp: Path) -> dict:
    init_db(Settings(database_url=database_url, outbox_dir=tmp / "outbox"))
    samples, fill_s = run(prepare(database_url))
    todo = checks(samples, CHECKS)
    in_proc = run(in_process(database_url, todo))
    http, http_concurrent = over_http(database_url, tmp, todo)
    result = {"fill_seconds": fill_s, "in_process": in_proc, "http": http, "http_concurrent": http_concurrent}
    print(f"{name}: filled in {fill_s} s; in process p50/p95/p99 {fmt(result['in_process'])}; "
          f"HTTP {fmt(result['http'])}; HTTP {CONCURRENT} clients {fmt(http_concurrent)}, "
          f"{http_concurrent['checks_per_s']} checks/s")
    return result


def fmt(r: dict) -> str:
    return f"{r['p50_ms']}/{r['p95_ms']}/{r['p99_ms']} ms ({r['wrong_answers']} wrong)"


def postgres(tmp: Path) -> dict:
    import pytest

    from tests.support.services import PG, postgres_databases
    try:
        with postgres_databases(1) as (name,):
            url = f"postgresql+asyncpg://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
            return run_database("postgresql", url, tmp)
    except pytest.skip.Exception as e:           # no PostgreSQL here: say so in the results
        print(f"postgresql: skipped ({e})")
        return {"skipped": str(e)}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "sqlite").mkdir()
        (tmp / "pg").mkdir()
        databases = {"sqlite": run_database("sqlite", f"sqlite+aiosqlite:///{tmp}/sqlite/enforcement.db",
                                            tmp / "sqlite"),
                     "postgresql": postgres(tmp / "pg")}
    result = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.node()} {os.cpu_count()} cores",
              "load_average": [round(x, 2) for x in os.getloadavg()],
              "data": {"permits": PERMITS, "running_sessions": SESSIONS}, "mix": MIX, "target": TARGET,
              "databases": databases}
    path = ROOT / "bench" / "results.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps({**previous, "enforcement": result}, indent=2) + "\n")
    print("written to bench/results.json (key \"enforcement\")")
    return 0 if all(db.get("in_process", {}).get("wrong_answers", 0) == 0 for db in databases.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
