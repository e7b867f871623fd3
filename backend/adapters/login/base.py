"""What the backend needs from a login broker (DigiD, eHerkenning and the permit login via
SAML/OIDC at the municipality's broker in real life).

The shape of the real flow: we send the person to the broker with a `state`; the broker
sends them back to our callback with that state and a one-time artifact; we resolve the
artifact over a back channel into the verified identity. No BSN, KvK number or permit
code ever travels in a URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from backend.adapters.errors import PartyUnavailable

# The three logins of the Parkeerloket, by the name used in URLs and the API.
METHODS = ("digid", "eherkenning", "permit")
# How the login is called in text for people.
METHOD_NAMES = {"digid": "DigiD", "eherkenning": "eHerkenning", "permit": "vergunningnummer"}


class LoginError(PartyUnavailable):
    """The broker could not be reached or did not accept the artifact."""

    code = "login_broker_unavailable"


@dataclass(frozen=True)
class Identity:
    """What the broker vouches for: a person (bsn), a company (kvk) or one permit."""
    method: str = "digid"
    bsn: str | None = None
    kvk: str | None = None
    permit_number: str | None = None


class LoginProvider(Protocol):
    def start_url(self, state: str, return_url: str) -> str: ...

    async def resolve(self, artifact: str) -> Identity | None: ...

    async def close(self) -> None: ...
