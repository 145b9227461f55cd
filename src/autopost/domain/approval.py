"""Whose posts wait for a reviewer: the one rule of approval.

Approval is on for every account (a setting) or for one account (its ``requires_approval``).
Where it is on, a post written by someone without full control of posts (a Contributor) waits
as ``awaiting_approval`` until someone who has it (a Publisher or an Administrator) approves it
or sends it back. Reviewers' own posts are scheduled directly.
"""

from __future__ import annotations

from collections.abc import Set

from autopost.domain.access import Action, Permission, Resource

# Full control of every post, not only of one's own: Publishers and Administrators.
REVIEWING = Permission(Action.CHANGE, Resource.POST)


def may_review(granted: Set[Permission]) -> bool:
    """May someone with ``granted`` approve posts, or send them back?"""
    return REVIEWING in granted


def needs_approval(
    granted: Set[Permission], *, required_everywhere: bool, account_requires: bool
) -> bool:
    """Does a post scheduled (or edited) by someone with ``granted``, for an account that
    ``account_requires`` approval or not, wait for a reviewer?"""
    return (required_everywhere or account_requires) and not may_review(granted)
