"""PSP=outage: a payment service provider that is down. Every call fails with PspError."""

from __future__ import annotations

from decimal import Decimal

from backend.adapters.payment.base import PspError, PspPayment


class OutagePsp:
    @staticmethod
    def _down() -> PspError:
        return PspError("PSP unavailable (PSP=outage)")

    async def create_payment(self, amount: Decimal, description: str, redirect_url: str,
                             webhook_url: str, metadata: dict) -> PspPayment:
        raise self._down()

    async def get_payment(self, psp_id: str) -> PspPayment:
        raise self._down()

    async def cancel_payment(self, psp_id: str) -> None:
        raise self._down()

    async def close(self) -> None:
        pass
