"""How long the emulated platforms take to answer: the real Graph API answers in hundreds of
milliseconds, and ``media_publish`` can take seconds, where the sandbox answers from memory at
once. A client that publishes many posts at a time is measured against a slow platform only if
the sandbox is one.

Every platform call (Graph, Facebook and Instagram Login, Pinterest, the key-checked services)
waits ``ms`` (or the delay of the endpoint its path ends with), give or take up to
``jitter_ms``, before it is handled; a control call never waits, nor a call to a service that
is down, which its front answers at once. The wait is awaited, never slept on a thread, so the
calls in flight overlap as they do on a real platform.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Ten minutes: longer than any client waits; a typo of a few zeros is refused, not slept on.
MAX_MS = 600_000

Sleep = Callable[[float], Awaitable[None]]
# A number between the two bounds, as ``random.uniform`` draws it.
Draw = Callable[[float, float], float]


@dataclass(frozen=True)
class PlatformLatency:
    """``endpoints``: a delay of their own for the calls whose path ends with the key, whole
    segments only (``media_publish``, ``v5/pins``); the longest key that fits wins."""

    ms: float = 0.0
    jitter_ms: float = 0.0
    endpoints: Mapping[str, float] = field(default_factory=dict)

    def base_ms(self, path: str) -> float:
        segments = _segments(path)
        fitting = [key for key in self.endpoints if _ends_with(segments, _segments(key))]
        if not fitting:
            return self.ms
        return self.endpoints[max(fitting, key=lambda key: len(_segments(key)))]

    def describe(self) -> str:
        if not (self.ms or self.jitter_ms or self.endpoints):
            return "none, every call is answered at once"
        line = f"{self.ms:g} ms"
        if self.jitter_ms:
            line += f" ± {self.jitter_ms:g} ms"
        for endpoint, ms in self.endpoints.items():
            line += f", {endpoint} {ms:g} ms"
        return line

    def as_json(self) -> dict[str, Any]:
        return {"ms": self.ms, "jitter_ms": self.jitter_ms, "endpoints": dict(self.endpoints)}


class Latency:
    """The latency in force: the one the sandbox started with until a control call changes it."""

    def __init__(self, initial: PlatformLatency, sleep: Sleep, draw: Draw) -> None:
        self._initial = initial
        self._sleep = sleep
        self._draw = draw
        self.settings = initial

    async def wait(self, path: str) -> None:
        """Wait as long as a call to ``path`` takes: never below zero, whatever the jitter."""
        base = self.settings.base_ms(path)
        jitter = self.settings.jitter_ms
        delay_ms = base + (self._draw(-jitter, jitter) if jitter else 0.0)
        if delay_ms > 0:
            await self._sleep(delay_ms / 1000)

    def reset(self) -> None:
        self.settings = self._initial


def _segments(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("/") if part)


def _ends_with(segments: tuple[str, ...], tail: tuple[str, ...]) -> bool:
    return bool(tail) and segments[-len(tail) :] == tail
