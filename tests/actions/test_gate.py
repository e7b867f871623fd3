"""The login gate base class (actions/gate.py): every journey behind it sends the login
link, remembers the task in `pending_action`, is continued after the login, and tells the
rules that no form starts when it does not."""

import pytest

from actions import config, login  # noqa: F401  (login imports every journey, which registers it)
from actions.application import ActionStartApplication
from actions.change_plate import ActionStartChangePlate
from actions.gate import GatedJourneyAction, continuation
from actions.renewals import ActionStartWithdrawRenewal, list_renewals, withdraw_choice
from actions.termination import ActionStartTermination
from actions.top_up import ActionTopUpBalance
from tests.actions.conftest import make_tracker, responses, run

# Every task that can wait for a login (docs/conversation.md, "Login gate").
PENDING = {"show_overview", "list_current_products", "list_available_products", "list_history",
           "list_applications", "pay_cart", "terminate_product", "change_plate", "view_documents",
           "renew_product", "withdraw_renewal", "check_balance", "top_up_balance", "activate_plate"}
STARTS_A_FORM = {ActionStartTermination: "termination_ready", ActionStartChangePlate: "change_plate_ready",
                 ActionStartWithdrawRenewal: "renewal_withdraw_asked", ActionStartApplication: "application_ready",
                 ActionTopUpBalance: "top_up_ready"}


def test_every_gated_task_is_continued_after_the_login():
    assert set(GatedJourneyAction.registry) == PENDING
    for pending, cls in GatedJourneyAction.registry.items():
        assert cls.pending == pending and callable(continuation(pending))
    assert continuation("no_such_task") is None


def test_a_continuation_may_differ_from_the_direct_journey():
    # After the login the renewals show the list, and a withdrawal the choice: a
    # "Weet u het zeker?" needs its own turn.
    assert continuation("renew_product") is list_renewals
    assert continuation("withdraw_renewal") is withdraw_choice


def test_two_journeys_cannot_remember_the_same_task():
    with pytest.raises(TypeError, match="check_balance"):
        type("ActionOtherBalance", (GatedJourneyAction,), {"pending": "check_balance"})


async def test_not_logged_in_every_journey_sends_its_link_and_remembers_the_task(backend, domain):
    for pending, cls in sorted(GatedJourneyAction.registry.items()):
        tracker = make_tracker(f"test-gate-{pending}", text="iets", intent=pending)
        messages, slots = await run(cls(), tracker, domain)
        assert responses(messages) == [cls.login_response], pending
        assert "/login/" in messages[0]["url"]
        expected = {"pending_action": pending}
        if cls.ready_slot:
            expected[cls.ready_slot] = False
        assert slots == expected, pending


async def test_an_application_remembers_its_product(backend, sender, domain):
    tracker = make_tracker(sender, text="ik wil een bezoekersvergunning", intent="apply_product")
    messages, slots = await run(ActionStartApplication(), tracker, domain)
    assert responses(messages) == ["utter_login_required"]
    assert slots == {"pending_action": "apply:bezoekersvergunning", "application_ready": False}


@pytest.mark.parametrize("cls", list(STARTS_A_FORM))
async def test_backend_down_one_apology_and_no_form(monkeypatch, domain, cls):
    monkeypatch.setattr(config, "BACKEND_URL", "http://127.0.0.1:9")   # nothing listens there
    tracker = make_tracker("test-gate-down", text="ik wil een bewonersvergunning", intent="apply_product")
    messages, slots = await run(cls(), tracker, domain)
    assert responses(messages) == ["utter_backend_error"]
    assert slots == {STARTS_A_FORM[cls]: False}


def test_the_action_server_registers_every_action_of_the_domain(domain):
    # As `rasa run actions` does: the bases (abstract) are skipped, every other class needs a name.
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    custom = {a for a in domain["actions"] if not a.startswith("utter_")}
    assert custom - set(executor.actions) == set()
