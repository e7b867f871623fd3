"""Kentekenswitch: the plates with the active one, the switch (logged with its channel),
the refusals, and two switches at the same moment on PostgreSQL."""

import concurrent.futures
import uuid

from tests.support.processes import api, api_call, login_conversation

LOTTE, ANNA, EVA = "999990172", "999990044", "999990159"


def product_of(c, code="bewonersvergunning"):
    return next(p for p in c.call("GET", "/products?state=current")["products"] if p["product_code"] == code)


def test_a_permit_login_is_not_linked_and_may_not_switch(backend):
    # First in this module: no DigiD conversation has linked Lotte's permit yet.
    from tests.api.conftest import Citizen
    scoped = Citizen(backend, method="permit", values={"permit_number": "P-2026-000006", "code": "7316-2048"})
    (product,) = scoped.call("GET", "/products?state=current")["products"]
    assert product["link"] == {"needed": True, "linked": False, "method": None}
    assert scoped.call("GET", f"/products/{product['id']}/plates")["linked"]["linked"] is False
    status, body = scoped.call_status("POST", f"/products/{product['id']}/active-plate", {"plate": "8-KZN-73"})
    assert (status, body["error"]) == (409, "not_linked")
    assert product_of(scoped)["active_plate"] == "RT-447-L"


def test_switch_and_switch_back(citizen):
    lotte = citizen(LOTTE)
    pid = product_of(lotte)["id"]
    view = lotte.call("GET", f"/products/{pid}/plates")
    assert view["plates"] == [{"plate": "RT-447-L", "active": True}, {"plate": "8-KZN-73", "active": False}]
    assert view["linked"] == {"needed": True, "linked": True, "method": "digid"}     # DigiD login
    done = lotte.call("POST", f"/products/{pid}/active-plate", {"plate": "8 kzn 73", "channel": "telegram"})
    assert done["changed"] and done["active_plate"] == "8-KZN-73"
    assert done["last_switch"]["plate"] == "8-KZN-73" and done["last_switch"]["channel"] == "telegram"
    assert product_of(lotte)["active_plate"] == "8-KZN-73"
    # It stays active: another conversation sees the same.
    assert product_of(citizen(LOTTE))["active_plate"] == "8-KZN-73"
    same = lotte.call("POST", f"/products/{pid}/active-plate", {"plate": "8-KZN-73", "channel": "rest"})
    assert not same["changed"] and same["last_switch"]["channel"] == "telegram"      # nothing logged
    back = lotte.call("POST", f"/products/{pid}/active-plate", {"plate": "RT-447-L", "channel": "rest"})
    assert back["changed"] and [p["active"] for p in back["plates"]] == [True, False]


def test_refusals_change_nothing(citizen):
    lotte = citizen(LOTTE)
    pid = product_of(lotte)["id"]
    before = lotte.call("GET", f"/products/{pid}/plates")["plates"]

    def refused(c, permit_id, plate):
        status, body = c.call_status("POST", f"/products/{permit_id}/active-plate", {"plate": plate})
        return status, body["error"]

    assert refused(lotte, pid, "A-12-BC") == (422, "plate_invalid")
    assert refused(lotte, pid, "51-PX-PN") == (422, "plate_not_on_permit")
    anna = citizen(ANNA)
    assert refused(anna, product_of(anna)["id"], "34-KL-LM") == (409, "single_plate")
    assert refused(anna, pid, "RT-447-L") == (404, "unknown_product")            # not hers
    ended = next(p for p in anna.call("GET", "/products?state=history")["products"])
    assert refused(anna, ended["id"], "34-KL-LM") == (409, "already_ended")
    assert lotte.call("GET", f"/products/{pid}/plates")["plates"] == before


