"""Personal data: columns hashed with a keyed HMAC or dropped, before anything is written."""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import hmac
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import duckdb
import httpx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from signalwire_logs import ConfigurationError, InternalServerError, MessageLog, export_logs
from signalwire_logs._cli._commands import cli
from signalwire_logs._export import ExportFormat
from signalwire_logs._personal import HASH_KEY_VARIABLE, PersonalData
from signalwire_logs.arrow import from_json_lines, schema_for
from signalwire_logs.testing import FakeSignalWire, Status

from helpers import fake_client_through

KEY = "k" * 32
COLUMNS = schema_for(MessageLog).names[:-1]


def _rules(**options: Any) -> PersonalData:
    arguments: dict[str, Any] = {"hash_columns": None, "drop_columns": None, "key": KEY}
    arguments.update(options)
    rules = PersonalData.from_arguments(
        arguments.pop("hash_columns"),
        arguments.pop("drop_columns"),
        arguments.pop("key"),
        columns=COLUMNS,
        protected=("id", "created_at"),
    )
    assert rules is not None
    return rules


def _hmac(value: str) -> str:
    return hmac.new(KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def test_a_hash_is_the_hmac_sha256_of_the_value_under_the_key() -> None:
    rules = _rules(hash_columns=["from", "to"])
    assert rules.hash("+12065551212") == _hmac("+12065551212")
    assert rules.hash("+12065551212") != _rules(hash_columns=["from"], key="x" * 32).hash(
        "+12065551212"
    )
    assert KEY not in repr(rules) and rules.fingerprint and KEY not in str(rules.options())
    record = {"id": "1", "from": "+1206", "to": None, "status": "sent", "extra": 5}
    assert rules.record(record) == {
        "id": "1", "from": _hmac("+1206"), "to": None, "status": "sent", "extra": 5
    }  # fmt: skip


def test_dropping_a_column_or_every_undocumented_field() -> None:
    rules = _rules(drop_columns=["error_message", "extra_fields"])
    record = {"id": "1", "error_message": "x", "carrier": {"mcc": 1}, "status": "sent"}
    assert rules.record(record) == {"id": "1", "status": "sent"}
    line = json.dumps({**record, "from": "+1"}).encode()
    assert json.loads(rules.line(line)) == {"id": "1", "status": "sent", "from": "+1"}
    assert "error_message" not in rules.columns(COLUMNS)


def test_arrow_columns_are_hashed_per_distinct_value_and_dropped() -> None:
    fake = FakeSignalWire(message_logs=300, seed=2)
    page = next(iter(fake.client().message_logs.list(page_size=300).pages()))
    table = from_json_lines(page.body.lines(), MessageLog)
    rules = _rules(hash_columns=["from", "status"], drop_columns=["to", "extra_fields"])
    changed = rules.table(table)
    assert "to" not in changed.column_names and "extra_fields" not in changed.column_names
    assert changed.schema == rules.schema(table.schema)
    assert changed.column("from").to_pylist() == [_hmac(v) for v in table["from"].to_pylist()]
    assert changed.column("status").type == table.column("status").type  # still dictionary
    assert changed.column("status").to_pylist() == [_hmac(v) for v in table["status"].to_pylist()]
    columns = from_json_lines(page.body.lines(), MessageLog, unknown="columns")
    assert rules.table(columns).column_names == [n for n in COLUMNS if n != "to"]
    assert rules.table(pa.table({"id": ["a"]})).column_names == ["id"]  # absent: skipped


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"hash_columns": ["fro"]}, "Unknown column 'fro'"),
        ({"drop_columns": ["id"]}, "cannot be hashed or dropped"),
        ({"hash_columns": ["created_at"]}, "cannot be hashed or dropped"),
        ({"hash_columns": ["from"], "drop_columns": ["from"]}, "not both"),
        ({"hash_columns": ["extra_fields"]}, "dropped, not hashed"),
        ({"hash_columns": "from"}, "a list of column names"),
        ({"hash_columns": ["from"], "key": "short"}, "too short"),
    ],
)
def test_bad_rules_are_refused(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        _rules(**options)


def test_the_key_comes_from_the_environment_or_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(HASH_KEY_VARIABLE, raising=False)
    with pytest.raises(ConfigurationError, match=HASH_KEY_VARIABLE):
        _rules(hash_columns=["from"], key=None)
    secret = PersonalData.from_arguments(
        ["from"], None, None, columns=COLUMNS, protected=(), secret=KEY
    )
    assert secret is not None and secret.hash("a") == _hmac("a")
    monkeypatch.setenv(HASH_KEY_VARIABLE, KEY)
    assert _rules(hash_columns=["from"], key=None).hash("a") == _hmac("a")
    assert PersonalData.from_arguments(None, [], None, columns=COLUMNS, protected=()) is None


def test_a_filter_on_a_hashed_column_is_refused() -> None:
    rules = _rules(hash_columns=["from"])
    with pytest.raises(ConfigurationError, match="in clear, to the cursor file"):
        rules.check_filters({"from_": "+12065551212"})
    rules.check_filters({"status": "failed", "created_after": "2024-01-01"})


# -- exports: the clear value written nowhere ----------------------------------------------


def _everything_written(root: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file under ``root`` as bytes, and what a compressed one holds: Parquet files'
    values, gzip'd files inflated, DuckDB databases' tables and dlt's state dumped."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        yield path, data
        if data[:4] == b"PAR1":
            yield path, repr(pq.read_table(path).to_pylist()).encode()
        elif data[:2] == b"\x1f\x8b":
            yield path, gzip.decompress(data)
        elif path.suffix == ".duckdb":
            yield from _duckdb_contents(path)


def _duckdb_contents(path: Path) -> Iterator[tuple[Path, bytes]]:
    with duckdb.connect(str(path), read_only=True) as db:
        tables = db.execute(
            "SELECT table_schema, table_name FROM information_schema.tables"
        ).fetchall()
        for schema, table in tables:
            rows = db.execute(f'SELECT * FROM "{schema}"."{table}"').fetchall()
            yield path, repr(rows).encode()
            if table == "_dlt_pipeline_state":
                for row in rows:  # the state: base64 of zlib'd JSON
                    for value in row:
                        if isinstance(value, str) and len(value) > 40:
                            with contextlib.suppress(ValueError, zlib.error):
                                yield path, zlib.decompress(base64.b64decode(value))


def _clear_numbers(fake: FakeSignalWire) -> set[str]:
    logs = fake.client().message_logs.list(include_deleted=True, page_size=1000)
    return {n for log in logs for n in (log.from_, log.to) if isinstance(n, str)}


def _found(root: Path, values: set[str]) -> list[tuple[str, str]]:
    return sorted(
        {
            (str(path.relative_to(root)), value)
            for path, data in _everything_written(root)
            for value in values
            if value.encode() in data
        }
    )


@pytest.fixture(params=["jsonl", "csv", "parquet"])
def keyed_format(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> ExportFormat:
    """Each export format, with the hash key in the environment."""
    monkeypatch.setenv(HASH_KEY_VARIABLE, KEY)
    format: ExportFormat = request.param
    return format


def test_an_export_writes_the_hash_and_never_the_number(
    tmp_path: Path, keyed_format: ExportFormat
) -> None:
    format = keyed_format
    fake = FakeSignalWire(message_logs=1_000, seed=3)
    numbers = _clear_numbers(fake)
    client = fake.client(max_retries=0)
    output = tmp_path / "out" / f"messages.{format}"
    output.parent.mkdir()
    arguments: dict[str, Any] = {
        "format": format,
        "include_deleted": True,
        "page_size": 100,
        "hash_columns": ["from", "to"],
        "drop_columns": ["error_message"],
    }
    if format == "parquet":
        arguments["part_rows"] = 200  # parts whole before the failure: a cursor file stays
    fake.inject(Status(500), times=5, path="/api/messaging/logs", after=4)
    with pytest.raises(InternalServerError):  # a cursor file and a half export on disk
        export_logs(client.message_logs, output, **arguments)
    assert _found(tmp_path / "out", numbers) == []
    fake.clear_faults()
    # A resume naming no columns hashes and drops them as the export started: never in clear.
    resumed = export_logs(client.message_logs, output, resume=True, format=format)
    assert resumed.resumed and resumed.records == 1_000
    assert _found(tmp_path / "out", numbers) == []
    again = export_logs(client.message_logs, output, resume=True, **arguments)  # the same rules
    assert (again.resumed, again.written) == (True, 0)
    with pytest.raises(ConfigurationError, match="belongs to another export"):
        export_logs(client.message_logs, output, resume=True, hash_columns=["from"])
    plain = tmp_path / "plain"
    plain.mkdir()
    export_logs(client.message_logs, plain / f"m.{format}", format=format, include_deleted=True)
    assert _found(plain, numbers)  # the search finds numbers where they are written
    hashed = {_hmac(n) for n in numbers}
    assert _found(tmp_path / "out", hashed)  # ... and their hashes where they are


class _Spelled(httpx.BaseTransport):
    """Adds undocumented fields named like ``from``, ``to`` and ``error_message`` but spelled
    otherwise to every fifth message log."""

    FIELDS: ClassVar[dict[str, str]] = {
        "From": "+12065550100",
        "to ": "+12065550101",
        "errorMessage": "secret text",
    }

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        body = json.loads(response.read())
        for log in body.get("data", [])[::5]:
            log.update(self.FIELDS)
        return httpx.Response(response.status_code, json=body, headers={"x-request-id": "r"})


def test_fields_spelled_otherwise_are_hashed_or_dropped_as_their_column(
    tmp_path: Path, keyed_format: ExportFormat
) -> None:
    format = keyed_format
    fake = FakeSignalWire(message_logs=200, seed=3)
    client = fake_client_through(fake, _Spelled(fake.transport()))
    output = tmp_path / f"m.{format}"
    export_logs(client.message_logs, output, format=format, hash_columns=["from", "to"],
                drop_columns=["error_message"])  # fmt: skip
    clear = set(_Spelled.FIELDS.values())
    assert _found(tmp_path, clear) == []
    assert _found(tmp_path, {_hmac("+12065550100"), _hmac("+12065550101")})


def test_a_resume_with_another_key_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeSignalWire(message_logs=300, seed=3)
    client = fake.client(max_retries=0)
    output = tmp_path / "m.jsonl"
    fake.inject(Status(500), times=5, path="/api/messaging/logs", after=1)
    with pytest.raises(InternalServerError):
        export_logs(client.message_logs, output, page_size=100, hash_columns=["to"], hash_key=KEY)
    assert KEY not in Path(f"{output}.cursor").read_text()
    fake.clear_faults()
    with pytest.raises(ConfigurationError, match="belongs to another export"):
        export_logs(
            client.message_logs, output, page_size=100, hash_columns=["to"], hash_key="y" * 32,
            resume=True,
        )  # fmt: skip
    with pytest.raises(ConfigurationError, match="in clear, to the cursor file"):
        export_logs(
            client.cxml_messages, tmp_path / "c.jsonl", hash_columns=["from"], hash_key=KEY,
            filters={"from_": "+12065551212"},
        )  # fmt: skip


def test_cli_export_hash_and_drop(tmp_path: Path) -> None:
    fake = FakeSignalWire(message_logs=200, seed=3)
    output = tmp_path / "cli.csv"
    with fake.serve() as url:
        env = {
            "SIGNALWIRE_PROJECT_ID": fake.project_id,
            "SIGNALWIRE_API_TOKEN": fake.api_token,
            HASH_KEY_VARIABLE: KEY,
        }
        args = ["--base-url", url, "export", "messages", "--format", "csv", "-o", str(output)]
        args += ["--hash", "from", "--hash", "to", "--drop", "extra_fields", "--drop", "url"]
        result = CliRunner().invoke(cli, args, env=env)
        assert result.exit_code == 0, result.output
        unknown = CliRunner().invoke(cli, [*args[:-2], "--drop", "nope"], env=env)
    header, *rows = output.read_text().splitlines()
    assert header.split(",")[:3] == ["id", "from", "to"]
    assert "url" not in header.split(",") and "extra_fields" not in header.split(",")
    first = next(iter(fake.client().message_logs.list(page_size=1)))
    assert rows[0].split(",")[1] == _hmac(first.from_)
    assert unknown.exit_code == 2 and "Unknown column 'nope'" in unknown.output
