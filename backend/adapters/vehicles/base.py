"""Vehicle register (RDW/BRP in real life): who is the holder of a plate?"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from backend.adapters.errors import PartyUnavailable


@dataclass
class VehicleRecord:
    plate: str
    holder_bsn: str | None
    holder_name: str
    make: str
    holder_kvk: str | None = None      # a company's vehicle

    def held_by(self, bsn: str | None, kvk: str | None) -> bool:
        """Whether the person (BSN) or company (KvK number) is the registered holder."""
        return bool((bsn and self.holder_bsn == bsn) or (kvk and self.holder_kvk == kvk))


class VehicleRegisterError(PartyUnavailable):
    """The register could not be reached: no answer about the plate either way."""

    code = "vehicle_register_unavailable"


class VehicleRegister(Protocol):
    async def lookup(self, plate: str) -> VehicleRecord | None: ...
