"""The demo vehicle register: the `vehicle` table filled from seed data."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import async_sessionmaker

from backend.adapters.vehicles.base import VehicleRecord
from backend.db.models import Vehicle


class SeededVehicleRegister:
    def __init__(self, sessionmaker: async_sessionmaker) -> None:
        self._sessionmaker = sessionmaker

    async def lookup(self, plate: str) -> VehicleRecord | None:
        async with self._sessionmaker() as db:
            v = await db.get(Vehicle, plate)
        if v is None:
            return None
        return VehicleRecord(v.plate, v.holder_bsn, v.holder_name, v.make)
