"""Faults a test arms on purpose: the next matching platform calls fail, or answer late.

``error`` answers with a Graph error without doing the work; ``delay_before`` waits and then
handles the call; ``delay_after`` does the work and then waits, so a client with a shorter
timeout sees a timeout although the platform acted.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from autopost.sandbox.graph_errors import GraphError

UNEXPECTED = "An unexpected error has occurred. Please retry your request later."
RATE_LIMITED = "(#4) Application request limit reached"
_TRANSIENT_CODES = frozenset({1, 2, 4, 17, 341})


class FaultAction(enum.StrEnum):
    ERROR = "error"
    DELAY_BEFORE = "delay_before"
    DELAY_AFTER = "delay_after"


class InvalidFault(ValueError):
    pass


@dataclass
class Fault:
    action: FaultAction
    times: int = 1
    method: str | None = None
    path_suffix: str | None = None
    status: int = 500
    code: int = 2
    subcode: int | None = None
    message: str | None = None
    error_type: str = "OAuthException"
    seconds: float = 1.0

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        return not self.path_suffix or path.rstrip("/").endswith(self.path_suffix.rstrip("/"))

    def graph_error(self) -> GraphError:
        default = RATE_LIMITED if self.code == 4 else UNEXPECTED
        return GraphError(
            self.message or default,
            code=self.code,
            subcode=self.subcode,
            type=self.error_type,
            status=self.status,
            is_transient=self.code in _TRANSIENT_CODES or None,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "action": self.action.value,
            "times": self.times,
            "method": self.method,
            "path_suffix": self.path_suffix,
            "status": self.status,
            "code": self.code,
            "subcode": self.subcode,
            "message": self.message,
            "seconds": self.seconds,
        }


class FaultBook:
    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        self._faults.append(fault)

    def clear(self) -> None:
        self._faults.clear()

    def armed(self) -> list[Fault]:
        return list(self._faults)

    def take(self, method: str, path: str) -> Fault | None:
        """The first armed fault matching this call, used up by one."""
        for fault in self._faults:
            if fault.matches(method, path):
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None


def fault_from_json(body: Any) -> Fault:
    if not isinstance(body, dict):
        raise InvalidFault("a fault is a JSON object")
    try:
        action = FaultAction(str(body.get("action")))
    except ValueError:
        raise InvalidFault("action must be one of: error, delay_before, delay_after") from None
    status = _int(body, "status", 500, 400, 599)
    method = body.get("method")
    suffix = body.get("path_suffix")
    message = body.get("message")
    subcode = body.get("subcode")
    for name, value in (("method", method), ("path_suffix", suffix), ("message", message)):
        if value is not None and not isinstance(value, str):
            raise InvalidFault(f"{name} must be a string")
    if subcode is not None and (isinstance(subcode, bool) or not isinstance(subcode, int)):
        raise InvalidFault("subcode must be an integer")
    seconds = body.get("seconds", 1.0)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        raise InvalidFault("seconds must be a number of seconds, 0 or more")
    return Fault(
        action=action,
        times=_int(body, "times", 1, 1, 1_000_000),
        method=method.upper() if method else None,
        path_suffix=suffix,
        status=status,
        code=_int(body, "code", 4 if status == 429 else 2, -(2**31), 2**31),
        subcode=subcode,
        message=message,
        error_type=str(body.get("type") or "OAuthException"),
        seconds=float(seconds),
    )


def _int(body: dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidFault(f"{name} must be an integer from {low} to {high}")
    return value
