"""What one account of a post to several accounts publishes.

A post to several accounts is written once: its content fields are shared by every account,
and each account takes those its platform has (a pin has no caption, an Instagram post no
title). An account may override any of them. Two fields carry over where the other platform
would otherwise lose them: a pin with no description of its own takes the caption, and a
content type the platform does not publish (a Reel, for a pin) gives way to the platform's
own default unless the account's override names one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from autopost.domain.platform import Platform
from autopost.domain.post import PostContent, content_from


def content_for_account(
    platform: Platform, shared: Mapping[str, Any], override: Mapping[str, Any]
) -> PostContent:
    """The content an account on ``platform`` publishes: ``shared`` with ``override`` over it."""
    values = {**shared, **override}
    if platform is Platform.PINTEREST and not values.get("description"):
        values["description"] = values.get("caption")
    content = content_from(platform, values)
    if "content_type" not in override and "content_type" in content.problems():
        values.pop("content_type", None)
        content = content_from(platform, values)
    return content
