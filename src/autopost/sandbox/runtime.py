"""Everything one running sandbox holds, shared by the platform routes and the control API."""

from __future__ import annotations

from autopost.sandbox.clock import Clock
from autopost.sandbox.faults import FaultBook
from autopost.sandbox.instagram_sandbox import InstagramSandbox
from autopost.sandbox.latency import Latency
from autopost.sandbox.outages import Outages
from autopost.sandbox.request_log import RequestLog
from autopost.sandbox.settings import SandboxSettings


class Sandbox:
    def __init__(self, settings: SandboxSettings, clock: Clock, latency: Latency) -> None:
        self.clock = clock
        self.latency = latency
        self.requests = RequestLog()
        self.faults = FaultBook()
        self.instagram = InstagramSandbox(settings.instagram)
        self.outages = Outages()

    def reset(self) -> None:
        self.requests.clear()
        self.faults.clear()
        self.instagram.reset()
        self.outages.reset()
        self.latency.reset()
