"""The compose form as it is posted, and what it asks of the posting use cases: a
``SchedulePost`` (new post) or an ``EditPost`` (edit, reschedule). The form's fields and the
content fields of the domain are named apart; ``FORM_FIELD_OF`` says which form field a
refusal's field is shown next to.

Nothing here checks the content: the domain's rules do (``InstagramContent.problems``,
``PinContent.problems``), through the use cases, so the page refuses exactly what the API does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from attrs import field, frozen
from starlette.datastructures import FormData

from autopost.application.posting.posts import NOW, EditPost, SchedulePost, When
from autopost.application.posting.views import PostView
from autopost.domain.errors import ValidationFailed
from autopost.domain.instagram_content import InstagramContent
from autopost.domain.media import ContentType, media_kind_of
from autopost.domain.platform import Platform
from autopost.domain.post import PinContent, PostContent, content_from
from autopost.domain.publication import ScheduledPublication

TEXT_FIELDS = (
    "caption",
    "first_comment",
    "alt_text",
    "cover_url",
    "audio_name",
    "title",
    "description",
    "link",
    "topic",
)
PIN_FIELDS = ("title", "description", "link", "alt_text", "topic")
NON_FIELD = "non_field_errors"

# A refusal's field (the API's request field) -> the form field it is shown next to.
FORM_FIELD_OF: Mapping[str, str] = {
    "url": "media",
    "children": "media",
    "images": "media",
    "thumb_offset": "media",
    "content_type": "content_type",
    "caption": "caption",
    "user_tags": "user_tags",
    "collaborators": "collaborators",
    "cover_url": "cover_url",
    "audio_name": "audio_name",
    "first_comment": "first_comment",
    "title": "title",
    "description": "description",
    "link": "link",
    "alt_text": "alt_text",
    "topic": "topic",
    "answers": "topic",
    "board_id": "topic",
    "board_section_id": "topic",
    "date_pub": "when",
    "queue": "when",
    "credentials": "accounts",
    "credential": "accounts",
    "user_id": "accounts",
    "overrides": "accounts",
    # The "Repeat" fieldset (compose_repeat.py).
    "repeat": "repeat",
    "weekdays": "repeat",
    "interval": "interval",
    "ends": "ends",
    "until": "ends",
    "count": "ends",
    "rrule": "rrule",
}


@frozen
class ComposeForm:
    """What the person wrote, as the page shows it again (after a refusal, or to edit)."""

    accounts: tuple[int, ...] = ()
    content_type: str = ContentType.PHOTO.value
    media: str = ""
    caption: str = ""
    user_tags: str = ""
    collaborators: str = ""
    first_comment: str = ""
    cover_url: str = ""
    audio_name: str = ""
    title: str = ""
    description: str = ""
    link: str = ""
    alt_text: str = ""
    topic: str = ""
    when: str = "at"
    date: str = ""
    time: str = ""
    action: str = "submit"
    # By account id: a caption of its own; a Pinterest account's board, or board and
    # section as "board id:section id" (empty: by topic).
    captions: Mapping[int, str] = field(factory=dict)
    boards: Mapping[int, str] = field(factory=dict)

    @property
    def media_lines(self) -> list[str]:
        return [line.strip() for line in self.media.splitlines() if line.strip()]

    @property
    def tag_lines(self) -> list[str]:
        return [line.strip().lstrip("@") for line in self.user_tags.splitlines() if line.strip()]

    @property
    def collaborator_lines(self) -> list[str]:
        # Kept as written, an @ included: the domain asks for the username without it.
        return [line.strip() for line in self.collaborators.splitlines() if line.strip()]

    @property
    def draft(self) -> bool:
        return self.action == "draft"


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else ""


def _ids(values: Sequence[Any]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(int(v) for v in values if isinstance(v, str) and v.isdigit()))


def read_compose(form: FormData) -> ComposeForm:
    accounts = _ids(form.getlist("accounts"))
    captions, boards = {}, {}
    for key in form:
        prefix, _, rest = key.partition("_for_")
        if not rest.isdigit():
            continue
        if prefix == "caption" and _text(form, key):
            captions[int(rest)] = _text(form, key)
        if prefix == "board" and _text(form, key):
            boards[int(rest)] = _text(form, key)
    return ComposeForm(
        accounts=accounts,
        content_type=_text(form, "content_type") or ContentType.PHOTO.value,
        media=_text(form, "media"),
        user_tags=_text(form, "user_tags"),
        collaborators=_text(form, "collaborators"),
        when=_text(form, "when") or "at",
        date=_text(form, "date"),
        time=_text(form, "time"),
        action=_text(form, "action") or "submit",
        captions=captions,
        boards=boards,
        **{name: _text(form, name) for name in TEXT_FIELDS},
    )


def _content_type(value: str) -> ContentType:
    try:
        return ContentType(value)
    except ValueError:
        choices = ", ".join(t.value for t in ContentType)
        raise ValidationFailed({"content_type": [f"Choose one of: {choices}."]}) from None


def content_fields(form: ComposeForm) -> dict[str, Any]:
    """The content fields the form gives, as the API's request names them (the empty ones
    left out)."""
    kind = _content_type(form.content_type)
    values: dict[str, Any] = {"content_type": kind}
    lines = form.media_lines
    if kind is ContentType.CAROUSEL or len(lines) > 1:
        # More than one media for anything but a carousel: the domain says so. Instagram
        # takes them as its carousel's children, Pinterest as a multi-image pin's images.
        values["children"] = [{"url": u, "media_type": media_kind_of(u).value} for u in lines]
        values["images"] = [{"url": u} for u in lines]
    elif lines:
        values["url"] = lines[0]
    if form.tag_lines:
        values["user_tags"] = [{"username": name} for name in form.tag_lines]
    if form.collaborator_lines:
        values["collaborators"] = form.collaborator_lines
    for name in TEXT_FIELDS:
        value = getattr(form, name)
        if value:
            values[name] = value
    return values


def moment(form: ComposeForm, zone: ZoneInfo) -> When:
    """The form's date and time, read in ``zone``; none at all is "now" (as soon as
    possible; for a draft, no time yet). A time that does not exist there (the hour the
    clocks skip) is refused rather than moved."""
    if not form.date and not form.time:
        return NOW
    if not form.date or not form.time:
        raise ValidationFailed({"date_pub": ["Give both a date and a time, or neither."]})
    try:
        local = datetime.combine(date.fromisoformat(form.date), time.fromisoformat(form.time))
    except ValueError:
        raise ValidationFailed(
            {"date_pub": ["Give the date as YYYY-MM-DD and the time as HH:MM."]}
        ) from None
    at = local.replace(tzinfo=zone)
    if at.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None) != local:
        raise ValidationFailed(
            {
                "date_pub": [
                    f"{form.date} {form.time} does not exist in {zone.key}: the clocks skip it."
                ]
            }
        )
    return at


def schedule_command(
    form: ComposeForm, platforms: Mapping[int, Platform], zone: ZoneInfo
) -> SchedulePost:
    """The new post the form asks for, on every account it names."""
    if not form.accounts:
        raise ValidationFailed({"credentials": ["Choose at least one account."]})
    unknown = [i for i in form.accounts if i not in platforms]
    if unknown:
        raise ValidationFailed(
            {"credentials": [f"No connected account with the id {', '.join(map(str, unknown))}."]}
        )
    shared = content_fields(form)
    queue = form.when == "queue"
    overrides: dict[int, dict[str, Any]] = {}
    for credential_id in form.accounts:
        override: dict[str, Any] = {}
        if form.captions.get(credential_id):
            override["caption"] = form.captions[credential_id]
        if platforms[credential_id] is Platform.PINTEREST and form.boards.get(credential_id):
            board_id, _, section_id = form.boards[credential_id].partition(":")
            override["board_id"] = board_id
            if section_id:
                override["board_section_id"] = section_id
        if override:
            overrides[credential_id] = override
    return SchedulePost(
        content=content_from(platforms[form.accounts[0]], shared),
        date_pub=NOW if queue else moment(form, zone),
        credential_ids=form.accounts,
        shared=shared,
        overrides=overrides,
        draft=form.draft,
        queue=queue,
    )


def form_of(view: PostView, zone: ZoneInfo) -> ComposeForm:
    """The post as the edit form shows it: the first account's content (the post's own),
    each other account's caption where it has one of its own."""
    content = view.post.content
    captions = {}
    for publication in view.publications[1:]:
        own = publication.what_is_published(view.post).content
        caption = _caption_of(own)
        if caption and caption != _caption_of(content):
            captions[publication.credential_id] = caption
    first = view.publication
    when = first.publish_at.astimezone(zone) if first.publish_at else None
    return ComposeForm(
        accounts=tuple(p.credential_id for p in view.publications),
        content_type=content.content_type.value,
        media=_media_text(content),
        caption=content.caption or "" if isinstance(content, InstagramContent) else "",
        user_tags=_tags_text(content),
        collaborators="\n".join(getattr(content, "collaborators", None) or ()),
        first_comment=getattr(content, "first_comment", None) or "",
        cover_url=getattr(content, "cover_url", None) or "",
        audio_name=getattr(content, "audio_name", None) or "",
        title=getattr(content, "title", None) or "",
        description=getattr(content, "description", None) or "",
        link=getattr(content, "link", None) or "",
        alt_text=getattr(content, "alt_text", None) or "",
        topic=getattr(content, "topic", None) or "",
        date=when.date().isoformat() if when else "",
        time=when.strftime("%H:%M") if when else "",
        captions=captions,
        boards={p.credential_id: board_choice(p) for p in view.publications if p.board_id},
    )


