"""Small builders for JSON Schema fragments, so the response shapes read like the serializers."""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
BOOLEAN: Schema = {"type": "boolean"}
TIME: Schema = {"type": "string", "format": "date-time"}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def maybe(schema: Schema) -> Schema:
    """The value, or ``null``."""
    return {"anyOf": [schema, {"type": "null"}]}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def enum(*values: str) -> Schema:
    return {"type": "string", "enum": list(values)}


def closed_object(
    properties: dict[str, Schema],
    optional: dict[str, Schema] | None = None,
    description: str | None = None,
) -> Schema:
    """An object with exactly these keys (``optional`` ones may be absent), nothing else:
    a key added to a serializer and not here fails the schema-conformance test."""
    schema: Schema = {
        "type": "object",
        "properties": {**properties, **(optional or {})},
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema
