import uuid

import pytest

from tests.support.processes import api, api_call, backend_server, login_conversation


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """One real backend process per test module, with a fresh SQLite database."""
    with backend_server(tmp_path_factory.mktemp("backend")) as info:
        yield info


class Citizen:
    """A conversation logged in as one demo citizen, calling the API like the actions do."""

    def __init__(self, backend, bsn: str):
        self.backend = backend
        self.sid = f"api-{uuid.uuid4().hex[:12]}"
        login_conversation(backend.url, self.sid, bsn, backend.token)

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        return api(self.backend.url, self.backend.token, method,
                   f"/api/conversations/{self.sid}{path}", body)

    def call_status(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        return api_call(self.backend.url, self.backend.token, method,
                        f"/api/conversations/{self.sid}{path}", body)


@pytest.fixture
def citizen(backend):
    return lambda bsn: Citizen(backend, bsn)
