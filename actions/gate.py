"""The login gate: nothing personal happens before the conversation is bound to a citizen.

`GatedJourneyAction` is the one way a journey starts behind the gate: logged in → the
journey runs at once; otherwise a login link is sent and the slot `pending_action`
remembers the task, so that `action_login_done` continues it after the login
(`continuation`)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.common import handles_backend_errors, refuse_outside_permit_scope, send_login_link

# The three logins: DigiD (persons), eHerkenning (companies), permit number + code (one permit).
LOGIN_METHODS = ("digid", "eherkenning", "permit")
# Tasks about the whole account, which a permit login (one permit only) cannot do.
ACCOUNT_WIDE = ("pay_cart", "list_available_products")

# A journey that needs a login: (dispatcher, tracker, citizen) → events. Run directly when
# the citizen is logged in, or by action_login_done for `pending_action` after the login.
Journey = Callable[[CollectingDispatcher, Tracker, dict], Awaitable[list[dict]]]


def login_method_for(pending_action: str | None) -> str:
    """The login a task needs when nothing else says which: eHerkenning for a
    bedrijfsvergunning, otherwise DigiD (the default for personal journeys)."""
    return "eherkenning" if pending_action == "apply:bedrijfsvergunning" else "digid"


def needs_whole_account(pending_action: str | None) -> bool:
    return bool(pending_action) and (pending_action.startswith("apply:") or pending_action in ACCOUNT_WIDE)


async def login_gate(dispatcher: CollectingDispatcher, tracker: Tracker, pending_action: str,
                     response: str) -> dict | None:
    """The logged-in citizen, or None after sending a login link with `response` (DigiD;
    eHerkenning for a bedrijfsvergunning) or, for a permit login asked for something
    outside its permit, a DigiD link with why.

    The caller remembers `pending_action`, so the login event can continue the task.
    (The backend enforces the permit scope itself; this check only gives the clear answer.)
    """
    session = await backend.session(tracker.sender_id)
    if session.get("logged_in"):
        scope = session.get("scope")
        if scope and needs_whole_account(pending_action):
            await refuse_outside_permit_scope(dispatcher, tracker, scope)
            return None
        return session.get("citizen") or {}
    method = login_method_for(pending_action)
    await send_login_link(dispatcher, tracker, method,
                          response if method == "digid" else "utter_login_required_eherkenning")
    return None


class GatedJourneyAction(Action, ABC):
    """An action that starts a journey behind the login gate and remembers it.

    Subclasses name the task (`pending`, the value of `pending_action`), the response of
    the login link (`login_response`) and the journey (a `Journey`, as a staticmethod).
    `continuation` is what `action_login_done` runs for `pending` after the login (the
    journey itself unless said otherwise). A journey that starts a form sets the bool
    `ready_slot` its rules read; it is set to False whenever the form does not start
    (login link sent, backend failure), so the rules always know."""

    pending: ClassVar[str] = ""
    login_response: ClassVar[str] = "utter_login_required"
    ready_slot: ClassVar[str | None] = None
    journey: ClassVar[Journey]
    continuation: ClassVar[Journey | None] = None

    # pending_action → the action class that remembered it.
    registry: ClassVar[dict[str, type[GatedJourneyAction]]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.pending:
            other = GatedJourneyAction.registry.get(cls.pending)
            if other is not None and other.__qualname__ != cls.__qualname__:
                raise TypeError(f"{cls.__name__} and {other.__name__} both remember {cls.pending!r}")
            GatedJourneyAction.registry[cls.pending] = cls

    @abstractmethod
    def name(self) -> str:
        """The action's name in the domain (abstract: the action server skips this base)."""

    def pending_action(self, tracker: Tracker) -> str:
        """The task remembered until the login is done (`pending` unless it depends on the message)."""
        return self.pending

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        pending = self.pending_action(tracker)
        citizen = await login_gate(dispatcher, tracker, pending, self.login_response)
        if citizen is None:
            events = [SlotSet("pending_action", pending)]
        else:
            events = [SlotSet("pending_action", None), *await type(self).journey(dispatcher, tracker, citizen)]
        if self.ready_slot and not any(e.get("name") == self.ready_slot for e in events):
            events.append(SlotSet(self.ready_slot, False))
        return events


def continuation(pending_action: str) -> Journey | None:
    """What action_login_done runs after the login for `pending_action` (None: unknown)."""
    cls = GatedJourneyAction.registry.get(pending_action)
    if cls is None:
        return None
    return cls.continuation or cls.journey
