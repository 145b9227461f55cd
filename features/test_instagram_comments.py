"""Comments on Instagram media: written, synced, replied to, hidden and deleted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from autopost.application.access import SYSTEM
from autopost.application.instagram.comments import (
    CommentOnMedia,
    DeleteComment,
    HideComment,
    ListComments,
    ReplyToComment,
)
from autopost.application.instagram.errors import CommentRefused
from autopost.application.ports.instagram_media_gateway import RemoteComment
from autopost.domain.errors import DomainError
from autopost.domain.instagram_media import Comment, InstagramMedia
from features.conftest import Scenario, run

scenarios("instagram_comments.feature")

WHEN = datetime(2026, 11, 30, tzinfo=UTC)


class CommentScenario:
    def __init__(self) -> None:
        self.refusal: DomainError | None = None


@pytest.fixture
def talk() -> CommentScenario:
    return CommentScenario()


def newest(scenario: Scenario) -> InstagramMedia:
    media = scenario.world.store.rows["media"].values()
    return max(media, key=lambda m: m.timestamp)  # type: ignore[no-any-return]


def newest_pk(scenario: Scenario) -> int:
    media = newest(scenario)
    assert media.id is not None
    return media.id


def by_text(scenario: Scenario, text: str) -> Comment:
    comments = scenario.world.store.rows["comments"].values()
    return next(c for c in comments if c.text == text)  # type: ignore[no-any-return]


def pk(scenario: Scenario, text: str) -> int:
    comment_id = by_text(scenario, text).id
    assert comment_id is not None
    return comment_id


@when(parsers.parse('"{text}" is commented on the newest media'))
def comment(scenario: Scenario, talk: CommentScenario, text: str) -> None:
    try:
        run(scenario.world.comments(CommentOnMedia).execute(SYSTEM, newest_pk(scenario), text))
    except CommentRefused as refused:
        talk.refusal = refused


@given(parsers.parse('someone commented "{text}" on the newest media, with the reply "{reply}"'))
def someone_commented(scenario: Scenario, text: str, reply: str) -> None:
    scenario.world.media_gateway.comments_of[newest(scenario).media_id] = [
        RemoteComment("5001", text, WHEN, "a_follower"),
        RemoteComment("5002", reply, WHEN, "quiz_team", parent_id="5001"),
    ]


@given("the comments of the newest media were refreshed")
@when("the comments of the newest media are refreshed")
def refreshed(scenario: Scenario) -> None:
    run(scenario.world.comments(ListComments).execute(SYSTEM, newest_pk(scenario), refresh=True))


@when(parsers.parse('"{text}" is replied to "{parent}"'))
def replied(scenario: Scenario, text: str, parent: str) -> None:
    run(scenario.world.comments(ReplyToComment).execute(SYSTEM, pk(scenario, parent), text))


@when(parsers.parse('"{text}" is hidden'))
def hidden(scenario: Scenario, text: str) -> None:
    run(scenario.world.comments(HideComment).execute(SYSTEM, pk(scenario, text), True))


@when(parsers.parse('"{text}" is deleted'))
def deleted(scenario: Scenario, text: str) -> None:
    run(scenario.world.comments(DeleteComment).execute(SYSTEM, pk(scenario, text)))


@then(parsers.parse('Instagram has the comment "{text}"'))
def instagram_has(scenario: Scenario, text: str) -> None:
    remote = scenario.world.media_gateway.comments_of[newest(scenario).media_id]
    assert [c.text for c in remote] == [text]


@then(parsers.re(r'the newest media lists the comments? "(?P<texts>[^"]+)"'))
def lists_comments(scenario: Scenario, texts: str) -> None:
    listed = run(scenario.world.comments(ListComments).execute(SYSTEM, newest_pk(scenario)))
    assert [c.text for c in listed] == [t.strip() for t in texts.split(",")]


@then(parsers.parse('the comment is refused because "{words}"'))
def refused(talk: CommentScenario, words: str) -> None:
    assert talk.refusal is not None and words in str(talk.refusal)


@then("Instagram received no comment")
def no_comment(scenario: Scenario) -> None:
    assert "add_comment" not in scenario.world.media_gateway.calls


@then(parsers.parse('"{reply}" is a reply to "{parent}"'))
def is_reply(scenario: Scenario, reply: str, parent: str) -> None:
    assert by_text(scenario, reply).parent_id == by_text(scenario, parent).comment_id


@then(parsers.parse('"{text}" is hidden on Instagram'))
def hidden_on_instagram(scenario: Scenario, text: str) -> None:
    assert "hide_comment" in scenario.world.media_gateway.calls
    assert by_text(scenario, text).hidden


@then("the audit log says the comments were replied to, hidden and deleted")
def audited(scenario: Scenario) -> None:
    entries = scenario.world.store.rows["audit"].values()
    assert [(e.action, e.resource) for e in entries if e.resource == "comment"] == [
        ("replied", "comment"),
        ("hidden", "comment"),
        ("deleted", "comment"),
    ]
