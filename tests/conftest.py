"""How the suite is shared between parallel workers (pytest-xdist with ``--dist loadgroup``,
as scripts/test.sh runs it): a module's tests stay together on one worker, so the servers and
browsers a module starts once are started once; modules that use the same Redis database or
RabbitMQ queues name the group ``brokers`` themselves, and run one after the other."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
