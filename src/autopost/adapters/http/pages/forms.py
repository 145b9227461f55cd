"""Reading a posted form, and sending a signed-out visitor to sign in."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from autopost.adapters.http.pages.rendering import render, signed_in, to_login
from autopost.domain.errors import PermissionDenied

Page = Callable[[Request], Awaitable[Response]]


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def signed_in_only(page: Page) -> Page:
    """A page for a signed-in user; anyone else is sent to the sign-in page first. A role
    that may not see it gets a page that says so (403)."""

    async def guarded(request: Request) -> Response:
        if signed_in(request) is None:
            return to_login(request)
        try:
            return await page(request)
        except PermissionDenied:
            return render(request, "forbidden.html", 403)

    guarded.__name__ = page.__name__
    guarded.__doc__ = page.__doc__
    return guarded


def local_path(candidate: str, fallback: str = "/accounts/") -> str:
    """Where to go after signing in: only a path on this site (never ``//elsewhere``)."""
    if candidate.startswith("/") and not candidate.startswith("//") and "\\" not in candidate:
        return candidate
    return fallback
