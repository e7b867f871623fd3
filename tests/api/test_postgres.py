"""The same journey on PostgreSQL (production setting), in a throw-away database."""

import concurrent.futures
import uuid
from datetime import date, timedelta

from tests.support.person import Person
from tests.support.processes import api, api_call, login_conversation


def test_apply_and_pay_on_postgres(pg_backend):
    b = pg_backend
    sid = f"pg-{uuid.uuid4().hex[:8]}"
    login_conversation(b.url, sid, "999990019", b.token)
    base = f"/api/conversations/{sid}"
    body = {"draft": {"product": "bewonersvergunning",
                      "start_date": (date.today() + timedelta(days=3)).isoformat(), "period": "maand",
                      "plates": [{"value": "51PXPN"}], "answers": {"own_parking": "nee", "vehicle_size": "ja"}},
            "idempotency_key": f"{sid}:1"}
    # The same confirmation sent twice at once (double tap): one application.
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: api_call(b.url, b.token, "POST", f"{base}/applications", body), range(4)))
    assert sorted(s for s, _ in results) == [200, 200, 200, 201]
    assert {r["application"]["id"] for _, r in results} == {results[0][1]["application"]["id"]}
    assert len(api(b.url, b.token, "GET", f"{base}/applications?state=all")["applications"]) == 1

    checkout = api(b.url, b.token, "POST", f"{base}/cart/checkout", {"channel": "rest"})
    assert checkout["amount"] == "28.60"
    Person().submit_form(checkout["payment_url"], {"status": "paid"})
    view = api(b.url, b.token, "GET", f"{base}/payments/{checkout['payment_id']}")
    assert view["status"] == "paid" and view["documents"]
    products = api(b.url, b.token, "GET", f"{base}/products")["products"]
    assert [(p["product_code"], p["status"]) for p in products] == [("bewonersvergunning", "active")]
