"""Signing in with Google: a single-use ``state`` and a PKCE verifier out; on the way back the
code is exchanged, and the verified e-mail address links the person to their user, or makes
them one (an Observer)."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from attrs import field, frozen

from autopost.application.messages import Message
from autopost.application.oauth.errors import ConnectRefused
from autopost.application.oauth.pkce import pkce_challenge, pkce_verifier
from autopost.application.oauth.states import issue_state, spend_state
from autopost.application.people.accounts import put_in_role
from autopost.application.people.sessions import SESSION_LIFETIME, SignedIn, open_session
from autopost.application.ports.clock import Clock
from autopost.application.ports.google_sign_in_gateway import GoogleIdentity, GoogleSignInGateway
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.ports.user_repository import UserQuery
from autopost.domain.access import DEFAULT_ROLE
from autopost.domain.errors import NotSetUp
from autopost.domain.user import User

PROVIDER = "google"
LONGEST_USERNAME = 150
_NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")


class GoogleSignInRefused(ConnectRefused):
    """Google did not sign the person in, or Autopost will not let that account in."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.value)


def unusable_password_hash() -> str:
    # No hash at all ("!" starts no hasher's format), so no password ever matches: the account
    # signs in with Google only.
    return "!" + secrets.token_urlsafe(32)


@frozen
class GoogleConsent:
    """Where to send the browser, and the ``state`` in that address, which the web edge ties
    to the browser so that the callback can tell it came back to the same one."""

    url: str
    state: str = field(repr=False)


class StartGoogleSignIn:
    def __init__(self, uow: UnitOfWork, gateway: GoogleSignInGateway, clock: Clock) -> None:
        self._uow = uow
        self._gateway = gateway
        self._clock = clock

    async def execute(self) -> GoogleConsent:
        """Google's consent page, for a new single-use state; ``NotSetUp`` when the Google
        client is not configured."""
        if not self._gateway.is_set_up():
            raise NotSetUp(PROVIDER)
        verifier = pkce_verifier()
        async with self._uow as uow:
            state = await issue_state(uow, PROVIDER, self._clock.now(), code_verifier=verifier)
            await uow.commit()
        return GoogleConsent(self._gateway.authorize_url(state, pkce_challenge(verifier)), state)


class FinishGoogleSignIn:
    def __init__(
        self,
        uow: UnitOfWork,
        gateway: GoogleSignInGateway,
        clock: Clock,
        lifetime: timedelta = SESSION_LIFETIME,
    ) -> None:
        self._uow = uow
        self._gateway = gateway
        self._clock = clock
        self._lifetime = lifetime

    async def execute(
        self, state: str | None, code: str | None, ip: str, error: str | None = None
    ) -> SignedIn:
        """``ip`` is where the person came from (kept for symmetry with ``SignIn``; Google
        throttles its own sign-ins). ``error`` is Google's, when consent was not given."""
        async with self._uow as uow:
            used = await spend_state(uow, state, {PROVIDER}, self._clock.now())
            await uow.commit()  # the state is spent whatever happens next
            if error or not code or not used.code_verifier:
                raise GoogleSignInRefused(Message.GOOGLE_DENIED)
            identity = await self._gateway.exchange(code, used.code_verifier)
            if not identity.email_verified or not identity.email:
                raise GoogleSignInRefused(Message.GOOGLE_EMAIL_UNVERIFIED)
            user = await uow.users.by_email(identity.email)
            if user is None:
                user = await self._new_user(uow, identity)
            if not user.is_active:
                raise GoogleSignInRefused(Message.ACCOUNT_DISABLED)
            now = self._clock.now()
            signed_in = await open_session(uow, user, now, self._lifetime, "with Google")
            await uow.commit()
            return signed_in

    async def _new_user(self, uow: UnitOfWork, identity: GoogleIdentity) -> User:
        if await self._email_is_shared(uow, identity.email):
            raise GoogleSignInRefused(Message.GOOGLE_EMAIL_SHARED)
        user = User(
            username=await _free_username(uow, identity.email),
            email=identity.email,
            password_hash=unusable_password_hash(),
            date_joined=self._clock.now(),
            first_name=identity.given_name[:LONGEST_USERNAME],
            last_name=identity.family_name[:LONGEST_USERNAME],
        )
        # Not committed here: the user, its role and its first session are written by one
        # commit, so a sign-in that fails on the way leaves no user without a role.
        await uow.users.add(user)
        await put_in_role(uow, user, DEFAULT_ROLE)
        return user

    @staticmethod
    async def _email_is_shared(uow: UnitOfWork, email: str) -> bool:
        """``by_email`` finds no one both when no one and when several users have it."""
        _, found = await uow.users.search(UserQuery(search=email, limit=100))
        return any(u.email.lower() == email.lower() for u in found)


async def _free_username(uow: UnitOfWork, email: str) -> str:
    """The e-mail's local part, as a username may spell it, with a number added if taken."""
    base = _NOT_IN_USERNAME.sub("", email.split("@", 1)[0])[: LONGEST_USERNAME - 6] or "user"
    candidate, number = base, 1
    while await uow.users.by_login(candidate) is not None:
        number += 1
        candidate = f"{base}{number}"
    return candidate
