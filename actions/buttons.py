"""Button builders for the chat. Titles come from actions.i18n in the conversation's
language (the defaults are Dutch); payloads never depend on the language."""

from __future__ import annotations

import json

from actions.i18n import DUTCH, Texts


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
    label = t.period(period.get("code"))
    until = t.date(period.get("valid_until"))
    price = t.money(period.get("price"))
    title = t("period_button", label=label, until=until, price=price) if until else f"{label} {price}"
    return button(title, "inform", {"period": period.get("code")})


def plate_reason_buttons(t: Texts = DUTCH) -> list[dict]:
    return [button(title, "inform", {"plate_reason": code}) for code, title in t.plate_reasons().items()]


def more_button(intent: str, next_offset: int, t: Texts = DUTCH) -> dict:
    """ "Meer tonen" of a paged list: the same intent, from `next_offset` on."""
    return button(t("more"), intent, {"list_offset": str(next_offset)})
