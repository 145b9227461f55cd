"""Which container takes which publishing option, as ``POST /{ig-user-id}/media`` checks.

From Meta's reference of the edge (IG User Media) and its Reels specifications: ``alt_text``
on images only, at most 1,000 characters; ``collaborators`` at most 3, on a feed image, a
reel or a carousel's own container, never on a carousel item or a story; ``cover_url``,
``audio_name``, ``share_to_feed`` and ``trial_params`` on reels only, a trial's
``graduation_strategy`` ``MANUAL`` or ``SS_PERFORMANCE``; ``thumb_offset`` on videos only; no
``location_id`` on a story. ``product_tags`` (Product Tagging guide, IG Media Product Tags):
not on a story; on an image at most 20, each ``{product_id, x, y}``; on a reel at most 30,
each ``{product_id}``.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from autopost.sandbox.graph_errors import invalid_param
from autopost.sandbox.graph_values import parse_id_list, parse_json
from autopost.sandbox.instagram_state import ContainerKind, ProductType

ALT_TEXT_MAX = 1000
COLLABORATORS_MAX = 3
TRIAL_STRATEGIES = ("MANUAL", "SS_PERFORMANCE")
REELS_ONLY = ("cover_url", "audio_name", "share_to_feed", "trial_params")


@frozen
class ContainerShape:
    kind: ContainerKind
    product: ProductType
    is_carousel_item: bool


def check_options(params: dict[str, str], shape: ContainerShape) -> None:
    """Refuses the first option this container cannot take, in Graph's words."""
    for name in REELS_ONLY:
        if name in params and shape.product != ProductType.REELS:
            raise invalid_param(f"Param {name} is only supported for media_type REELS")
    if "thumb_offset" in params and shape.kind != ContainerKind.VIDEO:
        raise invalid_param("Param thumb_offset is only supported for videos and reels")
    if "location_id" in params and shape.product == ProductType.STORY:
        raise invalid_param("Param location_id is not supported for STORIES")
    _check_alt_text(params.get("alt_text"), shape)
    collaborators(params, shape)
    trial_params(params)
    product_tags(params, shape)


def _check_alt_text(alt_text: str | None, shape: ContainerShape) -> None:
    if alt_text is None:
        return
    if shape.kind != ContainerKind.IMAGE or shape.product != ProductType.FEED:
        raise invalid_param("Param alt_text is only supported for images")
    if len(alt_text) > ALT_TEXT_MAX:
        raise invalid_param(
            f"Param alt_text must be at most {ALT_TEXT_MAX} characters long", subcode=2207040
        )


def collaborators(params: dict[str, str], shape: ContainerShape) -> tuple[str, ...]:
    """The usernames invited, from Graph's list (JSON or comma-separated)."""
    raw = params.get("collaborators")
    if raw is None:
        return ()
    if shape.is_carousel_item:
        raise invalid_param(
            "Param collaborators is not supported on a carousel item: set it on the CAROUSEL "
            "container"
        )
    if shape.product == ProductType.STORY:
        raise invalid_param("Param collaborators is not supported for STORIES")
    names = parse_id_list("collaborators", raw)
    if len(names) > COLLABORATORS_MAX:
        raise invalid_param(
            f"Cannot invite more than {COLLABORATORS_MAX} collaborators", subcode=2207040
        )
    for name in names:
        if not name or name.startswith("@"):
            raise invalid_param(f"Param collaborators: {name!r} is not an Instagram username")
    return tuple(names)


def trial_params(params: dict[str, str]) -> dict[str, Any] | None:
    raw = params.get("trial_params")
    if raw is None:
        return None
    trial: dict[str, Any] = parse_json("trial_params", raw, dict)
    if trial.get("graduation_strategy") not in TRIAL_STRATEGIES:
        raise invalid_param("Param trial_params needs graduation_strategy MANUAL or SS_PERFORMANCE")
    return trial


def tagged(params: dict[str, str]) -> list[Any] | None:
    """The people tagged, as ``check_user_tags`` already found them well formed."""
    raw = params.get("user_tags")
    return None if raw is None else list(parse_json("user_tags", raw, list))


PRODUCT_TAGS_IMAGE_MAX = 20
PRODUCT_TAGS_REEL_MAX = 30


def product_tags(params: dict[str, str], shape: ContainerShape) -> list[dict[str, Any]] | None:
    """The products tagged, as Graph checks them."""
    raw = params.get("product_tags")
    if raw is None:
        return None
    if shape.product == ProductType.STORY:
        raise invalid_param("Param product_tags is not supported for STORIES")
    tags: list[Any] = parse_json("product_tags", raw, list)
    on_image = shape.kind == ContainerKind.IMAGE
    most = PRODUCT_TAGS_IMAGE_MAX if on_image else PRODUCT_TAGS_REEL_MAX
    if len(tags) > most:
        raise invalid_param(f"Param product_tags must have at most {most} tags")
    for tag in tags:
        product_id = tag.get("product_id") if isinstance(tag, dict) else None
        if not isinstance(product_id, str) or not product_id.isdigit():
            raise invalid_param("Param product_tags: each tag needs a product_id")
        has_place = "x" in tag or "y" in tag
        if not on_image and has_place:
            raise invalid_param("Param product_tags: x and y are not supported for reels")
        if on_image:
            for axis in ("x", "y"):
                value = tag.get(axis)
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise invalid_param(f"Param product_tags: each tag needs {axis}")
                if not 0 <= value <= 1:
                    raise invalid_param(f"Param product_tags: {axis} must be between 0 and 1")
    return tags
