from datetime import date

import pytest

from backend.domain.dates import check_start_date, format_date_nl, max_start_date, parse_date

TODAY = date(2026, 11, 25)  # a Wednesday
MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vandaag", TODAY),
        ("Morgen", date(2026, 11, 26)),
        ("overmorgen", date(2026, 11, 27)),
        ("volgende maandag", MONDAY),
        ("maandag", MONDAY),
        ("aanstaande vrijdag", date(2026, 11, 27)),
        ("woensdag", date(2026, 12, 2)),  # same weekday as today: next week
        ("1 maart", date(2027, 3, 1)),  # year wrap: next occurrence
        ("1 mrt", date(2027, 3, 1)),
        ("1 maart 2027", date(2027, 3, 1)),
        ("op 1 december", date(2026, 12, 1)),
        ("25 november", TODAY),  # on or after today
        ("24 november", date(2027, 11, 24)),
        ("01-03-2027", date(2027, 3, 1)),
        ("1-3-2027", date(2027, 3, 1)),
        ("1/3", date(2027, 3, 1)),
        ("15/12", date(2026, 12, 15)),
        ("2027-03-01", date(2027, 3, 1)),
        ("over 2 weken", date(2026, 12, 9)),
        ("over een week", date(2026, 12, 2)),
        ("over twee weken", date(2026, 12, 9)),
        ("over 3 dagen", date(2026, 11, 28)),
        ("begin volgende maand", date(2026, 12, 1)),
        ("Ik wil graag per 1 januari beginnen.", date(2027, 1, 1)),
        ("volgende week", date(2026, 12, 2)),
        # English answers (the form is the same in both languages)
        ("Tomorrow", date(2026, 11, 26)),
        ("the day after tomorrow", date(2026, 11, 27)),
        ("as soon as possible", TODAY),
        ("March 1", date(2027, 3, 1)),
        ("march 1st, 2027", date(2027, 3, 1)),
        ("the 1st of March", date(2027, 3, 1)),
        ("December 15", date(2026, 12, 15)),
        ("in 2 weeks", date(2026, 12, 9)),
        ("in a week", date(2026, 12, 2)),
        ("in three days", date(2026, 11, 28)),
        ("next week", date(2026, 12, 2)),
        ("next month", date(2026, 12, 1)),
        ("start of next month", date(2026, 12, 1)),
        ("next Monday", MONDAY),
        ("I would like to start on 1 January please", date(2027, 1, 1)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, TODAY) == expected


def test_volgende_maandag_on_a_monday_is_a_week_later():
    assert parse_date("volgende maandag", MONDAY) == date(2026, 12, 7)
    assert parse_date("maandag", MONDAY) == date(2026, 12, 7)


def test_begin_volgende_maand_in_december_wraps_year():
    assert parse_date("begin volgende maand", date(2026, 12, 31)) == date(2027, 1, 1)


def test_leap_day_without_year_goes_to_next_leap_year():
    assert parse_date("29 februari", TODAY) == date(2028, 2, 29)


@pytest.mark.parametrize("text", ["31 februari", "32-1-2027", "2027-02-30", "", "   ", "blablabla"])
def test_parse_date_unreadable(text):
    assert parse_date(text, TODAY) is None


def test_fallback_to_dateparser_still_relative_to_today():
    # Not covered by our own rules; dateparser reads it relative to `today`.
    result = parse_date("3 dagen geleden", TODAY)
    assert result == date(2026, 11, 22)


def test_max_start_date_clamps_month_end():
    assert max_start_date(date(2026, 11, 30)) == date(2027, 2, 28)
    assert max_start_date(date(2027, 11, 30)) == date(2028, 2, 29)
    assert max_start_date(TODAY) == date(2027, 2, 25)


def test_check_start_date():
    assert check_start_date(TODAY, TODAY) is None
    assert check_start_date(date(2027, 2, 25), TODAY) is None
    assert check_start_date(date(2026, 11, 24), TODAY) == ("date_in_past", {})
    assert check_start_date(date(2027, 2, 26), TODAY) == ("date_too_far", {"max_date": "2027-02-25"})


def test_format_date_nl():
    assert format_date_nl(date(2027, 3, 1)) == "1 maart 2027"
    assert format_date_nl(date(2026, 12, 25)) == "25 december 2026"
