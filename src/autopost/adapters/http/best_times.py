"""``/api/v1/credentials/{id}/best-times/``: when to post on an account."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers.best_times import BestTimes as BestTimesAnswer
from autopost.adapters.http.auth import acting
from autopost.adapters.http.request_body import path_id
from autopost.adapters.http.services import ServicesOf
from autopost.application.posting.best_times import BestTimes, ReadBestTimes
from autopost.domain.best_time import grid_rows


class BestTimeServices(Protocol):
    def read_best_times(self) -> ReadBestTimes: ...


services = ServicesOf[BestTimeServices]("best_times")


def best_times_json(best: BestTimes) -> BestTimesAnswer:
    return BestTimesAnswer(
        credential=best.credential_id,
        time_zone=best.time_zone,
        suggested=best.suggested,
        online=[list(row) for row in grid_rows(best.online)],
        results=[list(row) for row in grid_rows(best.results)],
        score=[list(row) for row in grid_rows(best.score)],
        days=best.days,
        posts=best.posts,
    )


async def best_times(request: Request) -> Response:
    credential_id = path_id(request, "credential_id")
    zone = request.query_params.get("time_zone") or None
    best = await services(request).read_best_times().execute(acting(request), credential_id, zone)
    return JSONResponse(best_times_json(best).model_dump(mode="json"))


routes = [Route("/api/v1/credentials/{credential_id:int}/best-times/", best_times, methods=["GET"])]
