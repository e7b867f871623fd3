"""Login gate, login event and logout."""

from actions.application import ActionStartApplication
from actions.login import ActionLogin, ActionLoginDone, ActionLogout
from actions.status import ActionListApplications
from tests.actions.conftest import ANNA, JAN, make_tracker, responses, run, texts
from tests.support.person import Person


async def test_apply_before_login_gives_link_and_remembers_task(backend, domain, sender):
    tracker = make_tracker(sender, text="Ik wil een bewonersvergunning aanvragen", intent="apply_product",
                           entities=[{"entity": "product", "value": "bewonersvergunning"}])
    messages, slots = await run(ActionStartApplication(), tracker, domain)
    assert responses(messages) == ["utter_login_required"]
    text = texts(messages, domain)
    assert "inloggen" in text and "/login/digid?t=" in text
    assert slots == {"pending_action": "apply:bewonersvergunning", "application_ready": False}


async def test_login_done_continues_the_application(backend, domain, sender):
    tracker = make_tracker(sender, text="bewonersvergunning", intent="apply_product",
                           entities=[{"entity": "product", "value": "bewonersvergunning"}])
    messages, _ = await run(ActionStartApplication(), tracker, domain)
    link = messages[0]["url"]
    page = Person().submit_form(link, {"bsn": JAN})
    assert "ingelogd" in page.text.lower()

    tracker = make_tracker(sender, slots={"pending_action": "apply:bewonersvergunning"},
                           text=None, intent="EXTERNAL_login_done")
    messages, slots = await run(ActionLoginDone(), tracker, domain)
    assert "U bent ingelogd als Jan de Vries" in texts(messages, domain)
    assert slots["application_ready"] is True
    assert slots["product"] == "bewonersvergunning"
    assert [q["code"] for q in slots["product_questions"]] == ["own_parking", "vehicle_size"]
    assert slots["pending_action"] is None


async def test_login_done_lists_applications_when_that_was_asked(logged_in, domain):
    sid = logged_in(ANNA)
    tracker = make_tracker(sid, slots={"pending_action": "list_applications"}, intent="EXTERNAL_login_done")
    messages, slots = await run(ActionLoginDone(), tracker, domain)
    text = texts(messages, domain)
    assert "ingelogd" in text and "aanvra" in text
    assert slots["application_ready"] is False


async def test_status_before_login_gives_link(backend, domain, sender):
    tracker = make_tracker(sender, text="wat is de status van mijn aanvraag", intent="list_pending_applications")
    messages, slots = await run(ActionListApplications(), tracker, domain)
    assert "inloggen" in texts(messages, domain)
    assert slots == {"pending_action": "list_applications"}


async def test_login_intent_and_logout(logged_in, backend, domain, sender):
    messages, _ = await run(ActionLogin(), make_tracker(sender, text="inloggen met digid", intent="login"), domain)
    assert responses(messages) == ["utter_login_link"]
    sid = logged_in(JAN)
    messages, _ = await run(ActionLogin(), make_tracker(sid, text="inloggen", intent="login"), domain)
    assert texts(messages, domain) == "U bent al ingelogd als Jan de Vries."
    messages, _ = await run(ActionLogout(), make_tracker(sid, text="uitloggen", intent="logout"), domain)
    assert texts(messages, domain) == "U bent uitgelogd."
    # Not obvious which login: the three as buttons (tests/actions/test_logins.py).
    messages, _ = await run(ActionLogin(), make_tracker(sid, text="inloggen", intent="login"), domain)
    assert responses(messages) == ["utter_ask_login_method"]


async def test_backend_down_gives_one_apology(domain, sender, monkeypatch):
    from actions import config

    monkeypatch.setattr(config, "BACKEND_URL", "http://127.0.0.1:9")
    messages, slots = await run(ActionListApplications(), make_tracker(sender, text="status"), domain)
    assert responses(messages) == ["utter_backend_error"] and slots == {}
    tracker = make_tracker(sender, text="bewonersvergunning", intent="apply_product",
                           entities=[{"entity": "product", "value": "bewonersvergunning"}])
    messages, slots = await run(ActionStartApplication(), tracker, domain)
    assert responses(messages) == ["utter_backend_error"] and slots == {"application_ready": False}


# In English (slot language "en")

EN = {"language": "en"}


async def test_login_done_in_english_continues_in_english(logged_in, domain):
    sid = logged_in(ANNA)
    event = make_tracker(sid, slots={**EN, "pending_action": "list_current_products"}, intent="EXTERNAL_login_done")
    messages, slots = await run(ActionLoginDone(), event, domain)
    assert responses(messages) == ["utter_logged_in"]
    assert messages[0]["name"] == "Anna Bakker" and messages[0]["address"].startswith("Walstraat 3, ")
    assert messages[1]["text"] == ("Resident permit P-2026-000001, Binnenstad, licence plate 34-KL-LM, "
                                   "valid up to and including 28 February 2027.")
    assert [b["title"] for b in messages[1]["buttons"]] == ["Change licence plate", "End", "Documents"]
    assert slots["pending_action"] is None


async def test_login_choice_in_english(backend, domain, sender):
    messages, _ = await run(ActionLogin(), make_tracker(sender, slots=EN, text="log in", intent="login"), domain)
    assert responses(messages) == ["utter_ask_login_method"]
    assert [(b["title"], b["payload"]) for b in messages[0]["buttons"]] == [
        ("DigiD", '/login{"login_method":"digid"}'), ("eHerkenning", '/login{"login_method":"eherkenning"}'),
        ("Permit number", '/login{"login_method":"permit"}')]
