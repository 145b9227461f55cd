"""``/api/docs/``: the OpenAPI document as one server-rendered page. It loads nothing from
anywhere (no scripts, no fonts), so it reads the same on a machine without internet."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from autopost.adapters.http.openapi.json_schema import Schema

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def prose(text: str) -> Markup:
    """Escaped text with `code` spans, the only markup the descriptions use (the models'
    docstrings write them ``so``)."""
    parts = text.replace("``", "`").split("`")
    return Markup("").join(
        Markup("<code>{}</code>").format(part) if inside else Markup.escape(part)
        for inside, part in zip(itertools.cycle((False, True)), parts, strict=False)
    )


def _literal(value: Any) -> Markup:
    return Markup("<code>{}</code>").format(json.dumps(value))


def schema_type(schema: Schema) -> Markup:
    """A schema in a few words, with links to the named ones."""
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return Markup('<a href="#schema-{0}">{0}</a>').format(name)
    if "anyOf" in schema:
        return Markup(" | ").join(schema_type(option) for option in schema["anyOf"])
    if "const" in schema:
        return _literal(schema["const"])
    if "enum" in schema:
        return Markup(" | ").join(_literal(value) for value in schema["enum"])
    kind = schema.get("type")
    if kind == "array":
        return Markup("array of ") + schema_type(schema.get("items", {}))
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return Markup("object of ") + schema_type(schema["additionalProperties"])
    text = " | ".join(kind) if isinstance(kind, list) else str(kind or "any")
    if "format" in schema:
        text += f" ({schema['format']})"
    if "minimum" in schema:
        text += f", at least {schema['minimum']}"
    return Markup.escape(text)


def _properties(schema: Schema) -> Iterator[dict[str, Any]]:
    required = set(schema.get("required", ()))
    for name, field in schema.get("properties", {}).items():
        notes = [field.get("description", "")]
        if "default" in field:
            notes.append(f"Default `{json.dumps(field['default'])}`.")
        yield {
            "name": name,
            "type": schema_type(field),
            "required": name in required,
            "notes": prose(" ".join(n for n in notes if n)),
        }


def _operations(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for path, methods in document["paths"].items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            yield {
                "id": op["operationId"],
                "method": method.upper(),
                "path": path,
                "summary": op["summary"],
                "tag": op["tags"][0],
                "description": prose(op.get("description", "")),
                "public": op.get("security") == [],
                "parameters": [
                    {**p, "type": schema_type(p["schema"]), "description": prose(p["description"])}
                    for p in op.get("parameters", [])
                ],
                "body": schema_type(body["schema"]) if body else None,
                "example": json.dumps(body["example"], indent=2)
                if body and "example" in body
                else None,
                "responses": [
                    {
                        "status": status,
                        "description": prose(reply["description"]),
                        "content": [
                            (media_type, schema_type(content["schema"]))
                            for media_type, content in reply.get("content", {}).items()
                        ],
                    }
                    for status, reply in op["responses"].items()
                ],
            }


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape())


def render_docs_page(document: dict[str, Any]) -> str:
    operations = list(_operations(document))
    tags = list(dict.fromkeys(op["tag"] for op in operations))
    schemas = [
        {
            "name": name,
            "description": prose(schema.get("description", "")),
            "type": schema_type({k: v for k, v in schema.items() if k != "properties"}),
            "properties": list(_properties(schema)),
        }
        for name, schema in document["components"]["schemas"].items()
    ]
    return (
        _environment()
        .get_template("api_docs.html")
        .render(
            openapi=document["openapi"],
            info=document["info"],
            description=prose(document["info"]["description"]),
            tags=tags,
            operations=operations,
            schemas=schemas,
        )
    )
