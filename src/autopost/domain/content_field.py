"""How a content field describes itself once, for every layer that shows or stores it."""

from __future__ import annotations

from typing import Any

DESCRIPTION = "description"


def about(text: str) -> dict[str, Any]:
    """An attrs field's ``metadata``: what the field means to the person writing a post. The
    HTTP edge shows it in the API's description of the request."""
    return {DESCRIPTION: text}
