"""The chat page, the widget script and its configuration, as a browser gets them."""

import httpx
import pytest

from backend.pages.chat import WIDGET_JS


def test_widget_config_for_other_sites(backend):
    r = httpx.get(f"{backend.url}/chat/widget-config", headers={"Origin": "https://www.deventer.nl"})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.json()["municipality"] == "Deventer"
    assert r.json()["rasa_url"].startswith("http")


def test_chat_page_loads_the_widget_and_browsers_revalidate_it(backend):
    if not WIDGET_JS.exists():
        pytest.skip("widget not built (make widget)")
    page = httpx.get(f"{backend.url}/chat")
    assert page.status_code == 200 and 'src="/static/widget.js"' in page.text
    script = httpx.get(f"{backend.url}/static/widget.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.headers["cache-control"] == "no-cache"
    again = httpx.get(f"{backend.url}/static/widget.js",
                      headers={"If-Modified-Since": script.headers["last-modified"]})
    assert again.status_code == 304
