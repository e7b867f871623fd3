"""Dutch licence plates: recognise the 14 sidecodes, normalise and display them.

A plate is stored normalised (upper case, no dashes/spaces/dots: "51PXPN") and shown
with the dashes of its sidecode ("51-PX-PN"). The sidecode follows from the pattern of
letters (X) and digits (9) alone, because the 14 patterns are all different.
"""

from __future__ import annotations

import re

# sidecode -> group pattern ("X" letter, "9" digit), as published by the RDW.
SIDECODES: dict[int, str] = {
    1: "XX-99-99",
    2: "99-99-XX",
    3: "99-XX-99",
    4: "XX-99-XX",
    5: "XX-XX-99",
    6: "99-XX-XX",
    7: "99-XXX-9",
    8: "9-XXX-99",
    9: "XX-999-X",
    10: "X-999-XX",
    11: "XXX-99-X",
    12: "X-99-XXX",
    13: "9-XX-999",
    14: "999-XX-9",
}

_CLASS_TO_SIDECODE: dict[str, int] = {p.replace("-", ""): code for code, p in SIDECODES.items()}
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u2212]+")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_JOINER = re.compile(r"^[ \t.\-\u2010-\u2015\u2212]+$")

# Short words that often stand right before or after a plate in a sentence
# ("het is 51 px pn"); a window made of such a word is only used as a last resort.
_STOPWORDS = frozenset(
    "is en de het een ik u je op in te nu al er of om ja nee mijn dat die zo na bij van met voor aan "
    "uit tot was heb ben wel dit ook dus maar the my it an on to and or no yes ok oke".split()
)


def _char_class(text: str) -> str:
    return "".join("9" if c.isdigit() else "X" for c in text)


def _fits(compact: str) -> int | None:
    if len(compact) != 6 or not compact.isascii() or not compact.isalnum():
        return None
    return _CLASS_TO_SIDECODE.get(_char_class(compact))


def normalize(text: str) -> str | None:
    """Return the plate without separators in upper case, or None when it fits no sidecode.

    Dashes in the wrong place are tolerated ("51-PXP-N" → "51PXPN"): people mistype them.
    """
    if not isinstance(text, str):
        return None
    compact = _SEPARATORS.sub("", text.strip()).upper()
    return compact if _fits(compact) else None


def normalize_any(text: str) -> str | None:
    """A Dutch or foreign plate without separators in upper case: a Dutch one as `normalize`,
    any other 1–8 ASCII letters and digits as they are ("d-ab 123" → "DAB123"); None for
    empty text or junk (enforcement checks foreign cars too)."""
    if not isinstance(text, str):
        return None
    compact = _SEPARATORS.sub("", text.strip()).upper()
    return compact if 1 <= len(compact) <= 8 and compact.isascii() and compact.isalnum() else None


def display_any(normalized: str) -> str:
    """A Dutch plate with its dashes, a foreign one as it is."""
    return display(normalized) if _fits(normalized) else normalized


def sidecode(normalized: str) -> int | None:
    """Sidecode (1–14) of a normalised plate, or None."""
    return _fits(normalized.upper()) if isinstance(normalized, str) else None


def display(normalized: str) -> str:
    """Plate with the dashes of its sidecode: "51PXPN" → "51-PX-PN".

    Raises ValueError when the text is no valid plate.
    """
    plate = normalize(normalized)
    if plate is None:
        raise ValueError(f"not a Dutch licence plate: {normalized!r}")
    pattern = SIDECODES[_CLASS_TO_SIDECODE[_char_class(plate)]]
    parts, pos = [], 0
    for group in pattern.split("-"):
        parts.append(plate[pos : pos + len(group)])
        pos += len(group)
    return "-".join(parts)


def _groups_match(lengths: list[int], code: int) -> bool:
    return lengths == [len(g) for g in SIDECODES[code].split("-")]


def find_plate(text: str) -> str | None:
    """Find a plate inside a sentence and return it normalised ("het is 12-abc-3" → "12ABC3").

    Candidates are one token of six characters or up to three adjacent tokens joined by
    spaces, dashes or dots. Preferred are candidates without a common short word, then
    those whose grouping matches the sidecode; among equals the first one wins.
    """
    if not isinstance(text, str):
        return None
    tokens = list(_TOKEN.finditer(text))
    candidates: list[tuple[int, int, int, str]] = []
    for i in range(len(tokens)):
        for j in range(i, min(i + 3, len(tokens))):
            if j > i and not _JOINER.match(text[tokens[j - 1].end() : tokens[j].start()]):
                break
            words = [t.group() for t in tokens[i : j + 1]]
            compact = "".join(words).upper()
            if len(compact) > 6:
                break
            code = _fits(compact)
            if code is None:
                continue
            has_stopword = len(words) > 1 and any(w.lower() in _STOPWORDS for w in words)
            grouped = len(words) == 1 or _groups_match([len(w) for w in words], code)
            candidates.append((int(has_stopword), int(not grouped), i, compact))
    if not candidates:
        return None
    return min(candidates)[3]
