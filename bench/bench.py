"""`make bench`: simulated citizens doing the whole bewonersvergunning journey at
once over the REST channel (login and payment links followed like a person).

Starts its own stack (fresh SQLite database, bench citizens seeded), runs the
levels 1, 10 and 50 concurrent citizens, writes bench/results.json and prints a
table. Latency is per chat message (HTTP round trip of the REST webhook).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.stack import BACKEND_PY, Stack, StackConfig  # noqa: E402
from tests.support.chat import Chat  # noqa: E402
from tests.support.person import Person  # noqa: E402

LEVELS = [int(x) for x in os.environ.get("BENCH_LEVELS", "1,10,50").split(",")]
ROUNDS_AT_ONE = int(os.environ.get("BENCH_ROUNDS_AT_ONE", "5"))


def journey(config: StackConfig, bsn: str, plate: str) -> tuple[list[float], str | None]:
    chat = Chat(config.rasa_url, config.rasa_token, sender=f"bench-{bsn}")
    person = Person()
    try:
        chat.say("Ik wil een bewonersvergunning aanvragen")
        login = next(u for u in chat.links() if "/login/" in u)
        person.submit_form(login, {"bsn": bsn})
        chat.wait_for(r"ingelogd", timeout=60)
        chat.say("morgen")
        chat.click("jaar")
        chat.say(plate)
        chat.click("nee")
        chat.click("nee")
        chat.click("ja")
        chat.click("ja")
        pay = [u for u in chat.links() if "http" in u][-1]
        person.submit_form(pay, {"status": "paid"})
        chat.wait_for(r"ontvangen", timeout=60)
        chat.say("wat is de status van mijn aanvraag?")
        chat.say("bedankt")
        return chat.latencies, None
    except Exception as e:  # an error is a result, counted per level
        return chat.latencies, f"{type(e).__name__}: {e}"[:300]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def run_level(config: StackConfig, citizens: list[tuple[str, str]]) -> dict:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(citizens)) as pool:
        results = list(pool.map(lambda c: journey(config, *c), citizens))
    wall = time.perf_counter() - start
    lat = [x for r, _ in results for x in r]
    errors = [e for _, e in results if e]
    return {
        "citizens": len(citizens), "messages": len(lat), "seconds": round(wall, 2),
        "msg_per_s": round(len(lat) / wall, 1),
        "p50_ms": round(pct(lat, 50) * 1000, 1), "p95_ms": round(pct(lat, 95) * 1000, 1),
        "p99_ms": round(pct(lat, 99) * 1000, 1), "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else None,
        "errors": len(errors), "error_samples": errors[:3],
    }


def main() -> int:
    need = ROUNDS_AT_ONE + sum(LEVELS) + 2
    with tempfile.TemporaryDirectory() as tmp:
        config = StackConfig.on_free_ports(database_url=f"sqlite+aiosqlite:///{tmp}/bench.db",
                                           log_dir=Path(tmp) / "logs", outbox_dir=Path(tmp) / "outbox")
        stack = Stack(config)
        stack.init_db()
        out = subprocess.run([str(BACKEND_PY), "-m", "backend", "seed-bench", "--count", str(need)],
                             cwd=ROOT, env=config.env(), check=True, capture_output=True, text=True).stdout
        citizens = [tuple(line.split()) for line in out.splitlines() if line.strip()]
        with stack:
            journey(config, *citizens.pop())          # warm-up, not measured
            levels = {}
            for level in LEVELS:
                if level == 1:
                    rounds = [run_level(config, [citizens.pop()]) for _ in range(ROUNDS_AT_ONE)]
                    lat_runs = rounds
                    merged = {k: rounds[-1][k] for k in rounds[-1]}
                    merged.update(citizens=ROUNDS_AT_ONE, messages=sum(r["messages"] for r in lat_runs),
                                  errors=sum(r["errors"] for r in lat_runs),
                                  p50_ms=statistics.median(r["p50_ms"] for r in lat_runs),
                                  p95_ms=max(r["p95_ms"] for r in lat_runs))
                    levels["1"] = merged
                else:
                    levels[str(level)] = run_level(config, [citizens.pop() for _ in range(level)])
    result = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.node()} {os.cpu_count()} cores",
              "rasa_processes": 1, "levels": levels,
              "targets": {"1": "p50<=60ms p95<=120ms", "50": ">=50 msg/s, p95<=1000ms, 0 errors"}}
    (ROOT / "bench" / "results.json").write_text(json.dumps(result, indent=2))
    print(f"\n{'users':>6} {'msgs':>6} {'msg/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for level, r in levels.items():
        print(f"{level:>6} {r['messages']:>6} {r['msg_per_s']:>7} {r['p50_ms']:>8} {r['p95_ms']:>8} "
              f"{r['p99_ms']:>8} {r['errors']:>7}")
    print("\nwritten to bench/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
