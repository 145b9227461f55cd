"""The Graph emulator's live state and settings, and how a reset brings them back."""

from __future__ import annotations

from autopost.sandbox.graph_usage import UsageMeter
from autopost.sandbox.instagram_state import InstagramState
from autopost.sandbox.settings import InstagramSettings


class InstagramSandbox:
    def __init__(self, settings: InstagramSettings) -> None:
        self.initial_settings = settings
        self.settings = settings
        self.state = InstagramState()
        self.usage = UsageMeter()

    def reset(self) -> None:
        """Back to the settings it started with and only the demo account."""
        self.settings = self.initial_settings
        self.state = InstagramState()
        self.usage = UsageMeter()
