"""How a route module reaches its use cases: it declares, as a small ``Protocol``, the
factories it needs, and ``create_app`` hands it something that has them (mypy checks that
it does). A handler then asks for them by its request: ``services(request).get_post()``."""

from __future__ import annotations

from typing import Generic, TypeVar, cast

from starlette.requests import HTTPConnection

S = TypeVar("S")


class ServicesOf(Generic[S]):
    """The use cases handed to one route module, under the module's name."""

    def __init__(self, module: str) -> None:
        self._module = module

    def __call__(self, request: HTTPConnection) -> S:
        # Put there by ``handed`` only, with the type it was declared with.
        return cast(S, request.app.state.services[self._module])

    def handed(self, services: S) -> tuple[str, object]:
        """What ``create_app`` keeps for the module: ``services``, checked against its needs."""
        return self._module, services
