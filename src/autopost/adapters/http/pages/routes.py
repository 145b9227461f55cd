"""Every web page's route."""

from __future__ import annotations

from autopost.adapters.http.pages import (
    admin_pages,
    compose_pages,
    profile_pages,
    sign_in_pages,
    tool_pages,
)

routes = [
    *sign_in_pages.routes,
    *profile_pages.routes,
    *tool_pages.routes,
    *admin_pages.routes,
    *compose_pages.routes,
]
