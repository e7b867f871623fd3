"""Browser tests: Debian's Chromium driven by Playwright against the real stack."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.processes import full_stack

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WIDGET_JS = ROOT / "backend" / "static" / "widget.js"
AXE_JS = ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts" / "widget"


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    for path, how in ((WIDGET_JS, "make widget"), (AXE_JS, "make widget")):
        if not path.exists():
            pytest.fail(f"{path.relative_to(ROOT)} is missing: run `{how}`")
    with full_stack(tmp_path_factory.mktemp("stack")) as config:
        yield config


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `apt-get install -y chromium` "
                    "(scripts/ensure-chromium.sh does it) or set CHROMIUM_PATH")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1000, "height": 900})
    context.set_default_timeout(45_000)
    yield context
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    return ARTIFACTS


@contextlib.contextmanager
def site_serving(html: str) -> Iterator[str]:
    """Another web site (another origin: localhost instead of 127.0.0.1) with one page."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}/parkeren"
    finally:
        server.shutdown()
        server.server_close()
