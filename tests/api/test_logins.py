"""eHerkenning (companies) and the permit login (vergunningnummer + code): the broker round
trip, and what a conversation bound that way may see and change."""

import uuid
from datetime import date, timedelta

import httpx
import pytest

from tests.api.conftest import Citizen
from tests.support.person import Person
from tests.support.processes import api, api_call

KVK, EVA, JAN, ANNA = "69599084", "999990159", "999990019", "999990044"
PERMIT, CODE, OTHER_PERMIT = "P-2026-000004", "4821-7735", "P-2026-000005"


def new_sid() -> str:
    return f"logins-{uuid.uuid4().hex[:10]}"


def login_link(backend, sid: str, method: str) -> str:
    return api(backend.url, backend.token, "POST", f"/api/conversations/{sid}/login-link",
               {"method": method, "channel": "rest"})["url"]


def session(backend, sid: str) -> dict:
    return api(backend.url, backend.token, "GET", f"/api/conversations/{sid}/session")


@pytest.fixture
def company(backend):
    return Citizen(backend, method="eherkenning", values={"kvk": KVK})


@pytest.fixture
def permit_login(backend):
    return Citizen(backend, method="permit", values={"permit_number": PERMIT, "code": CODE})


def test_eherkenning_checks_the_kvk_number_and_binds_the_company(backend):
    sid = new_sid()
    url = login_link(backend, sid, "eherkenning")
    assert "/login/eherkenning?t=" in url
    page = Person().open(url)
    assert page.status == 200 and "eHerkenning" in page.text and KVK in page.text
    bad = Person().submit_form(url, {"kvk": "69599085"})            # fails the KvK check
    assert bad.status == 400 and "geen geldig KvK-nummer" in bad.text
    unknown = Person().submit_form(url, {"kvk": "12345679"})        # valid number, no company here
    assert unknown.status == 404 and "geen bedrijf" in unknown.text
    assert session(backend, sid)["logged_in"] is False
    done = Person().submit_form(url, {"kvk": KVK})
    assert done.status == 200 and "ingelogd als Bakkerij De Korenbloem B.V." in done.text
    assert KVK not in done.url
    s = session(backend, sid)
    assert s["login_method"] == "eherkenning" and s["scope"] is None
    assert s["citizen"]["kind"] == "company" and s["citizen"]["zone_name"] == "Binnenstad"
    assert s["citizen"]["address"].startswith("Brink 40")


def test_artifact_works_once_and_only_for_its_own_login(backend):
    sid = new_sid()
    url = login_link(backend, sid, "eherkenning")
    browser = httpx.Client(follow_redirects=False, timeout=15)
    to_broker = browser.get(url)
    assert to_broker.status_code == 303 and "/sim/eherkenning/authenticate" in to_broker.headers["location"]
    back = browser.post(to_broker.headers["location"], data={"kvk": KVK})
    callback = back.headers["location"]
    assert "/login/eherkenning/callback?" in callback and KVK not in callback
    artifact = httpx.URL(callback).params["artifact"]
    # Another login's back channel does not know this artifact.
    assert httpx.post(f"{backend.url}/sim/digid/resolve", json={"artifact": artifact}).status_code == 404
    assert browser.get(callback).status_code == 200
    assert browser.get(callback).status_code in (400, 410)          # the artifact worked once
    # A link made for DigiD is no eHerkenning link.
    digid = login_link(backend, new_sid(), "digid")
    assert browser.get(digid.replace("/login/digid?", "/login/eherkenning?")).status_code == 410
    status, body = api_call(backend.url, backend.token, "POST", f"/api/conversations/{sid}/login-link",
                            {"method": "facebook"})
    assert (status, body["error"]) == (400, "login_method_unknown")


