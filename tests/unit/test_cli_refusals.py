"""The commands say a refusal as they always have: the option it is about, then why."""

from __future__ import annotations

from autopost.application.instagram.sync import SyncReport
from autopost.application.people.errors import InvalidUserDetails
from autopost.application.pinterest.errors import BoardsMalformed
from autopost.domain.errors import AccountNotChosen
from autopost.entrypoints.cli import _said, sync_summary


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


def test_a_sync_says_what_it_read_and_that_the_next_goes_on_when_it_stopped() -> None:
    stopped = SyncReport(1, False, 2, 200, 200, 0, 0, finished=False, retries=7, stopped="HTTP 503")
    done, why = sync_summary(stopped)
    assert done.startswith("200 media read in 2 page(s): 200 new or changed")
    assert "(7 call(s) tried again)" in done
    assert why == "stopped part way (HTTP 503); the next sync goes on from there."
    resumed = SyncReport(1, False, 1, 50, 50, 0, 0, resumed=True)
    done, why = sync_summary(resumed)
    assert done.startswith("went on from where the last sync stopped; 50 media read")
    assert why is None
