"""Backend command line: serve, init-db, seed-bench, seed-enforcement, create-operator.

    python -m backend serve            # the HTTP server (BACKEND_HOST/BACKEND_PORT)
    python -m backend init-db          # Alembic upgrade to head + demo data when empty
    python -m backend seed-bench --count 50   # benchmark citizens; prints "BSN PLATE" lines
    python -m backend seed-enforcement --permits 100000 --sessions 10000   # enforcement benchmark data
    python -m backend create-operator NAME    # back-office account; password from
                                              # OPERATOR_PASSWORD or standard input
    python -m backend renewals         # one round of the renewals job (--today YYYY-MM-DD)
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from backend.settings import ROOT, Settings


def init_db(settings: Settings) -> None:
    from alembic import command
    from alembic.config import Config

    from backend.db.seed import ensure_demo_operators, load_demo
    from backend.db.session import make_engine, make_sessionmaker

    if settings.database_url.startswith("sqlite"):
        path = settings.database_url.split("///", 1)[1]
        from pathlib import Path
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", settings.sync_database_url)
    command.upgrade(cfg, "head")

    async def seed() -> bool:
        engine = make_engine(settings.database_url)
        try:
            async with make_sessionmaker(engine).begin() as db:
                loaded = await load_demo(db)
                await ensure_demo_operators(db, public=not settings.is_local)
                return loaded
        finally:
            await engine.dispose()

    print("database ready" + (" (demo data loaded)" if asyncio.run(seed()) else ""))


def create_operator(settings: Settings, username: str, name: str | None) -> int:
    """Create a back-office operator, or give an existing one a new password."""
    import getpass
    import os

    from backend.db.session import make_engine, make_sessionmaker
    from backend.services.backoffice import set_operator
    from backend.services.errors import ApiError

    password = os.environ.get("OPERATOR_PASSWORD")
    if password is None:
        password = getpass.getpass("Wachtwoord: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")

    async def run():
        engine = make_engine(settings.database_url)
        try:
            async with make_sessionmaker(engine).begin() as db:
                return await set_operator(db, username, password, name, public=not settings.is_local)
        finally:
            await engine.dispose()

    try:
        operator, created = asyncio.run(run())
    except ApiError as e:
        print(e.params.get("message") or "Ongeldige gebruikersnaam: gebruik letters, cijfers, '-' en '.'.",
              file=sys.stderr)
        return 2
    print(f"operator {operator.username} " + ("created" if created else "updated (sessions ended)"))
    return 0


def seed_bench(settings: Settings, count: int) -> None:
    from backend.db.seed import add_bench_citizens
    from backend.db.session import make_engine, make_sessionmaker

    async def run():
        engine = make_engine(settings.database_url)
        try:
            async with make_sessionmaker(engine).begin() as db:
                return await add_bench_citizens(db, count)
        finally:
            await engine.dispose()

    for bsn, plate in asyncio.run(run()):
        print(bsn, plate)


def seed_enforcement(settings: Settings, permits: int, sessions: int) -> None:
    from backend.db.seed.enforcement_bench import analyze, fill
    from backend.db.session import make_engine, make_sessionmaker

    async def run():
        engine = make_engine(settings.database_url)
        try:
            async with make_sessionmaker(engine).begin() as db:
                samples = await fill(db, permits, sessions)
            async with make_sessionmaker(engine).begin() as db:
                await analyze(db)
            return samples
        finally:
            await engine.dispose()

    samples = asyncio.run(run())
    print(f"{permits} permits and {sessions} running sessions added; plates per expected reason: "
          + ", ".join(f"{reason} {len(v)}" for reason, v in sorted(samples.by_reason.items())))


def renewals(settings: Settings, today: str | None) -> None:
    from datetime import date

    from backend.jobs.renewals import run_standalone
    result = asyncio.run(run_standalone(settings, date.fromisoformat(today) if today else None))
    print(f"renewals: {result['created']} created, {result['ended']} products ended"
          + (" (another backend is running the job)" if result["skipped"] else ""))


def serve(settings: Settings) -> None:
    problems = settings.production_problems()
    if problems:
        sys.exit("Refusing to start with PUBLIC_BASE_URL=" + settings.public_base_url + ": "
                 + "; ".join(problems))
    from backend.adapters import registry
    problems = registry.check(settings)
    if problems:
        sys.exit("Refusing to start: " + "; ".join(problems))
    from backend.app import create_app
    app = create_app(settings)
    app.run(host=settings.host, port=settings.port, workers=settings.workers,
            single_process=settings.workers == 1, access_log=False, motd=False)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("serve")
    sub.add_parser("init-db")
    b = sub.add_parser("seed-bench")
    b.add_argument("--count", type=int, default=50)
    o = sub.add_parser("create-operator")
    o.add_argument("username")
    o.add_argument("--name", help="full name shown in the decision log")
    e = sub.add_parser("seed-enforcement")
    e.add_argument("--permits", type=int, default=100_000)
    e.add_argument("--sessions", type=int, default=10_000)
    r = sub.add_parser("renewals")
    r.add_argument("--today", help="run as of this date (YYYY-MM-DD), e.g. to catch up")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.cmd == "create-operator":
        return create_operator(settings, args.username, args.name)
    if args.cmd == "serve":
        serve(settings)
    elif args.cmd == "init-db":
        init_db(settings)
    elif args.cmd == "renewals":
        renewals(settings, args.today)
    elif args.cmd == "seed-enforcement":
        seed_enforcement(settings, args.permits, args.sessions)
    else:
        seed_bench(settings, args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
