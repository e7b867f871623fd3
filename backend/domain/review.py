"""The municipality's review of applications with evidence: what waits, and the rules of
a decision (approve, or reject with a reason)."""

from __future__ import annotations

from datetime import date, datetime

from backend.domain.applications import EVIDENCE_REASONS
from backend.domain.statuses import ApplicationStatus

OUTCOMES = ("approved", "rejected")
OUTCOME_LABELS = {"approved": "Goedgekeurd", "rejected": "Afgewezen"}
REASON_MAX = 500
# After this many wrong passwords in a row the operator account is locked for a while.
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15


def days_waiting(since: datetime | date, today: date) -> int:
    day = since.date() if isinstance(since, datetime) else since
    return max(0, (today - day).days)


def review_reason(plates: list[tuple[bool, str | None]], kind: str) -> str:
    """Why the application needs a person, e.g. "Kentekenwijziging: Auto van mijn partner"."""
    reasons = [EVIDENCE_REASONS.get(r or "", r or "") for on_name, r in plates if not on_name]
    text = ", ".join(r for r in reasons if r) or "Bewijsstuk"
    return f"Kentekenwijziging: {text}" if kind == "plate_change" else text


def check_decision(status: str, outcome: str, reason: str | None) -> tuple[str, str | None]:
    """(error code or "", the cleaned reason). Codes: bad_outcome, reason_missing,
    reason_too_long, not_in_review."""
    reason = " ".join((reason or "").split()) or None
    if outcome not in OUTCOMES:
        return "bad_outcome", reason
    if outcome == "rejected" and not reason:
        return "reason_missing", reason
    if reason and len(reason) > REASON_MAX:
        return "reason_too_long", reason
    if status != ApplicationStatus.IN_REVIEW:
        return "not_in_review", reason
    return "", reason
