"""What a feature that is not set up needs, in words an operator can act on: the settings
to give, rather than a trip to the platform with an empty client id."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from autopost.adapters.http.negotiation import wants_page
from autopost.adapters.http.pages.rendering import render
from autopost.adapters.http.responses import error
from autopost.domain.errors import NotSetUp

NEEDS = {
    "instagram-facebook-login": (
        "Connecting Instagram with Facebook Login",
        "AUTOPOST_FACEBOOK_APP_ID and AUTOPOST_FACEBOOK_APP_SECRET",
    ),
    "instagram-login": (
        "Connecting Instagram with Instagram Login",
        "AUTOPOST_INSTAGRAM_APP_ID and AUTOPOST_INSTAGRAM_APP_SECRET",
    ),
    "pinterest": (
        "Connecting Pinterest",
        "AUTOPOST_PINTEREST_CLIENT_ID and AUTOPOST_PINTEREST_CLIENT_SECRET",
    ),
    "google": (
        "Signing in with Google",
        "AUTOPOST_GOOGLE_CLIENT_ID and AUTOPOST_GOOGLE_CLIENT_SECRET",
    ),
}


def what_it_needs(feature: str) -> tuple[str, str]:
    """The feature's name and the sentence saying what it needs."""
    title, settings = NEEDS.get(feature, (feature, "its app's settings"))
    return title, (
        f"{title} is not set up on this server: an administrator sets {settings} "
        "(the app registered with the platform) and restarts Autopost."
    )


async def not_set_up(request: Request, exc: Exception) -> Response:
    """503: the server cannot do this until it is configured. A browser gets a page."""
    assert isinstance(exc, NotSetUp)
    title, message = what_it_needs(exc.feature)
    if wants_page(request):
        return render(request, "notice.html", 503, title=title, message=message, problem=True)
    return error(503, message)
