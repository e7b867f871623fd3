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
import uuid
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
    # Like a citizen on the chat page: messages to Rasa's REST channel, proactive messages
    # picked up by polling the backend's /chat/updates (sender ids of the page's form).
    sender = "web-" + uuid.uuid4().hex
    chat = Chat(config.rasa_urls, config.rasa_token, sender=sender, exact=False, poll=0.5,
                page_url=config.backend_url)
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


def redis_available(host: str = "127.0.0.1", port: int = 6379) -> bool:
    import socket
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def run_profile(processes: int) -> dict:
    """One stack (fresh database) with `processes` Rasa processes, all levels."""
    need = ROUNDS_AT_ONE + sum(LEVELS) + 2
    with tempfile.TemporaryDirectory() as tmp:
        config = StackConfig.on_free_ports(
            database_url=f"sqlite+aiosqlite:///{tmp}/bench.db",
            log_dir=Path(os.environ.get("BENCH_LOG_DIR") or tmp) / f"logs-{processes}",
            outbox_dir=Path(tmp) / "outbox", rasa_processes=processes,
            redis_key_prefix=f"bench{os.getpid()}p{processes}")
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
                    merged = dict(rounds[-1])
                    merged.update(citizens=ROUNDS_AT_ONE, messages=sum(r["messages"] for r in rounds),
                                  errors=sum(r["errors"] for r in rounds),
                                  p50_ms=round(statistics.median(r["p50_ms"] for r in rounds), 1),
                                  p95_ms=max(r["p95_ms"] for r in rounds),
                                  p99_ms=max(r["p99_ms"] for r in rounds))
                    levels["1"] = merged
                else:
                    levels[str(level)] = run_level(config, [citizens.pop() for _ in range(level)])
            rss = stack_rss_mb(stack)
    return {"rasa_processes": processes,
            "stores": "redis tracker + lock store" if processes > 1 else "in-memory tracker store",
            "resident_memory_mb": rss, "levels": levels}


def stack_rss_mb(stack: Stack) -> float:
    """Resident memory of all stack processes and their children (Linux /proc)."""
    total = 0
    pids = [p.pid for p in stack.procs.values()]
    for pid in list(pids):
        try:
            pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            pass
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024, 1)


def main() -> int:
    profiles = [1]
    extra = int(os.environ.get("BENCH_RASA_PROCESSES", "2"))
    if extra > 1:
        if redis_available():
            profiles.append(extra)
        else:
            print("Redis not reachable on 127.0.0.1:6379: measuring one Rasa process only.")
    results = [run_profile(n) for n in profiles]
    result = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.node()} {os.cpu_count()} cores",
              "journey": "bewonersvergunning: 10 chat messages + login and payment pages per citizen",
              "profiles": results,
              "targets": {"1": "p50<=60ms p95<=120ms", "50": ">=50 msg/s, p95<=1000ms, 0 errors"}}
    path = ROOT / "bench" / "results.json"
    previous = json.loads(path.read_text()) if path.exists() else {}   # keeps "enforcement" (bench/enforcement.py)
    path.write_text(json.dumps({**previous, **result}, indent=2))
    for prof in results:
        print(f"\n{prof['rasa_processes']} Rasa process(es), {prof['stores']}, "
              f"memory {prof['resident_memory_mb']} MB")
        print(f"{'users':>6} {'msgs':>6} {'msg/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for level, r in prof["levels"].items():
            print(f"{level:>6} {r['messages']:>6} {r['msg_per_s']:>7} {r['p50_ms']:>8} {r['p95_ms']:>8} "
                  f"{r['p99_ms']:>8} {r['errors']:>7}")
    print("\nwritten to bench/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
