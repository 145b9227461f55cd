"""The platforms Autopost publishes to."""

from __future__ import annotations

import enum


class Platform(enum.StrEnum):
    INSTAGRAM = "instagram"
    PINTEREST = "pinterest"
