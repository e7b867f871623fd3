"""Display helpers (money, dates) and button builders for the chat. Texts come from
actions.i18n in the conversation's language; the defaults are Dutch."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from actions.i18n import DUTCH, MONTHS_NL, Texts, format_date, format_money

__all__ = ["MONTHS_NL", "PLATE_REASONS", "button", "capitalized", "compact_plate", "date_nl", "money", "more_button",
           "period_button", "plate_reason_buttons", "yes_no_buttons"]


def money(amount: str | int | float | Decimal | None) -> str:
    """API money ("312.00") for citizens: "€ 312,00", "€ 1.234,50"."""
    return format_money(amount, "nl")


def date_nl(value: str | date | None) -> str:
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


def button(title: str, intent: str, entities: dict | None = None) -> dict:
    """A button whose payload triggers `intent` (with entities) directly."""
    payload = f"/{intent}"
    if entities:
        payload += json.dumps(entities, ensure_ascii=False, separators=(",", ":"))
    return {"title": title, "payload": payload}


def yes_no_buttons(yes: str = "Ja", no: str = "Nee") -> list[dict]:
    return [button(yes, "affirm"), button(no, "deny")]


def period_button(period: dict, t: Texts = DUTCH) -> dict:
    """ "Jaar (tot 24 november 2027) € 312,00" → /inform{"period":"jaar"}."""
    label = t.period(period.get("code"), period.get("label"))
    until = t.date_of(period, "valid_until")
    price = t.money_of(period, "price")
    title = t("period_button", label=label, until=until, price=price) if until else f"{label} {price}"
    return button(title, "inform", {"period": period.get("code")})


# Why a car that is not on the citizen's name is theirs to use (codes of the backend), in Dutch.
PLATE_REASONS: dict[str, str] = DUTCH.plate_reasons()


def plate_reason_buttons(t: Texts = DUTCH) -> list[dict]:
    return [button(title, "inform", {"plate_reason": code}) for code, title in t.plate_reasons().items()]


def more_button(intent: str, next_offset: int, t: Texts = DUTCH) -> dict:
    """ "Meer tonen" of a paged list: the same intent, from `next_offset` on."""
    return button(t("more"), intent, {"list_offset": str(next_offset)})
