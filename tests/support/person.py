"""A person with a browser without JavaScript: opens links, fills in forms."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._in_select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": (a.get("method") or "get").lower(),
                               "enctype": a.get("enctype", ""), "fields": {}, "names": []})
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            form = self.forms[-1]
            form["names"].append(a["name"])
            kind = (a.get("type") or "text").lower()
            if kind in ("hidden", "text", "email", "number") or (kind == "radio" and "checked" in a):
                form["fields"][a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._in_select = a["name"]
            self.forms[-1]["names"].append(a["name"])
        elif tag == "option" and self._in_select:
            fields = self.forms[-1]["fields"]
            if self._in_select not in fields or "selected" in a:
                fields[self._in_select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._in_select = None


@dataclass
class Page:
    url: str
    status: int
    text: str


class Person:
    def __init__(self) -> None:
        self.client = httpx.Client(follow_redirects=True, timeout=15)

    def open(self, url: str) -> Page:
        r = self.client.get(url)
        return Page(str(r.url), r.status_code, r.text)

    def submit_form(self, url: str, values: dict, files: dict | None = None, action: str | None = None) -> Page:
        """Open `url`, take its first form (or the first whose action contains `action`),
        fill in `values` and submit it."""
        page = self.open(url)
        parser = _FormParser()
        parser.feed(page.text)
        forms = [f for f in parser.forms if action is None or action in f["action"]]
        assert forms, f"no form{' for ' + action if action else ''} on {url}: {page.text[:300]}"
        form = forms[0]
        missing = set(values) - set(form["names"]) - set(files or {})
        assert not missing, f"form on {url} has no field(s) {missing}"
        data = {**form["fields"], **values}
        target = urljoin(page.url, form["action"] or page.url)
        if form["method"] == "post":
            r = self.client.post(target, data=data, files=files)
        else:
            r = self.client.get(target, params=data)
        return Page(str(r.url), r.status_code, r.text)
