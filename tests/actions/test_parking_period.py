"""The parking period parser (actions/parking_period.py): Dutch and English, said back in full."""

from datetime import datetime, timedelta, timezone

import pytest

from actions.parking_period import LOCAL, ParkingPeriod, describe, parse

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
    ("vanmiddag van 2 tot 4", at(1, 14), at(1, 16)),         # the part names am/pm, not the window
    ("vanavond tot 21 uur", at(1, 18), at(1, 21)),           # the evening begins at 18:00
    ("vanavond tot 9", at(1, 18), at(1, 21)),
    ("this afternoon from 1 to 3", at(1, 13), at(1, 15)),
    ("tonight", at(1, 18), at(1, 23)),                       # no time: the window
    ("morgen de hele middag", at(2, 12), at(2, 18)),
    ("van half 3 tot 5", at(1, 14, 30), at(1, 17)),
    ("tot half 6", None, at(1, 17, 30)),
    ("tot kwart voor 5", None, at(1, 16, 45)),
    ("van kwart over 3 tot 5", at(1, 15, 15), at(1, 17)),
    ("tot kwart over 3", None, at(1, 15, 15)),
    ("tot 10 voor half 4", None, at(1, 15, 20)),
    ("until a quarter to 5 pm", None, at(1, 16, 45)),
    ("ik wil om 14 uur 2 uur parkeren", at(1, 14), at(1, 16)),    # "om" is a point in time
    ("morgen om 9 uur voor 2 uur", at(2, 9), at(2, 11)),
    ("van 14 uur voor 2 uur", at(1, 14), at(1, 16)),
    ("met de auto 2 uur", None, at(1, 12)),                   # not "to 2 uur"
    ("op 5-12 van 10 tot 16", at(5, 10), at(5, 16)),          # a date, not a range of hours
    ("5/12 van 10 tot 16", at(5, 10), at(5, 16)),
    ("van 10-12", at(1, 10), at(1, 12)),                      # still a range
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


@pytest.mark.parametrize("text", ["morgen voor 3 uur", "zaterdag 3 uur", "for 2 hours tomorrow",
                                  "op 5 december voor 2 uur", "vanmiddag voor 2 uur", "om 14 uur"])
def test_a_duration_on_another_day_has_no_start_so_the_chat_asks(text):
    assert parse(text, NOW) is None


def test_a_duration_today_still_starts_now():
    assert parse("vandaag voor 3 uur", NOW) == (parse("voor 3 uur", NOW))
    assert parse("dinsdag voor 3 uur", NOW).end == at(1, 13)        # today is Tuesday


def test_a_duration_in_a_part_of_the_day_that_has_begun_starts_now():
    assert parse("vanmiddag voor 2 uur", at(1, 13)) == ParkingPeriod(None, at(1, 15))


@pytest.mark.parametrize(("hour", "text", "end"), [
    (23, "tot 10 uur", at(2, 10)),       # 10 and 22 have passed: tomorrow 10:00, not 22:00
    (21, "tot 8", at(2, 8)),             # 8 and 20 have passed: tomorrow 08:00
    (13, "tot 10", at(1, 22)),           # 22 is still to come today
    (13, "tot 8", at(1, 20)),
    (21, "tot 22 uur", at(1, 22)),
    (23, "tot 22 uur", at(2, 22)),
    (21, "tot half 9", at(2, 8, 30)),
])
def test_an_end_that_has_passed_at_other_hours(hour, text, end):
    period = parse(text, at(1, hour))
    assert period is not None and (period.start, period.end) == (None, end)


def test_a_weekday_whose_period_has_passed_today_is_next_week():
    saturday_evening = at(5, 17)
    assert parse("zaterdag van 10 tot 16", saturday_evening) == ParkingPeriod(at(12, 10), at(12, 16))
    assert parse("zaterdag van 10 tot 16", at(5, 12)).start == at(5, 10)     # still running: today
    assert parse("zaterdag tot 16", saturday_evening).end == at(12, 16)


def test_a_duration_is_real_time_across_the_change_to_summer_time():
    night = datetime(2026, 3, 29, 1, 30, tzinfo=LOCAL)       # clocks go from 02:00 to 03:00
    period = parse("voor 3 uur", night)
    assert period.end.astimezone(timezone.utc) == night.astimezone(timezone.utc) + timedelta(hours=3)
    assert period.end.astimezone(LOCAL).strftime("%H:%M") == "05:30"
    started = parse("om 1 uur 3 uur", datetime(2026, 3, 29, 0, 30, tzinfo=LOCAL))
    assert started.end.astimezone(timezone.utc) - started.start.astimezone(timezone.utc) == timedelta(hours=3)


def test_the_period_is_said_back_in_full():
    assert describe(at(1, 14), at(1, 17), NOW) == "vandaag van 14:00 tot 17:00"
    assert describe(at(5, 10), at(5, 16), NOW) == "zaterdag 5 december van 10:00 tot 16:00"
    assert describe(at(5, 10), at(5, 16), NOW, "en") == "Saturday 5 December from 10:00 to 16:00"
    assert describe(at(1, 22), at(2, 2), NOW) == "van vandaag 22:00 tot morgen 02:00"
    assert describe(at(2, 9), at(2, 12), NOW, "en") == "tomorrow from 09:00 to 12:00"
    assert describe(at(1, 20), at(2, 0), NOW) == "vandaag van 20:00 tot 24:00"


def test_an_end_in_the_evening_said_in_the_evening_starts_now():
    assert parse("vanavond tot 21 uur", at(1, 19)) == ParkingPeriod(None, at(1, 21))
