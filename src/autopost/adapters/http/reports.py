"""``/api/v1/reports/``: how publishing went over a period, per account and in total, as JSON;
``/api/v1/reports/csv/``: the same numbers as CSV, a row per account and a last row for all."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers.reports import AccountNumbers, FailureCount, Report
from autopost.adapters.http.auth import acting
from autopost.adapters.http.request_body import query_time
from autopost.adapters.http.services import ServicesOf
from autopost.application.ports.insights_repository import INSTAGRAM_TOTALS, PINTEREST_TOTALS
from autopost.application.posting.calendar import account_name
from autopost.application.posting.reports import PeriodReport, ReadReport
from autopost.domain.delivery_report import AccountReport
from autopost.domain.errors import ValidationFailed
from autopost.domain.platform import Platform
from autopost.domain.refusal_advice import FailureKind

# Without a period: the last 30 days.
DEFAULT_DAYS = 30


class ReportServices(Protocol):
    def read_report(self) -> ReadReport: ...


services = ServicesOf[ReportServices]("reports")


async def read_period(request: Request) -> PeriodReport:
    """The report the query asks for: ``start``, ``end`` (ISO 8601; the last 30 days when
    left out), ``credential`` and ``platform`` (each may be given more than once)."""
    params = request.query_params
    end = query_time(request, "end") or datetime.now(UTC)
    start = query_time(request, "start") or end - timedelta(days=DEFAULT_DAYS)
    ids = params.getlist("credential")
    if not all(i.isascii() and i.isdigit() for i in ids):
        raise ValidationFailed({"credential": ["Give account ids, whole numbers."]})
    names = params.getlist("platform")
    if not set(names) <= {p.value for p in Platform}:
        raise ValidationFailed({"platform": ["Use instagram or pinterest."]})
    return (
        await services(request)
        .read_report()
        .execute(
            acting(request),
            start,
            end,
            credential_ids=tuple(int(i) for i in ids),
            platforms=tuple(Platform(n) for n in names),
        )
    )


def numbers(report: PeriodReport, account: AccountReport) -> AccountNumbers:
    named = report.account(account)
    return AccountNumbers(
        credential=account.credential_id,
        platform=named.platform.value if named else None,
        name=account_name(named) if named else None,
        published=account.published,
        failed=account.failed,
        waiting=account.waiting,
        on_time=account.on_time,
        on_time_rate=account.on_time_rate,
        lateness_p50=_seconds(account.lateness_p50),
        lateness_p99=_seconds(account.lateness_p99),
        failures=[FailureCount(kind=kind.value, count=n) for kind, n in account.failures],
        insights=report.insights_of(account),
    )


def _seconds(span: timedelta | None) -> float | None:
    return None if span is None else round(span.total_seconds(), 3)


def report_json(report: PeriodReport) -> Report:
    return Report(
        start=report.start,
        end=report.end,
        accounts=[numbers(report, a) for a in report.accounts],
        total=numbers(report, report.total),
    )


CSV_COLUMNS = (
    "credential",
    "platform",
    "name",
    "published",
    "failed",
    "waiting",
    "on_time",
    "on_time_rate",
    "lateness_p50_seconds",
    "lateness_p99_seconds",
    *(f"failed_{kind.value}" for kind in FailureKind),
    *INSTAGRAM_TOTALS,
    *PINTEREST_TOTALS,
)


def report_csv(report: PeriodReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for account in (*report.accounts, report.total):
        row = numbers(report, account)
        by_kind = {f.kind: f.count for f in row.failures}
        writer.writerow(
            [
                "all" if row.credential is None else row.credential,
                row.platform or "",
                _cell(row.name or ""),
                row.published,
                row.failed,
                row.waiting,
                row.on_time,
                "" if row.on_time_rate is None else f"{row.on_time_rate:.4f}",
                "" if row.lateness_p50 is None else row.lateness_p50,
                "" if row.lateness_p99 is None else row.lateness_p99,
                *(by_kind.get(kind.value, 0) for kind in FailureKind),
                *(row.insights.get(name, "") for name in (*INSTAGRAM_TOTALS, *PINTEREST_TOTALS)),
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    """A name as a spreadsheet shows it, never as a formula it would run."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


async def report(request: Request) -> Response:
    period = await read_period(request)
    return JSONResponse(report_json(period).model_dump(mode="json"))


async def report_as_csv(request: Request) -> Response:
    period = await read_period(request)
    name = f"autopost-report-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"
    return Response(
        report_csv(period),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


routes = [
    Route("/api/v1/reports/", report, methods=["GET"]),
    Route("/api/v1/reports/csv/", report_as_csv, methods=["GET"]),
]
