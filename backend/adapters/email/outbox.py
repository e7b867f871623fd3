"""Mailer that writes each message as an .eml file into a directory (demo and tests)."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from email import policy
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from backend.adapters.email.base import DEFAULT_FROM, OutgoingMail, build_message


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class OutboxMailer:
    """Writes one RFC 5322 file per message: `<UTC yyyymmddThhmmss>-<uuid8>.eml`."""

    def __init__(
        self,
        directory: Path,
        sender: str = DEFAULT_FROM,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.directory = Path(directory)
        self.sender = sender
        self.clock = clock

    def send(self, message: OutgoingMail) -> str:
        now = self.clock()
        msg = build_message(message, self.sender, now)
        stamp = now.astimezone(timezone.utc) if now.tzinfo else now
        name = f"{stamp:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
        self.directory.mkdir(parents=True, exist_ok=True)
        data = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.directory / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return name


def list_outbox(directory: Path) -> list[dict]:
    """Messages in the outbox, newest first: [{"file", "to", "subject", "date" (ISO)}]."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    parser = BytesHeaderParser(policy=policy.default)
    rows = []
    for path in directory.glob("*.eml"):
        with path.open("rb") as fh:
            headers = parser.parse(fh)
        try:
            sent = parsedate_to_datetime(str(headers["Date"]))
        except (TypeError, ValueError):
            sent = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
        if sent.tzinfo is None:
            sent = sent.replace(tzinfo=timezone.utc)
        rows.append(
            (
                (sent, path.stat().st_mtime_ns, path.name),
                {"file": path.name, "to": str(headers["To"] or ""),
                 "subject": str(headers["Subject"] or ""), "date": sent.isoformat()},
            )
        )  # fmt: skip
    rows.sort(key=lambda row: row[0], reverse=True)
    return [row[1] for row in rows]
