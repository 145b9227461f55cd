"""The database schema: one ``MetaData`` that the mappings and the migrations share."""

from __future__ import annotations

import enum

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    false,
    literal_column,
    or_,
)
from sqlalchemy.sql.elements import ColumnElement

from autopost.adapters.persistence.types import UtcDateTime
from autopost.domain.attempt import Answer, Asked
from autopost.domain.board import BoardSource
from autopost.domain.credential import CredentialStatus
from autopost.domain.library import MediaFormat
from autopost.domain.media import ContentType
from autopost.domain.platform import Platform
from autopost.domain.post_series import SeriesStatus
from autopost.domain.publication import FirstCommentStatus, PublicationStatus
from autopost.domain.recurrence import Frequency
from autopost.domain.webhooks import DeliveryStatus

# Named constraints make migrations reproducible and comparable on every database.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _enum_values(enum_class: type[enum.Enum]) -> list[str]:
    return [str(member.value) for member in enum_class]


def _enum(enum_class: type[enum.Enum], name: str) -> Enum:
    """Stored as its value in a plain string column, loaded as the enum member."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        length=20,
        values_callable=_enum_values,
    )


def _json() -> JSON:
    # Python None is SQL NULL, not the JSON literal ``null``.
    return JSON(none_as_null=True)


# SQLite AUTOINCREMENT: an id is never reused, so a stale broker message that names a deleted
# row can never act on a new one.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(150), nullable=False, unique=True),
    Column("email", String(254), nullable=False, index=True),
    Column("password_hash", String(255), nullable=False),
    Column("first_name", String(150), nullable=False),
    Column("last_name", String(150), nullable=False),
    Column("is_active", Boolean, nullable=False),
    Column("is_staff", Boolean, nullable=False),
    Column("is_superuser", Boolean, nullable=False),
    Column("date_joined", UtcDateTime, nullable=False),
    Column("last_login", UtcDateTime, nullable=True),
    Column("telegram_username", String(64), nullable=False, server_default=""),
    Column("active_system", String(16), nullable=False, server_default="sandbox"),
    Column("interviewer_calendar_url", String(500), nullable=False, server_default=""),
    Column("is_observer_active", Boolean, nullable=False, server_default=false()),
    Column("huntflow_prod_url", String(500), nullable=False, server_default=""),
    Column("huntflow_sandbox_url", String(500), nullable=False, server_default=""),
    Column("time_zone", String(64), nullable=False, server_default="UTC"),
    sqlite_autoincrement=True,
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("name", String(100), nullable=False, server_default=""),
    Column("last_used_at", UtcDateTime, nullable=True),
    sqlite_autoincrement=True,
)

# The roles. Their rows (ids 1-4) are written by the migration that creates the table.
groups = Table(
    "groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(150), nullable=False, unique=True),
    sqlite_autoincrement=True,
)

user_groups = Table(
    "user_groups",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_user_groups_group_id", "group_id"),
)

# Server-side sessions of signed-in browsers: the cookie holds a random value, this its digest.
login_sessions = Table(
    "login_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False, index=True),
    sqlite_autoincrement=True,
)

# A user's integration keys, encrypted with the server's secret key.
user_secrets = Table(
    "user_secrets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(64), nullable=False),
    Column("sealed", Text, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("user_id", "name"),
    sqlite_autoincrement=True,
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False, unique=True),
    Column("failures", Integer, nullable=False),
    Column("window_started_at", UtcDateTime, nullable=False),
    Column("locked_until", UtcDateTime, nullable=True),
    sqlite_autoincrement=True,
)

# The Idempotency-Keys users sent with a create: the request each is bound to (an HMAC of its
# method, path and body) and, once it succeeded, its answer. Unique per user: the claim of a
# key is the INSERT, which a second request with the same key cannot make.
idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(255), nullable=False),
    Column("request_digest", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False, index=True),
    Column("answer_status", Integer, nullable=True),
    Column("answer_body", Text, nullable=True),
    UniqueConstraint("user_id", "key"),
    sqlite_autoincrement=True,
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime, nullable=False),
    Column("actor_id", ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("actor_name", String(150), nullable=False),
    Column("action", String(50), nullable=False),
    Column("resource", String(30), nullable=False),
    Column("resource_id", String(64), nullable=False),
    Column("summary", Text, nullable=False),
    Index("ix_audit_log_at_id", "at", "id"),
    sqlite_autoincrement=True,
)

credentials = Table(
    "credentials",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", _enum(Platform, "platform"), nullable=False),
    Column("account_id", String(64), nullable=False),
    Column("username", String(150), nullable=True),
    Column("access_token", Text, nullable=False),
    Column("refresh_token", Text, nullable=True),
    Column("expires_at", UtcDateTime, nullable=True),
    Column("scopes", Text, nullable=True),
    Column("environment", String(20), nullable=False),
    Column("status", _enum(CredentialStatus, "credential_status"), nullable=False),
    Column("status_reason", Text, nullable=True),
    Column("owner_id", ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("default_board_id", String(64), nullable=True),
    # Who may renew the tokens now: a lease, so that two workers never renew at once.
    Column("renewing_until", UtcDateTime, nullable=True),
    # Contributors' posts to it wait for approval (0013).
    Column("requires_approval", Boolean, nullable=False, server_default=false()),
    UniqueConstraint("platform", "account_id"),
    sqlite_autoincrement=True,
)

# A post's content (``InstagramContent`` or ``PinContent``) is kept in the columns named after
# its fields, ``platform`` saying which; the other platform's columns stay empty. The mapping
# (``mappings.map_posts``) reads and writes them.
posts = Table(
    "posts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", _enum(Platform, "platform"), nullable=False),
    Column("content_type", _enum(ContentType, "content_type"), nullable=False),
    Column("url", Text, nullable=True),
    Column("caption", Text, nullable=True),
    Column("location_id", String(64), nullable=True),
    Column("user_tags", _json(), nullable=True),
    Column("thumb_offset", Integer, nullable=True),
    Column("children", _json(), nullable=True),
    Column("first_comment", Text, nullable=True),
    # A multi-image pin's images (0027).
    Column("images", _json(), nullable=True),
    # Instagram's publishing options (0023); ``alt_text`` is shared with pins.
    Column("cover_url", Text, nullable=True),
    Column("share_to_feed", Boolean, nullable=True),
    Column("audio_name", Text, nullable=True),
    Column("trial_params", _json(), nullable=True),
    Column("collaborators", _json(), nullable=True),
    # Products tagged (0028).
    Column("product_tags", _json(), nullable=True),
    Column("title", String(255), nullable=True),
    Column("description", Text, nullable=True),
    Column("link", Text, nullable=True),
    Column("alt_text", Text, nullable=True),
    Column("topic", String(255), nullable=True),
    Column("answers", _json(), nullable=True),
    Column("owner_id", ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=True),
    # An occurrence of a recurring post: its series and the time the series' rule gave it
    # (0015). One post per time of a series: making an occurrence twice (two workers, a
    # retry after a crash) cannot make two posts. Not a foreign key: the series' template is
    # a post too, and the two tables would refer to each other.
    Column("series_id", Integer, nullable=True),
    Column("occurrence_at", UtcDateTime, nullable=True),
    Column("edited_alone", Boolean, nullable=False, server_default=false()),
    # A unique index, not a constraint: SQLite adds an index in place, but a constraint only
    # by copying the table (and dropping the old one would cascade to the publications).
    Index("ix_posts_series_id_occurrence_at", "series_id", "occurrence_at", unique=True),
    sqlite_autoincrement=True,
)

# A recurring post: its rule, and the post whose content each occurrence gets (the template,
# never published itself). Occurrences name it in ``posts.series_id`` (0015).
post_series = Table(
    "post_series",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("template_post_id", ForeignKey("posts.id", ondelete="CASCADE"), nullable=False),
    Column("credential_id", ForeignKey("credentials.id"), nullable=False),
    Column("platform", _enum(Platform, "platform"), nullable=False),
    Column("board_id", String(64), nullable=True),
    # The board's section of its pins (0027).
    Column("board_section_id", String(64), nullable=True),
    Column("start", UtcDateTime, nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("frequency", _enum(Frequency, "series_frequency"), nullable=True),
    Column("interval", Integer, nullable=False),
    Column("weekdays", String(40), nullable=False),
    Column("rrule", Text, nullable=True),
    Column("until", UtcDateTime, nullable=True),
    Column("count", Integer, nullable=True),
    Column("status", _enum(SeriesStatus, "series_status"), nullable=False),
    Column("materialised_until", UtcDateTime, nullable=False),
    Column("owner_id", ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    # The mapper's version_id_col: an edit and a worker making occurrences never both win.
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=True),
    Index("ix_post_series_status_materialised_until", "status", "materialised_until"),
    sqlite_autoincrement=True,
)

publications = Table(
    "publications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("post_id", ForeignKey("posts.id", ondelete="CASCADE"), nullable=False),
    Column("credential_id", ForeignKey("credentials.id"), nullable=False),
    Column("platform", _enum(Platform, "platform"), nullable=False),
    # Empty only for a draft saved without a time (0013).
    Column("publish_at", UtcDateTime, nullable=True),
    Column("next_run_at", UtcDateTime, nullable=False),
    Column("status", _enum(PublicationStatus, "publication_status"), nullable=False),
    # The mapper's version_id_col: every ORM UPDATE checks it and adds one.
    Column("version", Integer, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("polling", Boolean, nullable=False),
    Column("container_id", String(64), nullable=True),
    Column("container_ready", Boolean, nullable=False, server_default=false()),
    Column("quota_reserved", Boolean, nullable=False, server_default=false()),
    Column("publish_requested_at", UtcDateTime, nullable=True),
    Column("remote_id", String(64), nullable=True),
    Column("permalink", Text, nullable=True),
    Column("board_id", String(64), nullable=True),
    # The board's section the pin goes to; empty for the board itself (0027).
    Column("board_section_id", String(64), nullable=True),
    Column("error", Text, nullable=True),
    Column("published_at", UtcDateTime, nullable=True),
    # Where the window of retries starts; empty until the first try (0007).
    Column("retry_from", UtcDateTime, nullable=True),
    Column(
        "first_comment_status",
        _enum(FirstCommentStatus, "first_comment_status"),
        nullable=True,
    ),
    Column("first_comment_requested_at", UtcDateTime, nullable=True),
    Column("first_comment_attempts", Integer, nullable=False, server_default="0"),
    Column("first_comment_id", String(64), nullable=True),
    Column("first_comment_error", Text, nullable=True),
    # Why a reviewer sent it back (0013).
    Column("review_comment", Text, nullable=True),
    # The version a broker message was last sent for; changing it never bumps ``version``.
    Column("dispatched_version", Integer, nullable=True),
    # Not before this is that version's message sent again while the publication waits (0009).
    Column("resend_after", UtcDateTime, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    # Set on every change (0006 filled in the rows written before it).
    Column("updated_at", UtcDateTime, nullable=True),
    # This account's own content, where it is not the post's (0012): its fields by name, and
    # ``platform``; empty for the post's first account and those that publish the post's.
    Column("content", _json(), nullable=True),
    Index("ix_publications_status_next_run_at", "status", "next_run_at"),
    Index("ix_publications_credential_id_published_at", "credential_id", "published_at"),
    Index("ix_publications_post_id", "post_id"),
    # Publications by their time, on one account and across them (0019).
    Index("ix_publications_credential_id_publish_at", "credential_id", "publish_at"),
    Index("ix_publications_publish_at", "publish_at"),
    sqlite_autoincrement=True,
)


def _is(column: Column[object], value: enum.StrEnum) -> ColumnElement[bool]:
    # The value written into the statement's text, not sent as a parameter. asyncpg prepares
    # every statement, and after a few runs PostgreSQL plans it once for any values (a generic
    # plan): with a parameter there, it cannot prove that the query asks for nothing outside
    # the partial index below, and scanned. Written when the statement is compiled (not at
    # each execution, as ``literal_execute`` would): ``renew_leases`` sends one statement for
    # many rows. The values are our own lowercase words, never quoted.
    return column == literal_column(f"'{value}'", type_=column.type)


# Still to be worked on (``ScheduledPublication.has_work``): active, or published with its
# first comment still to write. The queries say it in the words of the index below (and of
# its migration, 0024): SQLite matches a query to a partial index term by term.
PUBLICATION_HAS_WORK = or_(
    _is(publications.c.status, PublicationStatus.SCHEDULED),
    _is(publications.c.status, PublicationStatus.PROCESSING),
    and_(
        _is(publications.c.status, PublicationStatus.PUBLISHED),
        _is(publications.c.first_comment_status, FirstCommentStatus.PENDING),
    ),
)
# The sweep's index (0024): only the publications with work, by their next run. A published
# publication keeps its last ``next_run_at`` for good; in an index of every publication the
# sweep read each of them on every run, a cost that grew with the history.
Index(
    "ix_publications_with_work_next_run_at",
    publications.c.next_run_at,
    publications.c.id,
    postgresql_where=PUBLICATION_HAS_WORK,
    sqlite_where=PUBLICATION_HAS_WORK,
)

# Each step of work on a publication, for its timeline (0017).
publication_attempts = Table(
    "publication_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("publication_id", ForeignKey("publications.id", ondelete="CASCADE"), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("asked", _enum(Asked, "attempt_asked"), nullable=False),
    Column("answer", _enum(Answer, "attempt_answer"), nullable=False),
    Column("detail", Text, nullable=False),
    Column("next_at", UtcDateTime, nullable=True),
    Index("ix_publication_attempts_publication_id", "publication_id", "id"),
)

# A cache of each Pinterest account's boards, rebuilt whole by ``replace``: no version column.
boards = Table(
    "boards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("credential_id", ForeignKey("credentials.id", ondelete="CASCADE"), nullable=False),
    Column("board_id", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("source", _enum(BoardSource, "board_source"), nullable=False),
    Column("refreshed_at", UtcDateTime, nullable=False),
    # Also the index for an account's boards (and for the cascade): credential_id leads it.
    UniqueConstraint("credential_id", "board_id"),
    sqlite_autoincrement=True,
)

# The sections of each cached board (0027), rebuilt with the boards.
board_sections = Table(
    "board_sections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("credential_id", ForeignKey("credentials.id", ondelete="CASCADE"), nullable=False),
    Column("board_id", String(64), nullable=False),
    Column("section_id", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("refreshed_at", UtcDateTime, nullable=False),
    UniqueConstraint("credential_id", "board_id", "section_id"),
    sqlite_autoincrement=True,
)

# Each account's weekly posting slots in its time zone: one row per account, rewritten whole.
# ``slots`` holds ["mon", "09:00"] pairs (``PostingSchedule.slots``), written and read by the
# repository's Core statements only.
posting_schedules = Table(
    "posting_schedules",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "credential_id",
        ForeignKey("credentials.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("time_zone", String(64), nullable=False),
    Column("slots", JSON(), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    sqlite_autoincrement=True,
)

oauth_states = Table(
    "oauth_states",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("provider", String(30), nullable=False),
    Column("digest", String(64), nullable=False, unique=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=True),
    Column("code_verifier", Text, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False, index=True),
    Column("used_at", UtcDateTime, nullable=True),
    sqlite_autoincrement=True,
)

# An Instagram account's media as the last sync found them. Rows are written by the sync's
# upsert (``SqlaMediaRepository.upsert_page``), which alone fills the two columns the domain
# never sees: ``fingerprint`` and ``last_seen_at``.
instagram_media = Table(
    "instagram_media",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("credential_id", ForeignKey("credentials.id", ondelete="CASCADE"), nullable=False),
    Column("media_id", String(64), nullable=False),
    Column("media_type", String(20), nullable=False),
    Column("media_product_type", String(20), nullable=True),
    Column("caption", Text, nullable=True),
    Column("media_url", Text, nullable=True),
    Column("thumbnail_url", Text, nullable=True),
    Column("permalink", Text, nullable=True),
    Column("timestamp", UtcDateTime, nullable=False),
    Column("like_count", Integer, nullable=True),
    Column("comments_count", Integer, nullable=True),
    Column("children", _json(), nullable=True),
    Column("post_id", ForeignKey("posts.id", ondelete="SET NULL"), nullable=True),
    # A hash of what a sync can change: an unchanged media is not written again.
    Column("fingerprint", String(40), nullable=False),
    # When a sync last found it; a full sync marks the ones it did not find deleted.
    Column("last_seen_at", UtcDateTime, nullable=False),
    # When a sync last stored a change of it.
    Column("synced_at", UtcDateTime, nullable=False),
    Column("deleted_at", UtcDateTime, nullable=True),
    # Also the index for an account's media (and for the cascade): credential_id leads it.
    UniqueConstraint("credential_id", "media_id"),
    # The listing's keyset order, newest first, read backwards: all accounts, and one account.
    Index("ix_instagram_media_timestamp_id", "timestamp", "id"),
    Index("ix_instagram_media_credential_id_timestamp_id", "credential_id", "timestamp", "id"),
    # Deleting a post sets its media's post_id to NULL: found by index, not by a full scan.
    Index("ix_instagram_media_post_id", "post_id"),
    sqlite_autoincrement=True,
)

# Where an account's media sync stopped part way (0022): the next run goes on from Instagram's
# cursor instead of starting again. One row per account at most, gone once a pass ends.
media_sync_progress = Table(
    "media_sync_progress",
    metadata,
    Column(
        "credential_id",
        ForeignKey("credentials.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("after", Text, nullable=False),
    Column("full", Boolean, nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
)

# Insights (0025), a time series: a row per media, account or pin per UTC day collected,
# keyed by (owner, day) with no id of its own. A media's metrics are integer columns, empty
# where Instagram gave none: about 60 bytes a row, so 100,000 media asked about daily for a
# year fit in a couple of gigabytes (older media are asked about weekly, which divides that).
media_insights = Table(
    "media_insights",
    metadata,
    Column(
        "media_pk",
        ForeignKey("instagram_media.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("day", Date, primary_key=True),
    Column("views", BigInteger, nullable=True),
    Column("reach", BigInteger, nullable=True),
    Column("likes", Integer, nullable=True),
    Column("comments", Integer, nullable=True),
    Column("shares", Integer, nullable=True),
    Column("saved", Integer, nullable=True),
    Column("total_interactions", Integer, nullable=True),
    # Milliseconds; the total of a much-watched reel passes 2^31 in weeks.
    Column("reels_avg_watch_time_ms", Integer, nullable=True),
    Column("reels_watch_time_ms", BigInteger, nullable=True),
    Column("collected_at", UtcDateTime, nullable=False),
)

# An account's followers and, by hour, how many of them were online (a JSON list of 24).
account_insights = Table(
    "account_insights",
    metadata,
    Column(
        "credential_id",
        ForeignKey("credentials.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("day", Date, primary_key=True),
    Column("followers_count", Integer, nullable=True),
    Column("online_followers", _json(), nullable=True),
    Column("collected_at", UtcDateTime, nullable=False),
)

# A published pin's analytics, as Pinterest gives them: each day's own numbers.
pin_insights = Table(
    "pin_insights",
    metadata,
    Column(
        "publication_id",
        ForeignKey("publications.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("day", Date, primary_key=True),
    Column("impressions", BigInteger, nullable=True),
    Column("saves", Integer, nullable=True),
    Column("pin_clicks", Integer, nullable=True),
    Column("outbound_clicks", Integer, nullable=True),
    Column("collected_at", UtcDateTime, nullable=False),
)

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("media_pk", ForeignKey("instagram_media.id", ondelete="CASCADE"), nullable=False),
    # Instagram's ids are unique across accounts.
    Column("comment_id", String(64), nullable=False, unique=True),
    Column("parent_id", String(64), nullable=True),
    Column("text", Text, nullable=False),
    Column("username", String(150), nullable=True),
    Column("timestamp", UtcDateTime, nullable=False),
    Column("like_count", Integer, nullable=True),
    Column("hidden", Boolean, nullable=False),
    Column("author_id", ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("deleted_at", UtcDateTime, nullable=True),
    # A media's comments in their order (and the cascade): media_pk leads it.
    Index("ix_comments_media_pk_timestamp_id", "media_pk", "timestamp", "id"),
    sqlite_autoincrement=True,
)

# Each worker process's heartbeat (0018): written every AUTOPOST_HEARTBEAT_SECONDS by the worker
# itself, read by /readyz and `autopost status`. No version column: only its worker writes a row.
worker_heartbeats = Table(
    "worker_heartbeats",
    metadata,
    Column("name", String(300), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("last_seen", UtcDateTime, nullable=False, index=True),
    Column("threads", Integer, nullable=False),
    Column("in_flight", Integer, nullable=False),
)

# Notifications by Telegram and e-mail (0020). A person's choices: the events each channel
# tells them of (lists of event types), the daily digest and the day of the last one sent.
notification_choices = Table(
    "notification_choices",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("telegram_events", _json(), nullable=False),
    Column("email_events", _json(), nullable=False),
    Column("daily_digest", Boolean, nullable=False, server_default=false()),
    Column("every_account", Boolean, nullable=False, server_default=false()),
    Column("language", String(8), nullable=False),
    Column("last_digest_day", Date, nullable=True),
)

# The Telegram chat each person linked.
telegram_chats = Table(
    "telegram_chats",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("chat_id", BigInteger, nullable=False),
    Column("username", String(64), nullable=False),
    Column("linked_at", UtcDateTime, nullable=False),
)

# One-time codes to link a chat: their digests only; a person has one usable at a time.
telegram_link_codes = Table(
    "telegram_link_codes",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
)

# Where the bot's next read of its updates starts; one row.
telegram_offsets = Table(
    "telegram_offsets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("next_update_id", BigInteger, nullable=False),
)

# Each message to a person on a channel: one per person, channel and key (an event's id, or
# an account while it needs reconnecting), whatever happens twice.
notification_deliveries = Table(
    "notification_deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", String(100), nullable=False),
    Column("dedupe_key", String(100), nullable=False),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("address", String(320), nullable=False),
    Column("subject", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("credential_id", Integer, nullable=True),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime, nullable=True),
    Column("last_error", Text, nullable=True),
    UniqueConstraint("user_id", "channel", "dedupe_key"),
    Index("ix_notification_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
)

# The outbox (0021): each event, written by the transaction of the change it reports, then
# handed to the webhooks (``relayed_at``). ``seq`` is the order the events were recorded in.
# ``key``: an event recorded once only (the same key again is ignored); NULLs never clash.
events = Table(
    "events",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("id", String(40), nullable=False, unique=True),
    Column("type", String(60), nullable=False),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("data", JSON(), nullable=False),
    Column("owner_id", Integer, nullable=True),
    Column("subject", String(60), nullable=True),
    Column("key", String(200), nullable=True, unique=True),
    Column("version", Integer, nullable=False),
    Column("relayed_at", UtcDateTime, nullable=True),
    Index("ix_events_relayed_at_seq", "relayed_at", "seq"),
    sqlite_autoincrement=True,
)

webhook_endpoints = Table(
    "webhook_endpoints",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("owner_id", ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("url", String(2000), nullable=False),
    # Ciphertext of the signing secret (``whsec_…``), sealed by the SecretBox.
    Column("secret", Text, nullable=False),
    Column("events", JSON(), nullable=False),
    Column("enabled", Boolean, nullable=False),
    Column("description", String(200), nullable=False),
    Column("failing_since", UtcDateTime, nullable=True),
    Column("disabled_reason", Text, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=True),
    sqlite_autoincrement=True,
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("endpoint_id", ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(40), nullable=False),
    Column("event_type", String(60), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("subject", String(60), nullable=True),
    Column("status", _enum(DeliveryStatus, "webhook_delivery_status"), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_try_at", UtcDateTime, nullable=True),
    Column("last_attempt_at", UtcDateTime, nullable=True),
    Column("last_status_code", Integer, nullable=True),
    Column("last_latency_ms", Integer, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("delivered_at", UtcDateTime, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    # An endpoint's deliveries newest first, and the earlier ones of a subject still to go.
    Index("ix_webhook_deliveries_endpoint_id_sequence", "endpoint_id", "sequence"),
    # The sweep's: what is due.
    Index("ix_webhook_deliveries_status_next_try_at", "status", "next_try_at"),
    sqlite_autoincrement=True,
)

# The media library's files (0026): the record here, the bytes in the media storage under
# ``storage_key``. Posts name an item as ``library:<id>`` in their media addresses.
library_items = Table(
    "library_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("media_format", _enum(MediaFormat, "media_format"), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("filename", String(200), nullable=False),
    Column("storage_key", String(80), nullable=False, unique=True),
    Column("uploaded_at", UtcDateTime, nullable=False),
    Column("uploaded_by", ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    # The library's listing: newest first.
    Index("ix_library_items_uploaded_at", "uploaded_at"),
    sqlite_autoincrement=True,
)
