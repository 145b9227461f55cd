"""The OpenAPI 3.1 document, built from the operations, the request models and the response
schemas. Built once per process: it only changes with the code."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from autopost.adapters.http.openapi.json_schema import Schema, ref
from autopost.adapters.http.openapi.operation import UNAUTHENTICATED, Operation, Param, Reply
from autopost.adapters.http.openapi.operations import OPERATIONS
from autopost.adapters.http.openapi.responses_schemas import RESPONSE_SCHEMAS

DESCRIPTION = """\
Schedules posts to Instagram and Pinterest and publishes them on time, exactly once.

Every route under `/api/` but the token endpoint and this document needs
`Authorization: Token <token>`; get one from `POST /api/v1/api-token-auth/`.
Bad input is a 400 with messages by field (`{"date_pub": ["This field is required."]}`);
other errors are `{"error": "..."}`. Times are ISO 8601 with a time zone."""


def _request_schemas(operations: tuple[Operation, ...]) -> dict[str, Schema]:
    models = sorted({op.body for op in operations if op.body is not None}, key=lambda m: m.__name__)
    _, definitions = models_json_schema(
        [(model, "validation") for model in models],
        ref_template="#/components/schemas/{model}",
    )
    return dict(definitions.get("$defs", {}))


def _body(model: type[BaseModel], example: Mapping[str, Any] | None) -> dict[str, Any]:
    content: dict[str, Any] = {"schema": ref(model.__name__)}
    if example is not None:
        content["example"] = dict(example)
    return {"required": True, "content": {"application/json": content}}


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


def _reply(reply: Reply) -> dict[str, Any]:
    answer: dict[str, Any] = {"description": reply.description}
    if reply.schema is not None:
        answer["content"] = {reply.media_type: {"schema": reply.schema}}
    if reply.headers:
        answer["headers"] = {
            name: {"description": text, "schema": {"type": "string"}}
            for name, text in reply.headers.items()
        }
    return answer


def _operation(op: Operation) -> dict[str, Any]:
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
        described["requestBody"] = _body(op.body, op.example)
    replies = {**op.responses, 401: op.responses.get(401, UNAUTHENTICATED)}
    described["responses"] = {str(status): _reply(replies[status]) for status in sorted(replies)}
    if op.public:
        described["security"] = []
    return described


def build_document(operations: tuple[Operation, ...] = OPERATIONS) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for op in operations:
        paths.setdefault(op.path, {})[op.method] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Autopost", "version": "0.1.0", "description": DESCRIPTION},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": {**_request_schemas(operations), **RESPONSE_SCHEMAS},
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
