"""How publishing went over a period: as JSON, and as CSV."""

from __future__ import annotations

from autopost.adapters.http.answers.errors import Error
from autopost.adapters.http.answers.reports import Report
from autopost.adapters.http.openapi.operation import INVALID, Operation, Param, Reply, query

DATE_TIME = {"type": "string", "format": "date-time"}
PERIOD = (
    query("start", DATE_TIME, "From this moment (ISO 8601); 30 days before `end` if left out."),
    query("end", DATE_TIME, "Up to this moment, not included; now if left out."),
    Param(
        "credential",
        "query",
        {"type": "array", "items": {"type": "integer", "minimum": 0}},
        "Only these accounts (repeat the parameter).",
    ),
    Param(
        "platform",
        "query",
        {"type": "array", "items": {"type": "string", "enum": ["instagram", "pinterest"]}},
        "Only these platforms (repeat the parameter).",
    ),
)
FORBIDDEN = Reply("The user's roles do not allow this.", Error)
ABOUT = (
    "Read from Autopost's own records of each publication whose time falls in the period: "
    "published, failed (by kind of refusal) and still waiting; on time means published at "
    "most 60 seconds after its time; lateness percentiles are nearest-rank. A period is a "
    "year at most."
)

REPORT_OPERATIONS = (
    Operation(
        "get",
        "/api/v1/reports/",
        "get_report",
        "How publishing went over a period",
        "reports",
        {
            200: Reply("Each account's numbers, and all of them.", Report),
            400: INVALID,
            403: FORBIDDEN,
        },
        params=PERIOD,
        description=ABOUT,
    ),
    Operation(
        "get",
        "/api/v1/reports/csv/",
        "get_report_csv",
        "The same report as CSV",
        "reports",
        {
            200: Reply(
                "A header row, a row per account and a last row `all`.", str, media_type="text/csv"
            ),
            400: INVALID,
            403: FORBIDDEN,
        },
        params=PERIOD,
        description=ABOUT,
    ),
)
