"""Hand-off to a person: a ticket with the transcript, without BSN or IBAN, also before login."""

import json
import uuid

from tests.api.test_payments import db_rows
from tests.support.processes import api_call

JAN = "999990019"


def transcript(*lines):
    return [{"speaker": speaker, "text": text} for speaker, text in lines]


def test_a_logged_in_citizen_gets_a_ticket_with_a_masked_transcript(backend, citizen):
    jan = citizen(JAN)
    status, ticket = jan.call_status("POST", "/handoff", {"channel": "rest", "transcript": transcript(
        ("user", "Mijn BSN is 999990019 en mijn rekening NL91 ABNA 0417 1643 00"),
        ("bot", "Dat begrijp ik niet."),
        ("user", "kenteken 51-PX-PN, ik wil een medewerker"))})
    assert status == 201 and ticket["ticket"].startswith("T-20") and ticket["citizen_linked"] is True

    ((number, citizen_id, stored),) = db_rows(
        backend, "select number, citizen_id, transcript from handoff_ticket where number = ?", ticket["ticket"])
    assert citizen_id is not None
    text = json.dumps(json.loads(stored), ensure_ascii=False)
    assert "999990019" not in text and "0417" not in text
    assert "[BSN verwijderd]" in text and "[IBAN verwijderd]" in text and "51-PX-PN" in text
    assert [line["speaker"] for line in json.loads(stored)] == ["user", "bot", "user"]


def test_before_login_the_ticket_has_no_citizen_and_numbers_go_up(backend):
    sid = f"anon-{uuid.uuid4().hex[:8]}"
    path = f"/api/conversations/{sid}/handoff"
    status, first = api_call(backend.url, backend.token, "POST", path, {"transcript": transcript(("user", "help"))})
    status2, second = api_call(backend.url, backend.token, "POST", path, {"transcript": []})
    assert (status, status2) == (201, 201)
    assert first["citizen_linked"] is False and first["ticket"] != second["ticket"]
    assert db_rows(backend, "select citizen_id from handoff_ticket where conversation_sid = ?", sid) == [(None,), (None,)]


def test_a_bad_transcript_is_refused_and_stores_nothing(backend):
    sid = f"bad-{uuid.uuid4().hex[:8]}"
    path = f"/api/conversations/{sid}/handoff"
    for bad in ({"transcript": "hallo"}, {"transcript": [{"speaker": "admin", "text": "x"}]}, {}):
        status, answer = api_call(backend.url, backend.token, "POST", path, bad)
        assert (status, answer["error"]) == (400, "bad_request")
    assert db_rows(backend, "select count(*) from handoff_ticket where conversation_sid = ?", sid) == [(0,)]
    status, _ = api_call(backend.url, "wrong-token", "POST", path, {"transcript": []})
    assert status == 401
