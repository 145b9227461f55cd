from __future__ import annotations

from typing import Protocol

from attrs import frozen


@frozen
class StepReport:
    """How a step of work on a publication ended. ``outcome``: what came of it, as its
    timeline says (``Answer``: ``ready``, ``published``, ``quota``, ``rate_limited``, ``retry``,
    …); ``status``: the publication's status after it. ``lateness_seconds``: once published,
    how long after its ``date_pub``. ``wait_seconds``: how long a rate limit makes it wait."""

    platform: str
    outcome: str
    status: str
    lateness_seconds: float | None = None
    wait_seconds: float | None = None


class PublishingObserver(Protocol):
    """What publishing tells the operators: the work at hand (for the log lines written
    meanwhile) and how each step ended (for the metrics). Called on the publishing path, in
    the task that does the work: an implementation only counts and remembers, never does I/O
    and never raises."""

    def working_on(self, publication_id: int, post_id: int) -> None: ...

    def step_ended(self, report: StepReport) -> None: ...


class NoPublishingObserver:
    """Tells no one: the default where nobody is watching (tests, tools)."""

    def working_on(self, publication_id: int, post_id: int) -> None:
        pass

    def step_ended(self, report: StepReport) -> None:
        pass
