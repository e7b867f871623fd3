"""Choosing the language (the entity decides, a request without one means English), and
every response being available in English."""

import re

from actions.language import ActionSetLanguage
from tests.actions.conftest import make_tracker, responses, run, texts


async def test_english_and_back_to_dutch(sender, domain):
    tracker = make_tracker(sender, text="English please", intent="set_language",
                           entities=[{"entity": "language", "value": "en"}])
    messages, slots = await run(ActionSetLanguage(), tracker, domain)
    assert slots == {"language": "en"} and "I will continue in English." in texts(messages, domain)

    tracker = make_tracker(sender, text="i don't speak dutch", intent="set_language")
    messages, slots = await run(ActionSetLanguage(), tracker, domain)
    assert slots == {"language": "en"}

    tracker = make_tracker(sender, slots={"language": "en"}, text="Nederlands", intent="set_language",
                           entities=[{"entity": "language", "value": "nl"}])
    messages, slots = await run(ActionSetLanguage(), tracker, domain)
    assert slots == {"language": "nl"} and responses(messages) == ["utter_language_nl"]


# Every response has an English variation (condition: slot language == en), except these.
DUTCH_ONLY = {
    # language.yml: two responses instead of one with a condition, because the variation is
    # chosen before action_set_language's SlotSet("language") applies. utter_language_en is
    # English already; utter_language_nl confirms the switch to Dutch and says how to go back.
    "utter_language_en": "English text, sent when switching to English",
    "utter_language_nl": "confirms the switch to Dutch",
}
# Button payloads that differ on purpose in the English variation (Dutch payload → English one).
ENGLISH_PAYLOADS = {
    # Free text, not an intent: the English variation says the question in English.
    "utter_help": {"Wat kost een bewonersvergunning?": "What does a resident permit cost?"},
    # The language button switches to the other language.
    "utter_greet": {'/set_language{{"language":"en"}}': '/set_language{{"language":"nl"}}'},
}
PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


def is_english(variation: dict) -> bool:
    return {"type": "slot", "name": "language", "value": "en"} in (variation.get("condition") or [])


def test_every_response_has_an_english_variation_with_the_same_placeholders_and_buttons(domain):
    assert set(DUTCH_ONLY) | set(ENGLISH_PAYLOADS) <= set(domain["responses"])  # no stale entries
    problems = []
    for name, variations in domain["responses"].items():
        english = [v for v in variations if is_english(v)]
        dutch = [v for v in variations if not v.get("condition")]
        if name in DUTCH_ONLY:
            continue
        if not english:
            problems.append(f"{name}: no English variation")
            continue
        for en in english:
            for nl in dutch:
                if set(en) - {"condition"} != set(nl):
                    problems.append(f"{name}: English has {sorted(set(en) - {'condition'})}, Dutch {sorted(nl)}")
                if set(PLACEHOLDER.findall(en.get("text", ""))) != set(PLACEHOLDER.findall(nl.get("text", ""))):
                    problems.append(f"{name}: placeholders differ")
                swap = ENGLISH_PAYLOADS.get(name, {})
                expected = [swap.get(b["payload"], b["payload"]) for b in nl.get("buttons") or []]
                if [b["payload"] for b in en.get("buttons") or []] != expected:
                    problems.append(f"{name}: button payloads differ")
    assert not problems, "\n".join(problems)
