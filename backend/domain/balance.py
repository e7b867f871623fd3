"""Parkeertegoed: a bezoekersvergunning carries a balance that its holder tops up and that
visitors park on (the parking journeys build on it). Other products have none."""

from __future__ import annotations

from decimal import Decimal

PRODUCTS_WITH_BALANCE = frozenset({"bezoekersvergunning"})


def starting_balance(product_code: str) -> Decimal | None:
    """The balance of a newly granted product: € 0,00 for a visitor permit, else None."""
    return Decimal("0.00") if product_code in PRODUCTS_WITH_BALANCE else None
