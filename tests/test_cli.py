"""The `signalwire-logs` command, driven with click's runner against a loopback fake."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from signalwire_logs._cli._commands import cli
from signalwire_logs.testing import FakeSignalWire, Status

from cli_helpers import Served, run


def _lines(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_list_in_a_pipe_is_json_lines(served: Served) -> None:
    result = run(served, "messages", "list", "--limit", "30")
    assert result.exit_code == 0, result.output
    records = _lines(result)
    assert len(records) == 30 and all("error_code" in r for r in records)
    assert "\x1b[" not in result.stdout  # no colours in a pipe


def test_list_tsv_in_a_pipe(served: Served) -> None:
    result = run(served, "faxes", "list", "--limit", "5", "--format", "tsv")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["created_at", "id", "status", "direction", "from", "to", "error", "charge"]
    assert len(rows) == 6 and all(len(r) == 8 for r in rows)


def test_list_filters(served: Served) -> None:
    result = run(served, "messages", "list", "--created-on", "2024-06-01", "--limit", "1000")
    days = {r["created_at"][:10] for r in _lines(result)}
    assert days == {"2024-06-01"}


def test_get_commands_print_json(served: Served) -> None:
    fake, _ = served
    listed = _lines(run(served, "messages", "list", "--limit", "50"))
    laml = next(r for r in listed if r["url"])
    got = json.loads(run(served, "messages", "get", laml["id"]).stdout)
    assert got == laml
    sid = laml["url"].rsplit("/", 1)[1]
    message = json.loads(run(served, "cxml-message", "get", sid).stdout)
    assert message["sid"] == sid and message["account_sid"] == fake.project_id
    fax_id = fake.faxes.make_id(0)
    assert json.loads(run(served, "faxes", "get", fax_id).stdout)["id"] == fax_id


def test_summary_by_error_code_explains_failures(served: Served) -> None:
    result = run(served, "summary", "messages", "--by", "error_code")
    assert result.exit_code == 0
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert lines[0] == ["error_code", "count", "charge_usd", "meaning", "error_message"]
    rows = {r[0]: r for r in lines[1:]}
    assert "total" not in rows  # machine formats carry the groups only
    assert rows["30001"][4] == "Queue overflow"  # the logs' own most common message
    # ...next to what SignalWire's reference says the code means.
    assert rows["30007"][3] == "Filtered by the carrier as spam or disallowed content"
    assert rows["(none)"][3] == ""
    listed = _lines(run(served, "messages", "list", "--limit", "100000"))
    assert sum(int(r[1]) for r in rows.values()) == len(listed)  # raw numbers: no "2,705"


@pytest.mark.parametrize("key", ["status", "direction", "day"])
def test_summary_keys(served: Served, key: str) -> None:
    result = run(served, "summary", "faxes", "--by", key)
    assert result.exit_code == 0 and result.stdout.splitlines()[0].startswith(key)


def test_export_jsonl(served: Served, tmp_path: Path) -> None:
    output = tmp_path / "messages.jsonl"
    result = run(served, "export", "messages", "--output", str(output))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in output.read_text().splitlines()]
    assert len(records) == len({r["id"] for r in records}) > 2_000
    cursor = json.loads((tmp_path / "messages.jsonl.cursor").read_text())
    assert cursor["complete"] and cursor["records"] == len(records)
    assert f"Exported {len(records):,} messages" in result.stderr


def test_export_csv(served: Served, tmp_path: Path) -> None:
    output = tmp_path / "faxes.csv"
    assert run(served, "export", "faxes", "--format", "csv", "-o", str(output)).exit_code == 0
    rows = list(csv.DictReader(output.open()))
    assert rows and rows[0]["id"] and "error_message" in rows[0] and "from" in rows[0]
    assert any(r["error_code"] == "34004" for r in rows)


def test_export_never_overwrites(served: Served, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    output.write_text("precious\n")
    result = run(served, "export", "messages", "-o", str(output))
    assert result.exit_code == 2 and "exists" in result.stderr
    assert output.read_text() == "precious\n"


def test_export_interrupted_then_resumed_has_no_gaps_or_duplicates(
    served: Served, tmp_path: Path
) -> None:
    fake, _ = served
    whole = tmp_path / "whole.jsonl"
    run(served, "export", "messages", "--page-size", "500", "-o", str(whole))
    expected = whole.read_text().splitlines()

    output = tmp_path / "part.jsonl"
    fake.inject(Status(500), path="/api/messaging/logs", after=2, times=10)
    failed = run(
        served, "--max-retries", "0", "export", "messages", "--page-size", "500", "-o", str(output)
    )
    assert failed.exit_code == 1
    assert failed.stderr.startswith("Error: the API failed on its side, again after the retries")
    assert len(output.read_text().splitlines()) == 1000
    # A run killed mid-page leaves half a line behind; resuming must drop it.
    with output.open("a") as file:
        file.write('{"id": "half-writ')
    fake.clear_faults()
    resumed = run(served, "export", "messages", "--resume", "-o", str(output))
    assert resumed.exit_code == 0, resumed.output
    assert output.read_text().splitlines() == expected
    again = run(served, "export", "messages", "--resume", "-o", str(output))
    assert again.exit_code == 0 and output.read_text().splitlines() == expected


def test_resume_needs_a_matching_cursor(served: Served, tmp_path: Path) -> None:
    output = tmp_path / "x.jsonl"
    other_output = tmp_path / "y.jsonl"
    fresh = run(served, "export", "messages", "--resume", "-o", str(other_output))
    assert fresh.exit_code == 0 and "Nothing to resume" in fresh.stderr  # a fresh start
    run(served, "export", "faxes", "-o", str(output))
    other = run(served, "export", "messages", "--resume", "-o", str(output))
    assert other.exit_code == 2 and "belongs to another export" in other.stderr


def test_secrets_stay_out_of_output_and_cursor(served: Served, tmp_path: Path) -> None:
    fake, _ = served
    output = tmp_path / "m.jsonl"
    result = run(served, "export", "messages", "-o", str(output))
    bad = run(served, "faxes", "get", "00000000-0000-4000-8000-000000000000")
    for text in [result.output, bad.output, (tmp_path / "m.jsonl.cursor").read_text()]:
        assert fake.api_token not in text


def test_api_error_is_one_line_and_exit_1(served: Served) -> None:
    result = run(served, "faxes", "get", "00000000-0000-4000-8000-000000000000")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("Error: not found: 404 Not Found for GET http://127.0.0.1")


def test_usage_errors_exit_2(served: Served) -> None:
    assert run(served, "messages", "list", "--page-size", "5000").exit_code == 2
    assert run(served, "faxes", "get", "not-a-uuid").exit_code == 2
    missing = CliRunner().invoke(cli, ["messages", "list"], env={"SIGNALWIRE_PROJECT_ID": ""})
    assert missing.exit_code == 2 and "SIGNALWIRE_PROJECT_ID" in missing.stderr


def test_fake_server_command_serves_loopback_only() -> None:
    result = CliRunner().invoke(cli, ["fake-server", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "loopback" in result.output


def test_fake_server_subprocess_and_module_entry_point() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "signalwire_logs", "fake-server", "--port", "0", "--fax-logs", "7"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        fake = FakeSignalWire()
        result = run((fake, url), "faxes", "list", "--limit", "100")
        assert len(_lines(result)) <= 7
    finally:
        process.terminate()
        process.wait(timeout=10)


# -- voice, video, conferences and the cXML list -------------------------------------------------


@pytest.mark.parametrize(
    ("group", "columns"),
    [
        ("voice", ["created_at", "id", "type", "status", "direction", "from", "to", "duration"]),
        ("video", ["created_at", "id", "type", "status", "room_name", "started_at", "ended_at"]),
        ("conferences", ["created_at", "id", "type", "status", "name"]),
    ],
)
def test_new_log_groups_list_as_table_and_json(
    served: Served, group: str, columns: list[str]
) -> None:
    table = run(served, group, "list", "--limit", "7", "--format", "tsv")
    assert table.exit_code == 0, table.output
    rows = [line.split("\t") for line in table.stdout.splitlines()]
    assert rows[0] == [*columns, "charge"] and len(rows) == 8
    records = _lines(run(served, group, "list", "--limit", "7"))
    assert [r["id"] for r in records] == [row[1] for row in rows[1:]]


def test_voice_get_and_events(served: Served) -> None:
    fake, _ = served
    log_id = fake.voice.make_id(1)
    assert json.loads(run(served, "voice", "get", log_id).stdout)["id"] == log_id
    events = _lines(run(served, "voice", "events", log_id))
    assert events and {e["log_id"] for e in events} == {log_id}
    video_id = fake.video.make_id(2)
    assert json.loads(run(served, "video", "get", video_id).stdout)["id"] == video_id
    assert run(served, "conferences", "get", video_id).exit_code == 2  # no such endpoint


@pytest.mark.parametrize("group", ["voice", "video", "conferences"])
@pytest.mark.parametrize("key", ["status", "type", "day"])
def test_new_log_groups_summarise(served: Served, group: str, key: str) -> None:
    result = run(served, "summary", group, "--by", key)
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == [key, "count", "charge_usd"]
    listed = _lines(run(served, group, "list", "--limit", "100000"))
    assert sum(int(r[1]) for r in rows[1:]) == len(listed)
    charged = sum(Decimal(str(r.get("charge") or 0)) for r in listed)
    assert sum(Decimal(r[2]) for r in rows[1:]) == charged


@pytest.mark.parametrize("group", ["voice", "video", "conferences"])
def test_new_log_groups_export(served: Served, group: str, tmp_path: Path) -> None:
    listed = _lines(run(served, group, "list", "--limit", "100000"))
    jsonl, table = tmp_path / f"{group}.jsonl", tmp_path / f"{group}.csv"
    assert run(served, "export", group, "-o", str(jsonl), "--page-size", "17").exit_code == 0
    exported = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert [r["id"] for r in exported] == [r["id"] for r in listed]
    assert {key for r in exported for key in r} == {key for r in listed for key in r}
    assert run(served, "export", group, "-o", str(table), "--format", "csv").exit_code == 0
    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == [r["id"] for r in listed]


def test_cxml_message_list(served: Served) -> None:
    result = run(served, "cxml-message", "list", "--status", "failed", "--limit", "5")
    records = _lines(result)
    assert len(records) == 5 and {r["status"] for r in records} == {"failed"}
    window = _lines(
        run(
            served, "cxml-message", "list", "--date-sent-after", "2024-06-01",
            "--date-sent-before", "2024-06-05", "--limit", "100000",
        )
    )  # fmt: skip
    days = {r["date_sent"][5:16] for r in window}
    assert window and days <= {f"0{d} Jun 2024" for d in range(2, 5)}
    table = run(served, "cxml-message", "list", "--limit", "3", "--format", "tsv")
    assert table.stdout.splitlines()[0].split("\t")[:3] == ["date_sent", "sid", "status"]
    bad = run(served, "cxml-message", "list", "--date-sent", "June 1st")
    assert bad.exit_code == 2 and "--date-sent must be a day" in bad.stderr
    odd = run(served, "cxml-message", "list", "--status", "Failed", "--limit", "1")
    assert odd.exit_code == 0
    assert odd.stderr.splitlines() == [
        "Warning: status='Failed' is not a documented cXML message status (delivered, failed, "
        "initiated, queued, received, sent, undelivered): sent as given, the server may match "
        "nothing."
    ]


def _sids(served: Served, *filters: str) -> list[str]:
    listed = _lines(run(served, "cxml-message", "list", *filters, "--limit", "100000"))
    return [r["sid"] for r in listed]


def test_export_cxml_messages_jsonl_and_csv(served: Served, tmp_path: Path) -> None:
    days = ("--date-sent-after", "2024-06-01", "--date-sent-before", "2024-06-10")
    jsonl, table = tmp_path / "c.jsonl", tmp_path / "c.csv"
    result = run(served, "export", "cxml-message", *days, "--page-size", "40", "-o", str(jsonl))
    assert result.exit_code == 0, result.output
    exported = [json.loads(line) for line in jsonl.read_text().splitlines()]
    expected = _sids(served, *days)
    assert [r["sid"] for r in exported] == expected and 40 < len(expected) < len(_sids(served))
    assert f"Exported {len(expected):,} cXML messages" in result.stderr
    cursor = json.loads((tmp_path / "c.jsonl.cursor").read_text())
    assert cursor["family"] == "cxml-messages"
    assert cursor["filters"] == {"date_sent_after": "2024-06-01", "date_sent_before": "2024-06-10"}
    failed = ("--status", "failed")
    result = run(served, "export", "cxml-message", *failed, "-o", str(table), "--format", "csv")
    assert result.exit_code == 0, result.output
    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["sid"] for row in rows] == _sids(served, *failed)
    assert rows and {row["status"] for row in rows} == {"failed"} and "date_sent" in rows[0]
    odd = run(served, "export", "cxml-message", "--status", "Failed", "-o", str(tmp_path / "o"))
    assert odd.exit_code == 0
    assert [line for line in odd.stderr.splitlines() if "Failed" in line] == [
        "Warning: status='Failed' is not a documented cXML message status (delivered, failed, "
        "initiated, queued, received, sent, undelivered): sent as given, the server may match "
        "nothing."
    ]


def test_export_cxml_messages_resumes_exactly(served: Served, tmp_path: Path) -> None:
    fake, _ = served
    clean = tmp_path / "clean.jsonl"
    assert run(served, "export", "cxml-message", "-o", str(clean)).exit_code == 0
    output = tmp_path / "c.jsonl"
    fake.inject(Status(500), path="/api/laml/", after=2, times=10)
    arguments = ("export", "cxml-message", "--page-size", "50", "-o", str(output))
    failed = run(served, "--max-retries", "0", *arguments)
    assert failed.exit_code == 1
    assert failed.stderr.startswith("Error: the API failed on its side, again after the retries")
    assert len(output.read_text().splitlines()) == 100
    fake.clear_faults()
    resumed = run(served, *arguments, "--resume")
    assert resumed.exit_code == 0, resumed.output
    assert output.read_bytes() == clean.read_bytes()
    sids = [json.loads(line)["sid"] for line in output.read_text().splitlines()]
    assert len(sids) == len(set(sids)) > 100


@pytest.mark.parametrize(
    ("resource", "options", "words"),
    [
        ("cxml-message", ["--concurrency", "2"], "use --concurrency 1"),
        ("cxml-message", ["--created-after", "2024-06-01"], "has no --created-after"),
        ("cxml-message", ["--include-deleted"], "has no --include-deleted"),
        ("cxml-message", ["--format", "parquet", "--partition-by-day"], "--partition-by-day"),
        ("cxml-message", ["--date-sent", "June 1st"], "--date-sent must be a day"),
        ("messages", ["--from", "+1", "--to", "+1"], "--from, --to filter cxml-message"),
        ("faxes", ["--status", "failed"], "faxes has no status filter"),
    ],
)
def test_export_refuses_options_a_family_does_not_have(
    served: Served, tmp_path: Path, resource: str, options: list[str], words: str
) -> None:
    output = tmp_path / "x"  # no suffix: --format parquet stands
    result = run(served, "export", resource, *options, "-o", str(output))
    assert result.exit_code == 2 and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # refused before any file


def test_summary_counts_a_charge_that_is_no_amount_apart(served: Served) -> None:
    # A conference's charge is any text upstream: "n/a" is counted, never added, and said.
    fake, _ = served
    listed = _lines(run(served, "conferences", "list", "--limit", "100000"))
    odd = next(r for r in listed if r.get("charge") is not None)
    fake.update(odd["id"], charge="n/a")
    result = run(served, "summary", "conferences", "--by", "status")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    assert sum(int(r[1]) for r in rows) == len(listed)
    others = [r for r in listed if r["id"] != odd["id"]]
    charged = sum(Decimal(str(r.get("charge") or 0)) for r in others)
    assert sum(Decimal(r[2]) for r in rows) == charged
    assert result.stderr == (
        "Warning: 1 conferences log's charge is not a number (such as 'n/a'): counted, but "
        "left out of charge_usd.\n"
    )
