"""Whether this instance can do its work: each thing it needs, and what it says of itself."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import field, frozen


@frozen
class Check:
    """One thing the instance needs. ``detail`` says its state in words, and when it is not
    ``ok``, what to do about it. ``facts`` are the figures behind it, for machines."""

    name: str
    ok: bool
    detail: str
    facts: dict[str, object] = field(factory=dict)


@frozen
class Readiness:
    checks: Sequence[Check]

    @property
    def ready(self) -> bool:
        """Ready only when every check is: a worker alive on a database it can read is of no
        use if the broker is down, and the other way round."""
        return all(check.ok for check in self.checks)

    @property
    def problems(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]
