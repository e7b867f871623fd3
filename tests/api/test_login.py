"""DigiD simulator login binds a conversation to a citizen; nothing personal before."""

import uuid

from tests.support.person import Person
from tests.support.processes import api, api_call


def new_sid() -> str:
    return f"login-{uuid.uuid4().hex[:10]}"


def login_link(backend, sid: str) -> str:
    return api(backend.url, backend.token, "POST", f"/api/conversations/{sid}/login-link",
               {"method": "digid", "channel": "rest"})["url"]


def test_api_needs_the_actions_token(backend):
    status, body = api_call(backend.url, "wrong-token", "GET", f"/api/conversations/{new_sid()}/session")
    assert status == 401 and body["error"] == "unauthorized"


def test_nothing_personal_before_login(backend):
    sid = new_sid()
    assert api(backend.url, backend.token, "GET", f"/api/conversations/{sid}/session") == \
        {"logged_in": False, "citizen": None}
    for path in ("/cart", "/applications?state=all", "/products", "/products/bewonersvergunning/availability"):
        status, body = api_call(backend.url, backend.token, "GET", f"/api/conversations/{sid}{path}")
        assert (status, body["error"]) == (401, "not_logged_in"), path


def test_login_page_lists_demo_citizens_and_binds_the_conversation(backend):
    sid = new_sid()
    url = login_link(backend, sid)
    assert "999990019" not in url and "/login/digid?t=" in url
    person = Person()
    page = person.open(url)
    assert page.status == 200
    assert "Jan de Vries" in page.text and "Fatima El Amrani" in page.text and "999990019" in page.text
    done = person.submit_form(url, {"bsn": "999990019"})
    assert done.status == 200 and "ingelogd als Jan de Vries" in done.text
    session = api(backend.url, backend.token, "GET", f"/api/conversations/{sid}/session")
    assert session["logged_in"] and session["citizen"]["name"] == "Jan de Vries"
    assert session["citizen"]["zone_name"] == "Binnenstad"
    # A login link works once.
    again = person.submit_form(url, {"bsn": "999990020"}) if person.open(url).status == 200 else person.open(url)
    assert again.status == 410
    assert api(backend.url, backend.token, "GET", f"/api/conversations/{sid}/session")["citizen"]["name"] == "Jan de Vries"


def test_invalid_and_unknown_bsn_are_refused_with_a_clear_message(backend):
    sid = new_sid()
    url = login_link(backend, sid)
    bad = Person().submit_form(url, {"bsn": "123456789"})     # fails the elfproef
    assert bad.status == 400 and "geen geldig BSN" in bad.text
    unknown = Person().submit_form(url, {"bsn": "111222333"})  # valid number, nobody lives here
    assert unknown.status == 404 and "niemand ingeschreven" in unknown.text
    assert api(backend.url, backend.token, "GET", f"/api/conversations/{sid}/session")["logged_in"] is False


def test_forged_or_foreign_token_is_refused(backend):
    url = login_link(backend, new_sid())
    forged = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
    assert Person().open(forged).status == 410


def test_logout_ends_the_binding(backend):
    sid = new_sid()
    Person().submit_form(login_link(backend, sid), {"bsn": "999990044"})
    assert api(backend.url, backend.token, "GET", f"/api/conversations/{sid}/session")["logged_in"]
    api(backend.url, backend.token, "POST", f"/api/conversations/{sid}/logout", {})
    assert api(backend.url, backend.token, "GET", f"/api/conversations/{sid}/session")["logged_in"] is False


def test_broker_round_trip_cannot_be_replayed_or_redirected_elsewhere(backend):
    import httpx
    sid = new_sid()
    url = login_link(backend, sid)
    person = Person()
    done = person.submit_form(url, {"bsn": "999990056"})
    assert "/login/digid/callback?" in done.url and "999990056" not in done.url
    assert person.open(done.url).status in (400, 410)          # the artifact worked once
    evil = httpx.get(f"{backend.url}/sim/digid/authenticate",
                     params={"state": "x", "return": "https://evil.example/steal"})
    assert evil.status_code == 400
    forged = httpx.get(f"{backend.url}/login/digid/callback", params={"state": "forged", "artifact": "x"})
    assert forged.status_code == 410


def test_openapi_lists_every_route_of_the_action_server(backend):
    """/docs describes every journey blueprint (one per journey since issue 12)."""
    import httpx

    spec = httpx.get(f"{backend.url}/docs/openapi.json", timeout=10).json()
    prefix = "/api/conversations/{sid}"
    paths = {(method.upper(), path.removeprefix(prefix)) for path, ops in spec["paths"].items()
             if path.startswith(prefix) for method in ops}
    assert paths == {
        ("GET", "/session"), ("POST", "/login-link"), ("POST", "/logout"),
        ("GET", "/products/{code}/availability"), ("GET", "/products/{code}/periods"),
        ("POST", "/validate/{field}"), ("POST", "/applications/preview"), ("POST", "/applications"),
        ("GET", "/applications"), ("GET", "/overview"), ("GET", "/products"), ("GET", "/products/available"),
        ("GET", "/cart"), ("DELETE", "/cart/items/{item_id}"), ("POST", "/cart/checkout"),
        ("GET", "/payments/{payment_id}"), ("POST", "/products/{permit_id}/change-plate"),
        ("GET", "/products/{permit_id}/termination"), ("POST", "/products/{permit_id}/termination"),
        ("GET", "/products/{permit_id}/documents"), ("GET", "/renewals"),
        ("POST", "/renewals/{renewal_id}/confirm"), ("POST", "/renewals/{renewal_id}/withdraw"),
        ("POST", "/handoff"),
        ("GET", "/products/{permit_id}/parking-sessions"), ("POST", "/products/{permit_id}/parking-sessions"),
        ("POST", "/products/{permit_id}/parking-sessions/preview"),
        ("GET", "/parking-sessions"), ("POST", "/parking-sessions/{session_id}/stop"),
        ("GET", "/products/{permit_id}/plates"), ("POST", "/products/{permit_id}/active-plate"),
        ("GET", "/products/{permit_id}/top-up"), ("POST", "/products/{permit_id}/top-up"),
    }
