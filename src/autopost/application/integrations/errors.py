"""What connecting accounts and testing integration keys refuse, one class for each rule."""

from __future__ import annotations

from autopost.application.messages import Message
from autopost.domain.errors import Refused


class AccessTokenBlank(Refused):
    """An account is connected with an empty access token."""

    def __init__(self) -> None:
        super().__init__("This field may not be blank.")


class AccountStillUsed(Refused):
    """A connected account is removed while publications still go out from it."""

    def __init__(self) -> None:
        super().__init__("This account still has publications, so it cannot be removed.")


class HuntflowAddressUnknown(Refused):
    """A Huntflow key is to be tested against an address that is not one of the Huntflow
    addresses this server is set up with: the key is sent to Huntflow only."""

    def __init__(self) -> None:
        super().__init__(Message.HUNTFLOW_ADDRESS_UNKNOWN)
