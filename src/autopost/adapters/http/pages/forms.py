"""Reading a posted form, and sending a signed-out visitor to sign in."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from autopost.adapters.http.pages.rendering import render, signed_in, to_login, words_of
from autopost.adapters.http.schemas import LARGEST_INTEGER
from autopost.adapters.http.storable_text import text_errors
from autopost.domain.errors import NotFound, PermissionDenied, ValidationFailed

Page = Callable[[Request], Awaitable[Response]]


class UnstorableForm(ValidationFailed):
    """A form field holds text that cannot be stored (see ``storable_text``)."""


async def read_form(request: Request) -> FormData:
    """The posted form; ``UnstorableForm`` when a field holds a NUL character, which no
    PostgreSQL text column keeps (a form cannot carry a lone surrogate: Starlette decodes it
    with replacement)."""
    form = await request.form()
    unstorable = text_errors(dict(form.items()))
    if unstorable:
        raise UnstorableForm(unstorable)
    return form


def unstorable_page(request: Request, refused: UnstorableForm) -> Response:
    fields = "; ".join(f"{name}: {' '.join(why)}" for name, why in refused.errors.items())
    return render(
        request,
        "notice.html",
        400,
        title="Not saved",
        message=words_of(request).gettext(
            "The form held text that cannot be stored (%(fields)s). Nothing was changed."
        )
        % {"fields": fields},
        problem=True,
        link=request.url.path,
        link_text="Back to the form",
    )


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
        except UnstorableForm as refused:
            return unstorable_page(request, refused)

    guarded.__name__ = page.__name__
    guarded.__doc__ = page.__doc__
    return guarded


def local_path(candidate: str, fallback: str = "/accounts/") -> str:
    """Where to go after signing in: only a path on this site (never ``//elsewhere``)."""
    if candidate.startswith("/") and not candidate.startswith("//") and "\\" not in candidate:
        return candidate
    return fallback


def record_id(value: str, kind: str) -> int:
    """The id a form or a query names: ASCII digits of a number a record id can be; anything
    else names no ``kind`` (a 404, never a 500 from ``int`` or the database)."""
    if not (value.isascii() and value.isdigit()) or int(value) > LARGEST_INTEGER:
        raise NotFound(kind, value)
    return int(value)
