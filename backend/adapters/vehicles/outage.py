"""VEHICLE_REGISTER=outage: a vehicle register that is down. Every lookup fails."""

from __future__ import annotations

from backend.adapters.vehicles.base import VehicleRecord, VehicleRegisterError


class OutageVehicleRegister:
    async def lookup(self, plate: str) -> VehicleRecord | None:
        raise VehicleRegisterError("vehicle register unavailable (VEHICLE_REGISTER=outage)")

    async def close(self) -> None:
        pass