def test_two_switches_at_the_same_moment_leave_one_active_on_postgres(pg_backend):
    b = pg_backend
    sids = [f"pg-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    for sid in sids:
        login_conversation(b.url, sid, LOTTE, b.token)
    products = api(b.url, b.token, "GET", f"/api/conversations/{sids[0]}/products?state=current")["products"]
    pid = products[0]["id"]
    plates = ["8-KZN-73", "RT-447-L"] * 6

    def switch(i):
        return api_call(b.url, b.token, "POST", f"/api/conversations/{sids[i % 2]}/products/{pid}/active-plate",
                        {"plate": plates[i], "channel": f"c{i}"})

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        results = list(pool.map(switch, range(len(plates))))
    assert {s for s, _ in results} == {200}
    view = api(b.url, b.token, "GET", f"/api/conversations/{sids[0]}/products/{pid}/plates")
    active = [p["plate"] for p in view["plates"] if p["active"]]
    assert len(active) == 1 and view["last_switch"]["plate"] == active[0]
    changed = [r for _, r in results if r["changed"]]
    assert changed, results


def register_vehicles(database_url: str, bsn: str, plates: list[str]) -> None:
    """Put cars on the citizen's name in the (simulated) vehicle register."""
    from sqlalchemy import create_engine, insert

    from backend.db.models import Vehicle
    engine = create_engine(database_url.replace("+aiosqlite", "").replace("+asyncpg", "+psycopg2"))
    try:
        with engine.begin() as db:
            db.execute(insert(Vehicle), [{"plate": p, "holder_bsn": bsn, "holder_name": "Lotte Hendriks",
                                          "make": "Volkswagen Polo"} for p in plates])
    finally:
        engine.dispose()


def test_a_plate_change_of_the_active_plate_is_logged_as_a_switch(backend, citizen):
    # Last on SQLite in this module: Lotte's plates change.
    register_vehicles(backend.database_url, LOTTE, ["GB123X"])
    lotte = citizen(LOTTE)
    pid = product_of(lotte)["id"]
    assert product_of(lotte)["active_plate"] == "RT-447-L"
    done = lotte.call("POST", f"/products/{pid}/change-plate",
                      {"old_plate": "RT-447-L", "new_plate": "GB-123-X", "idempotency_key": f"{lotte.sid}:1"})
    assert done["status"] == "granted" and done["active_plate"] == "GB-123-X"
    view = lotte.call("GET", f"/products/{pid}/plates")
    assert view["plates"] == [{"plate": "GB-123-X", "active": True}, {"plate": "8-KZN-73", "active": False}]
    assert (view["last_switch"]["plate"], view["last_switch"]["channel"]) == ("GB-123-X", "plate_change")
    assert view["last_switch"]["switched_at"].endswith("+00:00")         # with its offset, on SQLite too


def test_a_switch_and_a_plate_change_at_the_same_moment_leave_one_active_on_postgres(pg_backend):
    b = pg_backend
    rounds = 6
    new_plates = [f"GB{100 + i}X" for i in range(rounds)]
    register_vehicles(b.database_url, LOTTE, new_plates)
    sids = [f"pg-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    for sid in sids:
        login_conversation(b.url, sid, LOTTE, b.token)
    base = [f"/api/conversations/{sid}" for sid in sids]
    pid = api(b.url, b.token, "GET", f"{base[0]}/products?state=current")["products"][0]["id"]
    for i, new in enumerate(new_plates):
        plates = api(b.url, b.token, "GET", f"{base[0]}/products/{pid}/plates")["plates"]
        inactive = next(p["plate"] for p in plates if not p["active"])
        calls = [("POST", f"{base[0]}/products/{pid}/active-plate", {"plate": inactive, "channel": "rest"}),
                 ("POST", f"{base[1]}/products/{pid}/change-plate",
                  {"old_plate": inactive, "new_plate": new, "idempotency_key": f"race-{i}"})]
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda c: api_call(b.url, b.token, *c), calls))
        # The switch came first (then the change renames the now active plate) or second
        # (then the plate is gone: refused); either way exactly one plate is active.
        assert results[1][0] == 200 and results[0][0] in (200, 422), results
        view = api(b.url, b.token, "GET", f"{base[0]}/products/{pid}/plates")
        assert [p["active"] for p in view["plates"]].count(True) == 1, (i, results, view)
        active = next(p["plate"] for p in view["plates"] if p["active"])
        assert view["last_switch"]["plate"] == active
