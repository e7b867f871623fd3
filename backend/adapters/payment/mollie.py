"""Client for the Mollie Payments API v2. The built-in simulator speaks the same API."""

from __future__ import annotations

from decimal import Decimal

import httpx

from backend.adapters.payment.base import PspError, PspPayment


class MollieClient:
    def __init__(self, base_url: str, api_key: str, timeout: float = 10) -> None:
        self.base_url = base_url.rstrip("/")
        self._client = httpx.AsyncClient(
            timeout=timeout, headers={"Authorization": f"Bearer {api_key}"})

    @staticmethod
    def _parse(body: dict) -> PspPayment:
        return PspPayment(
            id=body["id"], status=body["status"], amount=Decimal(body["amount"]["value"]),
            checkout_url=(body.get("_links", {}).get("checkout") or {}).get("href"),
            metadata=body.get("metadata") or {})

    async def _request(self, method: str, path: str, **kw) -> dict:
        try:
            r = await self._client.request(method, f"{self.base_url}{path}", **kw)
        except httpx.HTTPError as e:
            raise PspError(f"PSP unreachable: {e.__class__.__name__}") from e
        if r.status_code >= 400:
            raise PspError(f"PSP answered {r.status_code}")
        return r.json() if r.content else {}

    async def create_payment(self, amount: Decimal, description: str, redirect_url: str,
                             webhook_url: str, metadata: dict) -> PspPayment:
        body = await self._request("POST", "/v2/payments", json={
            "amount": {"currency": "EUR", "value": f"{amount:.2f}"},
            "description": description, "redirectUrl": redirect_url,
            "webhookUrl": webhook_url, "method": "ideal", "metadata": metadata})
        return self._parse(body)

    async def get_payment(self, psp_id: str) -> PspPayment:
        return self._parse(await self._request("GET", f"/v2/payments/{psp_id}"))

    async def cancel_payment(self, psp_id: str) -> None:
        await self._request("DELETE", f"/v2/payments/{psp_id}")

    async def close(self) -> None:
        await self._client.aclose()
