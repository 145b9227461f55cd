from __future__ import annotations

import pytest
from persistence_builders import Seed, UowFactory


@pytest.fixture
def seed(uow_factory: UowFactory) -> Seed:
    return Seed(uow_factory)
