"""Beëindigen: the permit ends now, unused days are paid back, the proof is a letter."""

import email
import email.policy
import io

import pypdf

from tests.api.test_payments import apply, db_rows, wait_payment
from tests.support.person import Person

JAN, ANNA = "999990019", "999990044"


def test_ending_a_paid_permit_that_has_not_started_refunds_everything(backend, citizen):
    jan = citizen(JAN)
    apply(jan, [{"value": "51PXPN"}])
    pay = jan.call("POST", "/cart/checkout", {"channel": "rest"})
    Person().submit_form(pay["payment_url"], {"status": "paid"})
    wait_payment(jan, pay["payment_id"], "paid")
    (permit,) = jan.call("GET", "/products?state=current")["products"]

    preview = jan.call("GET", f"/products/{permit['id']}/termination")
    assert (preview["restitution"], preview["needs_iban"], preview["paid_within_weeks"]) == ("312.00", True, 8)

    status, body = jan.call_status("POST", f"/products/{permit['id']}/termination", {})
    assert (status, body["error"]) == (422, "iban_missing")
    status, body = jan.call_status("POST", f"/products/{permit['id']}/termination", {"iban": "NL91ABNA0417164301"})
    assert (status, body["error"]) == (422, "iban_invalid")          # one digit off
    assert jan.call("GET", "/products?state=current")["total"] == 1   # nothing changed

    done = jan.call("POST", f"/products/{permit['id']}/termination", {"iban": "nl91 abna 0417 1643 00"})
    assert done["restitution"] == "312.00" and "restitution_display" not in done and done["iban_masked"] == "NL** **** **** **43 00"
    assert jan.call("GET", "/products?state=current")["total"] == 0
    assert jan.call("GET", "/products?state=history")["products"][0]["number"] == permit["number"]
    assert db_rows(backend, "select amount, iban from refund") == [(312, "NL91ABNA0417164300")]

    letter = Person().client.get(done["document"]["url"])
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(letter.content)).pages)
    for expected in ("Beëindiging", permit["number"], "51-PX-PN", "312,00", "8 weken"):
        assert expected in text, expected
    assert "0417164300" not in text                                   # the IBAN is masked
    mails = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
             for p in backend.outbox_dir.glob("*.eml")]
    assert any(m["Subject"].startswith("Beëindiging") for m in mails)

    status, body = jan.call_status("POST", f"/products/{permit['id']}/termination", {})
    assert (status, body["error"]) == (409, "already_ended")


def test_another_citizens_permit_cannot_be_ended(citizen):
    anna = citizen(ANNA)
    (permit,) = anna.call("GET", "/products?state=current")["products"]
    jan = citizen(JAN)
    status, body = jan.call_status("POST", f"/products/{permit['id']}/termination", {})
    assert (status, body["error"]) == (404, "unknown_product")
    assert anna.call("GET", "/products?state=current")["total"] == 1


def test_iban_is_validated_and_shown_masked(citizen):
    jan = citizen(JAN)
    ok = jan.call("POST", "/validate/iban", {"text": "NL91 ABNA 0417 1643 00", "draft": {}})
    assert (ok["value"], ok["display"]) == ("NL91ABNA0417164300", "NL** **** **** **43 00")
    assert jan.call("POST", "/validate/iban", {"text": "NL00 1234", "draft": {}})["error"] == "iban_invalid"


def test_two_terminations_at_once_end_the_permit_once(backend, citizen):
    """A double tap on "Ja": one ends the permit (one refund, one letter), the other is refused."""
    import concurrent.futures

    jan = citizen(JAN)
    apply(jan, [{"value": "51PXPN"}], key="again")
    pay = jan.call("POST", "/cart/checkout", {"channel": "rest"})
    Person().submit_form(pay["payment_url"], {"status": "paid"})
    wait_payment(jan, pay["payment_id"], "paid")
    (permit,) = jan.call("GET", "/products?state=current")["products"]
    url = f"/products/{permit['id']}/termination"
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: jan.call_status("POST", url, {"iban": "NL91ABNA0417164300"}), range(4)))
    assert sorted(s for s, _ in results) == [200, 409, 409, 409], results
    assert {b["error"] for s, b in results if s == 409} == {"already_ended"}
    assert db_rows(backend, "select count(*) from refund where permit_id = ?", permit["id"]) == [(1,)]
    assert db_rows(backend, "select count(*) from document where permit_id = ? and kind = 'termination'",
                   permit["id"]) == [(1,)]
