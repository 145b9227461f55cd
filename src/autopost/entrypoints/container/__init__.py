"""The composition root, split by area: ``root.py`` composes the areas' containers,
``resources.py`` opens and closes what they hold open."""

from autopost.entrypoints.container.resources import (
    build_container,
    close_resources,
    open_resources,
    opened_container,
)
from autopost.entrypoints.container.root import Container

__all__ = [
    "Container",
    "build_container",
    "close_resources",
    "open_resources",
    "opened_container",
]
