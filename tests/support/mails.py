"""Reading the mails the backend wrote to its outbox (.eml files), like a person's inbox."""

from __future__ import annotations

import email
import re
import time
from pathlib import Path

LINK = re.compile(r"https?://\S+/mijn2park/link/\S+")


def mijn2park_mails(outbox: Path, to: str | None = None) -> list[str]:
    """The plain-text bodies of the mijn.2park mails (to `to`, or to anyone), oldest first."""
    out = []
    for path in sorted(outbox.glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes())
        if (to is None or msg["To"] == to) and "mijn.2park" in (msg["Subject"] or ""):
            part = next(p for p in msg.walk() if p.get_content_type() == "text/plain")
            out.append(part.get_payload(decode=True).decode())
    return out


def mijn2park_link(outbox: Path, to: str, about: str = "", timeout: float = 20) -> str:
    """The link in the newest mijn.2park mail to `to` (that mentions `about`), once it is there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [LINK.search(m) for m in mijn2park_mails(outbox, to) if about in m]
        if found and found[-1]:
            return found[-1].group(0)
        time.sleep(0.1)
    raise AssertionError(f"no mijn.2park e-mail to {to}")
