"""The language of the conversation (slot `language`: "nl" or "en")."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_entity

LANGUAGES = {"nl", "en"}


def chosen_language(tracker: Tracker) -> str:
    """The language entity (synonyms map English/Engels → en, Nederlands/Dutch → nl);
    without one ("i don't speak dutch") the person asks for English."""
    value = str(latest_entity(tracker, "language") or "").lower()
    return value if value in LANGUAGES else "en"


class ActionSetLanguage(Action):
    def name(self) -> str:
        return "action_set_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        chosen = chosen_language(tracker)
        dispatcher.utter_message(response=f"utter_language_{chosen}")
        return [SlotSet("language", chosen)]
