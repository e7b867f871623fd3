"""A person at the municipality: a hand-off ticket with the transcript of this chat.

The backend masks BSN and IBAN before it stores anything; the ticket also works before login.
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.backend_client import BackendError
from actions.common import channel

logger = logging.getLogger(__name__)


def transcript(tracker: Tracker) -> list[dict]:
    """What the person typed and what the assistant said, in order. A button press shows as
    its intent ("/help" → "[knop: help]"); events from the backend are left out."""
    lines = []
    for event in tracker.events:
        text = (event.get("text") or "").strip()
        if event.get("event") == "bot" and text:
            lines.append({"speaker": "bot", "text": text})
        elif event.get("event") == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name") or ""
            if intent.startswith("EXTERNAL_"):
                continue
            if text.startswith("/"):
                text = f"[knop: {text[1:].split('{', 1)[0]}]"
            if text:
                lines.append({"speaker": "user", "text": text})
    return lines


class ActionHumanHandoff(Action):
    def name(self) -> str:
        return "action_human_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        try:
            ticket = await backend.handoff(tracker.sender_id, channel(tracker), transcript(tracker))
        except BackendError as e:
            logger.warning("hand-off ticket failed for %s: %s", tracker.sender_id, e.code)
            dispatcher.utter_message(response="utter_handoff_failed")
            return []
        dispatcher.utter_message(response="utter_handoff_ticket", ticket=ticket["ticket"])
        return []
