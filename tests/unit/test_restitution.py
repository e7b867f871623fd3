from datetime import date
from decimal import Decimal

import pytest

from backend.domain.restitution import restitution

YEAR = (date(2026, 11, 26), date(2027, 11, 25))      # 365 days


def test_half_way_through_a_year():
    # ended on 26 May 2027: 183 days left of 365
    assert restitution(Decimal("312.00"), *YEAR, date(2027, 5, 26)) == Decimal("156.42")


def test_last_day_refunds_nothing_and_after_the_end_neither():
    assert restitution(Decimal("312.00"), *YEAR, date(2027, 11, 25)) == Decimal("0.00")
    assert restitution(Decimal("312.00"), *YEAR, date(2028, 1, 1)) == Decimal("0.00")


def test_first_day_keeps_one_day():
    assert restitution(Decimal("365.00"), date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 1)) == Decimal("364.00")


def test_not_started_is_refunded_in_full():
    assert restitution(Decimal("81.90"), date(2027, 1, 1), date(2027, 3, 31), date(2026, 12, 15)) == Decimal("81.90")


def test_leap_year_has_366_days():
    # 1 Mar 2027 – 29 Feb 2028 is 366 days; ended the day before the last: 1 day left
    assert restitution(Decimal("366.00"), date(2027, 3, 1), date(2028, 2, 29), date(2028, 2, 28)) == Decimal("1.00")


def test_rounds_down_to_the_cent_and_never_uses_float():
    # 28.60 × 1/31 = 0.9225… → 0.92
    assert restitution(Decimal("28.60"), date(2027, 1, 1), date(2027, 1, 31), date(2027, 1, 30)) == Decimal("0.92")
    with pytest.raises(TypeError):
        restitution(28.6, date(2027, 1, 1), date(2027, 1, 31), date(2027, 1, 30))
