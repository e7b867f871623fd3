"""Reading date answers ("morgen", "1 mrt", "over 2 weken"; in English too: "tomorrow",
"March 1st", "in 2 weeks") and checking start dates.

Own regular expressions handle the common answers; dateparser is only a fallback.
A day and month without a year mean the next occurrence on or after `today`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from babel.dates import format_date, get_month_names

from backend.domain.periods import add_months


def as_utc(dt: datetime | None) -> datetime | None:
    """A stored datetime as aware UTC: SQLite hands back naive ones, and they are stored in UTC."""
    if dt is None:
        return None
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


MONTHS_NL: tuple[str, ...] = tuple(get_month_names("wide", locale="nl")[m] for m in range(1, 13))

_MONTH_WORDS: dict[str, int] = {name: i + 1 for i, name in enumerate(MONTHS_NL)}
_MONTH_WORDS.update(
    {
        "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "maa": 3, "mar": 3, "apr": 4, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
        "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
        "august": 8, "october": 10,
    }
)  # fmt: skip

WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_WORDS: dict[str, int] = {name: i for i, name in enumerate(WEEKDAYS_NL)}
_WEEKDAY_WORDS.update({name: i for i, name in enumerate(WEEKDAYS_EN)})
_WEEKDAY_WORDS.update({"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6})

_NUMBER_WORDS = {
    "een": 1, "één": 1, "1": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MONTH_ALT = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted(WEEKDAYS_NL + WEEKDAYS_EN, key=len, reverse=True))
_NUM_ALT = "|".join(sorted((k for k in _NUMBER_WORDS if not k.isdigit()), key=len, reverse=True))

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\d/.-])")
_DM = re.compile(r"(?<![\d/.-])(\d{1,2})[-/.](\d{1,2})(?![\d/.-])")
_D_MONTH_Y = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:e|ste|de|st|nd|rd|th)?\s*(?:van\s+|of\s+)?({_MONTH_ALT})\.?(?![a-z])"
    rf"(?:,?\s*(\d{{4}}))?(?!\d)"
)
# English order: "March 1", "march 1st, 2027".
_MONTH_D_Y = re.compile(
    rf"(?<![a-z])({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(\d{{4}}))?(?!\d)"
)
_IN_N = re.compile(
    rf"\b(?:over|in)\s+(\d{{1,3}}|{_NUM_ALT})\s+"
    r"(dag|dagen|week|weken|maand|maanden|jaar|days?|weeks?|months?|years?)\b"
)
_START_NEXT_MONTH = re.compile(
    r"\b(begin|start|eerste\s+dag)\s+(van\s+)?(de\s+)?volgende\s+maand\b"
    r"|\b(beginning|start|first(\s+day)?)\s+of\s+next\s+month\b|^next\s+month$"
)
_NEXT_WEEK = re.compile(r"^(volgende|komende)\s+week$|^next\s+week$")
_WEEKDAY = re.compile(rf"\b(?:(volgende|aanstaande|komende|a\.s\.|next|this|coming)\s+)?({_WEEKDAY_ALT})\b")
_WEEKDAY_SHORT = re.compile(r"^(ma|di|wo|do|vr|za|zo)$")
_KEYWORDS = (
    (re.compile(r"\b(overmorgen|day after tomorrow)\b"), 2),
    (re.compile(r"\b(morgen|tomorrow)\b"), 1),
    (re.compile(r"\b(vandaag|today|nu|direct|meteen|zo snel mogelijk|now|immediately|asap"
                r"|as soon as possible|right away)\b"), 0),
)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_occurrence(day: int, month: int, today: date) -> date | None:
    """Next date with this day and month on or after today (29 Feb: next leap year)."""
    for year in range(today.year, today.year + 9):
        d = _safe_date(year, month, day)
        if d is not None and d >= today:
            return d
    return None


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _parse_own(text: str, today: date) -> date | None | bool:
    """Own rules. Returns a date, None when a pattern matched but is impossible, False if none matched."""
    if m := _ISO.search(text):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.search(text):
        return _safe_date(_full_year(m[3]), int(m[2]), int(m[1]))
    if m := _D_MONTH_Y.search(text):
        day, month = int(m[1]), _MONTH_WORDS[m[2]]
        if m[3]:
            return _safe_date(int(m[3]), month, day)
        return _next_occurrence(day, month, today) if _safe_date(2028, month, day) else None
    if m := _MONTH_D_Y.search(text):
        day, month = int(m[2]), _MONTH_WORDS[m[1]]
        if m[3]:
            return _safe_date(int(m[3]), month, day)
        return _next_occurrence(day, month, today) if _safe_date(2028, month, day) else None
    if m := _DM.search(text):
        day, month = int(m[1]), int(m[2])
        return _next_occurrence(day, month, today) if _safe_date(2028, month, day) else None
    if m := _IN_N.search(text):
        n = int(m[1]) if m[1].isdigit() else _NUMBER_WORDS[m[1]]
        unit = m[2]
        if unit.startswith(("dag", "day")):
            return today + timedelta(days=n)
        if unit.startswith("we"):
            return today + timedelta(weeks=n)
        if unit.startswith(("maand", "month")):
            return add_months(today, n)
        return add_months(today, 12 * n)
    if _START_NEXT_MONTH.search(text):
        return add_months(today.replace(day=1), 1)
    if _NEXT_WEEK.search(text):
        return today + timedelta(weeks=1)
    for pattern, days in _KEYWORDS:
        if pattern.search(text):
            return today + timedelta(days=days)
    weekday = None
    if m := _WEEKDAY.search(text):
        weekday = _WEEKDAY_WORDS[m[2]]
    elif m := _WEEKDAY_SHORT.match(text):
        weekday = _WEEKDAY_WORDS[m[1]]
    if weekday is not None:
        ahead = (weekday - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    return False


def _parse_fallback(text: str, today: date) -> date | None:
    if not any(c.isalnum() for c in text):
        return None
    import dateparser  # slow import and first call; only needed for unusual answers

    try:
        result = dateparser.parse(
            text,
            languages=["nl", "en"],
            settings={
                "RELATIVE_BASE": datetime(today.year, today.month, today.day),
                "PREFER_DATES_FROM": "future",
                "DATE_ORDER": "DMY",
            },
        )
    except Exception:  # dateparser raises various errors on odd input
        return None
    return result.date() if result else None


def parse_date(text: str, today: date) -> date | None:
    """Date from a Dutch answer relative to `today`, or None when it cannot be read."""
    if not isinstance(text, str):
        return None
    cleaned = " ".join(text.lower().replace("\u00a0", " ").split()).strip(" ,!?")
    if not cleaned:
        return None
    own = _parse_own(cleaned, today)
    if own is not False:
        return own  # type: ignore[return-value]
    return _parse_fallback(cleaned, today)


def max_start_date(today: date) -> date:
    """Latest allowed start date: today plus 3 calendar months (day clamped to month end)."""
    return add_months(today, 3)


def check_start_date(start: date, today: date) -> tuple[str, dict] | None:
    """Error code and params for a start date, or None when it is allowed."""
    if start < today:
        return "date_in_past", {}
    latest = max_start_date(today)
    if start > latest:
        return "date_too_far", {"max_date": latest.isoformat()}
    return None


def format_date_nl(d: date) -> str:
    """Dutch long date without leading zero: "1 maart 2027"."""
    return format_date(d, "d MMMM y", locale="nl")
