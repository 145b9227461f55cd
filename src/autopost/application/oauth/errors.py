"""How an OAuth callback is refused once its state is spent."""

from __future__ import annotations

from autopost.application.ports.platform_errors import PlatformError


class ConnectRefused(PlatformError):
    """The person declined, or the provider would not exchange the code, or what it gave
    cannot be used here."""
