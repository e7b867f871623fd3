"""Two-stage fallback, first stage: "Bedoelt u: <topic>?" with Ja/Nee buttons.

Replaces Rasa's action_default_ask_affirmation, which shows the raw intent name in English.
"Nee" sends /out_of_scope, which makes action_two_stage_fallback ask to rephrase.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.i18n import language

# What the assistant suggests for the intents people mean most often. Other intents (and
# faq, whose answer needs the question itself) get the rephrase question at once.
TOPICS = {
    "apply_product": "een vergunning aanvragen",
    "list_pending_applications": "de status van uw aanvraag",
    "pay_cart": "betalen",
    "login": "inloggen",
    "logout": "uitloggen",
    "show_overview": "uw overzicht bekijken",
    "list_current_products": "uw huidige producten bekijken",
    "list_available_products": "zien wat u kunt aanvragen",
    "list_history": "uw historie bekijken",
    "view_documents": "uw documenten bekijken",
    "terminate_product": "uw vergunning beëindigen",
    "change_plate": "uw kenteken wijzigen",
    "help": "wat ik voor u kan doen",
    "human_handoff": "een medewerker spreken",
}


TOPICS_EN = {
    "apply_product": "applying for a permit",
    "list_pending_applications": "the status of your application",
    "pay_cart": "paying",
    "login": "logging in",
    "logout": "logging out",
    "show_overview": "your overview",
    "list_current_products": "your current products",
    "list_available_products": "what you can apply for",
    "list_history": "your history",
    "view_documents": "your documents",
    "terminate_product": "ending your permit",
    "change_plate": "changing your licence plate",
    "help": "what I can do for you",
    "human_handoff": "talking to an employee",
}


def suggestion(tracker: Tracker) -> str | None:
    """The best intent below the fallback that we can name, or None."""
    ranking = (tracker.latest_message or {}).get("intent_ranking") or []
    for candidate in ranking[:3]:
        name = candidate.get("name")
        if name in TOPICS:
            return name
    return None


class ActionDefaultAskAffirmation(Action):
    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        intent = suggestion(tracker)
        if intent is None:
            dispatcher.utter_message(response="utter_ask_rephrase")
        else:
            topics = TOPICS_EN if language(tracker) == "en" else TOPICS
            dispatcher.utter_message(response="utter_ask_affirmation", topic=topics[intent], intent=intent)
        return []
