"""Application statuses with their Dutch labels and to-do sentences, and reference numbers."""

from __future__ import annotations

STATUS_LABELS: dict[str, str] = {
    "awaiting_evidence": "Wacht op bewijsstuk",
    "in_review": "In behandeling bij de gemeente",
    "awaiting_payment": "Wacht op betaling",
    "granted": "Verleend",
    "rejected": "Afgewezen",
    "cancelled": "Geannuleerd",
}

STATUS_TODOS: dict[str, str] = {
    "awaiting_evidence": "Stuur een bewijsstuk dat u de gebruiker van het voertuig bent.",
    "in_review": "De gemeente beoordeelt uw bewijsstuk. U hoeft nu niets te doen.",
    "awaiting_payment": "Betaal de aanvraag in de winkelwagen.",
    "granted": "",
    "rejected": "",
    "cancelled": "",
}

OPEN_STATUSES: tuple[str, ...] = ("awaiting_evidence", "in_review", "awaiting_payment")

EVIDENCE_REASONS: dict[str, str] = {
    "partner": "Auto van mijn partner",
    "lease": "Leaseauto of auto van de zaak",
    "garage": "Leenauto van de garage",
}


def status_label(code: str) -> str:
    """Dutch label of a status code; ValueError for an unknown code."""
    try:
        return STATUS_LABELS[code]
    except KeyError:
        raise ValueError(f"unknown application status: {code!r}") from None


def todo(code: str) -> str:
    """What must still happen, in Dutch ("" when nothing); ValueError for an unknown code."""
    try:
        return STATUS_TODOS[code]
    except KeyError:
        raise ValueError(f"unknown application status: {code!r}") from None


def make_reference(n: int, year: int) -> str:
    """Application reference: make_reference(123, 2026) → "A-2026-000123"."""
    if n < 1 or n > 999_999:
        raise ValueError(f"reference number out of range: {n}")
    return f"A-{year:04d}-{n:06d}"
