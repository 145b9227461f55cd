"""The commands say a refusal as they always have: the option it is about, then why."""

from __future__ import annotations

from autopost.application.people.errors import InvalidUserDetails
from autopost.application.pinterest.errors import BoardsMalformed
from autopost.domain.errors import AccountNotChosen
from autopost.entrypoints.cli import _said


def test_a_refusal_about_an_option_names_the_option() -> None:
    assert _said(AccountNotChosen("Pinterest", 2)) == (
        "credential: 2 Pinterest accounts are connected: say which one."
    )
    assert _said(BoardsMalformed(["code"])) == (
        'boards: Give {"board name": "numeric board id", ...}; wrong: code'
    )


def test_values_refused_one_by_one_are_named_as_before() -> None:
    refused = InvalidUserDetails({"email": ["Enter a valid email address."]})
    assert _said(refused) == "email: Enter a valid email address."
