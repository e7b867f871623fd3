"""The migrations and the models agree: Alembic finds nothing to change after `init-db`,
including the simulators' tables that live next to their adapters."""

import os
import sqlite3
import subprocess
import sys

from backend.__main__ import init_db
from backend.settings import ROOT, Settings


def test_migrations_match_the_models(tmp_path, capsys):
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/schema.db", outbox_dir=tmp_path)
    init_db(settings)
    with sqlite3.connect(tmp_path / "schema.db") as con:
        tables = {name for (name,) in con.execute("select name from sqlite_master where type = 'table'")}
    assert {"sim_psp_payment", "sim_login_artifact", "email", "payment"} <= tables
    # A process of its own: only what migrations/env.py imports is on the metadata there.
    done = subprocess.run([sys.executable, "-m", "alembic", "-c", "alembic.ini", "check"], cwd=ROOT,
                          env={**os.environ, "DATABASE_URL": settings.database_url},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "No new upgrade operations detected" in done.stdout + done.stderr
