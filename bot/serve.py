"""Run Rasa's own CLI with our speed fixes applied first.

    python -m bot.serve run --model models/parkeerloket.tar.gz ...   (same arguments as `rasa`)

The fixes replace Rasa internals, so they are written for one Rasa version (RASA_VERSION):
on another one this refuses to start instead of patching code it does not know. The web chat
channel's fixes live in bot/connectors/webchat.py, a channel of its own in credentials.yml.

Fix: Rasa 3.6 checks every action server response with `jsonschema.validate(result,
schema)`, which re-validates the (constant) schema against the Draft 2020-12 meta-schema on
every call. Profiling the 50-user benchmark showed that this took about half of the Rasa
process's CPU time. We check the schema once and keep the compiled validator; responses
are validated exactly as before (same schema, same draft, same best-match error).

Fix: every stored event is turned back into an object with `Event.resolve_by_type`, which
walks all Event subclasses each time (7 % of Rasa's CPU under load). We keep a
type-name → class map; unknown names still go to Rasa's own lookup.
"""

from __future__ import annotations

import sys

RASA_VERSION = "3.6.21"


def installed_rasa_version() -> str:
    import rasa.version
    return rasa.version.__version__


def version_problem(installed: str) -> str | None:
    """Why we refuse to start on the installed Rasa, or None when it is the one we patch."""
    if installed == RASA_VERSION:
        return None
    return (f"bot.serve is written for Rasa {RASA_VERSION}, but Rasa {installed} is installed. "
            f"Its runtime fixes replace Rasa internals of that version, so it does not start. "
            f"Install Rasa {RASA_VERSION} (requirements/), or check the fixes against the new "
            f"version and then change RASA_VERSION in bot/serve.py.")


def patch_action_result_validation() -> None:
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions import action

    schema = action.RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)

    def _validate_action_result(self, result: dict) -> bool:
        error = best_match(validator.iter_errors(result))
        if error is None:
            return True
        error.message += (". Failed to validate Action server response from API, make sure your "
                          "response from the Action endpoint is valid. For more information about "
                          f"the format visit {action.DOCS_BASE_URL}/custom-actions")
        raise error

    _validate_action_result.__doc__ = "Validate an action server response (schema checked once)."
    action.RemoteAction._validate_action_result = _validate_action_result


def patch_event_type_lookup() -> None:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    original = Event.resolve_by_type
    by_name = {cls.type_name: cls for cls in reversed(all_subclasses(Event))}

    def resolve_by_type(type_name, default=None):
        cls = by_name.get(type_name)
        return cls if cls is not None else original(type_name, default)

    resolve_by_type.__doc__ = original.__doc__
    Event.resolve_by_type = staticmethod(resolve_by_type)


def main(argv: list[str]) -> int:
    problem = version_problem(installed_rasa_version())
    if problem:
        print(problem, file=sys.stderr)
        return 2
    patch_action_result_validation()
    patch_event_type_lookup()
    from rasa.__main__ import main as rasa_main
    sys.argv = ["rasa", *argv]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
