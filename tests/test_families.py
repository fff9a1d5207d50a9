"""The family registry is the one list of the log families: every layer derives from it.

Each test would fail if a family were added to (or dropped from) the registry and a layer did
not follow, or if a layer listed the families itself.
"""

from __future__ import annotations

import ast
import inspect
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

import signalwire_logs
from signalwire_logs import (
    AsyncSignalWireLogs,
    CxmlMessageFilters,
    LogFilters,
    MessageLogFilters,
    SignalWireLogs,
    aexport_logs,
    export_logs,
)
from signalwire_logs._cli._commands import cli
from signalwire_logs._export._request import ExportOptions, ExportRequest
from signalwire_logs._families import (
    CXML,
    FAMILIES,
    LOG_FAMILIES,
    MESSAGES,
    LogFamily,
    family,
    python_name,
    wire_name,
    wire_names,
)
from signalwire_logs.testing import FakeSignalWire

PACKAGE = Path(signalwire_logs.__file__).parent
ARGS: dict[str, Any] = {
    "project_id": "9b0f3c9e-6d2a-4a51-9d3b-2f6c1a7e4b10",
    "api_token": "PT-x",
    "space": "ex",
}


def _ids(family: LogFamily) -> str:
    return family.name


def test_the_registry_holds_the_six_families_once() -> None:
    names = [f.name for f in FAMILIES]
    assert names == ["messages", "faxes", "voice", "video", "conferences", "cxml-messages"]
    for attribute in ("cli_name", "attribute", "table", "path", "model"):
        values = [getattr(f, attribute) for f in FAMILIES]
        assert len(set(values)) == len(values), attribute
    assert [f for f in FAMILIES if f.by_day] == [CXML]
    assert tuple(f for f in FAMILIES if f is not CXML) == LOG_FAMILIES
    assert family("cxml-message") is family("cxml-messages") is CXML
    assert family("messages") is MESSAGES
    with pytest.raises(KeyError):
        family("calls")


@pytest.mark.parametrize("entry", FAMILIES, ids=_ids)
def test_the_entry_matches_its_generated_operations(entry: LogFamily) -> None:
    # The path the fake serves is the generated operation's; the models are the ones it parses.
    module = entry.list_operation
    url = module._get_kwargs(**_path_arguments(module))["url"]
    assert url == entry.path.format(account_sid="ACCOUNT")
    items = attrs.fields_dict(entry.list_model)[entry.envelope.items]
    assert entry.model.__name__ in str(items.type)
    assert entry.id_field in wire_names(entry.model)
    if entry.time_field is not None:
        assert entry.time_field in wire_names(entry.model)


def _path_arguments(module: Any) -> dict[str, Any]:
    parameters = inspect.signature(module._get_kwargs).parameters
    return {"account_sid": "ACCOUNT"} if "account_sid" in parameters else {}


@pytest.mark.parametrize("entry", FAMILIES, ids=_ids)
def test_every_family_is_a_resource_of_both_clients(entry: LogFamily) -> None:
    for client_class in (SignalWireLogs, AsyncSignalWireLogs):
        resource = getattr(client_class(**ARGS), entry.attribute)
        assert resource.family == entry.name
        assert resource.item_model is entry.model
        assert resource.time_field == entry.time_field
        assert resource._list_operation is entry.list_operation
        assert resource._list_model is entry.list_model
        assert hasattr(resource, "get") is (entry.get_operation is not None)
        assert hasattr(resource, "events") is (entry.events_operation is not None)


#: Each family's filter type (the log families but these take LogFilters).
_FILTERS: dict[str, type[Any]] = {
    MESSAGES.name: MessageLogFilters,
    CXML.name: CxmlMessageFilters,
}
#: What a list takes that is paging, not a filter: an export sets it itself.
_PAGING = {"self", "page_size", "page_number", "page", "page_token", "limit", "resume"}


