"""Kentekenswitch: which plate of a product may park now, and the switch to another one.

Exactly one plate of a product with two plates is active. A switch runs in one transaction:
first `permits.lock_permit` (only while it is active; a row lock on PostgreSQL, the write
lock on SQLite), so two switches, or a switch and a plate change (services/change_plate.py
takes the same lock), run one after the other; then one UPDATE sets `active` on every plate
of the product at once (true for the chosen plate row only) and a `PlateSwitch` logs when
and from which channel.
A product that needs a mijn.2park link must be linked first (DigiD conversations are linked
by themselves, services/mijn2park.link_by_login).
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.account_models import PlateSwitch
from backend.db.models import Permit, PermitPlate
from backend.domain.dates import as_utc
from backend.domain.plates import display, normalize
from backend.domain.statuses import PermitStatus
from backend.services import mijn2park
from backend.services.errors import ApiError
from backend.services.permits import lock_permit, own_permit
from backend.services.sessions import Binding


async def _plates(db: AsyncSession, permit_id: int) -> list[PermitPlate]:
    return list(await db.scalars(select(PermitPlate).where(PermitPlate.permit_id == permit_id)
                                 .order_by(PermitPlate.position).execution_options(populate_existing=True)))


async def _view(db: AsyncSession, permit: Permit) -> dict:
    plates = await _plates(db, permit.id)
    last = await db.scalar(select(PlateSwitch).where(PlateSwitch.permit_id == permit.id)
                           .order_by(PlateSwitch.id.desc()).limit(1))
    linked = await mijn2park.methods(db, [permit.id])
    return {"id": permit.id, "number": permit.number, "product_code": permit.product_code,
            "plates": [{"plate": display(p.plate), "active": p.active} for p in plates],
            "linked": mijn2park.status(permit, linked) or {"needed": False, "linked": False, "method": None},
            "last_switch": {"plate": display(last.plate), "channel": last.channel,
                            "switched_at": as_utc(last.switched_at).isoformat()} if last else None}


async def _usable(db: AsyncSession, binding: Binding, permit_id: int) -> Permit:
    """The citizen's current product with two plates, linked when it must be."""
    permit = await own_permit(db, binding.citizen, permit_id)
    if len(permit.plates) < 2:
        raise ApiError("single_plate", {"number": permit.number}, 409)
    if await mijn2park.link_by_login(db, binding.citizen, binding.method):
        await db.flush()
    return permit


async def plates(app, binding: Binding, permit_id: int) -> dict:
    """GET .../plates: the plates with the active one, and the link status."""
    async with app.ctx.sessionmaker.begin() as db:
        permit = await own_permit(db, binding.citizen, permit_id, active=False)
        if permit.status == PermitStatus.ACTIVE:
            await mijn2park.link_by_login(db, binding.citizen, binding.method)
        return await _view(db, permit)


async def switch(app, binding: Binding, permit_id: int, plate_text: str, channel: str) -> dict:
    """POST .../active-plate: make `plate_text` the product's active plate. `changed` is
    False when it was active already (nothing logged)."""
    async with app.ctx.sessionmaker.begin() as db:
        permit = await _usable(db, binding, permit_id)
        if mijn2park.needs_link(permit) and not await mijn2park.methods(db, [permit.id]):
            raise ApiError("not_linked", {"number": permit.number}, 409)
        wanted = normalize(plate_text or "")
        if wanted is None:
            raise ApiError("plate_invalid", {"plate": plate_text})
        if not await lock_permit(db, permit.id, active=True):
            raise ApiError("already_ended", {"number": permit.number}, 409)
        current = await _plates(db, permit.id)          # read after the lock: what the last change left
        chosen = next((p for p in current if p.plate == wanted), None)
        if chosen is None:
            raise ApiError("plate_not_on_permit", {"plate": display(wanted),
                                                   "plates": [display(p.plate) for p in current]})
        changed = not chosen.active
        if changed:
            await db.execute(update(PermitPlate).where(PermitPlate.permit_id == permit.id)
                             .values(active=PermitPlate.id == chosen.id)
                             .execution_options(synchronize_session=False))
            db.add(PlateSwitch(permit_id=permit.id, plate=wanted, channel=(channel or "rest")[:40]))
            await db.flush()
        return {**await _view(db, permit), "active_plate": display(wanted), "changed": changed}
