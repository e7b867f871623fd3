"""Mailer that sends through an SMTP server (production)."""

from __future__ import annotations

import smtplib
from datetime import datetime, timezone

from backend.adapters.email.base import DEFAULT_FROM, OutgoingMail, build_message


class SmtpMailer:
    def __init__(
        self,
        host: str,
        port: int = 587,
        user: str | None = None,
        password: str | None = None,
        starttls: bool = True,
        sender: str = DEFAULT_FROM,
        timeout: float = 30,
    ) -> None:
        self.host, self.port, self.user, self.password = host, port, user, password
        self.starttls, self.sender, self.timeout = starttls, sender, timeout

    def send(self, message: OutgoingMail) -> str:
        """Sends the message and returns its Message-ID."""
        msg = build_message(message, self.sender, datetime.now(timezone.utc))
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(msg)
        return str(msg["Message-ID"])
