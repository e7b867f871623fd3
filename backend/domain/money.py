"""Money amounts in euros: Dutch display ("€ 1.234,50") and API strings ("1234.50").

Amounts are always Decimal (int is accepted as whole euros); floats are refused.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")


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
    value = _cents(amount)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.2f}"  # "1,234.50"
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {sign}{text}"
