"""A post's timeline in words: each step says what was asked and what came of it, then what
Autopost does next or what the person does; the times in kept words are shown in the
reader's zone."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from autopost.adapters.http.pages.attempt_words import (
    RECONNECT_ADVICE,
    moment_line,
    with_local_times,
)
from autopost.application.posting.desk import DEFAULT_ADVICE, Moment
from autopost.domain.attempt import Answer, Asked

AT = datetime(2030, 3, 2, 10, 30, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def local(at: datetime) -> str:
    return at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M %Z")


def attempt(answer: Answer, detail: str = "", next_at: datetime | None = None) -> Moment:
    return Moment(
        AT, "attempt", 1, detail=detail, asked=Asked.PREPARE, answer=answer, next_at=next_at
    )


def test_a_step_says_what_was_asked_and_what_came_of_it() -> None:
    line = moment_line(attempt(Answer.READY), "shop", local)
    assert line["what"] == "Asked the platform to prepare the media: ready: it waits for its time"
    assert (line["account"], line["next"], line["advice"]) == ("shop", None, None)


def test_a_step_autopost_goes_on_from_says_when() -> None:
    later = datetime(2030, 3, 2, 10, 31, tzinfo=UTC)
    line = moment_line(attempt(Answer.RETRY, "HTTP 503", later), "shop", local)
    assert line["next"] == "2030-03-02 11:31 CET"
    assert line["advice"] is None


def test_a_refusal_says_what_to_do() -> None:
    refused = moment_line(attempt(Answer.FAILED, "The media URL could not be fetched."), "", local)
    assert refused["next"] is None
    assert "public https address" in refused["advice"]
    assert moment_line(attempt(Answer.FAILED, "Odd."), "", local)["advice"] == DEFAULT_ADVICE
    token = moment_line(attempt(Answer.RECONNECT, "Error validating access token"), "", local)
    assert token["advice"] == RECONNECT_ADVICE


def test_the_audit_logs_moments_keep_their_words_with_times_in_the_readers_zone() -> None:
    entry = Moment(AT, "scheduled", None, "admin", "for 2030-03-02 10:30:00+00:00")
    line = moment_line(entry, "", local)
    assert line["what"] == "Scheduled"
    assert line["detail"] == "for 2030-03-02 11:30 CET"


def test_every_moment_a_text_names_is_shown_in_the_zone() -> None:
    text = "Retrying at 2030-07-01T08:00:00+00:00, until 2030-07-01T09:00:00.5+00:00."
    assert (
        with_local_times(text, local)
        == "Retrying at 2030-07-01 10:00 CEST, until 2030-07-01 11:00 CEST."
    )
    assert with_local_times("no time here: 2030-07-01", local) == "no time here: 2030-07-01"
