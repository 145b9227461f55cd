"""What scheduling a post refuses, one class for each rule: which account the post goes
out from, and which board a pin goes to."""

from __future__ import annotations

from autopost.domain.board import BoardNotFound
from autopost.domain.errors import Refused


class PinterestTakesNoToken(Refused):
    """A Pinterest post came with an access token: a Pinterest account is connected once,
    and Autopost keeps and renews its tokens."""

    def __init__(self) -> None:
        super().__init__(
            "Connect the Pinterest account instead; its tokens are kept and renewed there."
        )


class UnknownPinterestAccount(Refused):
    """No connected Pinterest account has the account id the post names."""

    def __init__(self) -> None:
        super().__init__("No Pinterest account of that name.")


class UnknownCredential(Refused):
    """The connected account the post names is not connected, or is another platform's."""

    def __init__(self, platform: str) -> None:
        super().__init__(f"No {platform} account with this id is connected.")
        self.platform = platform


class NotTheCredentialsAccount(Refused):
    """The post names a connected account and an account id, and they are not the same."""

    def __init__(self) -> None:
        super().__init__("This is not the account of that credential.")


class AccountRequired(Refused):
    """The post names no account to go out from."""

    def __init__(self) -> None:
        super().__init__("This field is required (or give the id of a connected account).")


class InstagramAccountNotConnected(Refused):
    """The Instagram account the post names is not connected, and no token came to
    connect it."""

    def __init__(self) -> None:
        super().__init__(
            "No Instagram account with this id is connected: connect it, or send its "
            "access token with the post."
        )


class TopicMatchesNoBoard(Refused):
    """A pin's topic names none of the account's boards, and there is no board to fall
    back on; ``known_boards`` are the ones there are."""

    def __init__(self, missing: BoardNotFound) -> None:
        super().__init__(str(missing))
        self.topic = missing.topic
        self.known_boards = missing.known_boards


class UnknownAccounts(Refused):
    """Accounts a post to several accounts names are not connected."""

    def __init__(self, missing: list[int]) -> None:
        names = ", ".join(str(credential_id) for credential_id in missing)
        super().__init__(f"No connected account with the id {names}.")
        self.missing = missing


class AccountsNamedTwice(Refused):
    """A post names its accounts in ``credentials`` and also one in ``credential`` or
    ``user_id``: which one is meant cannot be told."""

    def __init__(self) -> None:
        super().__init__(
            "Name the accounts either in credentials, or one in credential or user_id."
        )


class TokenForManyAccounts(Refused):
    """A token came with a post to several accounts: it can be the token of one of them only."""

    def __init__(self) -> None:
        super().__init__(
            "A token connects one account: connect each account first, then name them in "
            "credentials."
        )


class OverrideForAnotherAccount(Refused):
    """``overrides`` names an account the post does not go to."""

    def __init__(self, credential_id: int) -> None:
        super().__init__(f"Account {credential_id} is not one of this post's credentials.")
        self.credential_id = credential_id


class NoPostingSlots(Refused):
    """A post was asked to go in the queue of an account that has no posting slots."""

    def __init__(self) -> None:
        super().__init__(
            "This account has no posting slots: set them (PUT /api/v1/credentials/{id}/slots/), "
            "or give the post a date_pub."
        )


class NoFreeSlot(Refused):
    """Every slot of the account is taken (or its quota is full) as far ahead as the queue
    looks."""

    def __init__(self) -> None:
        super().__init__("No posting slot of this account is free in the next five years.")


class BestTimeWithATime(Refused):
    """A post was given a time, or a place in the queue, and asked for the best time."""

    def __init__(self) -> None:
        super().__init__(
            "Give one of date_pub, queue: true or best_time: true: each chooses the time."
        )


class NoBestTimeYet(Refused):
    """An account has nothing to go by for a best time: no insights kept yet."""

    def __init__(self) -> None:
        super().__init__(
            "Nothing is known yet of when this account's followers are online: collect its "
            "insights (autopost instagram insights), or give the post a date_pub."
        )


class QueuedWithATime(Refused):
    """A post was given both a time and a place in the queue: the queue chooses its time."""

    def __init__(self) -> None:
        super().__init__(
            "Give either date_pub or queue: true, not both: the queue chooses the time."
        )


class NotTheQueue(Refused):
    """A reorder of an account's queue does not name each of its posts exactly once."""

    def __init__(self, missing: list[int], strangers: list[int], repeated: list[int]) -> None:
        problems = ["List every post of the queue once, in the new order."]
        if missing:
            problems.append(f"Missing: {_listed(missing)}.")
        if strangers:
            problems.append(f"Not in this account's queue: {_listed(strangers)}.")
        if repeated:
            problems.append(f"Given more than once: {_listed(repeated)}.")
        super().__init__(*problems)
        self.missing = missing
        self.strangers = strangers
        self.repeated = repeated


def _listed(post_ids: list[int]) -> str:
    return ", ".join(str(post_id) for post_id in post_ids)
