"""Letters as product documents: the letter head of a citizen, and rendering a letter
(off the event loop) into a stored PDF Document, inside the caller's transaction."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Citizen, Document
from backend.documents.letter import LetterHead


def letter_head(app, citizen: Citizen, issued_on: date) -> dict:
    """The LetterHead fields for a letter to `citizen` (keyword arguments of any letter)."""
    address = citizen.address
    return {"municipality": app.ctx.settings.municipality, "citizen_name": citizen.name,
            "street_address": address.line, "postcode_city": address.postcode_city,
            "issued_on": issued_on}


async def store_letter(db: AsyncSession, render: Callable[[LetterHead], bytes], data: LetterHead, *,
                       citizen: Citizen, kind: str, title: str, filename: str,
                       **about: int | None) -> Document:
    """`about`: what the letter belongs to (permit_id, application_id, renewal_id)."""
    pdf = await asyncio.to_thread(render, data)      # fpdf2 is CPU work: keep the event loop free
    doc = Document(citizen_id=citizen.id, kind=kind, title=title, filename=filename,
                   mime="application/pdf", size=len(pdf), content=pdf, **about)
    db.add(doc)
    await db.flush()
    return doc
