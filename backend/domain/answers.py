"""Reading yes/no answers in Dutch or English ("ja hoor", "klopt niet", "/deny")."""

from __future__ import annotations

import re

_STRONG_YES = frozenset(
    "ja jaa jaaa jazeker jawel jep jup yes yep yup yeah yea jes affirm ok oke oké okay okido".split()
)
_SOFT_YES = frozenset(
    "klopt correct juist goed prima precies zeker graag akkoord inderdaad sure true right".split()
)
_STRONG_NO = frozenset("nee neen nope no nah nay nein welnee neu deny false".split())
_NEGATORS = frozenset("niet not geen nooit never".split())
_UNCLEAR = frozenset("misschien weet twijfel maybe perhaps idk wellicht mogelijk".split())
_TOKEN = re.compile(r"[a-zà-ÿ]+")


def parse_yes_no(text: str) -> bool | None:
    """True for yes, False for no, None when the answer is unclear or mixed."""
    if not isinstance(text, str):
        return None
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return None
    words = set(tokens)
    if words & _UNCLEAR:
        return None
    strong_yes = bool(words & _STRONG_YES)
    strong_no = bool(words & _STRONG_NO)
    if strong_yes and strong_no:
        return None
    first = tokens[0]
    if first in _STRONG_YES:
        return True
    if first in _STRONG_NO:
        return False
    negated = bool(words & _NEGATORS)
    if strong_no:
        return False
    if words & _SOFT_YES or strong_yes:
        return not negated
    if negated:
        return False
    return None
