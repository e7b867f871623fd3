"""What the backend needs from a login broker (DigiD via SAML/OIDC in real life).

The shape of the real flow: we send the person to the broker with a `state`; the broker
sends them back to our callback with that state and a one-time artifact; we resolve the
artifact over a back channel into the verified identity. The BSN never travels in a URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class LoginError(Exception):
    """The broker could not be reached or did not accept the artifact."""


@dataclass(frozen=True)
class Identity:
    bsn: str


class LoginProvider(Protocol):
    def start_url(self, state: str, return_url: str) -> str: ...

    async def resolve(self, artifact: str) -> Identity | None: ...
