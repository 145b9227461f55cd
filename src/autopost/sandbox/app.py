"""``autopost sandbox``: local emulators of the platforms Autopost publishes to.

Platform routes are a catch-all under ``/``, so the control API (``/_sandbox``) and any other
platform's mount must come before them.
"""

from __future__ import annotations

import uvicorn
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount

from autopost.sandbox.clock import Clock, SystemClock
from autopost.sandbox.control import control_routes
from autopost.sandbox.instagram import graph_routes
from autopost.sandbox.instagram_control import instagram_control_routes
from autopost.sandbox.runtime import Sandbox
from autopost.sandbox.settings import (
    DEMO_ACCESS_TOKEN,
    DEMO_IG_USER_ID,
    DEMO_USERNAME,
    SandboxSettings,
)


def create_app(settings: SandboxSettings | None = None, *, clock: Clock | None = None) -> Starlette:
    sandbox = Sandbox(settings or SandboxSettings(), clock or SystemClock())
    routes: list[BaseRoute] = [
        Mount("/_sandbox/instagram", routes=instagram_control_routes(sandbox)),
        Mount("/_sandbox", routes=control_routes(sandbox)),
        *graph_routes(sandbox),
    ]
    app = Starlette(routes=routes)
    app.state.sandbox = sandbox
    return app


def run(host: str = "127.0.0.1", port: int = 8900, settings: SandboxSettings | None = None) -> None:
    base = f"http://{host}:{port}"
    print(f"Autopost sandbox on {base}")
    print(f"  Instagram Graph API: {base}/v24.0  (AUTOPOST_INSTAGRAM_GRAPH_URL)")
    print(f"  demo account: ig_user_id {DEMO_IG_USER_ID}, username {DEMO_USERNAME}")
    print(f"  demo access token: {DEMO_ACCESS_TOKEN}")
    print(f"  control API: {base}/_sandbox/", flush=True)
    # No access log: Graph clients may put access_token in the query string.
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False)
