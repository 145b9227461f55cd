"""Whose posts wait for a reviewer."""

import pytest

from autopost.domain.access import Role, permissions_of
from autopost.domain.approval import may_review, needs_approval


@pytest.mark.parametrize(
    ("roles", "superuser", "reviews"),
    [
        ({Role.ADMINISTRATORS}, False, True),
        ({Role.PUBLISHERS}, False, True),
        ({Role.CONTRIBUTORS}, False, False),
        ({Role.OBSERVERS}, False, False),
        ({Role.CONTRIBUTORS, Role.PUBLISHERS}, False, True),
        (set(), True, True),
    ],
)
def test_publishers_and_administrators_review(
    roles: set[Role], superuser: bool, reviews: bool
) -> None:
    assert may_review(permissions_of(roles, superuser)) is reviews


@pytest.mark.parametrize(
    ("everywhere", "account", "expected"),
    [(False, False, False), (True, False, True), (False, True, True), (True, True, True)],
)
def test_a_contributors_post_waits_where_approval_is_on_for_all_or_for_its_account(
    everywhere: bool, account: bool, expected: bool
) -> None:
    contributor = permissions_of({Role.CONTRIBUTORS})
    assert (
        needs_approval(contributor, required_everywhere=everywhere, account_requires=account)
        is expected
    )


@pytest.mark.parametrize("role", [Role.PUBLISHERS, Role.ADMINISTRATORS])
def test_a_reviewers_own_post_never_waits(role: Role) -> None:
    granted = permissions_of({role})
    assert not needs_approval(granted, required_everywhere=True, account_requires=True)
