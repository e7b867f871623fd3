import pytest

from backend.domain import applications as app


def test_labels_and_todos():
    assert app.status_label("awaiting_evidence") == "Wacht op bewijsstuk"
    assert app.status_label("in_review") == "In behandeling bij de gemeente"
    assert app.status_label("awaiting_payment") == "Wacht op betaling"
    assert app.status_label("granted") == "Verleend"
    assert app.status_label("rejected") == "Afgewezen"
    assert app.status_label("cancelled") == "Geannuleerd"
    assert app.todo("awaiting_evidence") == "Stuur een bewijsstuk dat u de gebruiker van het voertuig bent."
    assert app.todo("in_review") == "De gemeente beoordeelt uw bewijsstuk. U hoeft nu niets te doen."
    assert app.todo("awaiting_payment") == "Betaal de aanvraag in de winkelwagen."
    assert app.todo("granted") == ""


def test_every_status_has_label_and_todo():
    assert set(app.STATUS_LABELS) == set(app.STATUS_TODOS)
    assert set(app.OPEN_STATUSES) <= set(app.STATUS_LABELS)
    assert app.OPEN_STATUSES == ("awaiting_evidence", "in_review", "awaiting_payment")


def test_unknown_status():
    with pytest.raises(ValueError):
        app.status_label("lost")
    with pytest.raises(ValueError):
        app.todo("lost")


def test_evidence_reasons():
    assert app.EVIDENCE_REASONS["lease"] == "Leaseauto of auto van de zaak"
    assert set(app.EVIDENCE_REASONS) == {"partner", "lease", "garage"}


def test_make_reference():
    assert app.make_reference(123, 2026) == "A-2026-000123"
    assert app.make_reference(1, 2027) == "A-2027-000001"
    with pytest.raises(ValueError):
        app.make_reference(0, 2026)
