"""Outgoing e-mail: the message type, the Mailer protocol and the MIME builder."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Protocol

DEFAULT_FROM = "Parkeerloket Deventer <parkeerloket@deventer.example>"


@dataclass
class OutgoingMail:
    to: str
    subject: str
    body: str
    # (filename, content, mime type such as "application/pdf")
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)
    document_id: int | None = None     # the stored document attached, to build the mail again


class Mailer(Protocol):
    def send(self, message: OutgoingMail) -> str:
        """Send or store the message; returns an id (file name or Message-ID)."""
        ...


def build_message(message: OutgoingMail, sender: str, now: datetime) -> EmailMessage:
    """RFC 5322 message with a plain-text body and the attachments."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = message.to
    msg["Subject"] = message.subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].rstrip(">") or None)
    msg.set_content(message.body)
    for filename, content, mime in message.attachments:
        maintype, _, subtype = mime.partition("/")
        msg.add_attachment(
            content,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=filename,
        )
    return msg
