"""Faults a test arms on purpose: the next matching platform calls fail, or answer late.

``error`` answers with a Graph error without doing the work; ``delay_before`` waits and then
handles the call; ``delay_after`` does the work and then waits, so a client with a shorter
timeout sees a timeout although the platform acted.

A fault with a ``chance`` strikes matching calls at random instead of the next ones: each call
rolls the sandbox's dice once, and the chances of the faults it matches share that roll (10 %
and 10 %: a fifth of the calls fail, each way as often). ``seed`` restarts the dice, so that
a run is repeatable.
"""

from __future__ import annotations

import enum
import random
from dataclasses import dataclass
from typing import Any

from autopost.sandbox.graph_errors import GraphError

UNEXPECTED = "An unexpected error has occurred. Please retry your request later."
RATE_LIMITED = "(#4) Application request limit reached"
# Graph's rate-limit codes, by what is limited, and their messages.
APP_LIMITS = frozenset({4, 17})
ACCOUNT_LIMITS = frozenset({32, 613, 80002})
LIMIT_MESSAGES = {
    4: RATE_LIMITED,
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
    80002: "There have been too many calls to this Instagram account. Wait a bit and try again.",
}
_TRANSIENT_CODES = frozenset({1, 2, 4, 17, 341, 80002})


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
    chance: float | None = None  # strikes each matching call with this chance
    seed: int | None = None  # restarts the dice when the fault is armed

    @property
    def limits_rate(self) -> bool:
        return self.code in APP_LIMITS | ACCOUNT_LIMITS

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        return not self.path_suffix or path.rstrip("/").endswith(self.path_suffix.rstrip("/"))

    def graph_error(self) -> GraphError:
        default = LIMIT_MESSAGES.get(self.code, UNEXPECTED)
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
            "chance": self.chance,
        }


class FaultBook:
    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._dice = random.Random(0)

    def add(self, fault: Fault) -> None:
        if fault.seed is not None:
            self._dice.seed(fault.seed)
        self._faults.append(fault)

    def clear(self) -> None:
        self._faults.clear()
        self._dice.seed(0)

    def armed(self) -> list[Fault]:
        return list(self._faults)

    def take(self, method: str, path: str) -> Fault | None:
        """The first armed fault without a chance matching this call, else the one the dice
        pick among those with a chance; used up by one."""
        matching = [fault for fault in self._faults if fault.matches(method, path)]
        certain = [fault for fault in matching if fault.chance is None]
        if certain:
            return self._use(certain[0])
        by_chance = [fault for fault in matching if fault.chance is not None]
        if not by_chance:
            return None
        roll, reached = self._dice.random(), 0.0
        for fault in by_chance:
            assert fault.chance is not None
            reached += fault.chance
            if roll < reached:
                return self._use(fault)
        return None

    def _use(self, fault: Fault) -> Fault:
        fault.times -= 1
        if fault.times <= 0:
            self._faults.remove(fault)
        return fault


def fault_from_json(body: Any) -> Fault:
    if not isinstance(body, dict):
        raise InvalidFault("a fault is a JSON object")
    try:
        action = FaultAction(str(body.get("action")))
    except ValueError:
        raise InvalidFault("action must be one of: error, delay_before, delay_after") from None
    code_given = body.get("code")
    # Graph answers its rate limits with a 400, other failures of its own with a 500.
    limited = isinstance(code_given, int) and code_given in APP_LIMITS | ACCOUNT_LIMITS
    status = _int(body, "status", 400 if limited else 500, 400, 599)
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
    chance = body.get("chance")
    if chance is not None and (
        isinstance(chance, bool) or not isinstance(chance, int | float) or not 0 < chance <= 1
    ):
        raise InvalidFault("chance must be a number above 0 and at most 1")
    seed = body.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise InvalidFault("seed must be an integer")
    return Fault(
        action=action,
        # A fault that strikes by chance goes on striking unless told how many times.
        times=_int(body, "times", 1 if chance is None else 1_000_000, 1, 1_000_000),
        method=method.upper() if method else None,
        path_suffix=suffix,
        status=status,
        code=_int(body, "code", 4 if status == 429 else 2, -(2**31), 2**31),
        subcode=subcode,
        message=message,
        error_type=str(body.get("type") or "OAuthException"),
        seconds=float(seconds),
        chance=float(chance) if chance is not None else None,
        seed=seed,
    )


def _int(body: dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidFault(f"{name} must be an integer from {low} to {high}")
    return value
