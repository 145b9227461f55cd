"""The services whose keys Autopost checks and publishes nothing to, each under its own prefix:
Gemini, Huntflow (prod and sandbox), ClickUp and Notion. Each can be taken down (``Outages``)."""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount

from autopost.sandbox.clickup import clickup_routes, clickup_unavailable
from autopost.sandbox.demo_keys import HUNTFLOW_PROD_DEMO_KEY, HUNTFLOW_SANDBOX_DEMO_KEY
from autopost.sandbox.gemini import gemini_routes, gemini_unavailable
from autopost.sandbox.huntflow import huntflow_routes, huntflow_unavailable
from autopost.sandbox.notion import notion_routes, notion_unavailable
from autopost.sandbox.outage_routes import while_up
from autopost.sandbox.runtime import Sandbox


def key_service_mounts(sandbox: Sandbox) -> list[BaseRoute]:
    def huntflow(demo_key: str) -> list[BaseRoute]:
        routes = huntflow_routes(sandbox, demo_key)
        return while_up(sandbox, "huntflow", routes, huntflow_unavailable)

    return [
        Mount(
            "/gemini",
            routes=while_up(sandbox, "gemini", gemini_routes(sandbox), gemini_unavailable),
        ),
        Mount("/huntflow/prod", routes=huntflow(HUNTFLOW_PROD_DEMO_KEY)),
        Mount("/huntflow/sandbox", routes=huntflow(HUNTFLOW_SANDBOX_DEMO_KEY)),
        Mount(
            "/clickup",
            routes=while_up(sandbox, "clickup", clickup_routes(sandbox), clickup_unavailable),
        ),
        Mount(
            "/notion",
            routes=while_up(sandbox, "notion", notion_routes(sandbox), notion_unavailable),
        ),
    ]
