"""Personal data: columns hashed with a keyed HMAC or dropped, before anything is written."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pyarrow as pa
import pytest

from signalwire_logs import ConfigurationError, MessageLog
from signalwire_logs._personal import HASH_KEY_VARIABLE, PersonalData
from signalwire_logs.arrow import from_json_lines, schema_for
from signalwire_logs.testing import FakeSignalWire

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
