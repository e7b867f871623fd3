"""Visitor tariffs: paid windows per weekday, per started minute, rounded once per session."""

from datetime import datetime, time
from decimal import Decimal

from backend.domain.tariffs import LOCAL, PaidWindow, TariffRules, cost, hours_for, paid_minutes, refund

RATE = Decimal("1.20")
# Monday–Saturday 9–18, Thursday until 21; Sunday free.
RULES = TariffRules("binnenstad", tuple(
    [PaidWindow(d, time(9), time(18), RATE) for d in (0, 1, 2, 4, 5)] + [PaidWindow(3, time(9), time(21), RATE)]))


def at(day: int, hour: int, minute: int = 0, second: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=LOCAL)


def test_inside_paid_hours_costs_the_hourly_rate():
    # Tuesday 1 December 2026, 14:00–17:00
    assert cost(RULES, at(1, 14), at(1, 17)) == Decimal("3.60")


def test_outside_paid_hours_nothing_is_charged():
    assert cost(RULES, at(1, 18), at(1, 23)) == Decimal("0.00")
    assert cost(RULES, at(6, 10), at(6, 16)) == Decimal("0.00")      # a Sunday


def test_a_session_over_the_end_of_paid_hours_pays_only_the_paid_part():
    assert cost(RULES, at(1, 17), at(2, 10)) == Decimal("2.40")      # 17–18 and 9–10 next day


def test_thursday_has_longer_paid_hours():
    assert cost(RULES, at(3, 18), at(3, 21)) == Decimal("3.60")


def test_every_started_minute_counts_and_the_total_is_rounded_once():
    assert paid_minutes(RULES, at(1, 10), at(1, 10, 0, 1)) == 1
    assert cost(RULES, at(1, 10), at(1, 10, 1)) == Decimal("0.02")   # 1.20 / 60
    assert cost(RULES, at(1, 10), at(1, 10, 7)) == Decimal("0.14")
    assert cost(RULES, at(1, 10), at(1, 10, 50)) == Decimal("1.00")


def test_stopping_early_gives_the_unused_part_back():
    charged = cost(RULES, at(1, 14), at(1, 17))
    assert refund(RULES, at(1, 14), at(1, 17), at(1, 15, 30), charged) == Decimal("1.80")
    assert refund(RULES, at(1, 14), at(1, 17), at(1, 13), charged) == charged       # before it began
    assert refund(RULES, at(1, 14), at(1, 17), at(1, 18), charged) == Decimal("0.00")


def test_a_daylight_saving_day_counts_real_time():
    # Sunday 29 March 2026 clocks go forward at 02:00: paid all day in this zone.
    rules = TariffRules("z", (PaidWindow(6, time(0), time(23, 59, 59), Decimal("6.00")),))
    assert paid_minutes(rules, datetime(2026, 3, 29, 1, tzinfo=LOCAL), datetime(2026, 3, 29, 4, tzinfo=LOCAL)) == 120


def test_hours_a_balance_buys_at_the_standard_rate():
    assert hours_for(RULES, Decimal("12.50")) == Decimal("10.25")
    assert hours_for(TariffRules("free", ()), Decimal("10")) == Decimal("0")
