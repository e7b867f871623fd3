"""Citizen service numbers (BSN): validation with the 11-test and masking for display;
KvK numbers of companies (eHerkenning).

Never log or show a full BSN; use `mask_bsn`.
"""

from __future__ import annotations

import re

from stdnum.nl import bsn as _bsn

_SEPARATORS = re.compile(r"[\s.\-]")


def is_valid_bsn(text: str) -> bool:
    """True for exactly 9 digits (spaces/dots/dashes allowed) that pass the 11-test."""
    if not isinstance(text, str):
        return False
    digits = _SEPARATORS.sub("", text)
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit() or digits == "000000000":
        return False
    return bool(_bsn.is_valid(digits))


def normalize_kvk(text: str) -> str | None:
    """The 8-digit KvK number (spaces/dots/dashes allowed) when it passes the check, else None."""
    if not isinstance(text, str):
        return None
    digits = _SEPARATORS.sub("", text)
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit() or digits == "00000000":
        return None
    # The KvK check digit: 8·d1 + 7·d2 + … + 1·d8 divisible by 11. (python-stdnum 2.2, the
    # newest release, has no stdnum.nl.kvk module, so the check is written out here.)
    if sum(int(d) * w for d, w in zip(digits, range(8, 0, -1), strict=True)) % 11:
        return None
    return digits


def mask_bsn(bsn: str) -> str:
    """Only the last four digits visible: "999990019" → "*****0019"."""
    digits = _SEPARATORS.sub("", str(bsn))
    return "*" * max(len(digits) - 4, 0) + digits[-4:]


def account_label(bsn: str | None, kvk: str | None) -> str:
    """How operators see who applied: "BSN *****0019" for a person, "KvK 69599084" for a company."""
    return f"KvK {kvk}" if kvk else f"BSN {mask_bsn(bsn or '')}"


def normalize_iban(text: str) -> str | None:
    """The IBAN without spaces in upper case when its check digits are right, else None."""
    from stdnum import iban
    from stdnum.exceptions import ValidationError

    try:
        return iban.validate(text or "")
    except ValidationError:
        return None


def mask_iban(value: str) -> str:
    """Only the country and the last 4 characters are shown: "NL** **** **** **12 34"."""
    return f"{value[:2]}** **** **** **{value[-4:-2]} {value[-2:]}"
