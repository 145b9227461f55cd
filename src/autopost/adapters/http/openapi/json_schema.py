"""JSON Schema fragments for what the document describes by hand: the parameters of paths and
queries. Request bodies and answers have models, whose schemas are generated."""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

STRING: Schema = {"type": "string"}


def enum(*values: str) -> Schema:
    return {"type": "string", "enum": list(values)}
