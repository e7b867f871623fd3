"""A small threaded HTTP server on a free loopback port that records what it is sent;
the base of the fake Telegram and WhatsApp servers."""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


def parse_body(content_type: str, body: bytes) -> dict:
    """JSON, form-urlencoded or multipart (aiogram sends forms) as a dict of strings."""
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(body)
    if content_type.startswith("multipart/form-data"):
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        return {part.get_param("name", header="content-disposition"): part.get_content()
                for part in msg.iter_parts()}
    return dict(parse_qsl(body.decode(), keep_blank_values=True))


class FakeServer:
    """Subclasses implement `answer(method, path, headers, body_bytes) -> (status, dict)`."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                status, data = fake.answer(self.command, self.path, self.headers, raw)
                out = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            do_GET = do_POST = _serve

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def record(self, call: dict) -> None:
        with self._lock:
            self.calls.append(call)

    def answer(self, method: str, path: str, headers, raw: bytes) -> tuple[int, dict]:
        raise NotImplementedError

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def mark(self) -> int:
        """Where the calls recorded from now on start (for `wait_for` and `since`)."""
        with self._lock:
            return len(self.calls)

    def since(self, mark: int) -> list[dict]:
        with self._lock:
            return list(self.calls[mark:])

    def wait_for(self, match, after: int = 0, timeout: float = 30) -> list[dict]:
        """Wait until a recorded call after `after` satisfies `match(call)`; return all
        calls after `after` up to and including it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.since(after)
            for i, call in enumerate(calls):
                if match(call):
                    return calls[:i + 1]
            time.sleep(0.1)
        raise AssertionError(f"no matching call within {timeout}s; got {self.since(after)}")


def text_matches(pattern: str):
    regex = re.compile(pattern, re.I | re.S)
    return lambda text: bool(regex.search(text or ""))


def path_of(url: str) -> str:
    return urlsplit(url).path
