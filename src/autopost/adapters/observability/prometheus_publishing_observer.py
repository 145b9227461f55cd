from __future__ import annotations

from autopost.adapters.observability import metrics
from autopost.adapters.observability.log_context import POST_ID
from autopost.application.ports.publishing_observer import StepReport
from autopost.domain.attempt import Answer

_ENDS = frozenset({"published", "failed"})


class PrometheusPublishingObserver:
    """Counts each step's end in the process's metrics, and names the post at hand in the
    log lines of the publication's task. A few increments: nothing here waits."""

    def working_on(self, publication_id: int, post_id: int) -> None:
        # The publication's id is set by the worker's job around the whole of its work.
        POST_ID.set(post_id)

    def step_ended(self, report: StepReport) -> None:
        platform = report.platform
        metrics.STEPS.labels(platform, report.outcome).inc()
        # A step that ends a publication (published, or failed whatever the outcome: refused,
        # out of retries, its account rejected) is the one step that leaves it so.
        if report.status in _ENDS:
            metrics.PUBLICATIONS.labels(platform, report.status).inc()
        if report.lateness_seconds is not None:
            metrics.LATENESS.labels(platform).observe(report.lateness_seconds)
        if report.outcome == Answer.RATE_LIMITED:
            metrics.RATE_LIMIT_WAITS.labels(platform).inc()
            metrics.RATE_LIMIT_WAIT_SECONDS.labels(platform).inc(report.wait_seconds or 0.0)
        elif report.outcome == Answer.QUOTA:
            metrics.QUOTA_DEFERRALS.labels(platform).inc()
