"""What happens to every platform call before and after the platform itself answers it:
it is logged (without its token), it takes the platform's latency and any armed fault is
applied."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from starlette.responses import Response

from autopost.sandbox.faults import Fault, FaultAction
from autopost.sandbox.runtime import Sandbox


async def answer_platform_call(
    sandbox: Sandbox,
    method: str,
    path: str,
    params: dict[str, str],
    handle: Callable[[], Response],
    refuse: Callable[[Fault], Response],
) -> Response:
    """``handle`` does the work; ``refuse`` turns an ``error`` fault into the platform's error."""
    entry = sandbox.requests.record(method, path, params)
    fault = sandbox.faults.take(method, path)
    # The work is done at the end of the wait, as a slow platform acts when it gets to the call.
    await sandbox.latency.wait(path)
    if fault is not None and fault.action == FaultAction.ERROR:
        response = refuse(fault)
    else:
        if fault is not None and fault.action == FaultAction.DELAY_BEFORE:
            await asyncio.sleep(fault.seconds)
        response = handle()
        if fault is not None and fault.action == FaultAction.DELAY_AFTER:
            await asyncio.sleep(fault.seconds)
    entry.status = response.status_code
    return response
