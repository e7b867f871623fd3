"""Finding a citizen's own permit: every journey on an existing product starts here."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Citizen, Permit
from backend.domain.statuses import PermitStatus
from backend.services.errors import ApiError


async def own_permit(db: AsyncSession, citizen: Citizen, permit_id: int, active: bool = True) -> Permit:
    """The permit when it is this citizen's (404 otherwise, whoever's it is) and, with
    `active`, still running (409 already_ended)."""
    permit = await db.get(Permit, permit_id)
    if permit is None or permit.citizen_id != citizen.id:
        raise ApiError("unknown_product", status=404)
    if active and permit.status != PermitStatus.ACTIVE:
        raise ApiError("already_ended", {"number": permit.number}, 409)
    return permit
