"""bot.serve keeps Rasa's check of action server responses, only faster."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.serve import patch_action_result_validation


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
