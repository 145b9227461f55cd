"""What a person does about a platform's refusal, from its words: said on the desk and in
the events that tell of a failure."""

from __future__ import annotations

# Words in a platform's error, and what a person does about it.
_ADVICE: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("token", "oauth", "reconnect", "expired", "session", "permission"),
        "Reconnect the account (Connected accounts), then press Retry.",
    ),
    (
        ("media", "url", "image", "video", "fetch", "download", "format", "aspect"),
        "Check that the media is at a public https address in a format the platform takes "
        "(edit the post if not), then press Retry.",
    ),
    (
        ("rate", "limit", "quota", "too many"),
        "The platform asked for a pause; press Retry later, or let Autopost try again.",
    ),
    (
        ("board",),
        "Check the pin's board (refresh the account's boards, or pick another), then retry.",
    ),
)
DEFAULT_ADVICE = "Fix what the message says (edit the post if needed), then press Retry."


def advice_on(refusal: str) -> str:
    """What a person does about a platform's refusal, from its words."""
    lowered = refusal.lower()
    for words, advice in _ADVICE:
        if any(word in lowered for word in words):
            return advice
    return DEFAULT_ADVICE
