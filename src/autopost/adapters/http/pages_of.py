"""Page-number pagination in the shape the earlier API's clients read: ``?page=`` (and
``page_size``), answered with ``{"count", "next", "previous", "results"}`` and absolute
addresses."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from autopost.adapters.http.answers.people import ItemT, Page
from autopost.adapters.http.edge import public
from autopost.adapters.http.responses import error
from autopost.adapters.http.schemas import LARGEST_INTEGER

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@frozen
class WantedPage:
    """``number`` is None when ``?page=`` names no page: the answer is then a 404."""

    number: int | None
    size: int

    @property
    def offset(self) -> int:
        return ((self.number or 1) - 1) * self.size


def _whole(raw: str | None) -> int | None:
    try:
        return int(raw) if raw is not None and raw.strip().isdigit() else None
    except ValueError:
        return None


def wanted_page(request: Request) -> WantedPage:
    size = _whole(request.query_params.get("page_size"))
    size = PAGE_SIZE if not size else min(size, MAX_PAGE_SIZE)
    raw = request.query_params.get("page")
    number = 1 if raw is None else _whole(raw)
    if number is not None and not 1 <= number <= LARGEST_INTEGER:
        number = None
    return WantedPage(number, size)


def page_response(
    request: Request,
    wanted: WantedPage,
    page: type[Page[ItemT]],
    count: int,
    results: Sequence[ItemT],
) -> Response:
    last = max(1, -(-count // wanted.size))
    number = wanted.number
    if number is None or number > last:
        return error(404, "Invalid page.")
    url = request.url
    following = (
        public(request, url.include_query_params(page=number + 1)) if number < last else None
    )
    if number == 1:
        previous = None
    elif number == 2:
        previous = public(request, url.remove_query_params("page"))
    else:
        previous = public(request, url.include_query_params(page=number - 1))
    answer = page(count=count, next=following, previous=previous, results=list(results))
    return JSONResponse(answer.model_dump(mode="json"))
