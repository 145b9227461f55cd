"""The knobs of webhook deliveries, set from configuration."""

from __future__ import annotations

from datetime import timedelta

from attrs import frozen


@frozen
class WebhookPolicy:
    """``allow_private``: receivers on private, loopback or link-local addresses (and plain
    http) may be registered and called. ``lease``: how long a try may take before another one
    may be made (longer than the receiver's timeout). ``batch``: how many events or deliveries
    one run of the sweep takes."""

    allow_private: bool = False
    lease: timedelta = timedelta(minutes=2)
    batch: int = 200
