"""bot.serve: Rasa's own CLI with the speed fixes, only on the Rasa version they were written for."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot import serve
from bot.serve import patch_action_result_validation

ROOT = Path(__file__).resolve().parents[2]


def test_written_for_the_pinned_rasa():
    pins = re.findall(r"^rasa==(\S+)$", (ROOT / "requirements" / "rasa.in").read_text(), re.M)
    assert pins == [serve.RASA_VERSION]
    assert serve.installed_rasa_version() == serve.RASA_VERSION
    assert serve.version_problem(serve.RASA_VERSION) is None


@pytest.mark.parametrize("other", ["3.6.20", "3.6.22", "3.7.0", "3.6.21rc1"])
def test_refuses_to_start_on_another_rasa(monkeypatch, capsys, other):
    import rasa.__main__
    import rasa.version

    def must_not_run():
        raise AssertionError("Rasa started on a version the fixes were not written for")

    monkeypatch.setattr(rasa.version, "__version__", other)
    monkeypatch.setattr(rasa.__main__, "main", must_not_run)
    assert serve.main(["run"]) == 2
    message = capsys.readouterr().err
    assert f"Rasa {serve.RASA_VERSION}" in message and f"Rasa {other} is installed" in message


def test_starts_rasa_cli_on_the_right_version(monkeypatch):
    import rasa.__main__

    seen = []
    monkeypatch.setattr(rasa.__main__, "main", lambda: seen.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["bot.serve"])
    assert serve.main(["--version"]) == 0
    assert seen == [["rasa", "--version"]]


def test_command_line_exits_non_zero_with_the_message():
    code = ("import rasa.version, runpy, sys; rasa.version.__version__ = '9.9.9'; sys.argv = ['x', 'run'];"
            "runpy.run_module('bot.serve', run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Rasa 9.9.9 is installed" in done.stderr


def test_patched_validation_accepts_good_and_rejects_bad_responses():
    patch_action_result_validation()
    action = RemoteAction.__new__(RemoteAction)
    good = {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hoi"}]}
    assert action._validate_action_result(good) is True
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"no_event_key": 1}]})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list"})


def test_patched_event_lookup_finds_the_same_classes():
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
    from rasa.shared.utils.common import all_subclasses

    expected = {name: Event.resolve_by_type(name) for name in ("user", "slot", "action", "active_loop")}
    from bot.serve import patch_event_type_lookup
    patch_event_type_lookup()
    assert {name: Event.resolve_by_type(name) for name in expected} == expected
    assert Event.resolve_by_type("slot") is SlotSet and Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("action") is ActionExecuted
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert len(all_subclasses(Event)) > 10
    # Round trip of a stored event still works.
    assert Event.from_parameters({"event": "slot", "name": "x", "value": 1}) == SlotSet("x", 1)
