"""Errors the domain names. The HTTP edge turns them into responses in one place."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a rule of Autopost can raise."""


class Refused(DomainError):
    """A request breaks a rule: the subclass names the rule, ``messages`` say why to the
    person who asked (entries of the message catalogue where it has them). Which field of a
    request a refusal is about is the edge's to say, not the rule's."""

    def __init__(self, *messages: str) -> None:
        super().__init__(" ".join(messages))
        self.messages: tuple[str, ...] = messages


class ValidationFailed(Refused):
    """Values break rules one by one. ``errors`` maps the name of each value to the messages
    about it: a field of a request when the edge refuses it, an attribute of a record when
    a rule checks the record's attributes one by one."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(*(message for messages in errors.values() for message in messages))
        self.errors = errors

    def __str__(self) -> str:
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in self.errors.items())


class AccountNotChosen(Refused):
    """More (or fewer) than one account of the platform is connected, and the request did
    not say which one it means."""

    def __init__(self, platform_name: str, connected: int) -> None:
        super().__init__(f"{connected} {platform_name} accounts are connected: say which one.")
        self.platform_name = platform_name
        self.connected = connected


class NotFound(DomainError):
    def __init__(self, what: str, identifier: object) -> None:
        super().__init__(f"{what} {identifier} was not found")
        self.what = what
        self.identifier = identifier


class Conflict(DomainError):
    """The request is valid, but the record's current state does not allow it."""


class InvalidTransition(Conflict):
    """A publication was asked to do something its status does not allow."""

    def __init__(self, status: str, action: str) -> None:
        super().__init__(f"a publication that is {status} cannot be {action}")
        self.status = status
        self.action = action


class ConcurrentUpdate(DomainError):
    """Someone else changed the record first; the caller's view of it is stale. Doing it
    again, from the record as it is now, is the answer, and the message says so."""

    def __init__(self, what_happened: str) -> None:
        super().__init__(f"{what_happened}; load it again and retry")


class NotSetUp(DomainError):
    """A feature needs settings this server does not have (an OAuth app's id and secret).
    ``feature`` names it: ``instagram-facebook-login``, ``instagram-login``, ``pinterest``,
    ``google``."""

    def __init__(self, feature: str) -> None:
        super().__init__(f"{feature} is not set up on this server")
        self.feature = feature


class AuthenticationFailed(DomainError):
    pass


class PermissionDenied(DomainError):
    """The user is signed in, but their roles do not allow this."""

    def __init__(self, message: str = "You do not have permission to perform this action.") -> None:
        super().__init__(message)
