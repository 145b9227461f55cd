"""Which field of a request each refusal is about, and its words in the API's answer.

The application names the rule a request breaks (``UnknownCredential``, ``PasswordTooWeak``);
the API answers ``{"field": ["message", ...]}`` with the field of the request the earlier API
named. This table is the one place that knows those fields: a new refusal gets its line here,
and a test fails until it has one.
"""

from __future__ import annotations

from collections.abc import Mapping

from autopost.application.instagram.errors import CommentRefused
from autopost.application.integrations.errors import (
    AccessTokenBlank,
    AccountStillUsed,
    HuntflowAddressUnknown,
)
from autopost.application.people.errors import (
    ApiTokensNeedAUser,
    CannotDeleteYourself,
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
from autopost.domain.errors import AccountNotChosen, Refused, ValidationFailed
from autopost.domain.idempotency import IdempotencyKeyInvalid
from autopost.domain.recurrence import InvalidRecurrence

# Where the earlier API put what is about the request as a whole.
NON_FIELD = "non_field_errors"

FIELD_OF: Mapping[type[Refused], str] = {
    # Scheduling a post: the account it goes out from, the board a pin goes to.
    PinterestTakesNoToken: "token",
    UnknownPinterestAccount: "user_id",
    UnknownCredential: "credential",
    NotTheCredentialsAccount: "user_id",
    AccountRequired: "user_id",
    InstagramAccountNotConnected: "user_id",
    TopicMatchesNoBoard: "topic",
    UnknownAccounts: "credentials",
    AccountsNamedTwice: "credentials",
    TokenForManyAccounts: "token",
    OverrideForAnotherAccount: "overrides",
    # Sending a post back to its author.
    ReviewCommentRequired: "comment",
    # Queueing a post in the account's slots, and reordering its queue.
    NoPostingSlots: "queue",
    NoFreeSlot: "queue",
    QueuedWithATime: "queue",
    BestTimeWithATime: "best_time",
    NoBestTimeYet: "best_time",
    NotTheQueue: "posts",
    InvalidRecurrence: "repeat",
    # Connected accounts, their boards and comments, integration keys.
    AccountNotChosen: "credential",
    AccountStillUsed: "credential",
    AccessTokenBlank: "access_token",
    BoardsMalformed: "boards",
    DefaultBoardUnknown: "default_board_id",
    CommentRefused: "text",
    HuntflowAddressUnknown: "api_url",
    # People. A route whose request names the value otherwise says so (``on_field``):
    # changing one's password names it ``new_password``, assigning groups ``group_ids``.
    UsernameTaken: "username",
    PasswordsDiffer: NON_FIELD,
    WrongOldPassword: "old_password",
    PasswordTooWeak: "password",
    CannotDeleteYourself: NON_FIELD,
    UnknownGroups: "groups",
    ApiTokensNeedAUser: NON_FIELD,
    TokenNameInvalid: "name",
    # The header of a create that names it for a retry.
    IdempotencyKeyInvalid: "Idempotency-Key",
}

# Where the answer says more than the rule does: which of the API's routes connect an
# account, which field of the request carries a token.
EDGE_WORDS: Mapping[type[Refused], str] = {
    PinterestTakesNoToken: (
        "Connect the Pinterest account instead (/auth/pinterest/authorize/ or "
        "POST /api/v1/credentials/); its tokens are kept and renewed there."
    ),
    InstagramAccountNotConnected: (
        "No Instagram account with this id is connected: connect it, or send its "
        "access token in `token`."
    ),
}


def _entry(table: Mapping[type[Refused], str], refused: Refused) -> str | None:
    """The line of the table for ``refused``'s class, or for the nearest class it extends."""
    return next((table[kind] for kind in type(refused).__mro__ if kind in table), None)


def field_errors(refused: Refused, field: str | None = None) -> dict[str, list[str]]:
    """``refused`` as the API answers it: its messages under the field of the request it is
    about, ``field`` when the route names it, else the table's. A ``ValidationFailed``
    names its fields (or the record's attributes, which the API's fields are named after)
    itself."""
    if isinstance(refused, ValidationFailed):
        return refused.errors
    words = _entry(EDGE_WORDS, refused)
    messages = [words] if words is not None else list(refused.messages)
    return {field or _entry(FIELD_OF, refused) or NON_FIELD: messages}


def on_field(refused: Refused, field: str) -> ValidationFailed:
    """``refused`` about the request's ``field``: for a route whose request names the value
    otherwise than the table does."""
    return ValidationFailed(field_errors(refused, field))
