"""Visitor tariffs: what a parking session costs (no I/O).

A zone's tariff is a set of paid windows per weekday (local time, Europe/Amsterdam) with an
hourly rate; outside every window parking is free. A session is billed per started minute of
paid time, at the rate of the window the minute lies in, and the total is rounded half-up to
whole cents once per session. Stopping early is billed the same way for the part used, so the
refund is the planned cost minus the cost of what was used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Amsterdam")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class PaidWindow:
    weekday: int           # 0 = Monday … 6 = Sunday
    start: time
    end: time              # exclusive; time(0) is not allowed as an end (use time(23, 59, 59))
    hourly_rate: Decimal


@dataclass(frozen=True)
class TariffRules:
    zone: str
    windows: tuple[PaidWindow, ...]

    @property
    def standard_rate(self) -> Decimal:
        """The rate a balance is expressed in hours at: the zone's highest visitor rate."""
        return max((w.hourly_rate for w in self.windows), default=Decimal("0"))


def _local_windows(rules: TariffRules, day: date) -> list[tuple[datetime, datetime, Decimal]]:
    return [(datetime.combine(day, w.start, LOCAL), datetime.combine(day, w.end, LOCAL), w.hourly_rate)
            for w in rules.windows if w.weekday == day.weekday()]


def paid_seconds(rules: TariffRules, start: datetime, end: datetime) -> list[tuple[int, Decimal]]:
    """(seconds, hourly rate) of each paid stretch between `start` and `end` (aware datetimes)."""
    if end <= start:
        return []
    start_l, end_l = start.astimezone(LOCAL), end.astimezone(LOCAL)
    out = []
    day = start_l.date()
    while day <= end_l.date():
        for w_start, w_end, rate in _local_windows(rules, day):
            lo, hi = max(start_l, w_start), min(end_l, w_end)
            if hi > lo:     # as UTC instants: on a DST change day real time counts
                out.append((int((hi.astimezone(timezone.utc) - lo.astimezone(timezone.utc)).total_seconds()),
                            rate))
        day += timedelta(days=1)
    return out


def paid_minutes(rules: TariffRules, start: datetime, end: datetime) -> int:
    """Paid minutes between start and end, each started minute counted whole."""
    return sum(-(-seconds // 60) for seconds, _ in paid_seconds(rules, start, end))


def cost(rules: TariffRules, start: datetime, end: datetime) -> Decimal:
    """What parking from `start` to `end` costs: per started paid minute, rounded to cents."""
    total = sum((Decimal(-(-seconds // 60)) * rate / 60 for seconds, rate in paid_seconds(rules, start, end)),
                Decimal("0"))
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def refund(rules: TariffRules, start: datetime, planned_end: datetime, stopped: datetime,
           charged: Decimal) -> Decimal:
    """What stopping at `stopped` gives back of `charged` (never negative, never more)."""
    if stopped <= start:
        return charged
    used = cost(rules, start, min(stopped, planned_end))
    return max(Decimal("0.00"), charged - used)


def hours_for(rules: TariffRules, amount: Decimal) -> Decimal:
    """How many paid hours `amount` buys at the zone's standard rate, rounded down to a
    quarter of an hour (0 when the zone has no paid hours)."""
    rate = rules.standard_rate
    if rate <= 0:
        return Decimal("0")
    quarters = (amount / rate * 4).quantize(Decimal("1"), rounding=ROUND_DOWN)
    return quarters / 4
