"""What platform calls the sandbox received, for tests to look at. Never holds a token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class LoggedRequest:
    method: str
    path: str
    params: dict[str, str]
    status: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "params": self.params,
            "status": self.status,
        }


class RequestLog:
    def __init__(self) -> None:
        self.entries: list[LoggedRequest] = []

    def record(self, method: str, path: str, params: dict[str, str]) -> LoggedRequest:
        entry = LoggedRequest(
            method, path, {k: v for k, v in params.items() if k != "access_token"}
        )
        self.entries.append(entry)
        return entry

    def clear(self) -> None:
        self.entries.clear()
