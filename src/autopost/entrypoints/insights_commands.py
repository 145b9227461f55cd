"""What ``autopost instagram insights`` and ``autopost pinterest insights`` do: collect now
what the periodic job collects, for one account or every one of the platform."""

from __future__ import annotations

import asyncio
import sys

import click

from autopost.application.access import SYSTEM
from autopost.application.insights.every_account import AccountCollected
from autopost.application.insights.instagram import InsightsReport
from autopost.application.insights.pinterest import PinInsightsReport
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.errors import DomainError
from autopost.domain.platform import Platform
from autopost.entrypoints.container import Container, opened_container
from autopost.entrypoints.settings import Settings

# "Try again later" (sysexits' EX_TEMPFAIL): what was collected is kept, the next run goes on.
EXIT_PART_WAY = 75


def collect_insights(settings: Settings, platform: Platform, credential: int | None) -> None:
    """Collect, print what each account's run did, and exit 1 when an account was refused,
    75 when one stopped part way."""

    async def run() -> list[AccountCollected]:
        async with opened_container(settings, broker=None) as container:
            if credential is None:
                every = container.insights().collect_every_accounts_insights()
                return await every.execute(platform)
            return [await _one(container, platform, credential)]

    try:
        collected = asyncio.run(run())
    except (DomainError, PlatformError) as refused:
        click.echo(f"error: {refused}", err=True)
        sys.exit(1)
    if not collected:
        click.echo(f"No connected {platform.value.capitalize()} account.")
    for account in collected:
        click.echo(f"account {account.credential_id}: {summary(account)}")
        if account.report is not None and account.report.stopped is not None:
            click.echo(
                f"account {account.credential_id} stopped part way ({account.report.stopped}); "
                "the next run asks about the rest.",
                err=True,
            )
    if any(account.refused for account in collected):
        sys.exit(1)
    if not all(account.finished for account in collected):
        sys.exit(EXIT_PART_WAY)


async def _one(container: Container, platform: Platform, credential_id: int) -> AccountCollected:
    report: InsightsReport | PinInsightsReport
    if platform is Platform.INSTAGRAM:
        report = (
            await container.insights().collect_instagram_insights().execute(SYSTEM, credential_id)
        )
    else:
        report = await container.insights().collect_pin_insights().execute(SYSTEM, credential_id)
    return AccountCollected(credential_id, platform, report)


def summary(account: AccountCollected) -> str:
    """What one account's run did, in a line."""
    report = account.report
    if report is None:
        return f"refused: {account.refused}"
    retries = f"{report.retries} call(s) tried again"
    if isinstance(report, PinInsightsReport):
        return (
            f"{report.pins} pin(s) asked about, {report.days_kept} day(s) kept, "
            f"{report.skipped} refused ({retries})"
        )
    followers = "unknown" if report.followers_count is None else report.followers_count
    return (
        f"{report.media} of {report.due} media due asked about, {report.kept} kept, "
        f"{report.skipped} without insights; {followers} followers ({retries})"
    )
