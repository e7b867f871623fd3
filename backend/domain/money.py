"""Money amounts in euros: Dutch display from Babel ("€ 1.234,50") and API strings ("1234.50").

Amounts are always Decimal (int is accepted as whole euros); floats are refused.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency

_CENT = Decimal("0.01")
# The sign after the euro sign, as the Parkeerloket writes it: "€ -12,50".
_PATTERN = "¤ #,##0.00;¤ -#,##0.00"


def _cents(amount: Decimal) -> Decimal:
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise TypeError(f"amount must be Decimal, not {type(amount).__name__}")
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"amount must be finite: {amount!r}")
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def to_api(amount: Decimal) -> str:
    """Amount as the API string with two decimals: Decimal("312") → "312.00"."""
    value = _cents(amount)
    return f"{value:.2f}" if value else "0.00"


def format_eur(amount: Decimal) -> str:
    """Amount for citizens: "€ 312,00", "€ 1.234,50", "€ -12,50"."""
    text = format_currency(_cents(amount), "EUR", format=_PATTERN, locale="nl_NL", currency_digits=False)
    return text.replace("\xa0", " ")
