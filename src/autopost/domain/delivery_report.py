"""How an account's publishing went over a period, from Autopost's own records: what was
published, how close to its time, and what failed and why.

A publication counts in the period its time (``publish_at``) falls in. Lateness is the time
from ``publish_at`` to the moment the platform had the post (``published_at``); a post is on
time when that is at most ``ON_TIME``. Percentiles are nearest-rank: the p99 of 50 posts is
the latest of them, never a value no post had.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from attrs import frozen

from autopost.domain.publication import PublicationStatus
from autopost.domain.refusal_advice import FailureKind, kind_of

ON_TIME = timedelta(seconds=60)
# Counted as still to come: neither published nor failed nor cancelled.
_WAITING = frozenset(
    {
        PublicationStatus.SCHEDULED,
        PublicationStatus.PROCESSING,
        PublicationStatus.AWAITING_APPROVAL,
    }
)


@frozen
class Delivery:
    """One publication as the report reads it."""

    credential_id: int
    status: PublicationStatus
    publish_at: datetime
    published_at: datetime | None
    error: str | None


@frozen
class AccountReport:
    credential_id: int | None  # None: every account together
    published: int
    failed: int
    waiting: int
    on_time: int
    lateness_p50: timedelta | None
    lateness_p99: timedelta | None
    failures: tuple[tuple[FailureKind, int], ...]  # most first

    @property
    def on_time_rate(self) -> float | None:
        """The share of published posts that were on time; None when none was published."""
        return self.on_time / self.published if self.published else None


def percentile(values: Sequence[timedelta], share: float) -> timedelta | None:
    """Nearest-rank percentile of ``values`` (``share`` in 0..1); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def report_of(credential_id: int | None, deliveries: Iterable[Delivery]) -> AccountReport:
    lateness: list[timedelta] = []
    failures: Counter[FailureKind] = Counter()
    failed = waiting = 0
    for delivery in deliveries:
        if delivery.status is PublicationStatus.PUBLISHED and delivery.published_at:
            lateness.append(max(timedelta(0), delivery.published_at - delivery.publish_at))
        elif delivery.status is PublicationStatus.FAILED:
            failed += 1
            failures[kind_of(delivery.error or "")] += 1
        elif delivery.status in _WAITING:
            waiting += 1
    return AccountReport(
        credential_id,
        published=len(lateness),
        failed=failed,
        waiting=waiting,
        on_time=sum(late <= ON_TIME for late in lateness),
        lateness_p50=percentile(lateness, 0.5),
        lateness_p99=percentile(lateness, 0.99),
        failures=tuple(sorted(failures.items(), key=lambda kv: (-kv[1], kv[0].value))),
    )


def reports_by_account(deliveries: Sequence[Delivery]) -> tuple[AccountReport, ...]:
    """One report per account that has a publication in the period, by account id, then
    the report of every account together."""
    by_account: dict[int, list[Delivery]] = {}
    for delivery in deliveries:
        by_account.setdefault(delivery.credential_id, []).append(delivery)
    each = [report_of(i, by_account[i]) for i in sorted(by_account)]
    return (*each, report_of(None, deliveries))
