"""The intents that interrupt a form instead of answering its question.

Every `from_text` slot mapping of a form in bot/domain/ lists them as its `not_intent`
(Rasa has no include across domain files, so each mapping carries a copy):
tests/bot/test_data.py fails when a copy differs from this list, and when the domain has
an EXTERNAL_* intent that is not in it.

- stop, help, human_handoff, faq: the citizen asks something else; their rules answer and
  the form asks its question again, or stops (stop);
- EXTERNAL_*: the backend tells the conversation something (login done, payment, evidence,
  decision, renewal, a parking session ended) while a form waits for an answer; it must not become that answer.
"""

NOT_INTENT = (
    "stop", "help", "human_handoff", "faq",
    "EXTERNAL_login_done", "EXTERNAL_payment_update", "EXTERNAL_evidence_received",
    "EXTERNAL_application_decided", "EXTERNAL_renewal_due",
    "EXTERNAL_parking_ended",
)
