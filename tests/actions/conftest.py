"""Actions called in-process against a real backend (tests.support.processes)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client, config
from tests.support.processes import backend_server, login_conversation

ROOT = Path(__file__).resolve().parents[2]

JAN = "999990019"       # Binnenstad, 51-PX-PN on his name
FATIMA = "999990020"    # Schilwijken, drives her partner's car 12-ABC-3
PIETER = "999990032"    # lives outside the permit zones
ANNA = "999990044"      # already has a bewonersvergunning (34-KL-LM)
KEES = "999990056"      # Binnenstad, GF-12-34 and 5-TXB-21 on his name

QUESTIONS = [
    {"code": "own_parking", "text": "Heeft u op uw adres een eigen parkeerplaats, zoals een garage of oprit?"},
    {"code": "vehicle_size", "text": "Is uw auto korter dan 6 meter en lager dan 2,4 meter?"},
]


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    # One backend (fresh database) per test module: citizens' applications stay apart.
    with backend_server(tmp_path_factory.mktemp("backend")) as info:
        yield info


@pytest.fixture(autouse=True)
async def use_backend(request, monkeypatch):
    """Point the backend client at the test backend (only for tests that use it)."""
    if "backend" in request.fixturenames:
        info = request.getfixturevalue("backend")
        monkeypatch.setattr(config, "BACKEND_URL", info.url)
        monkeypatch.setattr(config, "ACTIONS_API_TOKEN", info.token)
    yield
    await backend_client.close()


@pytest.fixture(scope="session")
def domain() -> dict:
    return Domain.load(str(ROOT / "bot" / "domain")).as_dict()


@pytest.fixture
def sender() -> str:
    return f"test-actions-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def logged_in(backend):
    """Log a fresh conversation in as `bsn`; returns the sender id."""

    def _login(bsn: str) -> str:
        sid = f"test-actions-{uuid.uuid4().hex[:12]}"
        login_conversation(backend.url, sid, bsn, backend.token)
        return sid

    return _login


def make_tracker(sender: str, slots: dict | None = None, text: str = "", intent: str = "inform",
                 entities: list[dict] | None = None, set_now: dict | None = None,
                 active_loop: str | None = None) -> Tracker:
    """A tracker whose latest user message is `text`; `set_now` are slots filled
    since that message (what a FormValidationAction validates)."""
    slots = dict(slots or {})
    slots.update(set_now or {})
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0},
               "entities": entities or []}
    events = [{"event": "user", "text": text, "parse_data": message,
               "input_channel": "rest"}]
    events += [{"event": "slot", "name": k, "value": v} for k, v in (set_now or {}).items()]
    return Tracker.from_dict({
        "sender_id": sender, "slots": slots, "latest_message": message, "events": events,
        "paused": False, "followup_action": None,
        "active_loop": {"name": active_loop} if active_loop else {},
        "latest_action_name": "action_listen",
    })


async def run(action, tracker: Tracker, domain: dict) -> tuple[list[dict], dict]:
    """Run `action`; returns (messages, slots set by the returned events)."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return dispatcher.messages, slots


def responses(messages: list[dict]) -> list[str]:
    return [m.get("response") for m in messages if m.get("response")]


def texts(messages: list[dict], domain: dict, language: str = "nl") -> str:
    """The messages as the citizen sees them (responses filled in from the domain, in the
    variation for `language` when the response has one)."""
    out = []
    for m in messages:
        if m.get("text"):
            out.append(m["text"])
        elif m.get("response"):
            template = variation(domain["responses"][m["response"]], language)["text"]
            out.append(template.format_map(_Default(m)))
    return "\n".join(out)


def variation(variations: list[dict], language: str) -> dict:
    """The variation Rasa picks for the slot `language`: the one conditioned on it, else
    the first without a condition."""
    for v in variations:
        if any(c.get("name") == "language" and c.get("value") == language for c in v.get("condition") or []):
            return v
    return next((v for v in variations if not v.get("condition")), variations[0])


class _Default(dict):
    def __missing__(self, key):
        return "{" + key + "}"
