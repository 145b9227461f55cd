"""The HTTP edge answers each refusal the application names under the field of the request
it is about, in the earlier API's words: one table, and every refusal has its line."""

from __future__ import annotations

import importlib
import json
import pkgutil
from types import SimpleNamespace

import pytest
from starlette.requests import Request

import autopost.application
import autopost.domain
from autopost.adapters.http.refusal_fields import FIELD_OF, field_errors, on_field
from autopost.adapters.http.responses import domain_error
from autopost.application.instagram.errors import CommentRefused
from autopost.application.integrations.errors import (
    AccessTokenBlank,
    AccountStillUsed,
    HuntflowAddressUnknown,
)
from autopost.application.messages import Message
from autopost.application.people.errors import (
    ApiTokensNeedAUser,
    CannotDeleteYourself,
    InvalidUserDetails,
    PasswordsDiffer,
    PasswordTooWeak,
    TokenNameInvalid,
    UnknownGroups,
    UsernameTaken,
    WrongOldPassword,
)
from autopost.application.pinterest.errors import BoardsMalformed, DefaultBoardUnknown
from autopost.application.posting.approval_errors import ReviewCommentRequired
from autopost.application.posting.errors import (
    AccountRequired,
    AccountsNamedTwice,
    BestTimeWithATime,
    InstagramAccountNotConnected,
    NoBestTimeYet,
    NoFreeSlot,
    NoPostingSlots,
    NotTheCredentialsAccount,
    NotTheQueue,
    OverrideForAnotherAccount,
    PinterestTakesNoToken,
    QueuedWithATime,
    TokenForManyAccounts,
    TopicMatchesNoBoard,
    UnknownAccounts,
    UnknownCredential,
    UnknownPinterestAccount,
)
from autopost.domain.board import BoardNotFound
from autopost.domain.errors import AccountNotChosen, Refused, ValidationFailed
from autopost.domain.idempotency import IdempotencyKeyInvalid
from autopost.domain.recurrence import InvalidRecurrence

# Each refusal, and the answer the API has always given for it.
ANSWERS: list[tuple[Refused, dict[str, list[str]]]] = [
    (
        PinterestTakesNoToken(),
        {
            "token": [
                "Connect the Pinterest account instead (/auth/pinterest/authorize/ or "
                "POST /api/v1/credentials/); its tokens are kept and renewed there."
            ]
        },
    ),
    (UnknownPinterestAccount(), {"user_id": ["No Pinterest account of that name."]}),
    (
        UnknownAccounts([7, 9]),
        {"credentials": ["No connected account with the id 7, 9."]},
    ),
    (
        AccountsNamedTwice(),
        {
            "credentials": [
                "Name the accounts either in credentials, or one in credential or user_id."
            ]
        },
    ),
    (
        TokenForManyAccounts(),
        {
            "token": [
                "A token connects one account: connect each account first, then name them "
                "in credentials."
            ]
        },
    ),
    (
        OverrideForAnotherAccount(5),
        {"overrides": ["Account 5 is not one of this post's credentials."]},
    ),
    (
        ReviewCommentRequired(),
        {"comment": ["Say what to change: a post is sent back with a comment."]},
    ),
    (
        InvalidRecurrence("The frequency is daily, weekly or monthly."),
        {"repeat": ["The frequency is daily, weekly or monthly."]},
    ),
    (
        UnknownCredential("instagram"),
        {"credential": ["No instagram account with this id is connected."]},
    ),
    (NotTheCredentialsAccount(), {"user_id": ["This is not the account of that credential."]}),
    (
        AccountRequired(),
        {"user_id": ["This field is required (or give the id of a connected account)."]},
    ),
    (
        InstagramAccountNotConnected(),
        {
            "user_id": [
                "No Instagram account with this id is connected: connect it, or send its "
                "access token in `token`."
            ]
        },
    ),
    (
        TopicMatchesNoBoard(BoardNotFound("Rust", ["Python", "Go"])),
        {"topic": [str(BoardNotFound("Rust", ["Python", "Go"]))]},
    ),
    (
        NoPostingSlots(),
        {
            "queue": [
                "This account has no posting slots: set them (PUT "
                "/api/v1/credentials/{id}/slots/), or give the post a date_pub."
            ]
        },
    ),
    (
        NoFreeSlot(),
        {"queue": ["No posting slot of this account is free in the next five years."]},
    ),
    (
        BestTimeWithATime(),
        {
            "best_time": [
                "Give one of date_pub, queue: true or best_time: true: each chooses the time."
            ]
        },
    ),
    (
        NoBestTimeYet(),
        {
            "best_time": [
                "Nothing is known yet of when this account's followers are online: collect its "
                "insights (autopost instagram insights), or give the post a date_pub."
            ]
        },
    ),
    (
        QueuedWithATime(),
        {"queue": ["Give either date_pub or queue: true, not both: the queue chooses the time."]},
    ),
    (
        NotTheQueue([3], [9, 10], [4]),
        {
            "posts": [
                "List every post of the queue once, in the new order.",
                "Missing: 3.",
                "Not in this account's queue: 9, 10.",
                "Given more than once: 4.",
            ]
        },
    ),
    (
        AccountNotChosen("Pinterest", 2),
        {"credential": ["2 Pinterest accounts are connected: say which one."]},
    ),
    (
        AccountStillUsed(),
        {"credential": ["This account still has publications, so it cannot be removed."]},
    ),
    (AccessTokenBlank(), {"access_token": ["This field may not be blank."]}),
    (
        BoardsMalformed(["code"]),
        {"boards": ['Give {"board name": "numeric board id", ...}; wrong: code']},
    ),
    (
        DefaultBoardUnknown("42"),
        {
            "default_board_id": [
                "Board 42 is not one of this account's boards: refresh them from Pinterest or "
                "add it by hand first."
            ]
        },
    ),
    (
        CommentRefused("A comment needs some text."),
        {"text": ["A comment needs some text."]},
    ),
    (HuntflowAddressUnknown(), {"api_url": [Message.HUNTFLOW_ADDRESS_UNKNOWN]}),
    (UsernameTaken(), {"username": [Message.USERNAME_TAKEN]}),
    (PasswordsDiffer(), {"non_field_errors": [Message.PASSWORDS_DIFFER]}),
    (WrongOldPassword(), {"old_password": [Message.WRONG_OLD_PASSWORD]}),
    (
        PasswordTooWeak(Message.PASSWORD_TOO_SHORT, Message.PASSWORD_TOO_COMMON),
        {"password": [Message.PASSWORD_TOO_SHORT, Message.PASSWORD_TOO_COMMON]},
    ),
    (CannotDeleteYourself(), {"non_field_errors": [Message.CANNOT_DELETE_YOURSELF]}),
    (
        UnknownGroups([7, 9]),
        {
            "groups": [
                'Invalid pk "7" - object does not exist.',
                'Invalid pk "9" - object does not exist.',
            ]
        },
    ),
    (ApiTokensNeedAUser(), {"non_field_errors": ["Only a signed-in user has API tokens."]}),
    (TokenNameInvalid(100), {"name": ["Give the token a name of 1-100 characters."]}),
    (
        IdempotencyKeyInvalid(),
        {"Idempotency-Key": ["Idempotency-Key must be 1 to 255 characters long."]},
    ),
]


