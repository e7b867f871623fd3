"""Which citizen a conversation is bound to (after login), with the idle timeout."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Citizen, Conversation


def _aware(dt: datetime | None) -> datetime | None:
    if dt is not None and dt.tzinfo is None:   # SQLite hands back naive datetimes
        return dt.replace(tzinfo=timezone.utc)
    return dt


async def get_or_create_conversation(db: AsyncSession, sid: str, channel: str | None = None) -> Conversation:
    conv = await db.get(Conversation, sid)
    if conv is None:
        conv = Conversation(sid=sid, channel=channel or "rest")
        db.add(conv)
    elif channel:
        conv.channel = channel
    return conv


async def current_citizen(db: AsyncSession, sid: str, idle_ttl: int) -> Citizen | None:
    """The citizen bound to `sid`, or None (never bound, logged out, or idle too long).
    Each call counts as activity; the write is skipped within a minute to save I/O."""
    conv = await db.get(Conversation, sid)
    if conv is None or conv.citizen_id is None:
        return None
    now = datetime.now(timezone.utc)
    last = _aware(conv.last_seen_at) or _aware(conv.bound_at)
    if last is None or now - last > timedelta(seconds=idle_ttl):
        conv.citizen_id = None
        conv.bound_at = None
        return None
    if now - last > timedelta(seconds=60):
        conv.last_seen_at = now
    return conv.citizen


def bind(conv: Conversation, citizen: Citizen) -> None:
    now = datetime.now(timezone.utc)
    conv.citizen_id = citizen.id
    conv.last_citizen_id = citizen.id
    conv.citizen = citizen
    conv.bound_at = now
    conv.last_seen_at = now


def unbind(conv: Conversation) -> None:
    conv.citizen_id = None
    conv.bound_at = None
