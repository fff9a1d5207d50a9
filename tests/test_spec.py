"""The patched spec: valid, complete, and agreeing with every documented example."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

from conftest import ROOT, deref, load_example, response_validator

sys.path.insert(0, str(ROOT / "scripts"))
import apply_overlay

SEEDS = ROOT.parent / "shared" / "seeds"

MESSAGE_LOG_LINKS = {
    "self": "https://example.signalwire.com/api/messaging/logs?page_number=0&page_size=50",
    "first": "https://example.signalwire.com/api/messaging/logs?page_size=50",
    "next": "https://example.signalwire.com/api/messaging/logs?page_number=1&page_size=50"
    "&page_token=PA6ad4c839-2a55-4bb5-b5ed-bc1ef3e20a6c",
}

# (path, example) pairs: the 200 body of each operation, as SignalWire documents it.
DOCUMENTED_RESPONSES = [
    ("/api/messaging/logs/{id}", load_example("message_log")),
    ("/api/messaging/logs", {"links": MESSAGE_LOG_LINKS, "data": [load_example("message_log")]}),
    ("/api/fax/logs", load_example("fax_log_list")),
    ("/api/fax/logs/{id}", load_example("fax_log")),
    ("/api/laml/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}", load_example("cxml_message")),
]


def _operations(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(path, item["get"]) for path, item in spec["paths"].items()]


def test_patched_spec_is_valid_openapi(spec: dict[str, Any]) -> None:
    validate(spec)


@pytest.mark.parametrize(("path", "example"), DOCUMENTED_RESPONSES, ids=lambda v: str(v)[:40])
def test_documented_example_validates(spec: dict[str, Any], path: str, example: Any) -> None:
    errors = list(response_validator(spec, path, "200").iter_errors(example))
    assert errors == []


def test_spec_examples_are_the_seed_examples_and_valid(spec: dict[str, Any]) -> None:
    seeded = dict(DOCUMENTED_RESPONSES)
    for path, operation in _operations(spec):
        response = operation["responses"]["200"]
        example = response["content"]["application/json"]["example"]
        if path in seeded:  # the other examples come from SignalWire's compiled reference
            assert example == seeded[path], path
        assert response_validator(spec, path, "200").is_valid(example), path
    assert len(spec["paths"]) == 12


def test_example_with_a_missing_field_is_rejected(spec: dict[str, Any]) -> None:
    # The validation above is worth something only if it can fail.
    broken = copy.deepcopy(load_example("fax_log"))
    del broken["error_message"]
    assert not response_validator(spec, "/api/fax/logs/{id}", "200").is_valid(broken)


def test_message_log_has_documented_error_fields(spec: dict[str, Any]) -> None:
    schema = spec["components"]["schemas"]["Message.LogRetrieveResponse"]
    for field in ("error_code", "error_message"):
        assert schema["properties"][field]["type"] == ["string", "null"]
        assert field in schema["required"]


def test_every_operation_has_the_upstream_error_responses(spec: dict[str, Any]) -> None:
    item_fields = {"type", "code", "message", "attribute", "url"}
    for path, operation in _operations(spec):
        assert {"200", "400", "401", "404", "422", "500"} <= operation["responses"].keys(), path
        body = response_validator(spec, path, "422")
        if path.startswith("/api/laml/"):  # the cXML API's own flat error body
            error = {"code": 21211, "message": "Invalid", "more_info": "u", "status": 422}
            assert body.is_valid(error) and body.is_valid({**error, "code": "21211"}), path
        else:
            assert body.is_valid({"errors": [dict.fromkeys(item_fields - {"attribute"}, "x")]})
        assert not body.is_valid({"error": "Unprocessable"}), path


def test_list_operations_take_the_paging_parameters(spec: dict[str, Any]) -> None:
    expected = {"include_deleted", "created_before", "created_on", "created_after"}
    expected |= {"page_size", "page_number", "page_token"}
    lists = ["/api/messaging/logs", "/api/fax/logs", "/api/voice/logs", "/api/video/logs"]
    for path in [*lists, "/api/logs/conferences"]:
        params = [deref(spec, p["$ref"]) for p in spec["paths"][path]["get"]["parameters"]]
        assert {p["name"] for p in params} == expected
        page_size = next(p for p in params if p["name"] == "page_size")["schema"]
        assert (page_size["minimum"], page_size["maximum"], page_size["default"]) == (1, 1000, 50)


def test_every_family_s_largest_page_is_the_one_walks_ask_for(spec: dict[str, Any]) -> None:
    # Walks ask for PAGE_SIZE_MAX unless told otherwise: a family whose spec allowed less
    # would need its own maximum in the families registry.
    from signalwire_logs._constants import PAGE_SIZE_MAX
    from signalwire_logs._families import FAMILIES

    for family in FAMILIES:
        operation = spec["paths"][family.path.replace("{account_sid}", "{AccountSid}")]["get"]
        params = [deref(spec, p["$ref"]) if "$ref" in p else p for p in operation["parameters"]]
        (size,) = [p["schema"] for p in params if p["name"] in ("page_size", "PageSize")]
        assert size["maximum"] == PAGE_SIZE_MAX, family.name


def test_credentials_come_from_the_security_scheme(spec: dict[str, Any]) -> None:
    for path, operation in _operations(spec):
        names = [p.get("name") for p in operation.get("parameters", [])]
        assert "Authorization" not in names, path
    assert spec["security"] == [{"SignalWireBasicAuth": []}]
    assert spec["components"]["securitySchemes"]["SignalWireBasicAuth"]["scheme"] == "basic"


def test_server_url_is_a_proper_template(spec: dict[str, Any]) -> None:
    (server,) = spec["servers"]
    assert server["url"] == "https://{space}.signalwire.com"
    assert "space" in server["variables"]


def _enum_refs_outside_open_unions(node: Any, enums: set[str], open_ok: bool = False) -> list[str]:
    """Every `$ref` to an enum schema that is not inside an `anyOf` with a plain string."""
    found: list[str] = []
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.rsplit("/", 1)[-1] in enums and not open_ok:
            found.append(ref)
        alternatives = node.get("anyOf", [])
        is_open = {"type": "string"} in alternatives
        for key, value in node.items():
            found += _enum_refs_outside_open_unions(value, enums, key == "anyOf" and is_open)
    elif isinstance(node, list):
        for value in node:
            found += _enum_refs_outside_open_unions(value, enums, open_ok)
    return found


def test_every_enum_is_open(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    enums = {name for name, schema in schemas.items() if "enum" in schema}
    assert len(enums) >= 10
    assert _enum_refs_outside_open_unions(schemas, enums) == []


def test_overlay_target_that_selects_nothing_fails() -> None:
    overlay = {"overlay": "1.0.0", "actions": [{"target": "$.paths['/nope']", "remove": True}]}
    with pytest.raises(apply_overlay.OverlayError, match="selects nothing"):
        apply_overlay.apply({"paths": {}}, overlay)


def test_overlay_update_merges_and_appends() -> None:
    overlay = {
        "overlay": "1.0.0",
        "actions": [
            {"target": "$.a", "update": {"b": {"c": 2}, "d": 3}},
            {"target": "$.a.list", "update": "y"},
            {"target": "$.a.list[?@=='x']", "remove": True},
        ],
    }
    result = apply_overlay.apply({"a": {"b": {"e": 1}, "list": ["x"]}}, overlay)
    assert result == {"a": {"b": {"e": 1, "c": 2}, "d": 3, "list": ["y"]}}


def test_committed_spec_is_the_overlay_output() -> None:
    assert (ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8") == apply_overlay.render()


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed pages not found at {SEEDS}")
def test_vendored_files_match_the_seed_pages() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "vendor_seeds.py"), str(SEEDS), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_upstream_yaml_is_untouched_openapi_31() -> None:
    text = (ROOT / "spec" / "upstream" / "message-logs.openapi.yaml").read_text(encoding="utf-8")
    assert text.startswith("openapi: 3.1.0\n")
    assert "%7BYour_Space_Name%7D" in text  # the upstream bug is kept; the overlay fixes it
    assert Path(ROOT / "spec" / "upstream" / "README.md").is_file()


# -- one rule for records: what upstream types, we type the same ------------------------------

#: Each family's schema in the patched spec, against its record schema upstream (see
#: tests/upstream.py), and the nested records under it.
OURS = {
    "MessageLog": "Message.LogRetrieveResponse",
    "FaxLog": "Fax.Log",
    "VoiceLog": "Voice.Log",
    "VoiceLogEvent": "Voice.LogEvent",
    "VideoLog": "Video.Log",
    "ConferenceLog": "Conference.Log",
    "CxmlMessage": "Cxml.Message",
}
NESTED = [  # (ours, upstream document, upstream schema)
    ("Message.ChargeDetail", "rest", "Message.ChargeDetail"),
    ("Message.ChargeDetail", "rest", "Fax.ChargeDetail"),
    ("Message.ChargeDetail", "rest", "Voice.ChargeDetail"),
    ("Message.ChargeDetail", "rest", "Video.ChargeDetail"),
    ("Conference.ChargeDetail", "rest", "Logs.ChargeDetails"),
    ("Cxml.MessageSubresourceUris", "compatibility", "MessageSubresourceUris"),
]

#: The overlay's documented corrections to which fields are required (spec/overlay.yaml).
REQUIRED_CORRECTIONS = {
    # Seed 004's own example omits remote_station: documented, but not always sent.
    ("FaxLog", "remote_station"),
}


def _kinds(types: set[str]) -> set[str]:
    """JSON types as compared: a uuid or uri is kept as the string sent (a format is an
    annotation in JSON Schema 2020-12), a date-time is parsed, so it stays apart."""
    return {t if t == "string:date-time" else t.split(":")[0] for t in types}


def _fields(doc: dict[str, Any], shapes: list[dict[str, Any]]) -> dict[str, set[str]]:
    import upstream

    fields: dict[str, set[str]] = {}
    for shape in shapes:
        for name, schema in shape.get("properties", {}).items():
            fields.setdefault(name, set()).update(_kinds(upstream.json_types(doc, schema)))
    return fields


def _required(shapes: list[dict[str, Any]]) -> set[str]:
    sets = [set(shape.get("required", [])) for shape in shapes]
    return set.intersection(*sets)


def _pairs(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any], dict[str, Any], list[Any]]]:
    import upstream

    pairs = []
    for model in upstream.RECORDS:
        doc, shapes = upstream.shapes(model)
        ours = spec["components"]["schemas"][OURS[model.__name__]]
        pairs.append((model.__name__, ours, doc, shapes))
    for ours, name, theirs in NESTED:
        doc = upstream.document(name)
        shape = doc["components"]["schemas"][theirs]
        pairs.append((ours, spec["components"]["schemas"][ours], doc, [shape]))
    return pairs


def test_every_field_has_the_json_types_upstream_gives_it(spec: dict[str, Any]) -> None:
    for name, ours, doc, shapes in _pairs(spec):
        theirs = _fields(doc, shapes)
        mine = _fields(spec, [ours])
        assert mine == theirs, name


def test_what_every_upstream_shape_requires_is_required(spec: dict[str, Any]) -> None:
    for name, ours, _doc, shapes in _pairs(spec):
        corrections = {field for model, field in REQUIRED_CORRECTIONS if model == name}
        assert set(ours.get("required", [])) == _required(shapes) - corrections, name


#: The formats the patched spec uses: upstream's own (annotations, but date-time, which the
#: models parse, as upstream's fields are date-times).
FORMATS = (None, "date-time", "uuid", "uri", "int32", "double")


def test_no_string_is_narrowed_into_a_stricter_format(spec: dict[str, Any]) -> None:
    """A pattern, or a format upstream does not give, would refuse what upstream accepts."""

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            assert "pattern" not in node, where
            assert node.get("format") in FORMATS, where
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(spec["components"]["schemas"], "#/components/schemas")


def test_the_upstream_documents_are_vendored_byte_for_byte() -> None:
    """Their git blob ids, as spec/upstream/README.md records them (the ids of the files at
    the cited commit of signalwire/docs)."""
    import hashlib

    readme = (ROOT / "spec" / "upstream" / "README.md").read_text(encoding="utf-8")
    for name in ("signalwire-rest.openapi.yaml", "compatibility.openapi.yaml"):
        data = (ROOT / "spec" / "upstream" / name).read_bytes()
        blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        assert f"`{name}`" in readme and blob in readme, name
