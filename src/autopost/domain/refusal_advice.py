"""What a person does about a platform's refusal, from its words: said on the desk and in
the events that tell of a failure."""

from __future__ import annotations

import enum


class FailureKind(enum.StrEnum):
    """What a refusal is about, as the reports count failures."""

    ACCOUNT = "account"
    MEDIA = "media"
    LIMITS = "limits"
    BOARD = "board"
    OTHER = "other"


# Words in a platform's error, the kind of refusal they tell of, and what a person does.
_KINDS: tuple[tuple[tuple[str, ...], FailureKind, str], ...] = (
    (
        ("token", "oauth", "reconnect", "expired", "session", "permission"),
        FailureKind.ACCOUNT,
        "Reconnect the account (Connected accounts), then press Retry.",
    ),
    (
        ("media", "url", "image", "video", "fetch", "download", "format", "aspect"),
        FailureKind.MEDIA,
        "Check that the media is at a public https address in a format the platform takes "
        "(edit the post if not), then press Retry.",
    ),
    (
        ("rate", "limit", "quota", "too many"),
        FailureKind.LIMITS,
        "The platform asked for a pause; press Retry later, or let Autopost try again.",
    ),
    (
        ("board",),
        FailureKind.BOARD,
        "Check the pin's board (refresh the account's boards, or pick another), then retry.",
    ),
)
DEFAULT_ADVICE = "Fix what the message says (edit the post if needed), then press Retry."
EVERY_ADVICE = (*(advice for _, _, advice in _KINDS), DEFAULT_ADVICE)


def kind_of(refusal: str) -> FailureKind:
    """What a platform's refusal is about, from its words."""
    lowered = refusal.lower()
    for words, kind, _ in _KINDS:
        if any(word in lowered for word in words):
            return kind
    return FailureKind.OTHER


def advice_on(refusal: str) -> str:
    """What a person does about a platform's refusal, from its words."""
    kind = kind_of(refusal)
    return next((advice for _, k, advice in _KINDS if k is kind), DEFAULT_ADVICE)
