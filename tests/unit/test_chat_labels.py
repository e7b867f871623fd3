"""The chat's names of the backend's codes (actions/labels.py, pure Python, so tested here
with the backend's own tables): every code the backend can send has a name in both
languages, and the chat's Dutch is the backend's own Dutch word."""

import json
from pathlib import Path

import pytest

from actions import labels
from backend.domain import applications, periods, renewals

ROOT = Path(__file__).resolve().parents[2]
# The kinds of document the backend stores (services/*: store_letter, pages/citizen.py: evidence).
DOCUMENT_KINDS = ("permit_receipt", "renewal_receipt", "termination", "plate_change", "decision", "evidence")


@pytest.mark.parametrize(("table", "backend_dutch"), [
    (labels.APPLICATION_STATUSES, applications.STATUS_LABELS),
    (labels.RENEWAL_STATUSES, renewals.STATUS_LABELS),
    (labels.PERIODS, periods.PERIOD_LABELS),
    (labels.PLATE_REASONS, applications.EVIDENCE_REASONS),
    (labels.PRODUCTS, {p["code"]: p["name"] for p in json.loads(
        (ROOT / "backend" / "db" / "seed" / "demo.json").read_text(encoding="utf-8"))["products"]}),
])
def test_every_backend_code_has_both_names(table, backend_dutch):
    assert set(table) == set(backend_dutch)
    for code, (nl, en) in table.items():
        assert nl == backend_dutch[code] and en and en != nl, code


def test_todos_match_the_backend():
    for code, todo in applications.STATUS_TODOS.items():
        assert labels.APPLICATION_TODOS.get(code, ("", ""))[0] == todo, code
        assert bool(labels.APPLICATION_TODOS.get(code, ("", ""))[1]) == bool(todo), code


def test_every_document_kind_has_both_names():
    assert set(labels.DOCUMENT_KINDS) == set(DOCUMENT_KINDS)
    assert all(nl and en and nl != en for nl, en in labels.DOCUMENT_KINDS.values())
