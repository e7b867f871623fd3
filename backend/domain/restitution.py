"""Restitution when a citizen ends a permit early (Beëindigen).

Rule: the permit ends at the end of the termination day. The citizen gets back the paid
price for every whole day after that day up to and including the last paid day:
    price × unused days ÷ days in the paid period,
rounded down to the cent (never more than was paid). A period that has not started yet
is refunded in full; ending on the last day refunds nothing. Leap days count as days
(a year from 1 March 2027 has 366 days). Payment within 8 weeks.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal

PAYMENT_WEEKS = 8


def restitution(price: Decimal, valid_from: date, valid_until: date, end_date: date) -> Decimal:
    if isinstance(price, float):
        raise TypeError("money is Decimal, never float")
    if valid_until < valid_from:
        raise ValueError("period ends before it starts")
    if end_date < valid_from:                      # not started: everything back
        return price.quantize(Decimal("0.01"))
    total_days = (valid_until - valid_from).days + 1
    unused_days = max(0, (valid_until - end_date).days)
    amount = price * unused_days / total_days
    return min(price, amount).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
