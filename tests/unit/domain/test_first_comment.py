"""A post's first comment: the rules its words are held to, and where its writing is on the
publication (planned with the post, due once it is published, written, retried or failed)."""

from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.errors import InvalidTransition
from autopost.domain.instagram_content import InstagramContent
from autopost.domain.media import ContentType
from autopost.domain.publication import (
    FirstCommentStatus,
    PublicationStatus,
    ScheduledPublication,
)

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)
PHOTO = "https://cdn.example.com/a.jpg"


def _content(first_comment: str | None, kind: ContentType = ContentType.PHOTO) -> InstagramContent:
    return InstagramContent(content_type=kind, url=PHOTO, first_comment=first_comment)


def test_a_first_comment_within_instagrams_limits_is_accepted() -> None:
    assert _content("Link in bio #launch https://shop.example").problems() == {}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a" * 301, "at most 300 characters in a comment; this one has 301"),
        ("#a #b #c #d #e", "at most 4 hashtags in a comment"),
        ("https://a.example https://b.example", "at most 1 link in a comment"),
        ("BUY NOW", "capital letters"),
        ("   ", "A comment needs some text."),
    ],
)
def test_a_first_comment_breaking_instagrams_limits_is_refused_with_the_reason(
    text: str, problem: str
) -> None:
    problems = _content(text).problems()
    assert list(problems) == ["first_comment"]
    assert problem in " ".join(problems["first_comment"])


def test_a_story_takes_no_first_comment() -> None:
    problems = _content("Hello", ContentType.STORY).problems()
    assert problems["first_comment"] == [
        "A Story takes no comments: send the first comment with a feed post or reel."
    ]


def _published(planned: bool = True) -> ScheduledPublication:
    publication = ScheduledPublication(
        post_id=1,
        credential_id=1,
        platform="instagram",
        publish_at=NOON,
        next_run_at=NOON,
        created_at=NOON - timedelta(days=1),
    )
    publication.claim(NOON, LEASE)
    publication.container_created("c1", ready=True, now=NOON)
    publication.plan_first_comment(planned, now=NOON)
    publication.mark_published("m1", None, NOON)
    return publication


def test_a_planned_comment_is_due_the_moment_the_post_is_published() -> None:
    publication = _published()
    assert publication.status is PublicationStatus.PUBLISHED
    assert publication.first_comment_status is FirstCommentStatus.PENDING
    assert publication.first_comment_due(NOON)
    assert publication.has_work and not publication.is_active


def test_a_post_without_a_first_comment_has_no_work_once_published() -> None:
    publication = _published(planned=False)
    assert publication.first_comment_status is None
    assert not publication.first_comment_due(NOON)
    assert not publication.has_work


def test_the_first_claim_records_its_request_and_knows_of_no_earlier_one() -> None:
    publication = _published()
    assert publication.claim_first_comment(NOON, LEASE) is False
    assert publication.first_comment_requested_at == NOON
    assert publication.next_run_at == NOON + LEASE
    assert not publication.first_comment_due(NOON), "held by its claim"


def test_a_claim_after_an_unseen_outcome_knows_the_comment_may_be_there() -> None:
    publication = _published()
    publication.claim_first_comment(NOON, LEASE)
    later = NOON + timedelta(seconds=10)
    publication.first_comment_retry_at(later, "No answer came.", now=NOON)
    assert publication.claim_first_comment(later, LEASE) is True
    assert publication.first_comment_requested_at == NOON, "the first request's moment stays"
    assert publication.first_comment_attempts == 2


def test_a_written_comment_is_done_and_clears_the_error() -> None:
    publication = _published()
    publication.claim_first_comment(NOON, LEASE)
    publication.first_comment_retry_at(NOON, "Instagram is down.", now=NOON)
    publication.claim_first_comment(NOON, LEASE)
    publication.first_comment_written("c-1", now=NOON)
    assert publication.first_comment_id == "c-1"
    assert publication.first_comment_error is None
    assert not publication.has_work
    with pytest.raises(InvalidTransition):
        publication.first_comment_written("c-2", now=NOON)


def test_a_failed_comment_leaves_the_post_published() -> None:
    publication = _published()
    publication.claim_first_comment(NOON, LEASE)
    publication.first_comment_failed("Instagram refused it.", now=NOON)
    assert publication.status is PublicationStatus.PUBLISHED
    assert publication.error is None
    assert publication.first_comment_error == "Instagram refused it."
    assert not publication.has_work


def test_the_comments_retry_window_runs_from_the_post_being_published() -> None:
    publication = _published()
    assert publication.first_comment_deadline(timedelta(hours=1)) == NOON + timedelta(hours=1)


def test_a_new_container_plans_again_from_what_is_published_now() -> None:
    publication = ScheduledPublication(
        post_id=1,
        credential_id=1,
        platform="instagram",
        publish_at=NOON,
        next_run_at=NOON,
        created_at=NOON - timedelta(days=1),
    )
    publication.plan_first_comment(True, now=NOON)
    publication.plan_first_comment(False, now=NOON)  # the post was edited meanwhile
    publication.claim(NOON, LEASE)
    publication.mark_published("m1", None, NOON)
    assert not publication.has_work
