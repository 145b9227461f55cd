"""Which emulated services are down: every call to one is answered 503 until it is up again."""

from __future__ import annotations

SERVICES = ("instagram", "pinterest", "gemini", "huntflow", "clickup", "notion", "telegram")


class Outages:
    def __init__(self) -> None:
        self._down: set[str] = set()

    def is_down(self, service: str) -> bool:
        return service in self._down

    def switch(self, service: str, down: bool) -> None:
        if down:
            self._down.add(service)
        else:
            self._down.discard(service)

    def as_json(self) -> dict[str, bool]:
        return {service: service in self._down for service in SERVICES}

    def reset(self) -> None:
        self._down.clear()
