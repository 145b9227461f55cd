"""``/connected-accounts/{id}/best-times/``: when to post on an account, as a picture of its
week (the same use case as ``GET /api/v1/credentials/{id}/best-times/``), in the person's own
time zone: an hour's shade is its score, the suggested hour is named in words."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.page_dates import date_words
from autopost.adapters.http.pages.calendar_pages import user_zone
from autopost.adapters.http.pages.forms import signed_in_only
from autopost.adapters.http.pages.rendering import render, words_of
from autopost.adapters.http.request_body import path_id
from autopost.adapters.http.services import ServicesOf
from autopost.application.posting.best_times import ReadBestTimes
from autopost.domain.best_time import grid_rows


class BestTimePageServices(Protocol):
    def read_best_times(self) -> ReadBestTimes: ...


services = ServicesOf[BestTimePageServices]("best_time_pages")


def shade(score: float | None) -> str:
    """A cell's fill: white for nothing known, deeper green for a higher score."""
    if score is None:
        return "#ffffff"
    light = round(235 - 175 * score)
    return f"rgb({light}, {round(245 - 100 * score)}, {light})"


@signed_in_only
async def best_times_page(request: Request) -> Response:
    credential_id = path_id(request, "credential_id")
    zone = user_zone(request)
    best = (
        await services(request).read_best_times().execute(acting(request), credential_id, zone.key)
    )
    words = words_of(request)
    dates = date_words(words.language)
    suggested = best.suggested.astimezone(zone) if best.suggested else None
    return render(
        request,
        "best_times.html",
        best=best,
        rows=grid_rows(best.score),
        online_rows=grid_rows(best.online),
        weekdays=dates.weekdays,
        shade=shade,
        suggested=suggested,
        suggested_words=(
            f"{dates.weekdays[suggested.weekday()]} {suggested.day} "
            f"{dates.months_short[suggested.month - 1]} {suggested:%H:%M}"
            if suggested
            else None
        ),
    )


routes = [
    Route("/connected-accounts/{credential_id:int}/best-times/", best_times_page, methods=["GET"])
]
