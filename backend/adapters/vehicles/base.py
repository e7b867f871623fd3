"""Vehicle register (RDW/BRP in real life): who is the holder of a plate?"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass
class VehicleRecord:
    plate: str
    holder_bsn: str | None
    holder_name: str
    make: str


class VehicleRegister(Protocol):
    async def lookup(self, plate: str) -> VehicleRecord | None: ...
