"""Handhaving: the enforcement officers' check on a real backend, on SQLite and PostgreSQL.

The plate switch goes through the chat API (kentekenswitch, Lotte's two-plate permit); the
visitor sessions and one ended permit are written straight into the database in the setup
(the parking journey is another helper's branch of the mijn.2park issue).
"""

from datetime import date, datetime, timedelta, timezone

import httpx
import pytest
from sqlalchemy import create_engine, text

from backend.db.visitor_models import ParkingSession
from tests.api.conftest import Citizen
from tests.support.processes import backend_server

KEY = "enforcement-test-key-0123456789"
LOTTE = "999990172"
NOW = datetime.now(timezone.utc)


def sync_url(url: str) -> str:
    return url.replace("+aiosqlite", "").replace("+asyncpg", "+psycopg2")


def setup_data(database_url: str) -> None:
    engine = create_engine(sync_url(database_url))
    try:
        with engine.begin() as db:
            db.execute(text("UPDATE permit SET status = 'ended', ended_on = :d WHERE number = 'P-2025-000135'"),
                       {"d": date.today() - timedelta(days=1)})
            visitor = db.execute(text("SELECT id, citizen_id FROM permit WHERE number = 'P-2026-000005'")).one()
            sessions = {"AB12CD": (-1, 2), "XY34ZZ": (3, 5), "KP56RS": (-4, -1)}   # running, later, ended
            ended = db.execute(text("SELECT id, citizen_id FROM permit WHERE number = 'P-2025-000135'")).one()
            db.execute(ParkingSession.__table__.insert(), [
                {"permit_id": visitor.id, "citizen_id": visitor.citizen_id, "plate": plate,
                 "zone_code": "binnenstad", "starts_at": NOW + timedelta(hours=start),
                 "ends_at": NOW + timedelta(hours=end), "cost": "1.00", "status": "active",
                 "channel": "rest", "created_at": NOW} for plate, (start, end) in sessions.items()])
            db.execute(ParkingSession.__table__.insert(), [   # running, but its permit has ended
                {"permit_id": ended.id, "citizen_id": ended.citizen_id, "plate": "GH78JK",
                 "zone_code": "binnenstad", "starts_at": NOW - timedelta(hours=1),
                 "ends_at": NOW + timedelta(hours=2), "cost": "1.00", "status": "active",
                 "channel": "rest", "created_at": NOW}])
    finally:
        engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def officer(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"enforcement-{request.param}")
    env = {"ENFORCEMENT_API_KEY": KEY}
    if request.param == "sqlite":
        with backend_server(tmp, extra_env=env) as info:
            setup_data(info.database_url)
            yield info, tmp
        return
    from tests.support.services import PG, postgres_databases
    with postgres_databases(1) as (name,):
        url = f"postgresql+asyncpg://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
        with backend_server(tmp, database_url=url, extra_env=env) as info:
            setup_data(info.database_url)
            yield info, tmp


def check(info, plate, zone="binnenstad", key=KEY):
    headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
    r = httpx.get(f"{info.url}/api/enforcement/check", params={"plate": plate, "zone": zone},
                  headers=headers, timeout=15)
    return r.status_code, r.json()


def test_no_key_a_wrong_key_or_the_actions_token_reveal_nothing(officer):
    info, _ = officer
    assert check(info, "34KLLM", key=None) == (401, {"error": "unauthorized", "params": {}})
    assert check(info, "34KLLM", key="wrong") == (403, {"error": "forbidden", "params": {}})
    assert check(info, "34KLLM", key=info.token) == (403, {"error": "forbidden", "params": {}})
    r = httpx.get(f"{info.url}/api/enforcement/check?plate=34KLLM&zone=binnenstad",
                  headers={"Authorization": KEY}, timeout=15)        # not a bearer header
    assert r.status_code == 401


def test_allowed_by_permit_without_personal_data(officer):
    info, tmp = officer
    status, body = check(info, "34 kl-lm")
    assert status == 200
    assert set(body) == {"plate", "zone", "checked_at", "allowed", "reason", "permit_number", "valid_until"}
    assert (body["plate"], body["zone"], body["allowed"], body["reason"]) == ("34-KL-LM", "binnenstad", True, "permit")
    assert (body["permit_number"], body["valid_until"]) == ("P-2026-000001", "2027-02-28")
    assert abs(datetime.fromisoformat(body["checked_at"]) - datetime.now(timezone.utc)) < timedelta(minutes=1)
    log = "".join(p.read_text(errors="replace") for p in (tmp / "logs").glob("*.log"))
    assert "34KLLM" not in log and "34-KL-LM" not in log and "999990044" not in log


