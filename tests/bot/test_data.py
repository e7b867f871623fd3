"""The organisation of bot/: one domain file per journey declares its intents, the NLU
examples sit in that journey's file, and every form's not_intent is bot.forms.NOT_INTENT."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml

from bot.forms import NOT_INTENT

BOT = Path(__file__).resolve().parents[2] / "bot"
# Domain files whose intents also have examples in an nlu file of another name.
NLU_FILES_OF = {"base.yml": {"smalltalk.yml", "dialogue.yml"}, "application.yml": {"apply_at_once.yml"},
                "login.yml": {"logins.yml"}}


@cache
def load(folder: str) -> dict[str, dict]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return {p.name: yaml.load(p.read_text(), Loader=loader) or {} for p in sorted((BOT / folder).glob("*.yml"))}


def intent_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def declared_in() -> dict[str, list[str]]:
    where = defaultdict(list)
    for name, domain in load("domain").items():
        for entry in domain.get("intents") or []:
            where[intent_name(entry)].append(name)
    return where


def form_text_mappings() -> list[tuple[str, str, dict]]:
    found = []
    for name, domain in load("domain").items():
        for slot, spec in (domain.get("slots") or {}).items():
            for mapping in spec.get("mappings") or []:
                if mapping.get("type") == "from_text":
                    found.append((name, slot, mapping))
    return found


def test_every_intent_is_declared_once():
    assert {i: files for i, files in declared_in().items() if len(files) != 1} == {}


def test_examples_sit_in_the_file_of_the_journey_that_declares_the_intent():
    where = declared_in()
    misplaced = []
    for name, data in load("nlu").items():
        for block in data.get("nlu") or []:
            if "intent" not in block:
                continue
            intent = block["intent"].split("/")[0]        # faq/costs → faq
            assert intent in where, f"{name}: examples for the undeclared intent {intent}"
            home = where[intent][0]
            if name not in {home} | NLU_FILES_OF.get(home, set()):
                misplaced.append((block["intent"], name, home))
    assert misplaced == []


def test_not_built_journeys_answer_not_in_chat_yet_from_their_own_rules():
    not_built = {"upload_document": "evidence.yml", "waitlist_status": "garage.yml",
                 "parking_card_status": "garage.yml"}
    answered = {}
    for name, data in load("rules").items():
        for rule in data.get("rules") or []:
            steps = rule["steps"]
            if steps[-1] == {"action": "utter_not_in_chat_yet"}:
                answered[steps[0]["intent"]] = name
    assert answered == not_built
    assert {i: declared_in()[i] for i in not_built} == {i: [f] for i, f in not_built.items()}


def test_form_mappings_exist():
    assert len(form_text_mappings()) >= 16


@pytest.mark.parametrize("where", [f"{name}:{slot}" for name, slot, _ in form_text_mappings()])
def test_every_form_text_mapping_has_the_one_not_intent_list(where):
    name, slot = where.split(":")
    [mapping] = [m for n, s, m in form_text_mappings() if (n, s) == (name, slot)]
    assert mapping.get("conditions"), "a from_text mapping outside a form would take every message"
    assert mapping.get("not_intent") == list(NOT_INTENT), f"{where}: not_intent differs from bot.forms.NOT_INTENT"


def test_not_intent_names_every_external_intent_and_only_domain_intents():
    intents = set(declared_in())
    external = {i for i in intents if i.startswith("EXTERNAL_")}
    assert external and external <= set(NOT_INTENT)
    assert set(NOT_INTENT) <= intents
    assert len(set(NOT_INTENT)) == len(NOT_INTENT)


def examples(data: dict) -> set[str]:
    return {line.strip().removeprefix("- ").strip().lower()
            for block in data.get("nlu") or [] if "intent" in block
            for line in block["examples"].splitlines() if line.strip()}


def test_the_held_out_test_set_is_not_trained_on():
    held_out = examples(yaml.safe_load((BOT.parent / "tests" / "nlu" / "test_nlu.yml").read_text()))
    trained = set().union(*(examples(data) for data in load("nlu").values()))
    assert held_out and trained
    assert held_out & trained == set()
