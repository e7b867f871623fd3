"""Choosing the language: the entity decides, a request without one means English."""

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
