"""Application statuses with their Dutch labels and to-do sentences, and reference numbers."""

from __future__ import annotations

from backend.domain.statuses import OPEN_APPLICATION_STATUSES

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

OPEN_STATUSES: tuple[str, ...] = OPEN_APPLICATION_STATUSES

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


_REASON_WORDS = {
    "partner": ("partner", "vriend", "vriendin", "man", "vrouw", "echtgeno", "wife", "husband"),
    "lease": ("lease", "zaak", "werkgever", "bedrijf", "company", "baas", "werk"),
    "garage": ("garage", "leenauto", "vervangend", "reparatie", "loan"),
}


def parse_evidence_reason(text: str) -> str | None:
    """Why a car not on the applicant's name is theirs to use: partner, lease or garage."""
    t = (text or "").lower()
    for code in EVIDENCE_REASONS:
        if t.strip() == code:
            return code
    hits = [code for code, words in _REASON_WORDS.items() if any(w in t for w in words)]
    return hits[0] if len(hits) == 1 else None
