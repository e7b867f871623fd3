"""What the backend needs from a payment service provider (Mollie Payments API v2 shape)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from backend.adapters.errors import PartyUnavailable

FINAL_STATUSES = ("paid", "failed", "canceled", "expired")


class PspError(PartyUnavailable):
    """The PSP could not be reached or refused the request."""

    code = "psp_unavailable"


@dataclass
class PspPayment:
    id: str                 # tr_…
    status: str             # open | pending | authorized | paid | canceled | expired | failed
    amount: Decimal
    checkout_url: str | None
    metadata: dict


class PaymentProvider(Protocol):
    async def create_payment(self, amount: Decimal, description: str, redirect_url: str,
                             webhook_url: str, metadata: dict) -> PspPayment: ...

    async def get_payment(self, psp_id: str) -> PspPayment: ...

    async def cancel_payment(self, psp_id: str) -> None: ...
