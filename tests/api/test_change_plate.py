"""Kenteken wijzigen: at once when the new plate is on the citizen's name, otherwise
after evidence; the same rules as a new application."""

import io

import pypdf

from tests.support.person import Person

ANNA, KEES, JAN = "999990044", "999990056", "999990019"


def permit_of(c):
    (permit,) = c.call("GET", "/products?state=current")["products"]
    return permit


def test_refusals_change_nothing(citizen):
    anna = citizen(ANNA)
    permit = permit_of(anna)
    url = f"/products/{permit['id']}/change-plate"

    def refused(body):
        status, answer = anna.call_status("POST", url, {"idempotency_key": f"{anna.sid}:{body}", **body})
        return status, answer["error"]

    assert refused({"old_plate": "34KLLM", "new_plate": "A-12-BC"}) == (422, "plate_invalid")
    assert refused({"old_plate": "99XX99", "new_plate": "GF-12-34"}) == (422, "plate_not_on_permit")
    assert refused({"old_plate": "34KLLM", "new_plate": "34-KL-LM"}) == (422, "plate_duplicate")
    assert refused({"old_plate": "34KLLM", "new_plate": "LZ-123-X"}) == (422, "reason_missing")
    assert permit_of(anna)["plates"] == ["34-KL-LM"]
    jan = citizen(JAN)
    status, body = jan.call_status("POST", url, {"old_plate": "34KLLM", "new_plate": "51-PX-PN",
                                                 "idempotency_key": "x"})
    assert (status, body["error"]) == (404, "unknown_product")


def test_plate_of_someone_else_waits_for_evidence(citizen):
    anna = citizen(ANNA)
    permit = permit_of(anna)
    body = {"old_plate": "34-KL-LM", "new_plate": "LZ-123-X", "reason": "lease", "idempotency_key": f"{anna.sid}:1"}
    result = anna.call("POST", f"/products/{permit['id']}/change-plate", body)
    assert result["status"] == "awaiting_evidence" and "/upload?t=" in result["upload_url"]
    assert permit_of(anna)["plates"] == ["34-KL-LM"]          # not yet changed
    pending = anna.call("GET", "/applications?state=open")["applications"]
    assert [(a["kind"], a["status"]) for a in pending] == [("plate_change", "awaiting_evidence")]
    buf = io.BytesIO()
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    writer.write(buf)
    ok = Person().submit_form(result["upload_url"], {}, files={"file": ("lease.pdf", buf.getvalue(), "application/pdf")})
    assert ok.status == 200
    assert anna.call("GET", "/applications?state=open")["applications"][0]["status"] == "in_review"


def test_own_plate_changes_at_once_with_a_letter(backend, citizen):
    kees = citizen(KEES)
    # Kees has no permit yet in this module: give him one the normal way.
    from tests.api.test_payments import apply, wait_payment
    apply(kees, [{"value": "GF1234"}], period="maand")
    pay = kees.call("POST", "/cart/checkout", {"channel": "rest"})
    Person().submit_form(pay["payment_url"], {"status": "paid"})
    wait_payment(kees, pay["payment_id"], "paid")
    permit = permit_of(kees)
    body = {"old_plate": None, "new_plate": "5-txb-21", "idempotency_key": f"{kees.sid}:add"}
    result = kees.call("POST", f"/products/{permit['id']}/change-plate", body)
    assert result["status"] == "granted" and result["plates"] == ["GF-12-34", "5-TXB-21"]
    assert result["active_plate"] == "GF-12-34"
    # Two plates now: the e-mail to link the product to mijn.2park (for the kentekenswitch).
    from tests.api.test_mijn2park import link_of
    assert "/mijn2park/link/" in link_of(backend, "kees.mulder@example.nl")
    again = kees.call("POST", f"/products/{permit['id']}/change-plate", body)   # double send
    assert again["plates"] == ["GF-12-34", "5-TXB-21"]
    status, third = kees.call_status("POST", f"/products/{permit['id']}/change-plate",
                                     {"new_plate": "51-PX-PN", "idempotency_key": f"{kees.sid}:third"})
    assert (status, third["error"]) == (422, "too_many_plates")
    letter = Person().client.get(result["document"]["url"])
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(letter.content)).pages)
    assert "5-TXB-21" in text and "toegevoegd" in text and permit["number"] in text


def test_documents_per_product_in_two_tabs(citizen):
    anna = citizen(ANNA)
    permit = permit_of(anna)
    docs = anna.call("GET", f"/products/{permit['id']}/documents")
    # The evidence uploaded for the plate change (test above) is an Aanvraag document.
    assert [d["mime"] for d in docs["application_documents"]] == ["application/pdf"]
    assert docs["product_documents"] == []
    other = citizen(JAN)
    status, body = other.call_status("GET", f"/products/{permit['id']}/documents")
    assert (status, body["error"]) == (404, "unknown_product")
    got = Person().client.get(docs["application_documents"][0]["url"])
    assert got.status_code == 200 and got.content.startswith(b"%PDF")
