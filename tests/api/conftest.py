import uuid

import pytest

from tests.support.processes import api, api_call, backend_server, login_with


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """One real backend process per test module, with a fresh SQLite database."""
    with backend_server(tmp_path_factory.mktemp("backend")) as info:
        yield info


class Citizen:
    """A conversation logged in as one demo citizen (or, with `method`, a company or a permit
    holder), calling the API like the actions do."""

    def __init__(self, backend, bsn: str | None = None, method: str = "digid", values: dict | None = None):
        self.backend = backend
        self.sid = f"api-{uuid.uuid4().hex[:12]}"
        self.bsn = bsn
        login_with(backend.url, self.sid, method, values or {"bsn": bsn}, backend.token)

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        return api(self.backend.url, self.backend.token, method,
                   f"/api/conversations/{self.sid}{path}", body)

    def call_status(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        return api_call(self.backend.url, self.backend.token, method,
                        f"/api/conversations/{self.sid}{path}", body)


@pytest.fixture
def citizen(backend):
    return lambda bsn: Citizen(backend, bsn)


@pytest.fixture(scope="module")
def pg_backend(tmp_path_factory):
    """A backend on a throw-away PostgreSQL database (skips with the reason when absent)."""
    from tests.support.services import PG, postgres_databases
    with postgres_databases(1) as (name,):
        url = f"postgresql+asyncpg://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
        with backend_server(tmp_path_factory.mktemp("pg"), database_url=url) as info:
            yield info
