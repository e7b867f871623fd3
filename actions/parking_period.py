"""The period of a visitor parking session, read from what the citizen typed (Dutch or
English) and said back in full. Pure: `now` is given, local time Europe/Amsterdam.

    parse("van 14 tot 17 uur", now)       # today 14:00–17:00
    parse("voor 2,5 uur", now)            # now – now + 2:30
    parse("tot morgen 10 uur", now)       # now – tomorrow 10:00
    parse("zaterdag van 10 tot 16", now)  # the coming Saturday 10:00–16:00
    parse("from 2 to 5 pm", now)          # today 14:00–17:00

A start of None means "now". Hours without am/pm that have passed already today, in a period
that would lie wholly in the past ("van 2 tot 5" said at 10:00), are read as afternoon; an end
that has passed ("tot 8" at 21:00) is the +12h reading if that is still to come today, else
tomorrow at the hour as given. "half 3" is 2:30, "kwart voor 5" 4:45; "om 14 uur 2 uur" starts
at 14:00. A part of the day ("vanmiddag", "tonight") is its fixed window only without clock
times; with them it names the day and am/pm ("vanmiddag van 2 tot 4" = 14–16). A duration on
another day without a start ("morgen voor 3 uur") is None: the chat asks the period. A weekday
whose period has passed today is next week's. Durations are real time (across DST).
The whole message is parsed (no NLU entity): see docs/conversation.md, "Parkeren".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from babel.dates import format_date

LOCAL = ZoneInfo("Europe/Amsterdam")

WEEKDAYS = {"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6,
            "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
MONTHS = {m: i + 1 for i, names in enumerate((
    "januari january jan", "februari february feb", "maart march mrt mar", "april apr", "mei may",
    "juni june jun", "juli july jul", "augustus august aug", "september sept sep", "oktober october okt oct",
    "november nov", "december dec")) for m in names.split()}
RELATIVE_DAYS = {"vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2}
HALVES = {"de hele middag": (12, 18), "vanmiddag": (12, 18), "this afternoon": (12, 18), "de hele ochtend": (9, 12),
          "vanochtend": (9, 12), "this morning": (9, 12), "de hele dag": (9, 18), "all day": (9, 18),
          "the whole day": (9, 18), "vanavond": (18, 23), "tonight": (18, 23)}
# Hours without am/pm up to this one are pm in that part of the day ("vanavond tot 9" = 21:00).
PM_UP_TO = {(12, 18): 7, (18, 23): 11}

_TIME = r"(\d{1,2})(?:[:.](\d{2}))?\s*(?:uur|u|h|hrs|o'?clock)?\s*(am|pm|a\.m\.|p\.m\.)?"
_RANGE = re.compile(r"(?:van|vanaf|from|between|tussen)?\s*" + _TIME + r"\s*(?:tot|-|–|to|until|till|and|en)\s*"
                    + _TIME)
_UNTIL = re.compile(r"\b(?:tot|until|till|to)\s+(?:(?P<day>[a-z]+)\s+)?" + _TIME)
_DURATION = re.compile(r"(\d+(?:[.,]\d+)?|een|één|an?|anderhalf|half)\s*(?:uur|hours?|hrs?|h|kwartier|minuten|"
                       r"minutes?|mins?)\b")
_DURATION_UNIT = re.compile(r"(uur|hours?|hrs?|h|kwartier|minuten|minutes?|mins?)\b")
_DATE = re.compile(r"\b(\d{1,2})\s+([a-z]+)\b")
# "op 5-12", "5/12", "5-12 van 10 tot 16": a day-month date, not a range of hours.
_DAY_MONTH = re.compile(r"(?:\b(?:op|on)\s+|(?=\d{1,2}/)|(?=\d{1,2}-\d{1,2}(?:-\d{2,4})?\s+(?:van|vanaf|from|tussen|between|"
                        r"tot|until|om|at)\b))\b(\d{1,2})[-/](\d{1,2})(?:[-/](\d{4}|\d{2}))?\b")
_AT = re.compile(r"\b(?:om|at|van|vanaf|from)\s+" + _TIME)
# Dutch and English clock phrases, rewritten as h:mm before parsing ("half 3" = 2:30).
_CLOCK_PHRASES = (
    (re.compile(r"\b(\d{1,2}|kwart) (?:minuten |minutes )?voor half (\d{1,2})\b"), lambda n, h: (h - 1, 30 - n)),
    (re.compile(r"\b(\d{1,2}|kwart) (?:minuten |minutes )?over half (\d{1,2})\b"), lambda n, h: (h - 1, 30 + n)),
    (re.compile(r"\b(kwart|(?:a )?quarter) (?:voor|to) (\d{1,2})\b"), lambda n, h: (h - 1, 45)),
    (re.compile(r"\b(kwart|(?:a )?quarter) (?:over|past) (\d{1,2})\b"), lambda n, h: (h, 15)),
    (re.compile(r"\b(half) past (\d{1,2})\b"), lambda n, h: (h, 30)),
    (re.compile(r"\b(half) (\d{1,2})\b"), lambda n, h: (h - 1, 30)),
)
# Plates are not times: "voor GF-12-34 van 14 tot 17" (the plate is its own answer).
_PLATES = re.compile(r"\b(?=[a-z0-9-]*[a-z])[a-z0-9]{1,3}-[a-z0-9]{2,3}-[a-z0-9]{1,3}\b|\b(?=[a-z0-9]*[a-z])(?=[a-z0-9]*\d)[a-z0-9]{6}\b")
_DURATION_WORD = re.compile(r"\b(?:voor|for|gedurende)\s")
_POINT_WORDS = re.compile(r"\b(?:van|vanaf|from|tot|until|till|tussen|between)\b")


@dataclass(frozen=True)
class ParkingPeriod:
    start: datetime | None     # None: from now
    end: datetime


def _day(text: str, today: date) -> tuple[date | None, str, bool]:
    """The day the text names (and the text without it), or None; True when it is a weekday
    (a weekday whose period has passed today means next week)."""
    for word, offset in sorted(RELATIVE_DAYS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{word}\b", text):
            return today + timedelta(days=offset), re.sub(rf"\b{word}\b", " ", text, count=1), False
    for m in _DAY_MONTH.finditer(text):
        year = int(m.group(3)) if m.group(3) else None
        day = _date(today, int(m.group(1)), int(m.group(2)), year and (year + 2000 if year < 100 else year))
        return day, (text[:m.start()] + " " + text[m.end():]) if day else text, False
    for m in _DATE.finditer(text):
        if m.group(2) in MONTHS:
            day = _date(today, int(m.group(1)), MONTHS[m.group(2)], None)
            return day, (text[:m.start()] + " " + text[m.end():]) if day else text, False
    for word, weekday in WEEKDAYS.items():
        if re.search(rf"\b{word}\b", text):
            return (today + timedelta(days=(weekday - today.weekday()) % 7),
                    re.sub(rf"\b{word}\b", " ", text, count=1), True)
    return None, text, False


def _date(today: date, day: int, month: int, year: int | None) -> date | None:
    """That date; without a year the coming one ("5 januari" in December: next year)."""
    try:
        found = date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None and found < today - timedelta(days=60):
        found = found.replace(year=today.year + 1)
    return found


def _clock_phrases(text: str) -> str:
    """ "half 3" → "2:30", "kwart voor 5" → "4:45", "quarter past 3" → "3:15"."""
    for pattern, to in _CLOCK_PHRASES:
        def repl(m: re.Match, to=to) -> str:
            n = 15 if m.group(1).endswith(("kwart", "quarter")) else int(m.group(1)) if m.group(1).isdigit() else 0
            hour, minute = to(n, int(m.group(2)))
            if not 0 <= minute < 60 or not 0 <= hour <= 24:
                return m.group(0)
            return f"{hour or 12}:{minute:02d}"
        text = pattern.sub(repl, text)
    return text


def _hour(h: str, m: str | None, ampm: str | None, pm_up_to: int = 0) -> tuple[int, int, bool] | None:
    """(hour, minute, explicit) of a clock time; explicit when am/pm, 13+ or a leading 0 say it,
    or a part of the day does (hours up to `pm_up_to` are pm)."""
    hour, minute = int(h), int(m or 0)
    if ampm:
        ampm = ampm.replace(".", "")
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    explicit = bool(ampm) or hour == 0 or hour > 12 or h.startswith("0")
    if not explicit and 1 <= hour <= pm_up_to:
        return hour + 12, minute, True
    return hour, minute, explicit or bool(pm_up_to)


def _at(day: date, hour: int, minute: int) -> datetime:
    if hour == 24:
        return datetime.combine(day + timedelta(days=1), time(0), LOCAL)
    return datetime.combine(day, time(hour, minute), LOCAL)


def _later(moment: datetime, duration: timedelta) -> datetime:
    """`moment` + `duration` in real time: 01:30 + 3 h on the night clocks go forward is 05:30."""
    return (moment.astimezone(timezone.utc) + duration).astimezone(LOCAL)


def _duration(text: str) -> timedelta | None:
    m = _DURATION.search(text)
    if not m:
        return None
    amount = {"een": "1", "één": "1", "a": "1", "an": "1", "anderhalf": "1.5", "half": "0.5"}.get(m.group(1), m.group(1))
    value = float(amount.replace(",", "."))
    unit = _DURATION_UNIT.search(text, m.start()).group(1)
    if unit == "kwartier":
        minutes = value * 15
    elif unit.startswith("min"):
        minutes = value
    else:
        minutes = value * 60
    extra = re.search(r"(?:uur|hours?)\s+(?:en|and)\s+(\d+)\s*(?:minuten|minutes?|min)", text)
    if extra:
        minutes += int(extra.group(1))
    return timedelta(minutes=round(minutes)) if minutes > 0 else None


def parse(text: str, now: datetime) -> ParkingPeriod | None:
    """The period in `text` (None when it names none); `now` is an aware datetime."""
    now = now.astimezone(LOCAL)
    today = now.date()
    low = " " + re.sub(r"\s+", " ", _PLATES.sub(" ", (text or "").lower().replace("’", "'"))) + " "
    low = _clock_phrases(low)
    phrase = next((p for p in sorted(HALVES, key=len, reverse=True) if p in low), None)
    part = HALVES.get(phrase)
    if phrase:
        low = low.replace(phrase, " ")
    day, rest, weekly = _day(low, today)
    period = _parse(low, rest, day, weekly, now, PM_UP_TO.get(part, 0))
    if part and period and period.start is None and now < _at(day or today, part[0], 0):
        if not _UNTIL.search(rest):
            return None                                      # "vanmiddag voor 2 uur" said in the morning: from when?
        period = ParkingPeriod(_at(day or today, part[0], 0), period.end)   # "vanavond tot 21 uur": from 18:00
    if part and period is None and not _duration(low) and not _AT.search(rest):
        return ParkingPeriod(_at(day or today, part[0], 0), _at(day or today, part[1], 0))   # "de hele middag"
    return period


def _parse(low: str, rest: str, day: date | None, weekly: bool, now: datetime, pm_up_to: int) -> ParkingPeriod | None:
    today = now.date()
    at = _AT.search(rest)
    after = (rest[:at.start()] + " " + rest[at.end():]) if at else ""
    if at and not _UNTIL.search(after) and not _RANGE.search(after) and _duration(after):
        first = _hour(*at.group(1, 2, 3), pm_up_to)          # "om 14 uur 2 uur parkeren"
        if first is None:
            return None
        start = _at(day or today, first[0], first[1])
        if start <= now and not first[2] and first[0] < 12 and day in (None, today):
            start += timedelta(hours=12)
        if start <= now and weekly:
            start += timedelta(days=7)
        return ParkingPeriod(start, _later(start, _duration(after)))
    duration = _duration(after if at else low)               # "om 14 uur" is no duration
    if duration and day not in (None, today) and not _POINT_WORDS.search(low):
        return None                                          # "morgen voor 3 uur": from when?
    if duration and _DURATION_WORD.search(low) and not _POINT_WORDS.search(low):
        return ParkingPeriod(None, _later(now, duration))
    m = _RANGE.search(rest)
    if m:
        first, last = _hour(*m.group(1, 2, 3), pm_up_to), _hour(*m.group(4, 5, 6), pm_up_to)
        if first is None or last is None:
            return None
        pm = (m.group(6) or "").startswith("p")
        if pm and not m.group(3) and first[0] < 12 and first[0] + 12 <= last[0]:
            first = (first[0] + 12, first[1], True)             # "from 2 to 5 pm"
        period = _range(day or today, first, last, now)
        if weekly and period.end <= now:
            return ParkingPeriod(period.start + timedelta(days=7), period.end + timedelta(days=7))
        return period
    m = _UNTIL.search(rest)
    if m:
        until_day = day
        if m.group("day"):
            until_day = _day(m.group("day"), today)[0] or day
        last = _hour(*m.group(2, 3, 4), pm_up_to)
        if last is None:
            return None
        end = _at(until_day or today, last[0], last[1])
        if end <= now and not last[2] and last[0] < 12 and _at(end.date(), last[0] + 12, last[1]) > now:
            end = _at(end.date(), last[0] + 12, last[1])       # "tot 8" at 10:00: 20:00
        if end <= now and weekly:
            end += timedelta(days=7)
        elif end <= now and until_day is None:
            end = _at(today + timedelta(days=1), last[0], last[1])   # "tot 10" at 23:00: tomorrow 10:00
        return ParkingPeriod(None, end)
    if duration and not _POINT_WORDS.search(low):
        return ParkingPeriod(None, _later(now, duration))
    return None


def _range(day: date, first: tuple, last: tuple, now: datetime) -> ParkingPeriod:
    start, end = _at(day, first[0], first[1]), _at(day, last[0], last[1])
    if end <= start < end + timedelta(hours=12) and not last[2] and last[0] < 12:
        end += timedelta(hours=12)                  # "van 10 tot 4"
    if end <= now and day == now.date() and not first[2] and first[0] < 12 and last[0] < 12:
        start, end = start + timedelta(hours=12), end + timedelta(hours=12)     # "van 2 tot 5" at 10:00
    if end <= start:
        end += timedelta(days=1)                   # "van 22 tot 2"
    return ParkingPeriod(start, end)


def describe(start: datetime, end: datetime, now: datetime, lang: str = "nl") -> str:
    """ "vandaag van 14:00 tot 17:00", "zaterdag 5 december van 10:00 tot 16:00", "van vandaag
    22:00 tot morgen 02:00" (English: "today from 14:00 to 17:00", …)."""
    start, end, now = start.astimezone(LOCAL), end.astimezone(LOCAL), now.astimezone(LOCAL)
    en = lang == "en"
    last_day = (end - timedelta(microseconds=1)).date()

    def day_name(d: date) -> str:
        if d == now.date():
            return "today" if en else "vandaag"
        if d == now.date() + timedelta(days=1):
            return "tomorrow" if en else "morgen"
        return format_date(d, "EEEE d MMMM", locale="en" if en else "nl")

    hhmm_start = start.strftime("%H:%M")
    hhmm_end = "24:00" if end.time() == time(0) and last_day < end.date() else end.strftime("%H:%M")
    if start.date() == last_day:
        word = "from {a} to {b}" if en else "van {a} tot {b}"
        return f"{day_name(start.date())} " + word.format(a=hhmm_start, b=hhmm_end)
    if en:
        return f"from {day_name(start.date())} {hhmm_start} to {day_name(end.date())} {end.strftime('%H:%M')}"
    return f"van {day_name(start.date())} {hhmm_start} tot {day_name(end.date())} {end.strftime('%H:%M')}"
