"""The domain's attrs classes mapped imperatively onto the tables; the domain never knows."""

from __future__ import annotations

from sqlalchemy.orm import registry

from autopost.adapters.persistence.tables import (
    api_tokens,
    credentials,
    metadata,
    posts,
    publications,
    users,
)
from autopost.domain.credential import Credential
from autopost.domain.post import Post
from autopost.domain.publication import ScheduledPublication
from autopost.domain.user import ApiToken, User

mapper_registry = registry(metadata=metadata)

_mapped = False


def map_users() -> None:
    mapper_registry.map_imperatively(User, users)


def map_api_tokens() -> None:
    mapper_registry.map_imperatively(ApiToken, api_tokens)


def map_credentials() -> None:
    mapper_registry.map_imperatively(Credential, credentials)


def map_posts() -> None:
    mapper_registry.map_imperatively(Post, posts)


def map_publications() -> None:
    # Optimistic locking: an UPDATE matches only the version that was read, and sets the next
    # one. SQLAlchemy writes ``version`` itself (1 on INSERT); the domain only reads it.
    mapper_registry.map_imperatively(
        ScheduledPublication, publications, version_id_col=publications.c.version
    )


def map_tables() -> None:
    """Map every domain class once; later calls do nothing.

    Call before the first domain object is created: instances made before mapping are unknown
    to the ORM.
    """
    global _mapped
    if _mapped:
        return
    map_users()
    map_api_tokens()
    map_credentials()
    map_posts()
    map_publications()
    _mapped = True
