"""The language of each message (bot/language_detector.py): clear Dutch or English
switches the conversation's language; short, mixed or neutral messages leave it alone."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language_detector import LanguageDetector, detect_language


@pytest.mark.parametrize("text", [
    "I want to apply for a resident permit",
    "how much does a visitor permit cost?",
    "can i change the licence plate on my permit",
    "please end my permit",
    "yes please",
    "Hi, where is my application?",
    "i would like to speak to an employee",
])
def test_english_messages_are_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", [
    "Ik wil een bewonersvergunning aanvragen",
    "wat kost een bezoekersvergunning?",
    "kenteken wijzigen",
    "ja graag",
    "Hoe lang duurt het voordat mijn aanvraag klaar is",
    "status van mijn aanvraag",
    "mijn vergunning stoppen want ik verhuis",
    "ik wil een parking permit",         # Dutch with an English term is Dutch
])
def test_dutch_messages_are_dutch(text):
    assert detect_language(text) == "nl"


@pytest.mark.parametrize("text", [
    "", None, "ok", "ja", "yes", "12-ABC-3", "1 maart 2027", "English", "Nederlands",
    "/apply_product{\"product\":\"bewonersvergunning\"}",   # a button, not language
    "hallo, I want een vergunning",                       # mixed: no switch
    "999990019",
])
def test_short_mixed_or_neutral_messages_change_nothing(text):
    assert detect_language(text) is None


def test_component_adds_the_entity_only_to_clear_messages():
    detector = LanguageDetector()
    english = Message(data={TEXT: "I want to pay my cart", ENTITIES: [{"entity": "product", "value": "x"}]})
    neutral = Message(data={TEXT: "51-PX-PN"})
    detector.process([english, neutral])
    assert [e["entity"] for e in english.get(ENTITIES)] == ["product", "detected_language"]
    assert english.get(ENTITIES)[-1]["value"] == "en"
    assert not neutral.get(ENTITIES)
