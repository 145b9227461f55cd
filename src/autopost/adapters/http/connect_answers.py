"""How an OAuth callback answers: the platform sends a person's browser back here, who gets a
page saying what happened; a program that follows the flow itself asks for JSON."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from autopost.adapters.http.negotiation import wants_page
from autopost.adapters.http.pages.rendering import render, words_of
from autopost.adapters.http.responses import error
from autopost.domain.credential import Credential

INTEGRATIONS_PAGE = "/accounts/integrations/"


def connected(
    request: Request, platform: str, credentials: Sequence[Credential], body: BaseModel
) -> Response:
    if not wants_page(request):
        return JSONResponse(body.model_dump(mode="json"))
    names = ", ".join(f"@{c.username}" if c.username else c.account_id for c in credentials)
    words = words_of(request)
    said = (
        "The %(platform)s account is connected: %(names)s. Posts can now be scheduled for it."
        if len(credentials) == 1
        else "The %(platform)s accounts are connected: %(names)s. Posts can now be scheduled "
        "for them."
    )
    return render(
        request,
        "notice.html",
        title=words.gettext("%(platform)s connected") % {"platform": platform},
        message=words.gettext(said) % {"platform": platform, "names": names},
        link=INTEGRATIONS_PAGE,
        link_text="See your connected accounts",
    )


def refused(request: Request, platform: str, reason: str) -> Response:
    if not wants_page(request):
        return error(400, reason)
    return render(
        request,
        "notice.html",
        400,
        title=words_of(request).gettext("%(platform)s not connected") % {"platform": platform},
        message=reason,
        problem=True,
        link=INTEGRATIONS_PAGE,
        link_text="Back to your connected accounts",
    )
