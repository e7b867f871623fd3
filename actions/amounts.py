"""An amount in euros as the citizen types it ("25", "€ 25,50", "25 euro", "25,-",
"vijfentwintig euro", "twenty euros", "10 euro 50") → API money ("25.00"), or None. Pure; the backend
decides whether the amount is allowed."""

from __future__ import annotations

import re

# "€ 1.000,50", "25,50", "25.5", "25 euro", "25,-": digits with an optional decimal part.
_NUMBER = re.compile(r"(?<![\w.,-])(\d{1,3}(?:\.\d{3})+|\d+)(?:[.,](\d{1,2}|-{1,2}))?(?!\d|[.,]\d)")
# "10 euro 50", "€ 10 50 cent": euros and cents as two numbers.
_EUROS_CENTS = re.compile(r"(?<![\w.,-])(\d+)\s*(?:euro'?s?|eur)\s+(\d{2})(?:\s*(?:cent|ct))?(?![\w.,])")
_WORDS = {
    "vijf": 5, "tien": 10, "vijftien": 15, "twintig": 20, "vijfentwintig": 25, "dertig": 30, "veertig": 40,
    "vijftig": 50, "vijfenzeventig": 75, "honderd": 100, "five": 5, "ten": 10, "fifteen": 15, "twenty": 20,
    "twenty-five": 25, "thirty": 30, "forty": 40, "fifty": 50, "seventy-five": 75, "hundred": 100,
    "a hundred": 100, "one hundred": 100,
}
_WORD = re.compile(r"\b(" + "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True)) + r")\b")


def parse_amount(text: str | None) -> str | None:
    """The first amount in `text` as "25.00"; None when there is none."""
    text = (text or "").strip().lower()
    split = _EUROS_CENTS.search(text)
    if split:
        return f"{int(split.group(1))}.{split.group(2)}"
    match = _NUMBER.search(text)
    if match:
        whole, cents = match.group(1).replace(".", ""), match.group(2) or ""
        cents = "" if cents.startswith("-") else cents
        return f"{int(whole)}.{cents.ljust(2, '0')}"
    word = _WORD.search(text)
    return f"{_WORDS[word.group(1)]}.00" if word else None


def looks_like_amount(text: str | None) -> bool:
    return parse_amount(text) is not None
