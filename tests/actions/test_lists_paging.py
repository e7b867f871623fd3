"""Paging ("Meer tonen") against a real backend with many items, made through its API
the way citizens make them: cancelled applications (Historie) and plate changes waiting
for evidence (Lopende aanvragen)."""

from datetime import date, timedelta

from actions.lists import ActionListHistory
from actions.status import ActionListApplications
from tests.actions.conftest import JAN, KEES, run, texts
from tests.actions.test_lists import asked, payloads
from tests.support.person import Person
from tests.support.processes import api

DRAFT = {"product": "bewonersvergunning", "period": "maand", "plates": [{"value": "GF1234"}],
         "answers": {"own_parking": "nee", "vehicle_size": "ja"}}


def call(backend, sid, method, path, body=None):
    return api(backend.url, backend.token, method, f"/api/conversations/{sid}{path}", body)


async def test_history_pages(backend, logged_in, domain):
    sid = logged_in(JAN)
    start = (date.today() + timedelta(days=1)).isoformat()
    for i in range(7):     # apply, then take it out of the cart: a cancelled application
        call(backend, sid, "POST", "/applications", {"idempotency_key": f"{sid}:{i}", "draft": {
            **DRAFT, "start_date": start, "plates": [{"value": "51PXPN"}]}})
        (item,) = call(backend, sid, "GET", "/cart")["items"]
        call(backend, sid, "DELETE", f"/cart/items/{item['id']}")
    messages, _ = await run(ActionListHistory(), asked(sid, "list_history"), domain)
    first = texts(messages, domain)
    assert "7 aanvragen" in first.splitlines()[0]
    assert first.count("Geannuleerd") == 5
    assert payloads(messages[-1])[-1] == '/list_history{"list_offset":"5"}'
    messages, _ = await run(ActionListHistory(), asked(sid, "list_history", offset="5"), domain)
    second = texts(messages, domain)
    assert second.count("Geannuleerd") == 2
    assert not any("list_offset" in p for m in messages for p in payloads(m))


async def test_open_applications_page(backend, logged_in, domain):
    sid = logged_in(KEES)
    call(backend, sid, "POST", "/applications", {"idempotency_key": f"{sid}:permit", "draft": {
        **DRAFT, "start_date": (date.today() + timedelta(days=1)).isoformat()}})
    pay = call(backend, sid, "POST", "/cart/checkout", {"channel": "rest"})
    Person().submit_form(pay["payment_url"], {"status": "paid"})
    (permit,) = call(backend, sid, "GET", "/products?state=current")["products"]
    for i in range(6):     # plates not on his name: each change waits for evidence
        call(backend, sid, "POST", f"/products/{permit['id']}/change-plate", {
            "old_plate": "GF1234", "new_plate": f"AB-12-0{i}", "reason": "lease",
            "idempotency_key": f"{sid}:plate{i}"})
    messages, _ = await run(ActionListApplications(), asked(sid, "list_pending_applications"), domain)
    first = texts(messages, domain)
    assert first.count("Wacht op bewijsstuk") == 5
    assert payloads(messages[-1]) == ['/list_pending_applications{"list_offset":"5"}']
    messages, _ = await run(ActionListApplications(), asked(sid, "list_pending_applications", offset="5"), domain)
    assert texts(messages, domain).count("Wacht op bewijsstuk") == 1
