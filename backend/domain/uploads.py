"""Which uploaded files we accept as evidence: PDF, JPG or PNG, judged by content."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def sniff(data: bytes) -> str | None:
    """The real type of `data` (never the name or the browser's claim), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 33:
        return "image/png"
    if data.startswith(b"\xff\xd8\xff") and len(data) > 100:
        return "image/jpeg"
    if data.lstrip()[:5] == b"%PDF-":
        try:
            reader = PdfReader(io.BytesIO(data))
            if len(reader.pages) >= 1:
                return "application/pdf"
        except (PyPdfError, ValueError, KeyError, TypeError, OSError):
            return None
    return None


def check_upload(data: bytes, max_bytes: int = MAX_BYTES) -> tuple[str | None, str | None]:
    """(mime, None) when acceptable, else (None, error code)."""
    if not data:
        return None, "file_empty"
    if len(data) > max_bytes:
        return None, "file_too_large"
    mime = sniff(data)
    if mime is None:
        return None, "file_type"
    return mime, None
