"""A citizen chatting over Rasa's REST channel, seeing proactive messages too.

REST answers arrive in the HTTP response; messages the assistant sends on its own
(after a login or a payment, through external events) are only visible in the
tracker, so `wait_for` reads it the way the chat page does.
"""

from __future__ import annotations

import re
import time
import uuid

import httpx

URL_RE = re.compile(r"https?://[^\s)\"'<>]+")


class Chat:
    def __init__(self, rasa_url: str | list[str], rasa_token: str, sender: str | None = None,
                 client: httpx.Client | None = None, exact: bool = True, poll: float = 0.2,
                 page_url: str | None = None) -> None:
        """`exact=False` (benchmark) counts the answered messages instead of reading the
        tracker after every message, as a real chat client would not read it either."""
        self.exact = exact
        self.poll = poll
        # With `page_url` (the backend), proactive messages are read the way the chat page
        # reads them (/chat/updates), instead of from Rasa's tracker.
        self.page_url = page_url
        self.delivered = -1
        # Several URLs (several Rasa processes with shared stores): take turns, like a
        # round-robin load balancer would.
        self.rasa_urls = [rasa_url] if isinstance(rasa_url, str) else list(rasa_url)
        self._turn = 0
        self.token = rasa_token
        self.sender = sender or f"test-{uuid.uuid4().hex[:12]}"
        self.client = client or httpx.Client(timeout=30)
        self.seen_bot_events = 0
        self.last: list[dict] = []
        self.latencies: list[float] = []   # seconds per REST message (benchmark)

    def say(self, text: str) -> list[dict]:
        start = time.perf_counter()
        r = self.client.post(f"{self._next_url()}/webhooks/rest/webhook",
                             json={"sender": self.sender, "message": text})
        self.latencies.append(time.perf_counter() - start)
        r.raise_for_status()
        self.last = r.json()
        if self.exact:
            self._bot_events()  # everything up to now has been seen
        else:
            self.seen_bot_events += len(self.last)
        return self.last

    def _next_url(self) -> str:
        self._turn += 1
        return self.rasa_urls[self._turn % len(self.rasa_urls)]

    def click(self, title_part: str) -> list[dict]:
        """Press the button whose title contains `title_part` (case-insensitive)."""
        for message in reversed(self.last):
            for button in message.get("buttons") or []:
                if title_part.lower() in button["title"].lower():
                    return self.say(button["payload"])
        raise AssertionError(f"no button {title_part!r} in {self.texts()}")

    def texts(self, messages: list[dict] | None = None) -> str:
        return "\n".join(m.get("text", "") for m in (self.last if messages is None else messages))

    def links(self, messages: list[dict] | None = None) -> list[str]:
        return URL_RE.findall(self.texts(messages))

    def _bot_events(self) -> list[dict]:
        if self.page_url:
            r = self.client.get(f"{self.page_url}/chat/updates", params={
                "sender": self.sender, "after": self.seen_bot_events, "delivered": self.delivered})
            r.raise_for_status()
            data = r.json()
            self.delivered, self.seen_bot_events = data["delivered"], data["seen"]
            return [{"text": m.get("text"), "data": {"buttons": m.get("buttons")}} for m in data["messages"]]
        r = self.client.get(f"{self._next_url()}/conversations/{self.sender}/tracker",
                            params={"token": self.token})
        r.raise_for_status()
        bots = [e for e in r.json()["events"] if e["event"] == "bot"]
        new = bots[self.seen_bot_events:]
        self.seen_bot_events = len(bots)
        return new

    def wait_for(self, pattern: str, timeout: float = 20) -> list[dict]:
        """Wait for proactive bot messages until one matches `pattern` (regex);
        returns them as REST-like messages (text, buttons) and makes them `last`."""
        got: list[dict] = []
        deadline = time.monotonic() + timeout
        delay = self.poll
        while time.monotonic() < deadline:
            for e in self._bot_events():
                data = e.get("data") or {}
                got.append({"text": e.get("text") or "", "buttons": data.get("buttons"),
                            "custom": data.get("custom")})
            if re.search(pattern, self.texts(got), re.I | re.S):
                self.last = got
                return got
            time.sleep(delay)
            if not self.exact:   # a polling client backs off, up to once a second
                delay = min(1.0, delay * 1.5)
        raise AssertionError(f"no bot message matching {pattern!r} within {timeout}s; got: {self.texts(got)!r}")
