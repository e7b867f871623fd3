"""Texts that actions build themselves, in the conversation's language (slot `language`:
"nl", the default, or "en").

Handlers ask `texts(tracker)` for a `Texts` and use it for every sentence, button title,
date, amount and backend code they show:

    t = texts(tracker)
    t("summary_title")                        # a sentence of actions/messages.py
    t.date_of(product, "valid_until")         # "28 februari 2027" / "28 February 2027"
    t.product_of(product)                     # "bewonersvergunning" / "resident permit"

The backend sends codes, ISO dates and API money; both languages are rendered here from
them (labels: actions/labels.py, dates and money: actions/formatting.py). Only the
operator's reason, zone names (proper names) and the catalogue's Dutch questions are
shown as the backend sends them. Button payloads never depend on the language.
"""

from __future__ import annotations

from typing import Any

from actions import labels
from actions.formatting import format_date, format_money
from actions.messages import MESSAGES, NOUNS

LANGUAGES = ("nl", "en")
DEFAULT = "nl"


def language(tracker: Any) -> str:
    """The conversation's language: "en" or (default) "nl"."""
    value = tracker.get_slot("language") if tracker is not None else None
    return value if value in LANGUAGES else DEFAULT


class Texts:
    """The texts of one language; `texts(tracker)` gives the conversation's."""

    def __init__(self, lang: str = DEFAULT):
        self.lang = lang if lang in LANGUAGES else DEFAULT

    @property
    def english(self) -> bool:
        return self.lang == "en"

    def __call__(self, key: str, **values: Any) -> str:
        dutch, english = MESSAGES[key]
        return (english if self.english else dutch).format(**values)

    def label(self, table: dict[str, labels.Label], code: str | None, default: str = "") -> str:
        """The name of a code in this language; `default` (else the code) when unknown."""
        pair = table.get(code or "")
        return pair[1 if self.english else 0] if pair else (default or code or "")

    # Lists and counts

    def join(self, items: list[str], word: str = "and") -> str:
        """ "a, b en c" / "a, b and c" (word "or": "of" / "or")."""
        items = [str(i) for i in items]
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self(word)} " + items[-1]

    def count(self, n: int, noun: str) -> str:
        """ "1 aanvraag", "2 aanvragen" / "1 application", "2 applications"."""
        singular, plural = NOUNS[noun][1 if self.english else 0]
        return f"{n} {singular if n == 1 else plural}"

    # Dates and money (ISO dates and API money of the backend)

    def date(self, value: Any) -> str:
        return format_date(value, self.lang)

    def date_of(self, obj: dict, key: str) -> str:
        return self.date(obj.get(key))

    def money(self, value: Any) -> str:
        return format_money(value, self.lang)

    def money_of(self, obj: dict, key: str) -> str:
        return self.money(obj.get(key))

    # Codes of the backend

    def product(self, code: str | None) -> str:
        """ "bewonersvergunning" / "resident permit"."""
        return self.label(labels.PRODUCTS, code)

    def product_of(self, obj: dict) -> str:
        """The product of a backend object (permit, application, renewal, preview, …); an
        application to change a plate is "kentekenwijziging <product>"."""
        name = self.product(obj.get("product_code") or obj.get("code") or obj.get("product"))
        return self("plate_change_of", product=name) if obj.get("kind") == "plate_change" else name

    def period(self, code: str | None) -> str:
        """ "Jaar" / "Year" (capitalised)."""
        return self.label(labels.PERIODS, code)

    def status(self, obj: dict) -> str:
        """An application's status ("Wacht op betaling" / "Waiting for payment")."""
        return self.label(labels.APPLICATION_STATUSES, obj.get("status"))

    def renewal_status(self, code: str | None) -> str:
        return self.label(labels.RENEWAL_STATUSES, code)

    def todo(self, obj: dict) -> str:
        """What must still happen for an application ("" when nothing); for a rejection
        the municipality's reason, as written."""
        reason = (obj.get("rejection_reason") or "").strip()
        if obj.get("status") == "rejected" and reason:
            return self("rejection_reason", reason=reason)
        pair = labels.APPLICATION_TODOS.get(obj.get("status") or "")
        return pair[1 if self.english else 0] if pair else ""

    def question(self, question: dict) -> str:
        """A product question ({"code", "text"}): the catalogue's Dutch text, English by code."""
        if self.english:
            return labels.QUESTIONS_EN.get(question.get("code") or "", question.get("text") or "")
        return question.get("text") or ""

    def answer(self, value: Any) -> str:
        """ "Ja" / "Yes" for an answer "ja"."""
        text = str(value or "")
        return self.label(labels.ANSWERS, text.lower(), text.capitalize())

    def plate_reason(self, code: str | None) -> str:
        return self.label(labels.PLATE_REASONS, code) if code in labels.PLATE_REASONS else ""

    def plate_reasons(self) -> dict[str, str]:
        """Reason code → title, for the buttons."""
        return {code: pair[1 if self.english else 0] for code, pair in labels.PLATE_REASONS.items()}

    def zone_of(self, obj: dict) -> str:
        """A zone's name (a proper name, as the backend has it), or "geen vergunninggebied"
        / "no permit area" when the object has no zone code."""
        if not obj.get("zone"):
            return labels.NO_ZONE[1 if self.english else 0]
        return obj.get("zone_name") or obj["zone"]

    def document_title(self, doc: dict) -> str:
        """ "Vergunning en betaalbewijs P-…" / "Permit and receipt P-…" (the letter stays Dutch)."""
        return f"{self.label(labels.DOCUMENT_KINDS, doc.get('kind'))} {doc.get('reference') or ''}".strip()

    def cart_item(self, item: dict) -> str:
        """A cart line from its codes: "bewonersvergunning 51-PX-PN (jaar, 1 maart 2027 t/m
        29 februari 2028)" or "Verlenging bewonersvergunning P-…, … tot en met …"."""
        name, start, end = self.product(item.get("product_code")), self.date(item.get("start")), self.date(item.get("end"))
        if item.get("kind") == "renewal":
            return self("cart_renewal", name=name, number=item.get("number") or "", start=start, end=end)
        plates = ", ".join(item.get("plates") or [])
        return self("cart_application", name=f"{name} {plates}" if plates else name,
                    period=self.period(item.get("period_code")).lower(), start=start, end=end)


DUTCH = Texts("nl")
ENGLISH = Texts("en")


def texts(tracker: Any) -> Texts:
    """The texts of the conversation's language."""
    return ENGLISH if language(tracker) == "en" else DUTCH