def _named_refusals() -> set[type[Refused]]:
    """Every refusal the domain and the application declare, but those that name their
    values themselves (``ValidationFailed`` and what extends it)."""
    for package in (autopost.domain, autopost.application):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    found: set[type[Refused]] = set()
    waiting = [Refused]
    while waiting:
        for kind in waiting.pop().__subclasses__():
            if not issubclass(kind, ValidationFailed) and kind.__module__.startswith(
                ("autopost.domain", "autopost.application")
            ):
                found.add(kind)
                waiting.append(kind)
    return found


@pytest.mark.parametrize(("refused", "answer"), ANSWERS, ids=[type(r).__name__ for r, _ in ANSWERS])
def test_each_refusal_is_answered_under_its_field(
    refused: Refused, answer: dict[str, list[str]]
) -> None:
    assert field_errors(refused) == answer


def test_every_refusal_the_application_names_has_a_field_and_an_answer_here() -> None:
    """A refusal with no line in the table would be answered under ``non_field_errors``,
    which is wrong for most; one with no answer above is not held to the earlier API's."""
    named = _named_refusals()
    assert named, "no refusals were found: the search is broken"
    assert named - set(FIELD_OF) == set(), "refusals with no field at the edge"
    assert named - {type(refused) for refused, _ in ANSWERS} == set(), "refusals not tested"


def test_a_route_whose_request_names_the_value_otherwise_says_which_field() -> None:
    weak = PasswordTooWeak(Message.PASSWORD_TOO_COMMON)
    assert on_field(weak, "new_password").errors == {"new_password": [Message.PASSWORD_TOO_COMMON]}
    assert on_field(UnknownGroups([9]), "group_ids").errors == {
        "group_ids": ['Invalid pk "9" - object does not exist.']
    }


def test_values_refused_one_by_one_keep_their_names() -> None:
    details = InvalidUserDetails(
        {"username": [Message.USERNAME_TAKEN], "email": [Message.EMAIL_TAKEN]}
    )
    assert field_errors(details) == details.errors
    assert list(field_errors(details)) == ["username", "email"], "in the order found"


def _request(accept: str) -> Request:
    app = SimpleNamespace(state=SimpleNamespace(language="ru"))
    return Request({"type": "http", "headers": [(b"accept-language", accept.encode())], "app": app})


async def test_the_answer_is_a_400_in_the_language_asked_for() -> None:
    response = await domain_error(_request("en"), WrongOldPassword())
    assert response.status_code == 400
    assert json.loads(bytes(response.body)) == {
        "old_password": ["The current password is not correct"]
    }
    response = await domain_error(_request("ru"), WrongOldPassword())
    assert json.loads(bytes(response.body)) == {"old_password": [Message.WRONG_OLD_PASSWORD]}
