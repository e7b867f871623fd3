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
    holder_kvk: str | None = None      # a company's vehicle

    def held_by(self, bsn: str | None, kvk: str | None) -> bool:
        """Whether the person (BSN) or company (KvK number) is the registered holder."""
        return bool((bsn and self.holder_bsn == bsn) or (kvk and self.holder_kvk == kvk))


class VehicleRegister(Protocol):
    async def lookup(self, plate: str) -> VehicleRecord | None: ...
