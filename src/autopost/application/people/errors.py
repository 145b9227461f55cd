"""What managing people refuses, one class for each rule."""

from __future__ import annotations

from collections.abc import Sequence

from autopost.application.messages import Message
from autopost.domain.errors import Refused, ValidationFailed


class InvalidUserDetails(ValidationFailed):
    """Details of a user break their rules (missing, malformed, too long, taken), each
    under the name of the detail: the user's attribute, the integration key's name, or the
    password and its confirmation."""


class UsernameTaken(Refused):
    """Another user has this username (whatever its case)."""

    def __init__(self) -> None:
        super().__init__(Message.USERNAME_TAKEN)


class PasswordsDiffer(Refused):
    """A password and its confirmation are not the same."""

    def __init__(self) -> None:
        super().__init__(Message.PASSWORDS_DIFFER)


class WrongOldPassword(Refused):
    """A password change did not give the current password."""

    def __init__(self) -> None:
        super().__init__(Message.WRONG_OLD_PASSWORD)


class PasswordTooWeak(Refused):
    """A new password is too easy to guess: ``messages`` say why."""


class CannotDeleteYourself(Refused):
    """A user asked to delete their own account."""

    def __init__(self) -> None:
        super().__init__(Message.CANNOT_DELETE_YOURSELF)


class UnknownGroups(Refused):
    """Groups given to a user that do not exist; ``group_ids`` are those."""

    def __init__(self, group_ids: Sequence[int]) -> None:
        super().__init__(*(f'Invalid pk "{g}" - object does not exist.' for g in group_ids))
        self.group_ids = list(group_ids)


class ApiTokensNeedAUser(Refused):
    """API tokens were asked for by someone who is not a signed-in user (Autopost itself)."""

    def __init__(self) -> None:
        super().__init__("Only a signed-in user has API tokens.")


class TokenNameInvalid(Refused):
    """An API token's name is empty or longer than ``longest`` characters."""

    def __init__(self, longest: int) -> None:
        super().__init__(f"Give the token a name of 1-{longest} characters.")
        self.longest = longest