def board_choice(publication: ScheduledPublication) -> str:
    """A pin's board as the compose form's board pick names it: the board's id, and its
    section's after a colon."""
    section = publication.board_section_id
    return f"{publication.board_id}:{section}" if section else publication.board_id or ""


def _caption_of(content: PostContent) -> str | None:
    if isinstance(content, PinContent):
        return content.description
    return content.caption


def _media_text(content: PostContent) -> str:
    if isinstance(content, InstagramContent) and content.children:
        return "\n".join(child["url"] for child in content.children)
    if isinstance(content, PinContent) and content.images:
        return "\n".join(image["url"] for image in content.images)
    return content.url or ""


def _tags_text(content: PostContent) -> str:
    if isinstance(content, InstagramContent) and content.user_tags:
        return "\n".join(str(tag.get("username", "")) for tag in content.user_tags)
    return ""


def edit_command(
    post_id: int, form: ComposeForm, before: ComposeForm, held_as_draft: bool, zone: ZoneInfo
) -> EditPost:
    """The changes the form makes to the post: only the fields that differ from ``before``
    (what the form showed), so that an untouched field is not an edit."""
    changes: dict[str, Any] = {}
    now_fields = content_fields(form)
    media_changed = (form.media, form.content_type) != (before.media, before.content_type)
    for name in ("content_type", "media", "user_tags", "collaborators", *TEXT_FIELDS):
        if getattr(form, name) == getattr(before, name) and not (name == "media" and media_changed):
            continue
        if name == "media":
            changes["url"] = now_fields.get("url")
            changes["children"] = now_fields.get("children")
            changes["images"] = now_fields.get("images")
        else:
            changes[name] = now_fields.get(name)
    date_pub = None
    if (form.date, form.time) != (before.date, before.time):
        date_pub = moment(form, zone)
    if form.draft:
        draft: bool | None = True
    else:
        draft = False if held_as_draft else None
    return EditPost(post_id=post_id, changes=changes, date_pub=date_pub, draft=draft)


