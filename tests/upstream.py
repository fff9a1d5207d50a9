"""SignalWire's own published OpenAPI documents (spec/upstream/), read for the tests: what
JSON types upstream gives each field of each family, and whether a body is valid under it."""

from __future__ import annotations

import functools
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from signalwire_logs import (
    ConferenceLog,
    CxmlMessage,
    FaxLog,
    MessageLog,
    VideoLog,
    VoiceLog,
    VoiceLogEvent,
)

from conftest import ROOT

UPSTREAM = ROOT / "spec" / "upstream"
REST = UPSTREAM / "signalwire-rest.openapi.yaml"
COMPATIBILITY = UPSTREAM / "compatibility.openapi.yaml"

#: Each family's record schema upstream: (document, JSON pointer). A conference has no named
#: schema upstream, only the items of its list.
RECORDS: dict[type[Any], tuple[str, str]] = {
    MessageLog: ("rest", "/components/schemas/Message.MessageLog"),
    FaxLog: ("rest", "/components/schemas/Fax.FaxLog"),
    VoiceLog: ("rest", "/components/schemas/Voice.VoiceLog"),
    VoiceLogEvent: ("rest", "/components/schemas/Voice.LogEvent"),
    VideoLog: ("rest", "/components/schemas/Video.VideoLog"),
    ConferenceLog: ("rest", "/components/schemas/Logs.ConferencesResponse/properties/data/items"),
    CxmlMessage: ("compatibility", "/components/schemas/Message"),
}


@functools.cache
def document(name: str) -> dict[str, Any]:
    """One upstream document, parsed (the REST one is 2 MB: read once per process)."""
    path = REST if name == "rest" else COMPATIBILITY
    with path.open(encoding="utf-8") as file:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        loaded: dict[str, Any] = yaml.load(file, Loader=loader)
    return loaded


def _at(doc: dict[str, Any], pointer: str) -> Any:
    node: Any = doc
    for part in pointer.strip("/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema and len(schema) == 1:
        schema = _at(doc, schema["$ref"].removeprefix("#"))
    return schema


def json_types(doc: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    """The JSON types a schema admits: string, integer, number, boolean, null, array, object
    (``any`` for an untyped schema); a string with a format is ``string:<format>``."""
    schema = _resolve(doc, schema)
    if "allOf" in schema:
        found: set[str] | None = None
        for part in schema["allOf"]:
            types = json_types(doc, part)
            if "any" not in types:
                found = types if found is None else found & types
        return found if found is not None else {"any"}
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        return set().union(*(json_types(doc, branch) for branch in branches))
    declared = schema.get("type")
    if declared is None:
        return {"any"}
    kinds = declared if isinstance(declared, list) else [declared]
    formatted = "format" in schema
    return {f"string:{schema['format']}" if k == "string" and formatted else k for k in kinds}


def shapes(model: type[Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The upstream document of a family and the object shapes its records may take."""
    name, pointer = RECORDS[model]
    doc = document(name)
    schema = _resolve(doc, _at(doc, pointer))
    branches = schema.get("anyOf", [schema])
    return doc, [_resolve(doc, branch) for branch in branches]


def field_types(model: type[Any]) -> dict[str, set[str]]:
    """Each field upstream gives a family (in any of its shapes) -> the JSON types it admits."""
    doc, objects = shapes(model)
    fields: dict[str, set[str]] = {}
    for shape in objects:
        for name, schema in shape.get("properties", {}).items():
            fields.setdefault(name, set()).update(json_types(doc, schema))
    return fields


def _open(node: Any) -> Any:
    """A copy of a schema without ``unevaluatedProperties``: fields it does not document
    allowed, as the client keeps them (the overlay's documented correction)."""
    if isinstance(node, dict):
        return {k: _open(v) for k, v in node.items() if k != "unevaluatedProperties"}
    if isinstance(node, list):
        return [_open(v) for v in node]
    return node


@functools.cache
def _validator(name: str, pointer: str, undocumented: bool) -> Draft202012Validator:
    contents = _open(document(name)) if undocumented else document(name)
    resource = Resource.from_contents(contents, default_specification=DRAFT202012)
    uri = f"urn:signalwire-docs:{name}"
    registry: Registry[Any] = Registry().with_resource(uri, resource)
    return Draft202012Validator({"$ref": f"{uri}#{pointer}"}, registry=registry)


def upstream_errors(
    name: str, pointer: str, instance: object, *, undocumented: bool = False
) -> list[str]:
    """Why ``instance`` is not valid under the upstream schema at ``pointer`` (empty: it is).
    Formats are annotations here, as JSON Schema 2020-12 makes them by default. With
    ``undocumented``, fields the schema does not document are allowed."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in _validator(name, pointer, undocumented).iter_errors(instance)
    ]


#: The log operations of each upstream document, the ones the client calls.
LOG_PATHS = {
    "rest": [
        "/api/messaging/logs",
        "/api/messaging/logs/{id}",
        "/api/fax/logs",
        "/api/fax/logs/{id}",
        "/api/voice/logs",
        "/api/voice/logs/{id}",
        "/api/voice/logs/{id}/events",
        "/api/video/logs",
        "/api/video/logs/{id}",
        "/api/logs/conferences",
    ],
    "compatibility": ["/Accounts/{AccountSid}/Messages", "/Accounts/{AccountSid}/Messages/{Sid}"],
}


def log_operations(name: str) -> dict[str, Any]:
    """The upstream document ``name`` cut down to its log operations and every component
    they refer to, each taken as it is (nothing edited): Prism takes minutes to load the
    whole 2 MB REST document, and seconds to load this."""
    doc = document(name)
    kept: dict[str, Any] = {
        key: doc[key] for key in ("openapi", "info", "servers", "security") if key in doc
    }
    kept["paths"] = {path: doc["paths"][path] for path in LOG_PATHS[name]}
    components: dict[str, dict[str, Any]] = {}
    if "securitySchemes" in doc["components"]:
        components["securitySchemes"] = doc["components"]["securitySchemes"]
    pending = [kept["paths"]]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/"):
                kind, _, component = ref.removeprefix("#/components/").partition("/")
                if component not in components.setdefault(kind, {}):
                    components[kind][component] = doc["components"][kind][component]
                    pending.append(components[kind][component])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    kept["components"] = components
    return kept
