"""What the Telegram and WhatsApp connectors share: plain text, splitting long text,
short button payloads, documents, and reading a pressed button back from the tracker.

Texts are sent as Rasa has them (plain Dutch, no emoji); a Markdown link becomes
"title: https://..." so every link stays a full URL the app can open.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from rasa.shared.core.events import BotUttered, UserUttered

MAX_TEXT = 4096          # Telegram and WhatsApp both cut text messages at 4096 characters
HASHED_PREFIX = "#"
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")


def plain_text(text: str | None) -> str:
    """The message as plain text; Markdown links written out as full URLs."""
    return _MARKDOWN_LINK.sub(r"\1: \2", (text or "").strip())


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut `text` into parts of at most `limit` characters, at a line break when there is
    one, else at a space, else hard (a very long URL)."""
    text = plain_text(text)
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text or not parts:
        parts.append(text)
    return parts


def short_payload(payload: str, max_bytes: int) -> str:
    """The payload itself when it fits, else "#" and a hash of it; `resolve_reply` turns
    the hash back into the payload of a button the assistant really sent."""
    if len(payload.encode()) <= max_bytes and not payload.startswith(HASHED_PREFIX):
        return payload
    return HASHED_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:max(8, min(32, max_bytes - 1))]


def numbered_choices(text: str, buttons: list[dict]) -> str:
    """Too many choices for the app's own buttons: a numbered list to answer with a number."""
    lines = [f"{i}. {b.get('title', '')}" for i, b in enumerate(buttons, start=1)]
    return "\n".join([text, *lines, "Antwoord met het nummer van uw keuze."]).strip()


def document_of(json_message: dict[str, Any] | None) -> dict[str, str] | None:
    """The document of a custom message `{"document": {"url", "filename", "title"}}`."""
    doc = (json_message or {}).get("document")
    if not isinstance(doc, dict) or not str(doc.get("url") or "").startswith(("https://", "http://")):
        return None
    url = str(doc["url"])
    filename = str(doc.get("filename") or url.split("?", 1)[0].rsplit("/", 1)[-1] or "document.pdf")
    return {"url": url, "filename": filename, "title": str(doc.get("title") or filename)}


def last_user_message_time(tracker: Any, channel: str) -> float | None:
    """When the citizen last wrote on `channel` (external events, such as a login or
    payment that Rasa is told about, do not count)."""
    if tracker is None:
        return None
    for event in reversed(tracker.events):
        if (isinstance(event, UserUttered) and event.input_channel == channel
                and not (event.metadata or {}).get("is_external")):
            return event.timestamp
    return None


def _offered_buttons(tracker: Any, since_last_user_message: bool = False) -> list[list[dict]]:
    """The button lists of the assistant's messages, newest first."""
    offered = []
    for event in reversed(tracker.events if tracker is not None else []):
        if since_last_user_message and isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered) and (event.data or {}).get("buttons"):
            offered.append(event.data["buttons"])
    return offered


async def resolve_reply(tracker_store: Any, sender_id: str, text: str, max_bytes: int,
                        numbered_above: int | None = None) -> str:
    """What the citizen chose: the payload behind a hashed button, or the button with that
    number when the last choice was sent as a numbered list; else the text itself.
    Only buttons the assistant sent in this conversation are accepted."""
    hashed = text.startswith(HASHED_PREFIX)
    numbered = numbered_above is not None and text.strip().isdigit()
    if tracker_store is None or not (hashed or numbered):
        return text
    offered = _offered_buttons(await tracker_store.retrieve(sender_id), since_last_user_message=numbered)
    if hashed:
        for buttons in offered:
            for button in buttons:
                if short_payload(str(button.get("payload") or ""), max_bytes) == text:
                    return str(button["payload"])
        return text
    if offered and len(offered[0]) > numbered_above:
        index = int(text.strip()) - 1
        if 0 <= index < len(offered[0]):
            return str(offered[0][index].get("payload") or offered[0][index].get("title"))
    return text
