from datetime import date

import pytest

from backend.domain.renewals import (
    STATUS_LABELS,
    due_date,
    is_due,
    lapsed,
    next_period,
    status_label,
)


def test_due_thirty_days_before_the_end():
    assert due_date(date(2027, 2, 28), 30) == date(2027, 1, 29)
    assert not is_due(date(2027, 2, 28), date(2027, 1, 28), 30)
    assert is_due(date(2027, 2, 28), date(2027, 1, 29), 30)
    assert is_due(date(2027, 2, 28), date(2027, 2, 28), 30)     # the last day still counts
    assert not is_due(date(2027, 2, 28), date(2027, 3, 1), 30)  # too late: lapsed instead
    assert lapsed(date(2027, 2, 28), date(2027, 3, 1))
    assert not lapsed(date(2027, 2, 28), date(2027, 2, 28))


def test_due_across_a_leap_day():
    # 30 days before 1 April 2028 crosses 29 February.
    assert due_date(date(2028, 3, 31), 30) == date(2028, 3, 1)
    assert due_date(date(2028, 3, 1), 1) == date(2028, 2, 29)


def test_negative_days_refused():
    with pytest.raises(ValueError):
        due_date(date(2027, 2, 28), -1)


@pytest.mark.parametrize(
    ("current_end", "code", "start", "end"),
    [
        (date(2027, 2, 28), "jaar", date(2027, 3, 1), date(2028, 2, 29)),      # into a leap year
        (date(2028, 2, 28), "jaar", date(2028, 2, 29), date(2029, 2, 28)),     # starts on 29 Feb
        (date(2026, 12, 31), "jaar", date(2027, 1, 1), date(2027, 12, 31)),
        (date(2027, 1, 30), "maand", date(2027, 1, 31), date(2027, 2, 28)),    # month end: all of Feb
        (date(2028, 1, 30), "maand", date(2028, 1, 31), date(2028, 2, 29)),    # leap February
        (date(2027, 2, 28), "maand", date(2027, 3, 1), date(2027, 3, 31)),
        (date(2026, 11, 29), "kwartaal", date(2026, 11, 30), date(2027, 2, 28)),
        (date(2027, 2, 28), "kwartaal", date(2027, 3, 1), date(2027, 5, 31)),
    ],
)
def test_next_period_same_length_no_day_lost(current_end, code, start, end):
    period = next_period(current_end, code)
    assert (period.start, period.end) == (start, end)


def test_consecutive_renewals_leave_no_gap():
    end = date(2027, 1, 30)
    for _ in range(14):
        period = next_period(end, "maand")
        assert period.start.toordinal() == end.toordinal() + 1
        end = period.end


def test_unknown_period_code():
    with pytest.raises(ValueError):
        next_period(date(2027, 2, 28), "week")


def test_labels_are_the_manuals():
    assert status_label("awaiting_confirmation") == "Wacht op uw bevestiging"
    assert status_label("awaiting_payment") == "Wacht op betaling"
    assert set(STATUS_LABELS) >= {"paid", "withdrawn", "expired"}
    with pytest.raises(ValueError):
        status_label("nope")
