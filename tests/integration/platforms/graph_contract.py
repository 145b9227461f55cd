"""Checks that a request to the Graph API follows the node specs in
``shared/contracts/instagram-graph``: the node has the edge, every param is listed, every
required one is sent, and every field asked for (nested ones too: ``children{id,media_url}``)
is a field or an edge of the node it is asked of; a param of an enum type (the insights'
``metric`` and ``period``) takes only the values ``enum_types.instagram.json`` lists."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx

CONTRACTS = Path(__file__).parents[3] / ".." / "shared" / "contracts" / "instagram-graph"
# Graph's own query parameters, valid on every node and edge, so no node spec lists them.
GRAPH_WIDE_PARAMS = frozenset({"fields", "limit", "after", "before"})
VERSION_PREFIX = "/v24.0/"


@functools.cache
def node_spec(node: str) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads((CONTRACTS / f"{node}.json").read_text())
    return spec


def sent_params(request: httpx.Request) -> dict[str, str]:
    body = dict(parse_qsl(request.content.decode())) if request.method == "POST" else {}
    return {**dict(request.url.params), **body}


def assert_follows_contract(request: httpx.Request, nodes: Mapping[str, str]) -> None:
    """``nodes`` says which node spec describes each id the request may name."""
    node_id, _, edge = request.url.path.removeprefix(VERSION_PREFIX).partition("/")
    node = nodes[node_id]
    api = _api(node, request.method, edge or None)
    assert api is not None, f"{node} has no {request.method} {edge or '(the node itself)'}"
    params = sent_params(request)
    listed = {param["name"] for param in api["params"]}
    unlisted = set(params) - listed - GRAPH_WIDE_PARAMS
    assert not unlisted, f"{request.method} {node}/{edge}: {sorted(unlisted)} not in the contract"
    required = {param["name"] for param in api["params"] if param.get("required")}
    assert required <= set(params), f"{request.method} {node}/{edge}: missing {required}"
    for param in api["params"]:
        if param["name"] in params:
            assert_enum_values(param["type"], params[param["name"]], f"{node}/{edge}")
    if "fields" in params:
        assert_fields_exist(api["return"], params["fields"])


def assert_enum_values(kind: str, sent: str, where: str) -> None:
    """A param of an enum type (``list<…_enum_param>`` a comma-separated list of them) takes
    only the values ``enum_types.instagram.json`` lists for it."""
    listed = kind.startswith("list<")
    name = kind.removeprefix("list<").removesuffix(">")
    values = enum_values().get(name)
    if values is None:
        return
    for value in sent.split(",") if listed else [sent]:
        assert value in values, f"{where}: {value!r} is not one of {name}'s values"


@functools.cache
def enum_values() -> dict[str, frozenset[str]]:
    enums = json.loads((CONTRACTS / "enum_types.instagram.json").read_text())
    return {enum["name"]: frozenset(enum["values"]) for enum in enums}


def assert_fields_exist(node: str, fields: str) -> None:
    known = {field["name"]: field["type"] for field in node_spec(node)["fields"]}
    for name, nested in parse_fields(fields):
        if name in known:
            if nested is not None:
                kind = known[name]
                assert (CONTRACTS / f"{kind}.json").exists(), f"{node}.{name} has no {{{nested}}}"
                assert_fields_exist(kind, nested)
            continue
        edge = _api(node, "GET", name)
        assert edge is not None, f"{node} has no fields {[name]}"
        if nested is not None:
            assert_fields_exist(edge["return"], nested)


def parse_fields(fields: str) -> list[tuple[str, str | None]]:
    """``a,b{c,d{e}}`` as ``[("a", None), ("b", "c,d{e}")]``."""
    parsed: list[tuple[str, str | None]] = []
    depth, start, brace = 0, 0, -1
    for at, char in enumerate(fields + ","):
        if char == "{":
            depth += 1
            brace = at if depth == 1 else brace
        elif char == "}":
            depth -= 1
            assert depth >= 0, f"unbalanced braces in {fields!r}"
        elif char == "," and depth == 0:
            part = fields[start:at]
            if brace > start:
                assert part.endswith("}"), f"text after the braces in {part!r}"
                parsed.append((part[: brace - start], part[brace - start + 1 : -1]))
            else:
                parsed.append((part, None))
            start = at + 1
    assert depth == 0, f"unbalanced braces in {fields!r}"
    return parsed


def _api(node: str, method: str, edge: str | None) -> dict[str, Any] | None:
    apis: list[dict[str, Any]] = node_spec(node)["apis"]
    return next(
        (api for api in apis if api["method"] == method and api.get("endpoint") == edge), None
    )
