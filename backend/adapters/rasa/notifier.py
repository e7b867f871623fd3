"""Tell a conversation that something happened outside the chat (Rasa external events)."""

from __future__ import annotations

import httpx


class NotifyError(Exception):
    pass


class RasaNotifier:
    def __init__(self, rasa_url: str, token: str, timeout: float = 30) -> None:
        self.rasa_url = rasa_url.rstrip("/")
        self.token = token
        self._client = httpx.AsyncClient(timeout=timeout)

    async def trigger(self, sid: str, intent: str, entities: dict) -> None:
        """POST /conversations/{sid}/trigger_intent; output goes to the channel used last."""
        try:
            r = await self._client.post(
                f"{self.rasa_url}/conversations/{sid}/trigger_intent",
                params={"output_channel": "latest", "token": self.token},
                json={"name": intent, "entities": entities})
        except httpx.HTTPError as e:
            raise NotifyError(e.__class__.__name__) from e
        if r.status_code >= 400:
            raise NotifyError(f"Rasa answered {r.status_code}")

    async def close(self) -> None:
        await self._client.aclose()
