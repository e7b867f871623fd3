"""Home (overview with counts) and the paged lists of the Parkeerloket menu."""

from datetime import date, timedelta

ANNA, PIETER, JAN = "999990044", "999990032", "999990019"


def test_overview_counts_every_menu_item(citizen):
    anna = citizen(ANNA)
    o = anna.call("GET", "/overview")
    assert o["counts"] == {"renewals": 0, "cart": 0, "open_applications": 0, "current_products": 1,
                           "available_products": 2, "history": 1}     # bezoekersvergunning, jaarkaart
    jan = citizen(JAN)
    assert jan.call("GET", "/overview")["counts"]["available_products"] == 3
    jan.call("POST", "/applications", {"idempotency_key": f"{jan.sid}:1", "draft": {
        "product": "bewonersvergunning", "start_date": (date.today() + timedelta(days=1)).isoformat(),
        "period": "maand", "plates": [{"value": "51PXPN"}],
        "answers": {"own_parking": "nee", "vehicle_size": "ja"}}})
    o = jan.call("GET", "/overview")
    assert (o["counts"]["cart"], o["counts"]["open_applications"], o["counts"]["available_products"]) == (1, 1, 2)
    assert o["cart_total"] == "28.60" and "cart_total_display" not in o
    assert o["open_applications"][0]["status"] == "awaiting_payment"


def test_current_and_history_are_separate_and_history_starts_in_march_2020(citizen):
    anna = citizen(ANNA)
    current = anna.call("GET", "/products?state=current")
    assert current["total"] == 1 and current["next_offset"] is None
    p = current["products"][0]
    assert (p["number"], p["plates"], p["zone_name"]) == ("P-2026-000001", ["34-KL-LM"], "Binnenstad")
    assert p["actions"] == ["change_plate", "terminate", "documents"]
    history = anna.call("GET", "/products?state=history")
    assert [h["number"] for h in history["products"]] == ["P-2025-000007"]   # 2019 one is too old
    assert history["products"][0]["ended_on"] == "2026-02-28"
    assert anna.call("GET", "/products")["total"] == 3


def test_lists_are_paged(citizen):
    anna = citizen(ANNA)
    first = anna.call("GET", "/products?state=all&limit=2")
    assert len(first["products"]) == 2 and first["next_offset"] == 2
    rest = anna.call("GET", "/products?state=all&limit=2&offset=2")
    assert len(rest["products"]) == 1 and rest["next_offset"] is None
    status, body = anna.call_status("GET", "/products?state=all&limit=x")
    assert (status, body["error"]) == (400, "bad_paging")


def test_available_products_say_why_not(citizen):
    pieter = citizen(PIETER).call("GET", "/products/available")
    assert all(not p["available"] for p in pieter["products"])
    assert {p["reason"] for p in pieter["products"] if p["code"] != "bedrijfsvergunning"} == {"not_in_zone"}
    assert {p["code"]: p["reason"] for p in pieter["products"]}["bedrijfsvergunning"] == "company_only"
    anna = citizen(ANNA).call("GET", "/products/available")
    reasons = {p["code"]: p["reason"] for p in anna["products"]}
    assert reasons["bewonersvergunning"] == "already_has_product"
    assert reasons["bezoekersvergunning"] is None
    assert reasons["jaarkaart"] is None
    assert reasons["garageabonnement"] == "not_offered_in_chat_yet"
    kees = citizen("999990056").call("GET", "/products/available")
    first = kees["products"][0]
    assert first["code"] == "bewonersvergunning" and first["available"]
    assert [x["price"] for x in first["prices"]] == ["312.00", "81.90", "28.60"]