@pytest.mark.parametrize("entry", FAMILIES, ids=_ids)
def test_every_family_s_filter_type_is_what_its_list_filters_on(entry: LogFamily) -> None:
    # export_logs(filters=...) is typed by these: a filter list() gains (or loses, or types
    # otherwise) must be in its TypedDict too, for a checker to take (or reject) it.
    typed = typing.get_type_hints(_FILTERS.get(entry.name, LogFilters))
    for client_class in (SignalWireLogs, AsyncSignalWireLogs):
        listing = type(getattr(client_class(**ARGS), entry.attribute)).list
        hints = typing.get_type_hints(listing)
        takes = {name for name in inspect.signature(listing).parameters if name not in _PAGING}
        assert typed == {name: hints[name] for name in takes}, client_class.__name__


def test_the_export_options_are_the_export_s_arguments() -> None:
    # The overloads of export_logs and aexport_logs spell every argument but filters once, in
    # ExportOptions: an argument added to one and not the other would be untyped or refused.
    options = set(ExportOptions.__annotations__)
    for function in (export_logs, aexport_logs, ExportRequest.check):
        keywords = inspect.signature(function).parameters
        assert options == set(keywords) - {"cls", "resource", "output", "filters"}


def test_no_client_has_a_resource_the_registry_lacks() -> None:
    registered = {f.attribute for f in FAMILIES}
    for client_class in (SignalWireLogs, AsyncSignalWireLogs):
        client = client_class(**ARGS)
        resources = {
            name
            for name in dir(client_class)
            if not name.startswith("_") and hasattr(getattr(client, name), "item_model")
        }
        assert resources == registered


@pytest.mark.parametrize("entry", FAMILIES, ids=_ids)
def test_every_family_is_a_cli_command_group(entry: LogFamily) -> None:
    group: Any = cli.commands[entry.cli_name]
    verbs = {"list"}
    if entry.get_operation is not None:
        verbs.add("get")
    if entry.events_operation is not None:
        verbs.add("events")
    assert set(group.commands) == verbs
    export: Any = cli.commands["export"]
    assert entry.cli_name in export.params[0].type.choices
    summary: Any = cli.commands["summary"]
    assert (entry.cli_name in summary.params[0].type.choices) is not entry.by_day
    sync: Any = cli.commands["sync"]
    assert (entry.cli_name in sync.params[0].type.choices) is not entry.by_day


def test_the_cli_has_no_family_group_the_registry_lacks() -> None:
    # A family's group is the one with a list command (export, summary... are commands).
    groups = {
        name for name, command in cli.commands.items() if "list" in getattr(command, "commands", {})
    }
    assert groups == {f.cli_name for f in FAMILIES}


def test_the_sync_loads_every_family_listed_by_time() -> None:
    sync = pytest.importorskip("signalwire_logs.sync")
    assert list(sync.FAMILIES) == [f.name for f in LOG_FAMILIES]
    for name, entry in sync.FAMILIES.items():
        assert entry is family(name) and isinstance(entry, sync.Family)
        assert (entry.attribute, entry.table, entry.model) == (
            family(name).attribute,
            family(name).table,
            family(name).model,
        )


@pytest.mark.parametrize("entry", FAMILIES, ids=_ids)
def test_every_family_has_an_arrow_schema_by_wire_name(entry: LogFamily) -> None:
    arrow = pytest.importorskip("signalwire_logs.arrow")
    schema = arrow.schema_for(entry.model)
    assert schema.names == [*wire_names(entry.model), arrow.EXTRA_COLUMN]


@pytest.mark.parametrize("entry", FAMILIES, ids=_ids)
def test_every_family_is_served_by_the_fake(entry: LogFamily) -> None:
    fake = FakeSignalWire(message_logs=3, fax_logs=3, voice_logs=3, video_logs=3, conference_logs=3)
    with fake.client() as client:
        resource = getattr(client, entry.attribute)
        records = list(resource.list(limit=2))
        assert records and all(isinstance(r, entry.model) for r in records)
        if entry.get_operation is not None:
            key = getattr(records[0], entry.id_field)
            assert resource.get(key) == records[0]
        if entry.events_operation is not None:
            resource.events(records[0].id)