def test_company_applies_for_a_bedrijfsvergunning_and_sees_only_its_own_data(backend, company, citizen):
    jan = citizen(JAN)
    # A bedrijfsvergunning is for companies, a bewonersvergunning for persons.
    person = jan.call("GET", "/products/bedrijfsvergunning/availability")
    assert (person["available"], person["reason"]) == (False, "company_only")
    resident = company.call("GET", "/products/bewonersvergunning/availability")
    assert (resident["available"], resident["reason"]) == (False, "person_only")
    ok = company.call("GET", "/products/bedrijfsvergunning/availability")
    assert ok["available"] is True
    assert [q["code"] for q in ok["product"]["questions"]] == ["business_use", "company_car"]
    periods = company.call("GET", "/products/bedrijfsvergunning/periods")["periods"]
    assert [(p["code"], p["price"]) for p in periods] == [("jaar", "468.00"), ("kwartaal", "122.85")]
    plate = company.call("POST", "/validate/plate", {"text": "VN-482-B", "draft": {}})
    assert plate["on_name"] is True                      # the van is on the company's name
    assert company.call("POST", "/validate/plate", {"text": "K-123-BB", "draft": {}})["on_name"] is False
    draft = {"product": "bedrijfsvergunning", "start_date": (date.today() + timedelta(days=1)).isoformat(),
             "period": "jaar", "plates": [{"value": "VN482B"}],
             "answers": {"business_use": "ja", "company_car": "ja"}}
    created = company.call("POST", "/applications", {"draft": draft, "idempotency_key": f"k-{uuid.uuid4().hex}"})
    assert created["next"] == "pay" and created["cart_total"] == "468.00"
    reference = created["application"]["reference"]
    assert [a["reference"] for a in company.call("GET", "/applications")["applications"]] == [reference]
    assert reference not in str(jan.call("GET", "/applications?state=all"))
    assert company.call("GET", "/products")["products"] == []
    # Somebody else's permit is unknown to the company.
    anna_permit = citizen(ANNA).call("GET", "/products?state=current")["products"][0]["id"]
    status, body = company.call_status("GET", f"/products/{anna_permit}/documents")
    assert (status, body["error"]) == (404, "unknown_product")


def test_permit_login_refuses_a_wrong_code(backend):
    sid = new_sid()
    url = login_link(backend, sid, "permit")
    for number, code in ((PERMIT, "0000-0000"), ("P-2099-999999", CODE), (OTHER_PERMIT, CODE)):
        page = Person().submit_form(url, {"permit_number": number, "code": code})
        assert page.status == 400 and "klopt niet" in page.text
    assert session(backend, sid)["logged_in"] is False
    assert CODE not in Person().open(url).url


def test_permit_login_sees_and_changes_only_its_permit(backend, permit_login, citizen):
    s = session(backend, permit_login.sid)
    assert s["login_method"] == "permit" and s["scope"]["permit_number"] == PERMIT
    assert s["citizen"]["name"] == "Eva Visser"
    # The same holder with DigiD has two permits; the permit login sees one.
    eva = citizen(EVA)
    both = {p["number"]: p["id"] for p in eva.call("GET", "/products?state=all")["products"]}
    assert set(both) == {PERMIT, OTHER_PERMIT}
    assert [p["number"] for p in permit_login.call("GET", "/products?state=all")["products"]] == [PERMIT]
    counts = permit_login.call("GET", "/overview")["counts"]
    assert (counts["current_products"], counts["cart"], counts["available_products"]) == (1, 0, 0)
    assert permit_login.call("GET", f"/products/{both[PERMIT]}/termination")["number"] == PERMIT
    assert permit_login.call("GET", f"/products/{both[PERMIT]}/documents")["number"] == PERMIT
    # The other permit of the same holder: as if it did not exist.
    other = both[OTHER_PERMIT]
    for method, path, body in (("GET", f"/products/{other}/termination", None),
                               ("GET", f"/products/{other}/documents", None),
                               ("POST", f"/products/{other}/termination", {}),
                               ("POST", f"/products/{other}/change-plate",
                                {"new_plate": "GF-12-34", "idempotency_key": "x"})):
        status, answer = permit_login.call_status(method, path, body)
        assert (status, answer["error"]) == (404, "unknown_product"), path
    # Anything for the whole account needs DigiD.
    draft = {"product": "bezoekersvergunning", "start_date": (date.today() + timedelta(days=1)).isoformat(),
             "period": "jaar"}
    for method, path, body in (("GET", "/products/bezoekersvergunning/availability", None),
                               ("POST", "/applications", {"draft": draft, "idempotency_key": "k-permit"}),
                               ("POST", "/applications/preview", {"draft": draft}),
                               ("GET", "/products/available", None),
                               ("GET", "/cart", None),
                               ("POST", "/cart/checkout", {})):
        status, answer = permit_login.call_status(method, path, body)
        assert (status, answer["error"]) == (403, "needs_digid"), path
        assert answer["params"]["permit_number"] == PERMIT
    # Nothing was changed by the refusals; the holder's own DigiD login still sees both.
    assert len(eva.call("GET", "/products?state=current")["products"]) == 2
    assert eva.call("GET", "/applications?state=all")["applications"] == []
