"""The backend's one HTTP client for Rasa: tell a conversation that something happened
outside the chat (external events), and relay the chat page (REST channel, tracker).

One client for the process: a new httpx client per request costs a TLS context (about
20 ms of CPU), which profiling showed as a fifth of the backend's time under load."""

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

    async def bot_events(self, sid: str) -> list[dict]:
        """The bot events of a conversation's tracker (raises httpx.HTTPError)."""
        r = await self._client.get(f"{self.rasa_url}/conversations/{sid}/tracker", params={"token": self.token})
        r.raise_for_status()
        return [e for e in r.json().get("events", []) if e.get("event") == "bot"]

    async def say(self, sender: str, text: str) -> list[dict] | None:
        """A message over Rasa's REST channel; its answers, or None when Rasa did not answer."""
        try:
            r = await self._client.post(f"{self.rasa_url}/webhooks/rest/webhook",
                                        json={"sender": sender, "message": text}, timeout=60)
        except httpx.HTTPError:
            return None
        return r.json() if r.status_code == 200 else None
