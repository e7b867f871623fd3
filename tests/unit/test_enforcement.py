"""The enforcement decision: which right counts, and the reason when none does."""

from datetime import date, datetime, timedelta, timezone

from backend.domain.enforcement import PermitRight, Reason, SessionRight, decide, local_today

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def permit(zone="binnenstad", active=True, status="active", product="bewonersvergunning",
           valid_from=date(2026, 3, 1), valid_until=date(2027, 2, 28), number="P-1"):
    return PermitRight(number, product, zone, valid_from, valid_until, status, active)


def session(zone="binnenstad", start=-1, end=2, status="active"):
    return SessionRight(zone, NOW + timedelta(hours=start), NOW + timedelta(hours=end), status)


def reason(permits=(), sessions=(), zone="binnenstad", now=NOW):
    d = decide(zone, permits, sessions, now)
    assert d.allowed == (d.reason in (Reason.PERMIT, Reason.VISITOR_SESSION))
    return d.reason


def test_a_valid_permit_in_the_zone_allows_with_its_number_and_end():
    d = decide("binnenstad", [permit()], [], NOW)
    assert (d.allowed, d.reason, d.permit_number, d.valid_until) == (True, Reason.PERMIT, "P-1", date(2027, 2, 28))


def test_only_the_active_plate_of_a_permit_counts():
    assert reason([permit(active=False)]) == Reason.INACTIVE_PLATE
    assert reason([permit(active=False), permit(number="P-2")]) == Reason.PERMIT


def test_other_zone_ended_expired_and_future_permits_do_not_count():
    assert reason([permit(zone="schilwijken")]) == Reason.PERMIT_OTHER_ZONE
    assert reason([permit(zone="schilwijken", active=False)]) == Reason.NO_RIGHT
    assert reason([permit(status="ended")]) == Reason.NO_RIGHT
    assert reason([permit(valid_until=date(2026, 11, 30))]) == Reason.NO_RIGHT
    assert reason([permit(valid_from=date(2026, 12, 2))]) == Reason.NO_RIGHT
    assert reason([permit(product="garageabonnement")]) == Reason.NO_RIGHT
    assert reason([]) == Reason.NO_RIGHT


def test_permit_days_are_amsterdam_days():
    # 23:30 UTC on 30 November is already 1 December in Deventer.
    late = datetime(2026, 11, 30, 23, 30, tzinfo=timezone.utc)
    assert local_today(late) == date(2026, 12, 1)
    assert reason([permit(valid_from=date(2026, 12, 1))], now=late) == Reason.PERMIT
    assert reason([permit(valid_until=date(2026, 11, 30))], now=late) == Reason.NO_RIGHT
    # Both end days count.
    assert reason([permit(valid_until=date(2026, 12, 1))]) == Reason.PERMIT


def test_a_visitor_session_counts_while_it_runs_in_the_zone():
    d = decide("binnenstad", [], [session(end=1), session(end=2)], NOW)
    assert (d.allowed, d.reason, d.session_ends_at) == (True, Reason.VISITOR_SESSION, NOW + timedelta(hours=2))
    assert reason(sessions=[session(start=1, end=3)]) == Reason.NO_RIGHT          # planned later
    assert reason(sessions=[session(start=-3, end=0)]) == Reason.NO_RIGHT         # ends now
    assert reason(sessions=[session(start=0)]) == Reason.VISITOR_SESSION          # starts now
    assert reason(sessions=[session(status="stopped")]) == Reason.NO_RIGHT
    assert reason(sessions=[session(zone="schilwijken")]) == Reason.NO_RIGHT


def test_naive_session_times_are_utc():
    naive = SessionRight("binnenstad", datetime(2026, 12, 1, 11, 0), datetime(2026, 12, 1, 13, 0), "active")
    assert reason(sessions=[naive]) == Reason.VISITOR_SESSION


def test_a_permit_wins_over_a_session_and_a_session_over_an_inactive_plate():
    assert reason([permit()], [session()]) == Reason.PERMIT
    assert reason([permit(active=False)], [session()]) == Reason.VISITOR_SESSION
