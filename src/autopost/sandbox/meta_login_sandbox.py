"""The login emulators' live state and settings, and how a reset brings them back."""

from __future__ import annotations

from autopost.sandbox.meta_login_settings import MetaLoginSettings
from autopost.sandbox.meta_login_state import MetaLoginState


class MetaLoginSandbox:
    def __init__(self, settings: MetaLoginSettings) -> None:
        self.initial_settings = settings
        self.settings = settings
        self.state = MetaLoginState()

    def reset(self) -> None:
        """Back to the settings it started with, the demo user and their one Page."""
        self.settings = self.initial_settings
        self.state = MetaLoginState()
