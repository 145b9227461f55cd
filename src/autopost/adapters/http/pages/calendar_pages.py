"""The calendar (``/``, the home page once signed in; also ``/calendar/``): a month or a week of
every publication, in the person's own time zone, with the dashboard strip above it; and its
two forms: move a publication, retry a failed one. Both call the API's own use cases
(``EditPostUseCase``, ``RetryPostUseCase``); a refusal is shown on the calendar in words."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from attrs import frozen
from starlette.datastructures import FormData, ImmutableMultiDict, MultiDict
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import AuthenticatedUser, acting
from autopost.adapters.http.i18n import localized
from autopost.adapters.http.page_dates import DateWords, date_words
from autopost.adapters.http.page_language import PageWords
from autopost.adapters.http.pages.forms import local_path, read_form, signed_in_only, text
from autopost.adapters.http.pages.rendering import back_to, render, words_of
from autopost.adapters.http.refusal_fields import field_errors
from autopost.adapters.http.services import ServicesOf
from autopost.application.posting.calendar import (
    CalendarEntry,
    CalendarFilter,
    ReadCalendar,
    ReadDeskStrip,
)
from autopost.application.posting.posts import EditPost, EditPostUseCase, RetryPostUseCase
from autopost.domain.calendar_grid import CalendarSpan, View, calendar_span, local_moment
from autopost.domain.errors import (
    ConcurrentUpdate,
    Conflict,
    DomainError,
    NotFound,
    Refused,
    ValidationFailed,
)
from autopost.domain.platform import Platform
from autopost.domain.publication import PublicationStatus


class CalendarPageServices(Protocol):
    def read_calendar(self) -> ReadCalendar: ...
    def read_desk_strip(self) -> ReadDeskStrip: ...
    def edit_post(self) -> EditPostUseCase: ...
    def retry_post(self) -> RetryPostUseCase: ...


services = ServicesOf[CalendarPageServices]("calendar_pages")

HOME = "/"
STATUS_LABELS = {
    PublicationStatus.SCHEDULED: "Scheduled",
    PublicationStatus.PROCESSING: "Being published",
    PublicationStatus.PUBLISHED: "Published",
    PublicationStatus.FAILED: "Failed",
    PublicationStatus.CANCELLED: "Cancelled",
    PublicationStatus.DRAFT: "Draft",
    PublicationStatus.AWAITING_APPROVAL: "Awaiting approval",
    PublicationStatus.RETURNED: "Sent back",
}
PLATFORM_LABELS = {Platform.INSTAGRAM: "Instagram", Platform.PINTEREST: "Pinterest"}
# What a form did, by the code the page is opened again with (never text from the query).
DONE = {"moved": "The post was moved.", "retried": "The publication will be tried again now."}


def user_zone(request: Request) -> ZoneInfo:
    """The person's time zone (UTC until they set one)."""
    user: AuthenticatedUser = request.user
    try:
        return ZoneInfo(user.user.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@frozen
class CalendarQuery:
    """What the calendar's address asks for: a view of a day, and the filters."""

    view: View
    day: date
    accounts: tuple[int, ...]
    platforms: tuple[Platform, ...]

    def address(self, **changes: object) -> str:
        """The calendar's address with these parts changed (``view``, ``day``)."""
        view = changes.get("view", self.view)
        day = changes.get("day", self.day)
        assert isinstance(day, date)
        pairs: list[tuple[str, str]] = [("view", str(view)), ("date", day.isoformat())]
        pairs += [("account", str(a)) for a in self.accounts]
        pairs += [("platform", p.value) for p in self.platforms]
        return f"{HOME}?{urlencode(pairs)}"


def _query(params: ImmutableMultiDict[str, str], today: date) -> CalendarQuery:
    try:
        view = View(params.get("view") or View.MONTH)
    except ValueError:
        view = View.MONTH
    try:
        day = date.fromisoformat(params.get("date") or "")
    except ValueError:
        day = today
    accounts = tuple(int(a) for a in params.getlist("account") if a.isdigit())
    platforms = tuple(Platform(p) for p in params.getlist("platform") if p in set(Platform))
    return CalendarQuery(view, day, accounts, platforms)


@frozen
class Shown:
    """An entry as a page shows it, with its time on the person's clock (made once: a month
    may show thousands)."""

    entry: CalendarEntry
    day: date
    time: str
    # The moment, for the ``datetime`` attribute of its ``<time>``.
    iso: str

    def when(self, dates: DateWords) -> str:
        """Its day and time in words: "Mon 6 Dec 09:00", "Пн 6 дек 09:00"."""
        day = self.day
        short = f"{dates.weekdays_short[day.weekday()]} {day.day}"
        return f"{short} {dates.months_short[day.month - 1]} {self.time}"


def shown(entry: CalendarEntry, zone: ZoneInfo) -> Shown:
    local = entry.due_at.astimezone(zone)
    time = f"{local.hour:02d}:{local.minute:02d}"
    return Shown(entry, local.date(), time, entry.due_at.isoformat())


def _title(span: CalendarSpan, words: PageWords, dates: DateWords) -> str:
    if span.view is View.MONTH:
        return f"{dates.months[span.day.month - 1]} {span.day.year}"
    first, last = span.days[0], span.days[-1]
    return words.gettext("Week of %(first)s to %(last)s") % {
        "first": dates.strftime(first, f"{first.day} %B %Y"),
        "last": dates.strftime(last, f"{last.day} %B %Y"),
    }


async def _calendar_page(
    request: Request,
    params: ImmutableMultiDict[str, str],
    status: int = 200,
    problems: Mapping[str, list[str]] | None = None,
) -> Response:
    actor = acting(request)
    zone = user_zone(request)
    now = datetime.now(zone)
    query = _query(params, now.date())
    span = calendar_span(query.view, query.day, zone)
    only = CalendarFilter(query.accounts, query.platforms)
    calendar = await services(request).read_calendar().execute(actor, span.start, span.end, only)
    strip = await services(request).read_desk_strip().execute(actor)
    by_day: dict[date, list[Shown]] = {}
    for entry in calendar.entries:
        one = shown(entry, zone)
        by_day.setdefault(one.day, []).append(one)

    done = DONE.get(request.query_params.get("done", ""))
    back = query.address()
    words = words_of(request)
    dates = date_words(words.language)
    return render(
        request,
        "calendar.html",
        status,
        query=query,
        span=span,
        title=_title(span, words, dates),
        today=now.date(),
        zone=zone.key,
        by_day=by_day,
        calendar=calendar,
        strip=strip,
        due_soon=[shown(e, zone) for e in strip.due_soon],
        failed=[shown(e, zone) for e in strip.failed],
        back=back,
        weekdays=dates.weekdays,
        months_short=dates.months_short,
        when=lambda one: one.when(dates),
        status_labels={status: words.gettext(label) for status, label in STATUS_LABELS.items()},
        platform_labels=PLATFORM_LABELS,
        platforms=list(Platform),
        notice=done,
        problems=problems,
    )


@signed_in_only
async def calendar(request: Request) -> Response:
    return await _calendar_page(request, request.query_params)


def _back(form: FormData) -> str:
    """Where the form was posted from: the calendar's address it names (only a path here)."""
    path = local_path(text(form, "back"), HOME)
    return path if urlsplit(path).path in (HOME, "/calendar/") else HOME


def _done(back: str, code: str) -> str:
    parts = urlsplit(back)
    pairs = [(k, v) for k, v in parse_qsl(parts.query) if k != "done"] + [("done", code)]
    return f"{parts.path}?{urlencode(pairs)}"


def _whole_number(form: FormData, name: str) -> int | None:
    value = text(form, name)
    return int(value) if value.isdigit() else None


async def _refused(request: Request, back: str, refused: DomainError) -> Response:
    """The calendar again, as it was, with why the form was refused."""
    params = MultiDict(parse_qsl(urlsplit(back).query))
    if isinstance(refused, Refused):
        status, problems = 400, localized(request, field_errors(refused))
    else:
        status = 404 if isinstance(refused, NotFound) else 409
        problems = {"non_field_errors": [localized(request, _sentence(str(refused)))]}
    return await _calendar_page(request, params, status, problems)


def _sentence(message: str) -> str:
    message = message.strip()
    return f"{message[:1].upper()}{message[1:]}" + ("" if message.endswith(".") else ".")


@signed_in_only
async def move(request: Request) -> Response:
    """Moves one publication to a local date and time (the person's zone): the same change
    as ``PATCH /api/v1/posts/{id}/`` with ``date_pub`` (and ``publication_id``)."""
    form = await read_form(request)
    back = _back(form)
    post_id, publication_id = _whole_number(form, "post_id"), _whole_number(form, "publication_id")
    try:
        day = date.fromisoformat(text(form, "date"))
        at = time.fromisoformat(text(form, "time"))
    except ValueError:
        problem = "Give the new date (YYYY-MM-DD) and time (HH:MM)."
        return await _refused(request, back, ValidationFailed({"date": [problem]}))
    if post_id is None:
        return await _refused(request, back, NotFound("post", text(form, "post_id")))
    moment = local_moment(day, at.replace(tzinfo=None), user_zone(request))
    command = EditPost(post_id, date_pub=moment, publication_id=publication_id)
    try:
        await services(request).edit_post().execute(acting(request), command)
    except (Refused, Conflict, ConcurrentUpdate, NotFound) as refused:
        return await _refused(request, back, refused)
    return back_to(_done(back, "moved"))


@signed_in_only
async def retry(request: Request) -> Response:
    """Tries a failed publication again now (``RetryPostUseCase``)."""
    form = await read_form(request)
    back = _back(form)
    post_id, publication_id = _whole_number(form, "post_id"), _whole_number(form, "publication_id")
    if post_id is None:
        return await _refused(request, back, NotFound("post", text(form, "post_id")))
    try:
        await services(request).retry_post().execute(acting(request), post_id, publication_id)
    except (Refused, Conflict, ConcurrentUpdate, NotFound) as refused:
        return await _refused(request, back, refused)
    return back_to(_done(back, "retried"))


routes = [
    Route("/calendar/", calendar, methods=["GET"]),
    Route("/calendar/move/", move, methods=["POST"]),
    Route("/calendar/retry/", retry, methods=["POST"]),
]
