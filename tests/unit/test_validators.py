"""POST /validate/<field>: one validator per field in a table; an unknown field is refused."""

import asyncio

import pytest

from backend.services import applications
from backend.services.errors import ApiError

FIELDS = {"start_date", "period", "plate", "plate_reason", "reason", "iban", "answer"}


def validate(field, text, draft=None):
    return asyncio.run(applications.validate_field(None, None, None, field, text, draft or {}))


def test_the_table_has_every_field():
    assert set(applications.VALIDATORS) == FIELDS
    assert applications.VALIDATORS["plate_reason"] is applications.VALIDATORS["reason"]


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_every_field_is_routed_to_its_validator(monkeypatch, field):
    calls = []

    async def fake(db, vehicles, citizen, text, draft):
        calls.append((field, text, draft))
        return {"ok": True, "value": field}

    monkeypatch.setitem(applications.VALIDATORS, field, fake)
    assert validate(field, "  some text ", {"x": 1}) == {"ok": True, "value": field}
    assert calls == [(field, "some text", {"x": 1})]          # stripped, draft passed on


def test_validators_without_the_database():
    assert validate("iban", "NL91 ABNA 0417 1643 00")["value"] == "NL91ABNA0417164300"
    assert validate("reason", "auto van mijn partner")["value"] == "partner"
    assert validate("plate_reason", "leaseauto")["value"] == "lease"
    with pytest.raises(ApiError) as e:
        validate("iban", "NL00 1234")
    assert (e.value.code, e.value.status) == ("iban_invalid", 422)


@pytest.mark.parametrize("field", ["colour", "", "VALIDATORS", "Plate"])
def test_unknown_field_is_refused(field):
    with pytest.raises(ApiError) as e:
        validate(field, "x")
    assert (e.value.code, e.value.params, e.value.status) == ("unknown_field", {"field": field}, 404)


def test_check_answer_turns_a_refusal_into_a_result_but_not_an_unknown_field():
    answer = asyncio.run(applications.check_answer(None, None, None, "iban", "NL00", {}))
    assert answer == {"ok": False, "error": "iban_invalid", "params": {}}
    with pytest.raises(ApiError):
        asyncio.run(applications.check_answer(None, None, None, "colour", "x", {}))
