"""LOGIN_BROKER=outage: a login broker whose back channel is down.

The person is sent straight back to our callback (as a broker would after its login page),
and resolving the artifact fails with LoginError: the callback page must say so, and
bind nothing."""

from __future__ import annotations

from urllib.parse import urlencode

from backend.adapters.login.base import Identity, LoginError


class OutageBroker:
    def __init__(self, method: str = "digid") -> None:
        self.method = method

    def start_url(self, state: str, return_url: str) -> str:
        return f"{return_url}?" + urlencode({"state": state, "artifact": "outage"})

    async def resolve(self, artifact: str) -> Identity | None:
        raise LoginError(f"{self.method} broker unavailable (LOGIN_BROKER=outage)")

    async def close(self) -> None:
        pass
