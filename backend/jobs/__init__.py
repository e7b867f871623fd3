"""Background jobs: each is a plain round function (also a CLI or API entry point) that
`every` runs on a timer inside the backend."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def every(seconds: Callable[[], float], job: Callable[[], Awaitable[object]], name: str) -> None:
    """Run `job` every `seconds()` seconds until cancelled; a failing round never stops the timer."""
    while True:
        await asyncio.sleep(seconds())
        try:
            await job()
        except Exception:
            log.exception("%s round failed", name)
