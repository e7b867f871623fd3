"""Operator passwords and the rules of a review decision."""

from datetime import date, datetime, timezone

from backend.domain.passwords import DEMO_PASSWORD, hash_password, password_problem, verify_password
from backend.domain.review import check_decision, days_waiting, review_reason


def test_password_hash_is_salted_and_checked():
    first, second = hash_password("een-sterk-wachtwoord"), hash_password("een-sterk-wachtwoord")
    assert first != second and first.startswith("scrypt$")
    assert verify_password("een-sterk-wachtwoord", first)
    assert not verify_password("een-ander-wachtwoord", first)
    assert not verify_password("x", "not-a-hash")


def test_password_rules():
    assert "12 tekens" in password_problem("kort", public=False)
    assert password_problem(DEMO_PASSWORD, public=False) is None
    assert "demo" in password_problem(DEMO_PASSWORD, public=True)


def test_decision_rules():
    assert check_decision("in_review", "approved", None) == ("", None)
    assert check_decision("in_review", "rejected", "  ") == ("reason_missing", None)
    assert check_decision("in_review", "rejected", " Geen  contract ") == ("", "Geen contract")
    assert check_decision("in_review", "rejected", "x" * 501)[0] == "reason_too_long"
    assert check_decision("awaiting_payment", "approved", None)[0] == "not_in_review"
    assert check_decision("in_review", "maybe", None)[0] == "bad_outcome"


def test_what_the_queue_shows():
    assert days_waiting(datetime(2026, 11, 20, 23, 0, tzinfo=timezone.utc), date(2026, 11, 25)) == 5
    assert review_reason([(True, None), (False, "lease")], "new") == "Leaseauto of auto van de zaak"
    assert review_reason([(False, "partner")], "plate_change") == "Kentekenwijziging: Auto van mijn partner"