def test_only_the_active_plate_counts_and_a_switch_moves_the_right(officer):
    info, _ = officer
    assert check(info, "8-KZN-73")[1] | {"checked_at": None} == {
        "plate": "8-KZN-73", "zone": "binnenstad", "checked_at": None, "allowed": False,
        "reason": "inactive_plate", "permit_number": "P-2026-000006"}
    assert check(info, "RT447L")[1]["reason"] == "permit"
    lotte = Citizen(info, LOTTE)                 # DigiD in the chat links the product: she may switch
    pid = next(p["id"] for p in lotte.call("GET", "/products?state=current")["products"]
               if p["number"] == "P-2026-000006")
    lotte.call("POST", f"/products/{pid}/active-plate", {"plate": "8-KZN-73", "channel": "rest"})
    try:
        _, now_active = check(info, "8KZN73")
        assert (now_active["allowed"], now_active["reason"]) == (True, "permit")
        assert check(info, "RT-447-L")[1]["reason"] == "inactive_plate"
    finally:
        lotte.call("POST", f"/products/{pid}/active-plate", {"plate": "RT-447-L", "channel": "rest"})


def test_permit_in_another_zone_and_an_ended_permit(officer):
    info, _ = officer
    _, other = check(info, "9XRN42")
    assert (other["allowed"], other["reason"]) == (False, "permit_other_zone")
    assert check(info, "9XRN42", zone="schilwijken")[1]["reason"] == "permit"
    _, ended = check(info, "KL412T")
    assert (ended["allowed"], ended["reason"]) == (False, "no_right") and "permit_number" not in ended
    assert check(info, "51PXPN")[1]["reason"] == "no_right"        # a car without any right


def test_visitor_sessions_count_only_while_they_run(officer):
    info, _ = officer
    _, running = check(info, "AB-12-CD")
    assert (running["allowed"], running["reason"]) == (True, "visitor_session")
    ends = datetime.fromisoformat(running["session_ends_at"])
    assert timedelta(hours=1) < ends - datetime.now(timezone.utc) < timedelta(hours=2, minutes=1)
    assert "permit_number" not in running
    assert check(info, "AB12CD", zone="schilwijken")[1]["reason"] == "no_right"
    assert check(info, "XY34ZZ")[1] | {"checked_at": None} == {
        "plate": "XY-34-ZZ", "zone": "binnenstad", "checked_at": None, "allowed": False, "reason": "no_right"}
    assert check(info, "KP56RS")[1]["reason"] == "no_right"


def test_a_running_session_of_an_ended_permit_gives_no_right(officer):
    info, _ = officer
    _, body = check(info, "GH-78-JK")
    assert (body["allowed"], body["reason"]) == (False, "no_right") and "session_ends_at" not in body


def test_a_foreign_plate_is_checked_and_has_no_right(officer):
    info, _ = officer
    for foreign in ("d-ab 1234", "B123XYZ", "A-12-BC"):
        status, body = check(info, foreign)
        assert (status, body["allowed"], body["reason"]) == (200, False, "no_right")
    assert check(info, "d-ab 1234")[1]["plate"] == "DAB1234"


def test_bad_plate_or_unknown_zone_is_a_clear_400(officer):
    info, _ = officer
    for junk in ("", "  - ", "12-AB-CD-EF-G", "AB?12"):
        assert check(info, junk) == (400, {"error": "plate_invalid", "params": {}})
    assert check(info, "34KLLM", zone="kortparkeren") == (400, {"error": "unknown_zone", "params": {}})
    assert check(info, "34KLLM", zone="")[1]["error"] == "unknown_zone"


def test_without_a_configured_key_the_check_is_closed(tmp_path):
    with backend_server(tmp_path, extra_env={"ENFORCEMENT_API_KEY": ""}) as info:
        for key in (None, info.token, KEY):
            status, body = check(info, "34KLLM", key=key)
            assert (status, body) == (503, {"error": "enforcement_not_configured", "params": {}})


def test_openapi_lists_the_check(officer):
    info, _ = officer
    assert "/api/enforcement/check" in httpx.get(f"{info.url}/docs/openapi.json", timeout=10).json()["paths"]
