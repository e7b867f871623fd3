"""Which language a citizen writes in, per message (Dutch or English).

A NLU component at the end of the pipeline: it adds the entity `detected_language`
("nl" or "en") to a message that is clearly written in one language, and nothing to
short or mixed messages ("ok", "12-ABC-3", "1 maart", "ik wil een parking permit").
The slot `language` is mapped from that entity, so the answers follow the language the
citizen writes, without an extra call to the action server.

The rule is counting marker words (function words and the words of our own topic) that
occur in one language only; no model, so it needs no training data and no download.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

ENTITY = "detected_language"

# Words that are (almost) only English. Not: "is", "in", "of", "op", "hi", "stop",
# "ok", "parking", "code" — Dutch citizens write those too.
ENGLISH = frozenset("""
i i'm im my mine you your our the a an to for from with without this that these those
it it's its and or but not don't dont do does did can can't cannot could would should will
want wanted need like please thanks thank yes no hello what what's how when where why
which who much many have has get got am are were be been there here about at by
apply application permit permits resident residents visitor visitors business annual card
pay paid payment cart change changed licence license plate number car cars end cancel
cost costs price money refund overview products documents letter letters
sign english new old still already someone employee human speak talk person
""".split())

# Words that are (almost) only Dutch.
DUTCH = frozenset("""
ik mijn mij je jij jouw u uw wij ons onze de het een en maar niet geen wel ook
graag dank bedankt ja nee hallo hoi goedemorgen goedemiddag goedenavond dag doei
wat hoe wanneer waar waarom welke wie hoeveel kan kun kunt kunnen wil wilt willen moet
moeten mag heb hebt heeft hebben ben bent zijn waren wordt worden zou zal
van voor met naar bij uit aan om te tot dat die deze dit er hier daar nog al nu
vergunning vergunningen bewonersvergunning bezoekersvergunning bedrijfsvergunning jaarkaart
aanvragen aanvraag betalen betaling winkelwagen kenteken wijzigen veranderen beëindigen
beeindigen stoppen opzeggen verlengen verlenging kosten kost geld terug overzicht brief
brieven inloggen medewerker nederlands auto parkeren bezoek bezoekers bewoner tegoed
""".split())

WORD = re.compile(r"[a-zà-ÿ']+")


def detect_language(text: str | None) -> str | None:
    """ "en" or "nl" when the text is clearly in that language, otherwise None.

    Clearly means at least two marker words of that language and more than twice as
    many as of the other one; button payloads ("/intent{…}") are not language.
    """
    if not text or text.lstrip().startswith("/"):
        return None
    words = WORD.findall(text.lower())
    english = sum(word in ENGLISH for word in words)
    dutch = sum(word in DUTCH for word in words)
    if english >= 2 and english > 2 * dutch:
        return "en"
    if dutch >= 2 and dutch > 2 * english:
        return "nl"
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LanguageDetector(GraphComponent, EntityExtractorMixin):
    """Adds the entity `detected_language` to messages that are clearly Dutch or English."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LanguageDetector:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            language = detect_language(text)
            if language:
                entity = {"entity": ENTITY, "value": language, "start": 0, "end": len(text),
                          "confidence": 1.0, "extractor": self.__class__.__name__}
                message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
