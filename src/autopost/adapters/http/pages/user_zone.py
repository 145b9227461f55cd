"""The time zone a signed-in person reads and writes times in: their settings' ``time_zone``
(an IANA name) once they have one, else UTC. The one place the pages ask."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from starlette.requests import Request

from autopost.adapters.http.pages.rendering import signed_in

UTC_ZONE = ZoneInfo("UTC")


def user_zone(request: Request) -> ZoneInfo:
    user = signed_in(request)
    name = getattr(user.user, "time_zone", None) if user is not None else None
    if not isinstance(name, str) or not name:
        return UTC_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC_ZONE
