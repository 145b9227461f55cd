"""The compose form's "Repeat" fieldset, and the recurring post it asks of
``ScheduleSeriesUseCase`` (the use case of ``POST /api/v1/posts/`` with ``repeat``).

The rule is read in the person's time zone: the first time is the form's date and time there,
an end date is the end of that day there, and the times repeat there across daylight-saving
changes. The rules of a recurring post (one account, neither a draft nor queued) are the use
case's; the page only words them for the form.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from attrs import evolve, frozen
from starlette.datastructures import FormData

from autopost.adapters.http.pages.compose_form import ComposeForm, moment, schedule_command
from autopost.application.posting.posts import SchedulePost
from autopost.application.posting.series import ScheduleSeries, refuse_what_a_series_cannot_be
from autopost.domain.errors import ValidationFailed
from autopost.domain.platform import Platform
from autopost.domain.post import content_from
from autopost.domain.recurrence import WEEKDAYS, InvalidRecurrence, recurrence

REPEATS = ("none", "daily", "weekly", "monthly", "rrule")
DAY_NAMES = dict(zip(WEEKDAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))
# The use case's refusals in API words -> the form's words.
FORM_WORDS: Mapping[str, str] = {
    "A recurring post goes to one account: name it in credential or user_id.": (
        "A post that repeats goes to one account: choose only one, or choose None under Repeat."
    ),
    "A recurring post is neither a draft nor queued.": (
        "A post that repeats is neither a draft nor put in the next free slot: give its first "
        "date and time and schedule it, or choose None under Repeat."
    ),
    "Give the first time of a post that repeats.": (
        "Give the date and time of the first time: the post repeats from it."
    ),
}


@frozen
class RepeatForm:
    """The "Repeat" fieldset as it was posted (and is shown again after a refusal)."""

    repeat: str = "none"
    interval: str = "1"
    weekdays: tuple[str, ...] = ()
    ends: str = "count"
    until: str = ""
    count: str = ""
    rrule: str = ""

    @property
    def wanted(self) -> bool:
        return self.repeat != "none"


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def read_repeat(form: FormData) -> RepeatForm:
    chosen = _text(form, "repeat") or "none"
    days = [d for d in form.getlist("weekdays") if isinstance(d, str)]
    return RepeatForm(
        repeat=chosen if chosen in REPEATS else "none",
        interval=_text(form, "interval") or "1",
        weekdays=tuple(d for d in WEEKDAYS if d in days),
        ends=_text(form, "ends") or "count",
        until=_text(form, "until"),
        count=_text(form, "count"),
        rrule=_text(form, "rrule"),
    )


def _whole(value: str, field: str, words: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise ValidationFailed({field: [words]})
    return int(value)


def _end(form: RepeatForm, zone: ZoneInfo) -> dict[str, Any]:
    """The rule's end: the end of the ``until`` day in ``zone``, or ``count`` times. An rrule
    may leave it out (it may have its own)."""
    if form.ends == "until" and form.until:
        try:
            day = date.fromisoformat(form.until)
        except ValueError:
            raise ValidationFailed({"ends": ["Give the last date as YYYY-MM-DD."]}) from None
        return {"until": datetime.combine(day, time(23, 59, 59), tzinfo=zone)}
    if form.ends == "count" and form.count:
        return {"count": _whole(form.count, "ends", "Give how many times as a whole number.")}
    if form.repeat == "rrule":
        return {}
    raise ValidationFailed({"ends": ["Say when it ends: a last date, or a number of times."]})


def rule_fields(form: RepeatForm, zone: ZoneInfo) -> dict[str, Any]:
    """The form's rule as ``recurrence``'s arguments (without ``start``)."""
    values: dict[str, Any] = {"time_zone": zone.key, **_end(form, zone)}
    if form.repeat == "rrule":
        if not form.rrule:
            raise ValidationFailed({"rrule": ["Write the rule, e.g. FREQ=WEEKLY;BYDAY=MO,TH."]})
        return values | {"rrule": form.rrule}
    values["frequency"] = form.repeat
    values["interval"] = _whole(form.interval, "interval", "Every how many: a whole number.")
    if form.repeat == "weekly":
        values["weekdays"] = form.weekdays
    return values


def _one_account(post: SchedulePost, platform: Platform) -> SchedulePost:
    """The post on its one account, as the API names it (``credential``), with the account's
    own caption, board and section."""
    account = post.credential_ids[0]
    own = dict(post.overrides.get(account, {}))
    board = own.pop("board_id", None)
    section = own.pop("board_section_id", None)
    return evolve(
        post,
        content=content_from(platform, {**post.shared, **own}),
        credential_id=account,
        board_id=board,
        board_section_id=section,
        credential_ids=(),
        shared={},
        overrides={},
    )


def series_command(
    form: ComposeForm, repeat: RepeatForm, platforms: Mapping[int, Platform], zone: ZoneInfo
) -> ScheduleSeries:
    """The recurring post the form asks for. What a recurring post cannot be (several
    accounts, a draft, queued) is refused first, by the use case's own rule, before the
    first time is asked for."""
    post = schedule_command(form, platforms, zone)
    if len(form.accounts) == 1:
        post = _one_account(post, platforms[form.accounts[0]])
    refuse_what_a_series_cannot_be(post)
    first = moment(form, zone)
    if not isinstance(first, datetime):
        raise ValidationFailed(
            {"date_pub": [FORM_WORDS["Give the first time of a post that repeats."]]}
        )
    fields = rule_fields(repeat, zone)
    try:
        rule = recurrence(start=first, **fields)
    except InvalidRecurrence as refused:
        raise ValidationFailed(
            {"rrule" if repeat.repeat == "rrule" else "repeat": list(refused.messages)}
        ) from None
    return ScheduleSeries(post, rule)


def in_form_words(errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    return {key: [FORM_WORDS.get(m, m) for m in messages] for key, messages in errors.items()}


__all__ = [
    "DAY_NAMES",
    "FORM_WORDS",
    "RepeatForm",
    "in_form_words",
    "read_repeat",
    "rule_fields",
    "series_command",
]