def test_wire_names_are_the_json_names_of_the_fields() -> None:
    from signalwire_logs_api.models import VoiceLog

    assert wire_name("from_") == "from" and wire_name("type_") == "type"
    assert wire_name("created_at") == "created_at"
    names = wire_names(VoiceLog)
    assert "from" in names and "type" in names and "from_" not in names
    assert "additional_properties" not in names
    assert python_name(VoiceLog, "from") == "from_"
    assert python_name(VoiceLog, "created_at") == "created_at"
    assert python_name(VoiceLog, "not_documented") == "not_documented"
    with FakeSignalWire(voice_logs=20).client() as client:
        for record in client.voice_logs.list():
            sent = record.to_dict()
            for name in ("id", "from", "type"):  # text on the wire (enums by their value)
                field = getattr(record, python_name(VoiceLog, name))
                assert str(getattr(field, "value", field)) == sent[name]


def _string_constants(tree: ast.AST) -> list[tuple[int, str]]:
    """The module's string constants, but docstrings and what an ``Envelope(...)`` says of
    a list answer's JSON (the cXML one's records are under ``"messages"``)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Envelope":
            skipped.update(id(inner) for inner in ast.walk(node))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in skipped
    ]


#: Every way the registry spells a family: name, CLI name, client attribute, table, path.
SPELLED = {
    value
    for entry in FAMILIES
    for value in (entry.name, entry.cli_name, entry.attribute, entry.table, entry.path)
}
#: The spellings that are also plain words ("messages", "voice"...): a chart's label or a
#: page section may use them; a comparison, an assignment or a list of several may not.
WORDS = {value for value in SPELLED if value.isalpha()}


def _family_spellings(tree: ast.AST) -> list[tuple[int, str]]:
    """Where a module spells a family itself: any attribute, table, path or CLI name; a
    family's name compared (``family == "voice"``), assigned (``family = "faxes"``), or one
    of several in a tuple, list, set or dict's keys."""
    constants = {id(node): value for node, value in _constant_nodes(tree)}
    marked: dict[int, tuple[int, str]] = {}

    def mark(nodes: list[Any], at_least: int = 1) -> None:
        hits = [n for n in nodes if id(n) in constants and constants[id(n)] in SPELLED]
        if len(hits) >= at_least:
            marked.update({id(n): (n.lineno, constants[id(n)]) for n in hits})

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            mark([inner for part in (node.left, *node.comparators) for inner in ast.walk(part)])
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            mark([node.value])
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            mark(list(node.elts), at_least=2)
        elif isinstance(node, ast.Dict):
            mark([key for key in node.keys if key is not None], at_least=2)
    for node, value in _constant_nodes(tree):
        if value in SPELLED - WORDS:
            marked[id(node)] = (node.lineno, value)
    return sorted(marked.values())


def _constant_nodes(tree: ast.AST) -> list[tuple[ast.Constant, str]]:
    lines = set(_string_constants(tree))
    return [
        (node, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if (node.lineno, node.value) in lines
    ]


def test_no_module_but_the_registry_names_a_family() -> None:
    # A family spelled out in code is a second list of the families (the CLI's, the sync's,
    # the fake's routes and the resources' names used to be).
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "_families.py" and path.parent == PACKAGE:
            continue
        for line, value in _family_spellings(ast.parse(path.read_text(encoding="utf-8"))):
            found.append(f"{path.relative_to(PACKAGE)}:{line}: {value!r}")
    assert found == []


def test_the_scan_sees_a_family_listed_outside_the_registry() -> None:
    # The test above would catch the lists this package used to keep.
    def spelled(source: str) -> list[str]:
        return [value for _, value in _family_spellings(ast.parse(source))]

    assert spelled('FAMILY_NAMES = ("messages", "faxes")\n') == ["faxes", "messages"]
    assert spelled('ROUTES = {"/api/fax/logs": faxes}\n') == ["/api/fax/logs"]
    assert spelled('class F:\n    family = "voice"\n') == ["voice"]
    assert spelled('if family == "voice":\n    pass\n') == ["voice"]
    assert spelled('x = getattr(client, "fax_logs")\n') == ["fax_logs"]
    # Plain words as labels, docstrings and what an envelope says are not lists.
    assert spelled('_section("messages", "Messages by status")\n') == []
    assert spelled('y = {"field": "messages", "type": "quantitative"}\n') == []
    assert spelled('"""Lists messages."""\ndef f():\n    "faxes"\n') == []
    assert spelled('E = Envelope(items="messages")\n') == []
