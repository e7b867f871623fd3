"""Real processes on loopback for tests: the backend alone, or the whole stack."""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scripts.stack import Stack, StackConfig
from tests.support.person import Person


@dataclass
class BackendInfo:
    url: str
    token: str          # ACTIONS_API_TOKEN
    rasa_token: str
    database_url: str
    outbox_dir: Path


@contextlib.contextmanager
def backend_server(tmp_path: Path, database_url: str | None = None,
                   extra_env: dict[str, str] | None = None) -> Iterator[BackendInfo]:
    """A real backend on a free port with a fresh database (SQLite unless given) and the demo seed;
    `extra_env` are more settings (e.g. {"PSP": "outage"}). The same `tmp_path` again reuses
    the database and outbox."""
    config = StackConfig.on_free_ports(
        database_url=database_url or f"sqlite+aiosqlite:///{tmp_path / 'backend.db'}",
        log_dir=tmp_path / "logs", outbox_dir=tmp_path / "outbox",
        with_rasa=False, with_actions=False, extra_env=dict(extra_env or {}))
    with Stack(config) as stack:
        c = stack.config
        yield BackendInfo(c.backend_url, c.actions_token, c.rasa_token,
                          c.database_url, c.outbox_dir)


@contextlib.contextmanager
def full_stack(tmp_path: Path, database_url: str | None = None, **config_kw) -> Iterator[StackConfig]:
    """Backend, action server and Rasa on free ports, with the trained model."""
    config = StackConfig.on_free_ports(
        database_url=database_url or f"sqlite+aiosqlite:///{tmp_path / 'backend.db'}",
        log_dir=tmp_path / "logs", outbox_dir=tmp_path / "outbox", **config_kw)
    with Stack(config) as stack:
        yield stack.config


def api_call(backend_url: str, token: str, method: str, path: str,
             body: dict | None = None) -> tuple[int, dict]:
    """Call the backend API as the action server does (bearer token): (status, JSON)."""
    req = urllib.request.Request(
        backend_url + path, method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=15) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def api(backend_url: str, token: str, method: str, path: str, body: dict | None = None) -> dict:
    """Like api_call, for calls that must succeed."""
    status, data = api_call(backend_url, token, method, path, body)
    assert status < 400, (method, path, status, data)
    return data


def login_conversation(backend_url: str, sender: str, bsn: str,
                       token: str = "dev-actions-token") -> None:
    """Bind `sender` to the citizen with `bsn` the way a person does: ask a login
    link through the API, open it, fill in the simulator form and submit it."""
    login_with(backend_url, sender, "digid", {"bsn": bsn}, token)


def login_with(backend_url: str, sender: str, method: str, values: dict,
               token: str = "dev-actions-token") -> None:
    """Like login_conversation for any login: digid {"bsn"}, eherkenning {"kvk"},
    permit {"permit_number", "code"}."""
    link = api(backend_url, token, "POST", f"/api/conversations/{sender}/login-link",
               {"method": method, "channel": "rest"})["url"]
    page = Person().submit_form(link, values)
    assert "ingelogd" in page.text.lower(), page.text[:500]
