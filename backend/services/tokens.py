"""Signed, expiring tokens for links a person opens (login, upload, documents, webhooks)."""

from __future__ import annotations

from itsdangerous import BadData, URLSafeTimedSerializer


class BadToken(Exception):
    """The token is forged, for another purpose, or expired."""


class Signer:
    def __init__(self, secret_key: str) -> None:
        self._secret = secret_key

    def _s(self, purpose: str) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self._secret, salt=f"parkeerloket:{purpose}")

    def sign(self, purpose: str, payload: dict) -> str:
        return self._s(purpose).dumps(payload)

    def load(self, purpose: str, token: str, max_age: int) -> dict:
        try:
            return self._s(purpose).loads(token or "", max_age=max_age)
        except BadData as e:
            raise BadToken(str(e)) from e
