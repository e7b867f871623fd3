"""An error the citizen can act on: a code the bot turns into a Dutch answer."""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, code: str, params: dict | None = None, status: int = 422) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}
        self.status = status
