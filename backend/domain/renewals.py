"""Verlengingen: when a product's renewal is due, the next payment period, and the
renewal statuses with the manual's Dutch labels.

A renewal is offered `days_before` days before the last day of the current period
(setting RENEWAL_DAYS_BEFORE, default 30). The next period starts the day after the
current end and has the same length (periods.valid_until: no day lost at month ends).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from backend.domain.periods import valid_until
from backend.domain.statuses import OPEN_RENEWAL_STATUSES

# Status codes → the manual's labels ("Wacht op uw bevestiging", "Wacht op betaling").
STATUS_LABELS: dict[str, str] = {
    "awaiting_confirmation": "Wacht op uw bevestiging",
    "awaiting_payment": "Wacht op betaling",
    "paid": "Verlengd",
    "withdrawn": "Ingetrokken",
    "expired": "Vervallen",
}
OPEN_STATUSES: tuple[str, ...] = OPEN_RENEWAL_STATUSES
WITHDRAWABLE: tuple[str, ...] = OPEN_STATUSES


@dataclass(frozen=True)
class RenewalPeriod:
    start: date
    end: date


def due_date(current_end: date, days_before: int) -> date:
    """First day on which the renewal of a period ending on `current_end` is offered."""
    if days_before < 0:
        raise ValueError("days_before must not be negative")
    return current_end - timedelta(days=days_before)


def is_due(current_end: date, today: date, days_before: int) -> bool:
    """True from the due date up to and including the last day of the current period."""
    return due_date(current_end, days_before) <= today <= current_end


def next_period(current_end: date, period_code: str) -> RenewalPeriod:
    """The period after one ending on `current_end`: from the next day, same length.
    ValueError for an unknown period code."""
    start = current_end + timedelta(days=1)
    return RenewalPeriod(start, valid_until(start, period_code))


def status_label(code: str) -> str:
    try:
        return STATUS_LABELS[code]
    except KeyError:
        raise ValueError(f"unknown renewal status: {code!r}") from None


def lapsed(current_end: date, today: date) -> bool:
    """The current period is over: an unpaid renewal has lapsed ("Vervallen")."""
    return today > current_end
