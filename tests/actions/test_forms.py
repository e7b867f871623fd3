"""The form-validation base (actions/forms.py) that every form uses: refused answers to
the same question are counted, and the third in a row gets an explanation of what the
question needs and an offer to stop or to talk to a person."""

import importlib
import pkgutil

import pytest

import actions
from actions.application_form import ValidateApplicationForm
from actions.change_plate import ValidateChangePlateForm
from actions.forms import EXPLAIN_DEFAULT, FAILURES_SLOT, OFFER_STOP, FormValidation
from actions.termination import ValidateTerminationForm
from tests.actions.conftest import ANNA, JAN, QUESTIONS, make_tracker, responses, run

APPLICATION = {"product": "bewonersvergunning", "product_questions": QUESTIONS, "application_ready": True}
CHANGE_PLATE = {"change_plate_permit_id": "1", "change_plate_number": "P-2026-000001",
                "change_plate_plates": ["34-KL-LM"]}
TERMINATION = {"termination_permit_id": "1", "termination_needs_iban": True}

# form, its validation, the citizen, slots of the started form, question, a wrong answer,
# the refusal, the explanation after the third refusal.
CASES = [
    ("application_form", ValidateApplicationForm, JAN, APPLICATION, "start_date", "blablabla",
     "utter_invalid_date_unreadable", "utter_form_explain_date"),
    ("application_form", ValidateApplicationForm, JAN, {**APPLICATION, "start_date": "2026-12-01", "period": "jaar"},
     "plate_1", "geen idee", "utter_invalid_plate_invalid", "utter_form_explain_plate"),
    ("change_plate_form", ValidateChangePlateForm, ANNA, CHANGE_PLATE, "new_plate", "mijn nieuwe auto",
     "utter_invalid_plate_invalid", "utter_form_explain_plate"),
    ("change_plate_form", ValidateChangePlateForm, ANNA, CHANGE_PLATE, "old_plate", "weet ik niet",
     "utter_invalid_old_plate", EXPLAIN_DEFAULT),
    ("termination_form", ValidateTerminationForm, ANNA, TERMINATION, "iban", "mijn rekening",
     "utter_invalid_iban", "utter_form_explain_iban"),
    ("termination_form", ValidateTerminationForm, ANNA, TERMINATION, "confirm_termination", "misschien",
     "utter_invalid_confirm_termination", EXPLAIN_DEFAULT),
]


def answer(sid, form, slot, text, slots):
    return make_tracker(sid, slots={**slots, "requested_slot": slot}, text=text, set_now={slot: text},
                        active_loop=form)


async def answer_all(action, sid, form, slot, texts, slots, domain):
    """Answer `slot` with each of `texts` in turn; the messages of each, and the slots after."""
    said = []
    for text in texts:
        messages, out = await run(action, answer(sid, form, slot, text, slots), domain)
        slots = {**slots, **out}
        said.append(responses(messages))
    return said, slots


@pytest.mark.parametrize(("form", "validation", "bsn", "started", "slot", "wrong", "refusal", "explanation"),
                         CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES])
async def test_the_third_refused_answer_explains_and_offers_to_stop(logged_in, domain, form, validation, bsn,
                                                                    started, slot, wrong, refusal, explanation):
    sid = logged_in(bsn)
    said, slots = await answer_all(validation(), sid, form, slot, [wrong] * 4, started, domain)
    assert said[0] == said[1] == [refusal]
    assert said[2] == [refusal, explanation, OFFER_STOP]
    assert said[3] == [refusal]                         # counting starts again
    assert slots[FAILURES_SLOT] == {"form": form, "run": None, "slot": slot, "count": 1}
    assert slots[slot] is None


async def test_an_accepted_answer_starts_the_count_again(logged_in, domain):
    sid = logged_in(JAN)
    action = ValidateApplicationForm()
    said, slots = await answer_all(action, sid, "application_form", "start_date", ["blabla", "blabla", "morgen"],
                                   APPLICATION, domain)
    assert said[2] == [] and slots[FAILURES_SLOT] is None and slots["start_date"]
    said, slots = await answer_all(action, sid, "application_form", "period", ["blabla", "blabla"], slots, domain)
    assert OFFER_STOP not in said[1] and slots[FAILURES_SLOT]["count"] == 2


@pytest.mark.parametrize("previous", [
    {"form": "change_plate_form", "run": None, "slot": "new_plate", "count": 2},      # another question
    {"form": "change_plate_form", "run": 1764612345.0, "slot": "old_plate", "count": 2},  # an earlier run
    {"form": "termination_form", "run": None, "slot": "old_plate", "count": 2},       # another form
])
async def test_refusals_count_per_question_and_per_run_of_the_form(domain, previous):
    slots = {**CHANGE_PLATE, FAILURES_SLOT: previous}
    said, slots = await answer_all(ValidateChangePlateForm(), "test-forms-count", "change_plate_form", "old_plate",
                                   ["weet ik niet"], slots, domain)
    assert said == [["utter_invalid_old_plate"]]
    assert slots[FAILURES_SLOT] == {"form": "change_plate_form", "run": None, "slot": "old_plate", "count": 1}


async def test_a_correction_is_not_a_refusal(logged_in, domain):
    # "nee, het is 12-ABC-3" at the confirmation: the question is asked again, but with a new plate.
    sid = logged_in(ANNA)
    slots = {**CHANGE_PLATE, "old_plate": "34-KL-LM", "new_plate": "51-PX-PN", "new_plate_on_name": True,
             FAILURES_SLOT: {"form": "change_plate_form", "run": None, "slot": "confirm_change_plate", "count": 2}}
    _, slots = await answer_all(ValidateChangePlateForm(), sid, "change_plate_form", "confirm_change_plate",
                                ["nee, het is 12-ABC-3"], slots, domain)
    assert slots["new_plate"] == "12-ABC-3" and slots[FAILURES_SLOT] is None


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


def test_every_form_is_validated_by_the_base(domain):
    for module in pkgutil.iter_modules(actions.__path__):
        importlib.import_module(f"actions.{module.name}")
    validations = {cls().name(): cls for cls in all_subclasses(FormValidation)}
    assert domain["forms"], "no forms in the domain"
    for form in domain["forms"]:
        assert f"validate_{form}" in validations, f"{form} is not validated by actions.forms.FormValidation"


def test_the_explanations_and_the_offer_are_responses(domain):
    names = {EXPLAIN_DEFAULT, OFFER_STOP}
    for cls in all_subclasses(FormValidation):
        names |= set(cls.explanations.values())
    assert names <= set(domain["responses"])
    offer = domain["responses"][OFFER_STOP]
    assert all({b["payload"] for b in v["buttons"]} == {"/stop", "/human_handoff"} for v in offer)
    assert domain["slots"][FAILURES_SLOT]["influence_conversation"] is False
