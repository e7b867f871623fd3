"""Availability, answer validation, preview and creating an application (real SQLite)."""

from datetime import date, timedelta

JAN, FATIMA, PIETER, ANNA, KEES = "999990019", "999990020", "999990032", "999990044", "999990056"


def draft(**kw) -> dict:
    d = {"product": "bewonersvergunning", "start_date": (date.today() + timedelta(days=1)).isoformat(),
         "period": "jaar", "plates": [{"value": "51PXPN"}],
         "answers": {"own_parking": "nee", "vehicle_size": "ja"}}
    d.update(kw)
    return d


def test_availability_depends_on_address_and_what_the_citizen_has(citizen):
    ok = citizen(JAN).call("GET", "/products/bewonersvergunning/availability")
    assert ok["available"] is True
    assert [q["code"] for q in ok["product"]["questions"]] == ["own_parking", "vehicle_size"]
    outside = citizen(PIETER).call("GET", "/products/bewonersvergunning/availability")
    assert (outside["available"], outside["reason"]) == (False, "not_in_zone")
    has_one = citizen(ANNA).call("GET", "/products/bewonersvergunning/availability")
    assert (has_one["available"], has_one["reason"]) == (False, "already_has_product")
    unknown = citizen(JAN).call("GET", "/products/paspoort/availability")
    assert unknown["reason"] == "unknown_product"


def test_each_answer_is_checked_with_a_reason_code(citizen):
    jan = citizen(JAN)

    def check(field, text, **d):
        return jan.call("POST", f"/validate/{field}", {"text": text, "draft": d or draft()})

    assert check("start_date", "morgen")["value"] == (date.today() + timedelta(days=1)).isoformat()
    assert check("start_date", "gisteren")["error"] in ("date_in_past", "date_unreadable")
    assert check("start_date", "01-01-2020")["error"] == "date_in_past"
    too_far = check("start_date", (date.today() + timedelta(days=200)).strftime("%d-%m-%Y"))
    assert too_far["error"] == "date_too_far" and "max_date" in too_far["params"]
    assert check("start_date", "blablabla")["error"] == "date_unreadable"

    period = check("period", "per kwartaal")
    assert (period["value"], period["price"]) == ("kwartaal", "81.90")
    assert check("period", "per week")["error"] == "period_unknown"

    plate = check("plate", "51-px-pn", **draft(plates=[]))
    assert (plate["value"], plate["display"], plate["on_name"]) == ("51PXPN", "51-PX-PN", True)
    assert check("plate", "A-12-BC")["error"] == "plate_invalid"
    assert check("plate", "51PXPN")["error"] == "plate_duplicate"
    assert check("plate", "34-KL-LM", **draft(plates=[]))["error"] == "plate_on_other_permit"
    assert check("plate", "12-ABC-3", **draft(plates=[]))["on_name"] is False

    assert check("plate_reason", "het is de auto van mijn partner")["value"] == "partner"
    assert check("plate_reason", "weet ik niet")["error"] == "reason_unknown"

    yes = check("answer", "ja", **draft(question="own_parking"))
    assert (yes["value"], yes["disqualified"], yes["reason"]) == ("ja", True, "own_parking")
    assert check("answer", "nee", **draft(question="own_parking"))["disqualified"] is False
    assert check("answer", "misschien", **draft(question="own_parking"))["error"] == "answer_unreadable"


def test_preview_describes_the_application_and_changes_nothing(citizen):
    jan = citizen(JAN)
    p = jan.call("POST", "/applications/preview", {"draft": draft()})
    assert p["price"] == "312.00" and not [k for k in p if k.endswith(("_display", "_label", "_name")) and k != "zone_name"]
    assert p["zone_name"] == "Binnenstad" and p["plates"][0]["display"] == "51-PX-PN"
    assert p["needs_evidence"] is False
    assert jan.call("GET", "/applications?state=all")["applications"] == []
    assert jan.call("GET", "/cart")["items"] == []
    status, body = jan.call_status("POST", "/applications/preview",
                                   {"draft": draft(answers={"own_parking": "ja", "vehicle_size": "ja"})})
    assert (status, body["error"]) == (422, "disqualified")


def test_create_is_one_transaction_and_idempotent(citizen):
    kees = citizen(KEES)
    body = {"draft": draft(plates=[{"value": "GF1234"}, {"value": "5TXB21"}], period="maand"),
            "idempotency_key": f"{kees.sid}:1"}
    status, first = kees.call_status("POST", "/applications", body)
    assert status == 201 and first["next"] == "pay" and first["upload_url"] is None
    assert first["application"]["status"] == "awaiting_payment"
    assert first["application"]["reference"].startswith("A-")
    status, again = kees.call_status("POST", "/applications", body)
    assert status == 200 and again["application"]["id"] == first["application"]["id"]
    apps = kees.call("GET", "/applications?state=open")["applications"]
    assert len(apps) == 1 and apps[0]["status"] == "awaiting_payment" and "todo" not in apps[0]
    cart = kees.call("GET", "/cart")
    assert len(cart["items"]) == 1 and cart["total"] == "28.60"
    # A second application for the same product is not possible while one is open.
    assert kees.call("GET", "/products/bewonersvergunning/availability")["reason"] == "already_applied"


def test_plate_not_on_name_waits_for_evidence_and_stays_out_of_the_cart(citizen):
    fatima = citizen(FATIMA)
    body = {"draft": draft(plates=[{"value": "12ABC3", "reason": "partner"}]), "idempotency_key": f"{fatima.sid}:1"}
    status, created = fatima.call_status("POST", "/applications", body)
    assert status == 201 and created["next"] == "upload" and "/upload?t=" in created["upload_url"]
    assert created["application"]["status"] == "awaiting_evidence"
    assert created["application"]["price"] == "156.00"       # Schilwijken price
    assert fatima.call("GET", "/cart")["items"] == []


def test_missing_reason_for_a_foreign_plate_is_refused(citizen):
    jan = citizen(JAN)
    status, body = jan.call_status("POST", "/applications", {
        "draft": draft(plates=[{"value": "LZ123X"}]), "idempotency_key": f"{jan.sid}:x"})
    assert (status, body["error"]) == (422, "reason_missing")
    assert jan.call("GET", "/applications?state=all")["applications"] == []
