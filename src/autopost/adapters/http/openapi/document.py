"""The OpenAPI 3.1 document, built from the operations: the schemas of the requests and of the
answers are generated from their pydantic models, the ones a route reads and sends. Built once
per process: it only changes with the code."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import JsonSchemaMode

from autopost.adapters.http.openapi.json_schema import Schema
from autopost.adapters.http.openapi.operation import UNAUTHENTICATED, Operation, Param, Reply
from autopost.adapters.http.openapi.operations import OPERATIONS
from autopost.adapters.http.openapi.webhook_operations import webhooks_section

DESCRIPTION = """\
Schedules posts to Instagram and Pinterest and publishes them on time, exactly once.

Every route under `/api/` but the token endpoint and this document needs
`Authorization: Token <token>`; get one from `POST /api/v1/api-token-auth/`.
Bad input is a 400 with messages by field (`{"date_pub": ["This field is required."]}`);
other errors are `{"error": "..."}`. Times are ISO 8601 with a time zone."""


# A request body is read (validated) into its model; an answer is its model, serialized.
Shape = tuple[Any, JsonSchemaMode]


def _replies(op: Operation) -> dict[int, Reply]:
    return {**op.responses, 401: op.responses.get(401, UNAUTHENTICATED)}


def _shapes(operations: tuple[Operation, ...]) -> list[Shape]:
    bodies: list[Shape] = [(op.body, "validation") for op in operations if op.body is not None]
    answers: list[Shape] = [
        (reply.answer, "serialization")
        for op in operations
        for reply in _replies(op).values()
        if reply.answer is not None
    ]
    return list(dict.fromkeys([*bodies, *answers]))


class Schemas:
    """The schema of each request body and answer (a reference to a component, or an array or
    union of references), and the components themselves, generated together so that a model
    used in several places is one component."""

    def __init__(self, operations: tuple[Operation, ...]) -> None:
        shapes = _shapes(operations)
        self._of, definitions = TypeAdapter.json_schemas(
            [(shape, mode, TypeAdapter(shape)) for shape, mode in shapes],
            ref_template="#/components/schemas/{model}",
        )
        self.components: dict[str, Schema] = dict(definitions.get("$defs", {}))

    def body(self, model: type[BaseModel]) -> Schema:
        return dict(self._of[(model, "validation")])

    def answer(self, reply: Reply) -> Schema:
        return dict(self._of[(reply.answer, "serialization")])


def _body(
    schemas: Schemas,
    model: type[BaseModel],
    example: Mapping[str, Any] | None,
    media_type: str = "application/json",
) -> Schema:
    content: dict[str, Any] = {"schema": schemas.body(model)}
    if example is not None:
        content["example"] = dict(example)
    return {"required": True, "content": {media_type: content}}


def _parameter(param: Param) -> dict[str, Any]:
    described = {
        "name": param.name,
        "in": param.location,
        "required": param.location == "path",
        "description": param.description,
        "schema": param.schema,
    }
    if param.example is not None:
        described["example"] = param.example
    return described


def _reply(schemas: Schemas, reply: Reply) -> dict[str, Any]:
    answer: dict[str, Any] = {"description": reply.description}
    if reply.answer is not None:
        schema = schemas.answer(reply)
        answer["content"] = {
            media_type: {"schema": dict(schema)}
            for media_type in (reply.media_type, *reply.also_as)
        }
    if reply.headers:
        answer["headers"] = {
            name: {"description": text, "schema": {"type": "string"}}
            for name, text in reply.headers.items()
        }
    return answer


def _operation(schemas: Schemas, op: Operation) -> dict[str, Any]:
    described: dict[str, Any] = {
        "operationId": op.operation_id,
        "summary": op.summary,
        "tags": [op.tag],
    }
    if op.description:
        described["description"] = op.description
    if op.params:
        described["parameters"] = [_parameter(p) for p in op.params]
    if op.body is not None:
        described["requestBody"] = _body(schemas, op.body, op.example, op.body_media_type)
    replies = _replies(op)
    described["responses"] = {
        str(status): _reply(schemas, replies[status]) for status in sorted(replies)
    }
    if op.public:
        described["security"] = []
    return described


def build_document(operations: tuple[Operation, ...] = OPERATIONS) -> dict[str, Any]:
    schemas = Schemas(operations)
    paths: dict[str, dict[str, Any]] = {}
    for op in operations:
        paths.setdefault(op.path, {})[op.method] = _operation(schemas, op)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Autopost", "version": "0.1.0", "description": DESCRIPTION},
        "servers": [{"url": "/"}],
        "paths": paths,
        "webhooks": webhooks_section(),
        "components": {
            "schemas": schemas.components,
            "securitySchemes": {
                "tokenAuth": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "`Token <token>`, the token from `/api/v1/api-token-auth/`.",
                }
            },
        },
        "security": [{"tokenAuth": []}],
    }


@cache
def api_document(debug: bool = False) -> dict[str, Any]:
    """The operations that exist with these settings: the debug pages only in debug."""
    return build_document(tuple(op for op in OPERATIONS if debug or not op.debug_only))
