from __future__ import annotations

from datetime import timedelta
from typing import Protocol


class Pause(Protocol):
    async def wait(self, delay: timedelta) -> None:
        """Return once ``delay`` has passed, other work going on meanwhile: awaited, the
        event loop's thread is not held."""
        ...
