"""The parking period parser (actions/parking_period.py): Dutch and English, said back in full."""

from datetime import datetime, timedelta

import pytest

from actions.parking_period import LOCAL, describe, parse

# Tuesday 1 December 2026, 10:00 in Amsterdam.
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=LOCAL)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=LOCAL)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("van 14 tot 17 uur", at(1, 14), at(1, 17)),
    ("van 14:00 tot 17:30", at(1, 14), at(1, 17, 30)),
    ("14.00-17.30", at(1, 14), at(1, 17, 30)),
    ("tot 18 uur", None, at(1, 18)),
    ("tot morgen 10 uur", None, at(2, 10)),
    ("morgen van 9 tot 12", at(2, 9), at(2, 12)),
    ("zaterdag van 10 tot 16", at(5, 10), at(5, 16)),
    ("van 2 tot 5", at(1, 14), at(1, 17)),                 # 2 am has passed: afternoon
    ("van 9 tot 12", at(1, 9), at(1, 12)),                 # still running: as said
    ("de hele middag", at(1, 12), at(1, 18)),
    ("from 2 to 5 pm", at(1, 14), at(1, 17)),
    ("until tomorrow 10 am", None, at(2, 10)),
    ("tussen 13 en 15 uur", at(1, 13), at(1, 15)),
    ("van 22 tot 2", at(1, 22), at(2, 2)),
    ("op 5 december van 10 tot 16", at(5, 10), at(5, 16)),
    ("start parkeren voor GF-12-34 van 14 tot 17", at(1, 14), at(1, 17)),
    ("tot 8", None, at(1, 20)),
])
def test_points_in_time(text, start, end):
    period = parse(text, NOW)
    assert period is not None, text
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(("text", "minutes"), [
    ("voor 3 uur", 180), ("voor 2,5 uur", 150), ("for 3 hours", 180), ("voor anderhalf uur", 90),
    ("voor 45 minuten", 45), ("for an hour", 60), ("voor 1 uur en 30 minuten", 90),
    ("mijn bezoek komt voor 2 uur", 120),
])
def test_durations_start_now(text, minutes):
    period = parse(text, NOW)
    assert period is not None and period.start is None and period.end == NOW + timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["parkeren starten", "12-ABC-3", "ja", "start parking", "van 25 tot 30"])
def test_no_period(text):
    assert parse(text, NOW) is None


def test_the_period_is_said_back_in_full():
    assert describe(at(1, 14), at(1, 17), NOW) == "vandaag van 14:00 tot 17:00"
    assert describe(at(5, 10), at(5, 16), NOW) == "zaterdag 5 december van 10:00 tot 16:00"
    assert describe(at(5, 10), at(5, 16), NOW, "en") == "Saturday 5 December from 10:00 to 16:00"
    assert describe(at(1, 22), at(2, 2), NOW) == "van vandaag 22:00 tot morgen 02:00"
    assert describe(at(2, 9), at(2, 12), NOW, "en") == "tomorrow from 09:00 to 12:00"
    assert describe(at(1, 20), at(2, 0), NOW) == "vandaag van 20:00 tot 24:00"
