"""Parkeertegoed: a bezoekersvergunning carries a balance that its holder tops up and that
visitors park on. The balance is the sum of the permit's ledger (services/ledger.py);
other products have none."""

from __future__ import annotations

PRODUCTS_WITH_BALANCE = frozenset({"bezoekersvergunning"})


def has_balance(product_code: str) -> bool:
    return product_code in PRODUCTS_WITH_BALANCE
