"""Plain server-rendered pages (no JavaScript needed), in the municipality's style."""

from __future__ import annotations

from html import escape

from sanic import response

CSS = """
body{font-family:system-ui,Arial,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;
color:#1a1a1a;line-height:1.5}
header{border-bottom:4px solid #b30000;margin-bottom:1.5rem}
header p{margin:.2rem 0 .6rem;font-weight:bold;color:#b30000}
label{display:block;margin:.8rem 0 .2rem;font-weight:600}
input,select,button{font-size:1rem;padding:.5rem}
button{background:#b30000;color:#fff;border:0;border-radius:4px;margin-top:1rem;cursor:pointer}
button:focus,input:focus,select:focus{outline:3px solid #ffbf47}
.error{background:#fde8e8;border-left:4px solid #b30000;padding:.6rem}
.ok{background:#e8f5e9;border-left:4px solid #2e7d32;padding:.6rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}
small{color:#555}
"""


def html_page(title: str, body: str, status: int = 200, headline: str = "Gemeente Deventer") -> response.HTTPResponse:
    """`body` is trusted HTML built with `esc()` for every value that came from outside."""
    doc = (f"<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
           f"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
           f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
           f"<header><p>{escape(headline)}</p></header><main><h1>{escape(title)}</h1>{body}</main>"
           f"</body></html>")
    return response.html(doc, status=status, headers={
        "Cache-Control": "no-store", "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer"})


def esc(value: object) -> str:
    return escape(str(value))


def message(title: str, text: str, status: int = 200, kind: str = "ok") -> response.HTTPResponse:
    return html_page(title, f"<p class=\"{kind}\" role=\"status\">{esc(text)}</p>", status)
