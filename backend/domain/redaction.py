"""Remove personal numbers from free text (hand-off transcripts): BSN and IBAN.

A BSN is any run of 9 digits (spaces, dots or dashes between them allowed) that passes the
11-test; an IBAN is two letters, two check digits and 11-30 letters/digits (spaces allowed)
that pass the mod-97 check (a Dutch one also with a wrong check). Both are replaced by a
fixed mask, so nothing of them is kept.
"""

from __future__ import annotations

import re

from backend.domain.identity import is_valid_bsn, normalize_iban

BSN_MASK = "[BSN verwijderd]"
IBAN_MASK = "[IBAN verwijderd]"

_IBAN_START = re.compile(r"\b[A-Za-z]{2}\d{2}")
_IBAN_PART = re.compile(r"[ ]?[A-Za-z0-9]")
# A Dutch account number with a typo is still someone's account: the shape is enough.
_DUTCH_IBAN_SHAPE = re.compile(r"\bNL ?\d{2} ?[A-Z]{4}(?: ?\d){10}\b", re.IGNORECASE)
_NINE_DIGITS = re.compile(r"(?<![\d])\d(?:[ .\-]?\d){8}(?![\d])")


def _mask_ibans(text: str) -> str:
    """Longest valid IBAN from every "two letters, two digits" start, masked."""
    out, pos = [], 0
    for start in _IBAN_START.finditer(text):
        if start.start() < pos:
            continue
        ends, end = [], start.end()
        while len(ends) < 30 and (part := _IBAN_PART.match(text, end)):
            end = part.end()
            ends.append(end)
        for end in reversed(ends[10:]):          # 11-30 characters after the check digits
            if (end == len(text) or not text[end].isalnum()) and normalize_iban(text[start.start():end].upper()):
                out += [text[pos:start.start()], IBAN_MASK]
                pos = end
                break
    return "".join(out) + text[pos:]


def _bsn(match: re.Match) -> str:
    return BSN_MASK if is_valid_bsn(match.group(0)) else match.group(0)


def redact(text: str) -> str:
    """`text` with every valid IBAN and BSN masked; other numbers stay as they are."""
    return _NINE_DIGITS.sub(_bsn, _DUTCH_IBAN_SHAPE.sub(IBAN_MASK, _mask_ibans(text)))
