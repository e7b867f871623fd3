"""Visitor parking sessions (parkeeracties): which periods may be booked, and what state a
session is in (no I/O). Times are aware datetimes; the permit's dates are local days."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from backend.domain.statuses import ParkingSessionStatus
from backend.domain.tariffs import LOCAL


def parse_instant(text: object) -> datetime | None:
    """An ISO datetime with an offset, as UTC; None when unreadable or without offset."""
    if not isinstance(text, str) or not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        return None
    return value.astimezone(timezone.utc)


def check_period(start: datetime | None, end: datetime, now: datetime, max_days_ahead: int,
                 valid_from: date, valid_until: date) -> tuple[datetime, tuple[str, dict] | None]:
    """The start to book and the refusal (code, params) or None. No start means now; a period
    that has begun already (the chat asked Ja/Nee, or "van 14 tot 17" said at 15:00) starts now."""
    if start is not None and end <= start:
        return start, ("end_before_start", {"start": start.isoformat(), "end": end.isoformat()})
    if end <= now:
        return start or now, ("period_in_past", {"end": end.isoformat()})
    start = now if start is None or start < now else start
    if start > now + timedelta(days=max_days_ahead):
        return start, ("too_far_ahead", {"max_days": max_days_ahead,
                                         "last_day": (now + timedelta(days=max_days_ahead)).astimezone(LOCAL)
                                         .date().isoformat()})
    first = start.astimezone(LOCAL).date()
    last = (end - timedelta(microseconds=1)).astimezone(LOCAL).date()
    if first < valid_from or last > valid_until:
        return start, ("permit_not_valid_then", {"valid_from": valid_from.isoformat(),
                                                 "valid_until": valid_until.isoformat()})
    return start, None


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end


def state(status: str, starts_at: datetime, ends_at: datetime, now: datetime) -> str:
    """What the citizen sees: planned, running, ended, stopped or cancelled."""
    if status != ParkingSessionStatus.ACTIVE:
        return str(status)
    if ends_at <= now:
        return "ended"
    return "planned" if starts_at > now else "running"
