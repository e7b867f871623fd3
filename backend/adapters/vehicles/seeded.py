"""The demo vehicle register: the `vehicle` table filled from seed data.

It stands for an outside party (RDW/BRP), so it has its own connections (no pool):
a lookup never waits for, or holds, a connection of the request that asks.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from backend.adapters.vehicles.base import VehicleRecord
from backend.db.models import Vehicle
from backend.db.session import make_sessionmaker


class SeededVehicleRegister:
    def __init__(self, database_url: str) -> None:
        self._engine = create_async_engine(database_url, poolclass=NullPool)
        self._sessionmaker = make_sessionmaker(self._engine)

    async def lookup(self, plate: str) -> VehicleRecord | None:
        async with self._sessionmaker() as db:
            v = await db.get(Vehicle, plate)
        if v is None:
            return None
        return VehicleRecord(v.plate, v.holder_bsn, v.holder_name, v.make, v.holder_kvk)

    async def close(self) -> None:
        await self._engine.dispose()
