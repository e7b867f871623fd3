"""Generic answer words: "ja" / "nee" in typed answers and buttons, for every form."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.common import latest_intent, user_text

NO_WORDS = {"nee", "neen", "geen", "nope", "no", "niet", "hoeft", "genoeg", "none", "nah"}
YES_WORDS = {"ja", "jazeker", "jawel", "klopt", "yes", "ok", "oke", "goed", "prima", "akkoord", "correct",
             "yeah", "yep", "right", "okay"}


def words(text: str) -> set[str]:
    return set("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def confirmation(tracker: Tracker, value: Any, more_yes: frozenset = frozenset()) -> str | None:
    """ "ja" / "nee" for a "Klopt dit?" question (buttons or typed words), None when unclear."""
    intent = latest_intent(tracker)
    said = words(user_text(tracker, value))
    if intent == "deny" or (said & NO_WORDS and not said & YES_WORDS):
        return "nee"
    if intent == "affirm" or said & (YES_WORDS | more_yes):
        return "ja"
    return None
