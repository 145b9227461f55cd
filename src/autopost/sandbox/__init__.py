"""Local emulators of the platform APIs Autopost talks to, for tests, benchmarks and trying it out.

Standalone fakes of the platforms: nothing here imports Autopost's domain, application or
adapters.
"""

from autopost.sandbox.app import create_app, run
from autopost.sandbox.settings import InstagramSettings, SandboxSettings

__all__ = ["InstagramSettings", "SandboxSettings", "create_app", "run"]
