"""Which periods a visitor parking session may be booked for (backend/domain/parking.py)."""

from datetime import date, datetime, timedelta, timezone

from backend.domain.parking import check_period, overlaps, parse_instant, state
from backend.domain.tariffs import LOCAL

NOW = datetime(2026, 12, 1, 13, 0, tzinfo=timezone.utc)     # 14:00 in Amsterdam
VALID = (date(2026, 6, 1), date(2027, 5, 31))


def check(start, end, now=NOW, valid=VALID):
    return check_period(start, end, now, 14, *valid)


def test_no_start_or_a_start_that_has_passed_means_now():
    assert check(None, NOW + timedelta(hours=3)) == (NOW, None)
    assert check(NOW - timedelta(hours=1), NOW + timedelta(hours=2)) == (NOW, None)


def test_a_period_that_is_over_or_reversed_is_refused():
    assert check(NOW - timedelta(hours=3), NOW - timedelta(hours=1))[1][0] == "period_in_past"
    assert check(NOW + timedelta(hours=3), NOW + timedelta(hours=1))[1][0] == "end_before_start"


def test_too_far_ahead_names_the_last_day():
    code, params = check(NOW + timedelta(days=15), NOW + timedelta(days=15, hours=1))[1]
    assert (code, params) == ("too_far_ahead", {"max_days": 14, "last_day": "2026-12-15"})
    assert check(NOW + timedelta(days=13), NOW + timedelta(days=13, hours=1))[1] is None


def test_outside_the_permit_dates_is_refused():
    valid = (date(2026, 6, 1), date(2026, 12, 1))
    assert check(NOW, datetime(2026, 12, 2, 0, 0, tzinfo=LOCAL), valid=valid)[1] is None    # up to midnight
    code, params = check(NOW, datetime(2026, 12, 2, 9, 0, tzinfo=LOCAL), valid=valid)[1]
    assert (code, params["valid_until"]) == ("permit_not_valid_then", "2026-12-01")


def test_iso_times_need_an_offset_and_state_follows_the_clock():
    assert parse_instant("2026-12-01T14:00:00+01:00") == NOW
    assert parse_instant("2026-12-01T14:00:00") is None and parse_instant("morgen") is None
    assert overlaps(NOW, NOW + timedelta(hours=1), NOW + timedelta(minutes=59), NOW + timedelta(hours=2))
    assert not overlaps(NOW, NOW + timedelta(hours=1), NOW + timedelta(hours=1), NOW + timedelta(hours=2))
    hour = timedelta(hours=1)
    assert [state("active", NOW + a, NOW + b, NOW) for a, b in ((hour, 2 * hour), (-hour, hour), (-2 * hour, -hour))] \
        == ["planned", "running", "ended"]
    assert state("stopped", NOW - hour, NOW + hour, NOW) == "stopped"
