from __future__ import annotations

import asyncio
from datetime import timedelta


class AsyncioPause:
    async def wait(self, delay: timedelta) -> None:
        await asyncio.sleep(delay.total_seconds())
