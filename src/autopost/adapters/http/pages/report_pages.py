"""``/reports/``: how publishing went over a period, per account and for all of them (the same
use case as ``GET /api/v1/reports/``): published on time, late, failed and waiting as a bar per
account, the lateness percentiles, failures by kind, and the same numbers as CSV. Days are the
person's own (their time zone): the period runs from the first day's midnight to the end of
the last day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Protocol
from urllib.parse import urlencode

from attrs import frozen
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.i18n import localized
from autopost.adapters.http.pages.calendar_pages import PLATFORM_LABELS, user_zone
from autopost.adapters.http.pages.forms import signed_in_only
from autopost.adapters.http.pages.rendering import render, words_of
from autopost.adapters.http.refusal_fields import field_errors
from autopost.adapters.http.services import ServicesOf
from autopost.application.posting.calendar import account_name
from autopost.application.posting.reports import PeriodReport, ReadReport
from autopost.domain.delivery_report import AccountReport
from autopost.domain.errors import Refused, ValidationFailed
from autopost.domain.refusal_advice import FailureKind

PAGE = "/reports/"
DEFAULT_DAYS = 30
# The insights a row names, in this order, by their words.
INSIGHT_LABELS = {
    "reach": "Reach",
    "views": "Views",
    "likes": "Likes",
    "comments": "Comments",
    "saved": "Saves",
    "shares": "Shares",
    "impressions": "Impressions",
    "saves": "Saves",
    "pin_clicks": "Pin clicks",
    "outbound_clicks": "Outbound clicks",
}
KIND_LABELS = {
    FailureKind.ACCOUNT: "Account to reconnect",
    FailureKind.MEDIA: "Media",
    FailureKind.LIMITS: "Rate limits and quota",
    FailureKind.BOARD: "Board",
    FailureKind.OTHER: "Other",
}


class ReportPageServices(Protocol):
    def read_report(self) -> ReadReport: ...


services = ServicesOf[ReportPageServices]("report_pages")


@frozen
class Bar:
    """An account's publications as one bar: its parts' shares of the whole, in percent."""

    on_time: float
    late: float
    failed: float
    waiting: float

    @classmethod
    def of(cls, report: AccountReport) -> Bar:
        whole = report.published + report.failed + report.waiting
        if not whole:
            return cls(0, 0, 0, 0)
        late = report.published - report.on_time
        parts = (report.on_time, late, report.failed, report.waiting)
        on_time, late_share, failed, waiting = (round(100 * n / whole, 2) for n in parts)
        return cls(on_time, late_share, failed, waiting)


@frozen
class Row:
    name: str
    platform: str
    report: AccountReport
    bar: Bar
    insights: dict[str, int]


def _seconds(span: timedelta | None) -> str:
    if span is None:
        return "—"
    seconds = span.total_seconds()
    return f"{seconds:.1f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def _day(raw: str | None, default: date) -> date:
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        return default


def _rows(report: PeriodReport) -> list[Row]:
    rows = []
    for account in report.accounts:
        named = report.account(account)
        name = account_name(named) if named else f"#{account.credential_id}"
        platform = PLATFORM_LABELS[named.platform] if named else ""
        rows.append(Row(name, platform, account, Bar.of(account), report.insights_of(account)))
    return rows


@signed_in_only
async def reports_page(request: Request) -> Response:
    zone = user_zone(request)
    today = datetime.now(zone).date()
    last = _day(request.query_params.get("end"), today)
    first = _day(request.query_params.get("start"), last - timedelta(days=DEFAULT_DAYS - 1))
    start = datetime.combine(first, time(0), zone)
    end = datetime.combine(last + timedelta(days=1), time(0), zone)
    problems = None
    report = None
    try:
        if last < first:
            problem = "The last day of the period must not come before its first."
            raise ValidationFailed({"end": [problem]})
        report = await services(request).read_report().execute(acting(request), start, end)
    except Refused as refused:
        problems = localized(request, field_errors(refused))
    period = urlencode({"start": start.isoformat(), "end": end.isoformat()})
    words = words_of(request)
    return render(
        request,
        "reports.html",
        400 if problems else 200,
        first=first,
        last=last,
        zone=zone.key,
        report=report,
        rows=_rows(report) if report else [],
        total=Bar.of(report.total) if report else None,
        seconds=_seconds,
        insight_labels={n: words.gettext(label) for n, label in INSIGHT_LABELS.items()},
        total_insights=report.insights_of(report.total) if report else {},
        kind_labels={kind: words.gettext(label) for kind, label in KIND_LABELS.items()},
        csv_address=f"/api/v1/reports/csv/?{period}",
        problems=problems,
    )


routes = [Route(PAGE, reports_page, methods=["GET"])]