def caption_edits(
    post_id: int, view: PostView, form: ComposeForm, before: ComposeForm
) -> list[EditPost]:
    """Each account's own caption the edit form changed, as a change of that account's
    publication alone (a pin's is its description). An emptied one takes the post's caption
    again. The post's first account has no field of its own: its caption is the post's."""
    edits = []
    for publication in view.publications[1:]:
        account = publication.credential_id
        wanted, shown = form.captions.get(account, ""), before.captions.get(account, "")
        if wanted == shown:
            continue
        field_name = "description" if publication.platform is Platform.PINTEREST else "caption"
        changes = {field_name: wanted or form.caption or None}
        edits.append(EditPost(post_id=post_id, changes=changes, publication_id=publication.id))
    return edits


def reschedule_command(
    post_id: int, form: FormData, zone: ZoneInfo, publication_id: int | None
) -> EditPost:
    wanted = ComposeForm(date=_text(form, "date"), time=_text(form, "time"))
    if not wanted.date or not wanted.time:
        raise ValidationFailed({"date_pub": ["Give the new date and time."]})
    return EditPost(post_id=post_id, date_pub=moment(wanted, zone), publication_id=publication_id)


def placed(
    errors: Mapping[str, list[str]], names: Mapping[int, str]
) -> tuple[dict[str, list[str]], list[str]]:
    """A refusal's messages by the form field they are shown next to (an account's own
    refusals prefixed with the account's name), and those about no field of the form."""
    by_field: dict[str, list[str]] = {}
    elsewhere: list[str] = []
    for key, messages in errors.items():
        prefix = ""
        name = key
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "credentials" and parts[1].isdigit():
            prefix = f"{names.get(int(parts[1]), parts[1])}: "
            name = parts[2]
        target = FORM_FIELD_OF.get(name)
        worded = [prefix + message for message in messages]
        if target is None:
            elsewhere.extend(worded)
        else:
            by_field.setdefault(target, []).extend(worded)
    return by_field, elsewhere


__all__ = [
    "NON_FIELD",
    "PIN_FIELDS",
    "ComposeForm",
    "content_fields",
    "edit_command",
    "form_of",
    "moment",
    "placed",
    "read_compose",
    "reschedule_command",
    "schedule_command",
]
