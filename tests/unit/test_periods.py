from datetime import date

import pytest

from backend.domain.periods import PERIOD_LABELS, add_months, valid_until


@pytest.mark.parametrize(
    ("start", "code", "end"),
    [
        (date(2027, 3, 1), "jaar", date(2028, 2, 29)),
        (date(2026, 3, 1), "jaar", date(2027, 2, 28)),
        (date(2026, 12, 1), "kwartaal", date(2027, 2, 28)),
        (date(2026, 11, 15), "maand", date(2026, 12, 14)),
        (date(2027, 1, 31), "maand", date(2027, 2, 28)),  # "31 Feb" does not exist: all of Feb
        (date(2028, 1, 31), "maand", date(2028, 2, 29)),  # leap year: all of Feb
        (date(2028, 1, 29), "maand", date(2028, 2, 28)),
        (date(2026, 11, 30), "kwartaal", date(2027, 2, 28)),
        (date(2028, 2, 29), "jaar", date(2029, 2, 28)),  # no 29 Feb 2029: no day lost
    ],
)
def test_valid_until(start, code, end):
    assert valid_until(start, code) == end


def test_unknown_period():
    with pytest.raises(ValueError):
        valid_until(date(2026, 1, 1), "week")


def test_add_months():
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2027, 3, 31), -1) == date(2027, 2, 28)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)


def test_labels():
    assert PERIOD_LABELS == {"jaar": "Jaar", "kwartaal": "Kwartaal", "maand": "Maand"}
