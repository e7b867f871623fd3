"""Dutch display helpers (money, dates) and button builders for the chat."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation

MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")


def money(amount: str | int | float | Decimal | None) -> str:
    """API money ("312.00") for citizens: "€ 312,00", "€ 1.234,50"."""
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return str(amount or "")
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {sign}{text}"


def date_nl(value: str | date | None) -> str:
    """ISO date ("2026-11-26") as Dutch long date: "26 november 2026"."""
    if value is None:
        return ""
    try:
        d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d.day} {MONTHS_NL[d.month - 1]} {d.year}"


def compact_plate(plate: str | None) -> str | None:
    """Plate as the backend stores it: upper case without dashes or spaces."""
    if not plate:
        return None
    return "".join(ch for ch in plate.upper() if ch.isalnum())


def button(title: str, intent: str, entities: dict | None = None) -> dict:
    """A button whose payload triggers `intent` (with entities) directly."""
    payload = f"/{intent}"
    if entities:
        payload += json.dumps(entities, ensure_ascii=False, separators=(",", ":"))
    return {"title": title, "payload": payload}


def yes_no_buttons(yes: str = "Ja", no: str = "Nee") -> list[dict]:
    return [button(yes, "affirm"), button(no, "deny")]


def period_button(period: dict) -> dict:
    """ "Jaar (tot 24 november 2027) € 312,00" → /inform{"period":"jaar"}."""
    label = period.get("label") or period.get("code", "")
    until = period.get("valid_until_display") or date_nl(period.get("valid_until"))
    price = period.get("price_display") or money(period.get("price"))
    title = f"{label} (tot {until}) {price}" if until else f"{label} {price}"
    return button(title, "inform", {"period": period.get("code")})


# Why a car that is not on the citizen's name is theirs to use (codes of the backend).
PLATE_REASONS: dict[str, str] = {
    "partner": "Auto van mijn partner",
    "lease": "Leaseauto of auto van de zaak",
    "garage": "Leenauto van de garage",
}


def plate_reason_buttons() -> list[dict]:
    return [button(title, "inform", {"plate_reason": code}) for code, title in PLATE_REASONS.items()]


def more_button(intent: str, next_offset: int) -> dict:
    """ "Meer tonen" of a paged list: the same intent, from `next_offset` on."""
    return button("Meer tonen", intent, {"list_offset": str(next_offset)})
