"""The chat when an outside party is down: a clear answer in Dutch (and English), nothing
stored or charged. The backend runs with PSP=outage and VEHICLE_REGISTER=outage."""

from datetime import date, timedelta

import pytest

from actions.application_form import ValidateApplicationForm
from actions.payment import ActionPayCart
from tests.actions.conftest import JAN, make_tracker, responses, run, texts
from tests.support.processes import api, backend_server


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    with backend_server(tmp_path_factory.mktemp("outages"),
                        extra_env={"PSP": "outage", "VEHICLE_REGISTER": "outage"}) as info:
        yield info


def visitor_permit_in_cart(backend, sid: str) -> None:
    draft = {"product": "bezoekersvergunning", "start_date": (date.today() + timedelta(days=1)).isoformat(),
             "period": "jaar"}
    api(backend.url, backend.token, "POST", f"/api/conversations/{sid}/applications",
        {"draft": draft, "idempotency_key": f"{sid}:visitor"})


OLIVIA = "999990160"     # Binnenstad, writes English


@pytest.mark.parametrize(("bsn", "language", "expected"), [
    (JAN, "nl", ("Betalen kan op dit moment niet", "Er is niets afgeschreven")),
    (OLIVIA, "en", ("Paying is not possible right now", "Nothing has been charged")),
])
async def test_paying_with_the_psp_down(backend, logged_in, domain, bsn, language, expected):
    sid = logged_in(bsn)
    visitor_permit_in_cart(backend, sid)
    tracker = make_tracker(sid, slots={"language": language}, text="betalen", intent="pay_cart")
    messages, slots = await run(ActionPayCart(), tracker, domain)
    assert responses(messages)[-1] == "utter_psp_unavailable" and "payment_id" not in slots
    said = texts(messages, domain, language)
    assert all(part in said for part in expected), said
    cart = api(backend.url, backend.token, "GET", f"/api/conversations/{sid}/cart")
    assert len(cart["items"]) == 1                   # still in the Winkelwagen, to pay later


async def test_a_plate_answer_with_the_register_down(logged_in, domain):
    sid = logged_in(JAN)
    tracker = make_tracker(sid, slots={"product": "bewonersvergunning", "application_ready": True,
                                       "requested_slot": "plate_1"},
                           text="51-PX-PN", set_now={"plate_1": "51-PX-PN"}, active_loop="application_form")
    messages, slots = await run(ValidateApplicationForm(), tracker, domain)
    assert responses(messages) == ["utter_vehicle_register_unavailable"] and slots["plate_1"] is None
    assert "kentekenregister is niet bereikbaar" in texts(messages, domain)
    assert "vehicle register cannot be reached" in texts(messages, domain, "en")
