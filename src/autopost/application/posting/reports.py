"""How publishing went over a period, per account and for all of them: read from Autopost's
own records of each publication (``delivery_report``), one query for the period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.credential import Credential
from autopost.domain.delivery_report import AccountReport, Delivery, reports_by_account
from autopost.domain.errors import ValidationFailed
from autopost.domain.platform import Platform

# A report reads every publication of its period at once: a year at most.
LONGEST_DAYS = 366


@frozen
class PeriodReport:
    start: datetime
    end: datetime
    accounts: tuple[AccountReport, ...]  # one per account with posts in the period
    total: AccountReport
    named: dict[int, Credential]  # the accounts, by id
    # By account, what its insights add up to for the period (see ``period_totals``).
    insights: dict[int, dict[str, int]]

    def insights_of(self, report: AccountReport) -> dict[str, int]:
        """An account's totals; every account's added up for the total."""
        if report.credential_id is not None:
            return self.insights.get(report.credential_id, {})
        shown = {a.credential_id for a in self.accounts}
        added: dict[str, int] = {}
        for credential_id, totals in self.insights.items():
            if credential_id in shown:
                for name, value in totals.items():
                    added[name] = added.get(name, 0) + value
        return added

    def account(self, report: AccountReport) -> Credential | None:
        return self.named.get(report.credential_id) if report.credential_id else None


class ReadReport:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self,
        actor: Actor,
        start: datetime,
        end: datetime,
        credential_ids: Sequence[int] = (),
        platforms: Sequence[Platform] = (),
    ) -> PeriodReport:
        authorize(actor, Action.VIEW, Resource.POST)
        if end <= start:
            raise ValidationFailed({"end": ["The end of the period must come after its start."]})
        if (end - start).days > LONGEST_DAYS:
            raise ValidationFailed({"end": [f"A report covers {LONGEST_DAYS} days at most."]})
        async with self._uow as uow:
            rows = await uow.publications.rows_between(
                start, end, credential_ids=credential_ids, platforms=platforms
            )
            accounts = await uow.credentials.list()
            insights = await uow.insights.period_totals(start, end)
        deliveries = [
            Delivery(r.credential_id, r.status, r.publish_at, r.published_at, r.error) for r in rows
        ]
        *each, total = reports_by_account(deliveries)
        named = {a.id: a for a in accounts if a.id is not None}
        kept = {i: dict(totals) for i, totals in insights.items()}
        return PeriodReport(start, end, tuple(each), total, named, kept)
