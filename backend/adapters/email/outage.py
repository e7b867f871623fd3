"""EMAIL_BACKEND=outage: a mail server that is down. Every send fails like a refused
connection; services/mail.py keeps the mail and the retry job sends it later."""

from __future__ import annotations

from backend.adapters.email.base import OutgoingMail


class OutageMailer:
    def send(self, message: OutgoingMail) -> str:
        raise ConnectionRefusedError("mail server unavailable (EMAIL_BACKEND=outage)")
