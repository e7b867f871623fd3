"""Hand-off to a person: store a ticket with the chat transcript, BSN and IBAN masked.

Works before login too; the ticket is then not linked to a citizen.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import HandoffTicket
from backend.domain.redaction import redact
from backend.services import sessions
from backend.services.errors import ApiError

MAX_LINES = 200
MAX_TEXT = 2000
SPEAKERS = ("user", "bot")


def clean_transcript(lines) -> list[dict]:
    """The last MAX_LINES lines as {"speaker", "text"}, each text redacted; 400 on bad input."""
    if not isinstance(lines, list):
        raise ApiError("bad_request", {"field": "transcript"}, 400)
    out = []
    for line in lines[-MAX_LINES:]:
        if not isinstance(line, dict) or line.get("speaker") not in SPEAKERS or not isinstance(line.get("text"), str):
            raise ApiError("bad_request", {"field": "transcript"}, 400)
        out.append({"speaker": line["speaker"], "text": redact(line["text"][:MAX_TEXT])})
    return out


def ticket_number(n: int, year: int) -> str:
    """ticket_number(12, 2026) → "T-2026-000012"."""
    return f"T-{year:04d}-{n:06d}"


async def create_ticket(db: AsyncSession, sid: str, channel: str, lines, idle_ttl: int) -> dict:
    transcript = clean_transcript(lines)
    citizen = await sessions.current_citizen(db, sid, idle_ttl)
    ticket = HandoffTicket(conversation_sid=sid, channel=channel, transcript=transcript,
                           citizen_id=citizen.id if citizen else None)
    db.add(ticket)
    await db.flush()
    ticket.number = ticket_number(ticket.id, ticket.created_at.year)
    return {"ticket": ticket.number, "citizen_linked": citizen is not None, "lines": len(transcript)}
