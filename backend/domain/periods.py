"""Payment periods of a permit and their end dates.

Rule: a permit that starts on `start` for a period of n months is valid up to and
including the day before the same day n months later. When that day does not exist
(31 Jan + 1 month: "31 Feb"), the next period would start on the 1st of the month
after, so the permit runs to the end of the shorter month: nobody loses a day.
Examples:
- 1 Mar 2027, "jaar"     → 29 Feb 2028 (1 Mar 2028 − 1 day)
- 31 Jan 2027, "maand"   → 28 Feb 2027 (the whole of February)
- 30 Nov 2026, "kwartaal" → 28 Feb 2027
- 29 Feb 2028, "jaar"    → 28 Feb 2029
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

PERIOD_MONTHS: dict[str, int] = {"jaar": 12, "kwartaal": 3, "maand": 1}
PERIOD_LABELS: dict[str, str] = {"jaar": "Jaar", "kwartaal": "Kwartaal", "maand": "Maand"}


def add_months(d: date, n: int) -> date:
    """`d` plus `n` calendar months (n may be negative); the day is clamped to the month end."""
    index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def valid_until(start: date, period_code: str) -> date:
    """Last day (inclusive) of a permit starting on `start` for the given period code.

    Raises ValueError for an unknown period code.
    """
    try:
        months = PERIOD_MONTHS[period_code]
    except KeyError:
        raise ValueError(f"unknown period code: {period_code!r}") from None
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    if start.day > calendar.monthrange(year, month + 1)[1]:
        return date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, start.day) - timedelta(days=1)


_PERIOD_WORDS = {
    "jaar": ("jaar", "jaarlijks", "per jaar", "12 maanden", "twaalf maanden", "year", "yearly", "annual"),
    "kwartaal": ("kwartaal", "kwartier", "per kwartaal", "3 maanden", "drie maanden", "quarter", "quarterly"),
    "maand": ("maand", "maandelijks", "per maand", "1 maand", "een maand", "month", "monthly"),
}


def parse_period(text: str) -> str | None:
    """The period code a citizen means ("per kwartaal", "jaarlijks", "3 maanden"), or None.
    Longer phrases win, so "3 maanden" is a quarter and not a month."""
    t = " ".join((text or "").lower().replace("/inform", " ").split())
    best: tuple[int, str] | None = None
    for code, words in _PERIOD_WORDS.items():
        for w in words:
            if w in t and (best is None or len(w) > best[0]):
                best = (len(w), code)
    return best[1] if best else None
