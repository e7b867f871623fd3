"""Operator passwords: scrypt with a per-user salt, checked in constant time.

Stored as "scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>" so the cost can be raised later
without invalidating existing hashes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

N, R, P, LENGTH = 2 ** 14, 8, 1, 32
MIN_LENGTH = 12
# The seeded demo operator's development password (README); refused on a public host.
DEMO_PASSWORD = "parkeerloket-demo"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=LENGTH)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches `stored`; False for a wrong password or a malformed hash."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt),
                             n=int(n), r=int(r), p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


# Spent on unknown user names, so that they take as long as a wrong password.
DUMMY_HASH = hash_password("not-a-password", salt=b"0" * 16)


def password_problem(password: str, public: bool) -> str | None:
    """Why this password may not be set, in Dutch, or None."""
    if len(password or "") < MIN_LENGTH:
        return f"Het wachtwoord moet minstens {MIN_LENGTH} tekens hebben."
    if public and password == DEMO_PASSWORD:
        return "Het demo-wachtwoord mag niet gebruikt worden op een openbare server."
    return None
