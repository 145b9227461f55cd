"""A post's timeline in words: each step of work on a publication (what was asked of the
platform, what came of it, and what happens next or what to do), and the moments the audit
log keeps, with the times they name shown in the reader's zone."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from autopost.application.posting.desk import Moment, advice_on
from autopost.domain.attempt import GOES_ON, Answer, Asked

ASKED_WORDS: Mapping[Asked, str] = {
    Asked.PREPARE: "Asked the platform to prepare the media",
    Asked.CHECK: "Asked whether the platform has finished processing the media",
    Asked.PUBLISH: "Asked the platform to publish",
}
ANSWER_WORDS: Mapping[Answer, str] = {
    Answer.READY: "ready: it waits for its time",
    Answer.PROCESSING: "still processing the media",
    Answer.PUBLISHED: "published",
    Answer.DEFERRED: "it cannot take the post yet",
    Answer.QUOTA: "the account's publishing quota is spent",
    Answer.RATE_LIMITED: "it asked for a pause (rate limit)",
    Answer.RETRY: "a problem that may pass",
    Answer.FAILED: "refused",
    Answer.RECONNECT: "it refused the account's access",
}
# The timeline's own lines, and the audit log's actions about a post (capitalized).
MOMENT_WORDS = {
    "scheduled": "Scheduled",
    "saved as a draft": "Saved as a draft",
    "submitted for approval": "Submitted for approval",
    "approved": "Approved",
    "returned": "Sent back",
    "changed": "Changed",
    "cancelled": "Cancelled",
    "retried": "Retried",
    "planned": "Planned on this account",
    "publishing asked": "Publishing asked of the platform",
    "published": "Published",
    "failed": "Failed",
    "last problem": "A problem, to be tried again",
}
RECONNECT_ADVICE = "Reconnect the account (Connected accounts), then press Retry."
# A moment in time as Autopost writes it in the words it keeps (the audit log's summaries,
# the reasons of a retry): ISO 8601 with its offset, "T" or a space between date and time.
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)")


def with_local_times(text: str, local: Callable[[datetime], str]) -> str:
    """``text`` with every moment it names shown by ``local`` (the reader's zone)."""
    return _STAMP.sub(lambda found: local(datetime.fromisoformat(found.group(0))), text)


def _same(text: str) -> str:
    return text


def moment_line(
    moment: Moment,
    account: str,
    local: Callable[[datetime], str],
    words: Callable[[str], str] = _same,
) -> dict[str, Any]:
    """One line of the timeline, for the post page's template, its words given by ``words``
    (the page's language). What the platform or a person wrote stays as written."""
    line: dict[str, Any] = {
        "at": moment.at,
        "account": account,
        "who": moment.who,
        "detail": with_local_times(moment.detail, local),
        "next": None,
        "advice": None,
    }
    if moment.asked is None or moment.answer is None:
        line["what"] = words(MOMENT_WORDS.get(moment.what, moment.what.capitalize()))
        return line
    line["what"] = f"{words(ASKED_WORDS[moment.asked])}: {words(ANSWER_WORDS[moment.answer])}"
    if moment.answer in GOES_ON and moment.next_at is not None:
        line["next"] = local(moment.next_at)
    elif moment.answer is Answer.RECONNECT:
        line["advice"] = words(RECONNECT_ADVICE)
    elif moment.answer is Answer.FAILED:
        line["advice"] = words(advice_on(moment.detail))
    return line
