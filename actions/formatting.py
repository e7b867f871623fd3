"""Dates and amounts for the chat, in Dutch or English, from Babel: the only place actions
write a date or an amount. The backend sends ISO dates ("2026-11-26") and API money
("312.00"); what it says in Dutch is never read back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import format_date as babel_date
from babel.numbers import format_currency

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
# "€ 1.234,50" / "€ 1,234.50", and "€ -12,50": the sign after the euro sign in both languages.
_MONEY = "¤ #,##0.00;¤ -#,##0.00"


def as_date(value: Any) -> date | None:
    """A date from an ISO date ("2026-11-26" or a timestamp starting with one) or a date."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        return None


def format_date(value: Any, lang: str = "nl") -> str:
    """ "26 november 2026" (nl) or "26 November 2026" (en); "" for nothing, the text itself
    when it is no ISO date."""
    if value is None or value == "":
        return ""
    d = as_date(value)
    if d is None:
        return str(value)
    return babel_date(d, "d MMMM y", locale=LOCALES.get(lang, LOCALES["nl"]))


def as_amount(value: Any) -> Decimal | None:
    """An amount from API money ("312.00") or a number."""
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value if value is not None else "").strip())
    except (InvalidOperation, ValueError):
        return None


def format_money(value: Any, lang: str = "nl") -> str:
    """ "€ 1.234,50" (nl) or "€ 1,234.50" (en); the text itself when it is no amount."""
    amount = as_amount(value)
    if amount is None or not amount.is_finite():
        return str(value or "")
    text = format_currency(amount.quantize(Decimal("0.01")), "EUR", format=_MONEY,
                           locale=LOCALES.get(lang, LOCALES["nl"]), currency_digits=False)
    return text.replace("\xa0", " ")        # a plain space, as every channel shows it


def money(amount: Any) -> str:
    """API money ("312.00") in Dutch: "€ 312,00", "€ 1.234,50"."""
    return format_money(amount, "nl")


def date_nl(value: Any) -> str:
    """ISO date ("2026-11-26") as Dutch long date: "26 november 2026"."""
    return format_date(value, "nl")


def compact_plate(plate: str | None) -> str | None:
    """Plate as the backend stores it: upper case without dashes or spaces."""
    if not plate:
        return None
    return "".join(ch for ch in plate.upper() if ch.isalnum())


def capitalized(name: str | None) -> str:
    """A name at the start of a sentence: "bewonersvergunning" → "Bewonersvergunning"."""
    name = name or ""
    return name[:1].upper() + name[1:]
