"""The CLI's output formats, column choice, files, error lines, exit codes, explain, completion.

Driven with click's runner (stdout is not a terminal there: the terminal cases are in
test_cli_terminal.py).
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from signalwire_logs._cli import _export as export_command_module
from signalwire_logs._cli import _summary as summary_module
from signalwire_logs._cli._commands import cli
from signalwire_logs.testing import Status

from cli_helpers import Served, run


def _one_line(result: Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# -- formats ------------------------------------------------------------------------------------


def test_list_formats_agree_and_carry_raw_values(served: Served) -> None:
    args = ("messages", "list", "--limit", "40")
    records = [json.loads(line) for line in run(served, *args).stdout.splitlines()]
    as_json = json.loads(run(served, *args, "--format", "json").stdout)
    assert as_json == records and len(records) == 40
    rows = list(csv.DictReader(io.StringIO(run(served, *args, "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    # Raw numbers, full timestamps: what the API sent, not the table's rounding.
    assert [r["charge"] for r in rows] == [str(r["charge"]) for r in records]
    assert [r["created_at"] for r in rows] == [r["created_at"] for r in records]
    failed = next(r for r in records if r["error_code"])
    row = next(r for r in rows if r["id"] == failed["id"])
    assert row["error"] == f"{failed['error_code']} {failed['error_message']}"
    tsv = run(served, *args, "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t") == list(rows[0]) and len(tsv) == 41


def test_columns_choose_what_is_shown(served: Served) -> None:
    result = run(served, "voice", "list", "--limit", "5", "--format", "csv", "--columns", "id,to")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "to"] and len(rows) == 6 and all(len(r[0]) == 36 for r in rows[1:])
    picked = run(served, "voice", "list", "--limit", "3", "--columns", "id,status")
    assert [set(json.loads(line)) for line in picked.stdout.splitlines()] == [{"id", "status"}] * 3


def test_unknown_column_is_a_usage_error_naming_the_choices(served: Served) -> None:
    result = run(served, "messages", "list", "--columns", "id,colour")
    assert result.exit_code == 2
    line = _one_line(result)
    assert "'colour'" in line and "error_code" in line and "--columns" in line


def test_output_file_by_suffix_and_never_half_written(served: Served, tmp_path: Path) -> None:
    fake, _ = served
    target = tmp_path / "faxes.csv"
    assert run(served, "faxes", "list", "--limit", "30", "-o", str(target)).exit_code == 0
    rows = list(csv.DictReader(target.open(newline="")))
    assert len(rows) == 30 and rows[0]["id"]
    before = target.read_bytes()
    fake.inject(Status(500), path="/api/fax/logs", after=1, times=5)
    failed = run(
        served, "--max-retries", "0", "faxes", "list", "--limit", "300", "--page-size", "50",
        "-o", str(target),
    )  # fmt: skip
    assert failed.exit_code == 1 and "the API failed on its side" in _one_line(failed)
    assert target.read_bytes() == before  # the old file stands; no partial replacement
    assert sorted(p.name for p in tmp_path.iterdir()) == ["faxes.csv"]  # no temporary left


def test_get_formats(served: Served) -> None:
    fake, _ = served
    fax_id = fake.faxes.make_id(3)
    whole = json.loads(run(served, "faxes", "get", fax_id).stdout)
    assert whole["id"] == fax_id
    picked = json.loads(run(served, "faxes", "get", fax_id, "--columns", "id,status").stdout)
    assert picked == {"id": fax_id, "status": whole["status"]}
    lines = run(served, "faxes", "get", fax_id, "--format", "tsv").stdout.splitlines()
    assert lines[0].split("\t") == list(whole) and lines[1].split("\t")[0] == fax_id


def test_events_formats(served: Served) -> None:
    fake, _ = served
    log_id = fake.voice.make_id(1)
    events = [json.loads(line) for line in run(served, "voice", "events", log_id).stdout.split("\n")
              if line]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(run(served, "voice", "events", log_id, "--format",
                                               "csv").stdout)))  # fmt: skip
    assert [r["name"] for r in rows] == [e["name"] for e in events]
    assert json.loads(rows[0]["details"]) == events[0]["details"]  # nested values as JSON


def test_the_format_follows_format_else_the_suffix(served: Served, tmp_path: Path) -> None:
    export = tmp_path / "m.csv"
    assert run(served, "export", "faxes", "-o", str(export)).exit_code == 0
    assert next(csv.reader(export.open(newline="")))[0] == "id"  # CSV, by the suffix
    for args in (
        ("export", "faxes", "--format", "jsonl", "-o", str(tmp_path / "x.csv")),
        ("faxes", "list", "--format", "json", "-o", str(tmp_path / "x.tsv")),
        ("summary", "faxes", "--format", "csv", "-o", str(tmp_path / "x.jsonl")),
    ):
        refused = run(served, *args)
        assert refused.exit_code == 2, refused.output
        line = _one_line(refused)
        assert f"--format {args[args.index('--format') + 1]}" in line and args[-1] in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.csv", "m.csv.cursor"]


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_files_are_created_as_the_umask_says(
    served: Served, tmp_path: Path, mask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = os.umask(mask)
    try:
        for args in (
            ("faxes", "list", "-o", str(tmp_path / "l.csv")),
            ("faxes", "get", _first_fax(served), "-o", str(tmp_path / "g.json")),
            ("summary", "faxes", "-o", str(tmp_path / "s.tsv")),
            ("export", "faxes", "-o", str(tmp_path / "e.jsonl")),
            ("export", "faxes", "--format", "parquet", "-o", str(tmp_path / "p")),
        ):
            assert run(served, *args).exit_code == 0
    finally:
        os.umask(old)
    files = [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.endswith(".lock")]
    assert len(files) >= 6
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {
        p.name: 0o666 & ~mask for p in files
    }


def _first_fax(served: Served) -> str:
    return str(json.loads(run(served, "faxes", "list", "--limit", "1").stdout)["id"])


def test_format_table_is_a_table_in_a_pipe(served: Served) -> None:
    drawn = run(served, "faxes", "list", "--limit", "5", "--format", "table").stdout
    assert "\t" not in drawn and "───" in drawn.splitlines()[1], drawn
    assert len(drawn.strip().splitlines()) == 2 + 5  # header, rule, rows: nothing left out
    summary = run(served, "summary", "faxes", "--format", "table").stdout
    assert "\t" not in summary and "total" in summary
    assert "\t" in run(served, "summary", "faxes").stdout  # the default in a pipe: TSV


def test_summary_machine_formats(served: Served) -> None:
    groups = json.loads(run(served, "summary", "faxes", "--format", "json").stdout)
    assert all(isinstance(g["count"], int) and isinstance(g["charge_usd"], float) for g in groups)
    listed = run(served, "faxes", "list", "--limit", "100000").stdout.splitlines()
    assert sum(g["count"] for g in groups) == len(listed)
    rows = list(csv.DictReader(io.StringIO(run(served, "summary", "faxes", "--format", "csv")
                                           .stdout)))  # fmt: skip
    assert [int(r["count"]) for r in rows] == [g["count"] for g in groups]


# -- errors and exit codes ----------------------------------------------------------------------


def test_missing_credentials_are_said_in_shell_terms() -> None:
    result = CliRunner().invoke(cli, ["summary", "messages"])
    assert result.exit_code == 2
    line = _one_line(result)
    assert "--project-id" in line and "SIGNALWIRE_PROJECT_ID" in line and "project_id=" not in line


def test_usage_errors_are_one_line_with_exit_2(served: Served) -> None:
    for args in (
        ["messages", "list", "--page-size", "5000"],
        ["summary", "messages", "--by", "colour"],
        ["export", "messages"],  # no --output
        ["no-such-command"],
    ):
        result = run(served, *args)
        assert result.exit_code == 2, args
        assert _one_line(result).startswith("Error: ") and "--help" in result.stderr


def test_file_errors_are_one_line_with_exit_1(served: Served, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "x.jsonl"
    result = run(served, "messages", "list", "-o", str(missing))
    assert result.exit_code == 1
    assert _one_line(result).startswith("Error: No such file or directory")


@pytest.mark.parametrize("command", ["summary", "list", "export"])
def test_ctrl_c_exits_130_for_every_command(
    served: Served, command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(summary_module, "_group", interrupted)
    monkeypatch.setattr(export_command_module, "export_logs", interrupted)
    monkeypatch.setattr("signalwire_logs._cli._logs.write_rows", interrupted)
    args = {
        "summary": ["summary", "messages"],
        "list": ["messages", "list"],
        "export": ["export", "messages", "-o", str(tmp_path / "x.jsonl")],
    }[command]
    result = run(served, *args)
    assert result.exit_code == 130
    assert "Aborted" not in result.output and "Interrupted" in result.stderr


def test_every_help_lists_the_exit_codes() -> None:
    def walk(command: click.Command, path: list[str]) -> None:
        result = CliRunner().invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "0 ok, 1 API, network or file error, 2 usage error, 130 interrupted" in result.stdout
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(cli, [])


def test_help_speaks_of_every_family() -> None:
    text = CliRunner().invoke(cli, ["--help"]).stdout
    assert "message and fax" not in text
    for word in ("messages", "faxes", "voice", "video", "conferences", "cXML", "explain"):
        assert word in text


# -- explain ------------------------------------------------------------------------------------


def test_explain_known_and_unknown_codes() -> None:
    result = CliRunner().invoke(cli, ["explain", "30007", "34004"])
    assert result.exit_code == 1  # an unknown code is a failure, after every code is shown
    assert CliRunner().invoke(cli, ["explain", "30007"]).exit_code == 0
    known, unknown = result.stdout.split("\n\n")
    assert known.startswith("30007: Filtered by the carrier")
    assert "What to do:" in known
    assert "https://signalwire.com/docs/compatibility-api/rest/error-codes#30007" in known
    assert unknown.startswith("34004: not in SignalWire's documented error codes")
    data = json.loads(CliRunner().invoke(cli, ["explain", "--format", "json", "21610"]).stdout)
    assert data[0]["documented"] and data[0]["kind"] == "error" and data[0]["action"]


def test_errors_name_the_flags_as_typed(served: Served) -> None:
    result = run(served, "messages", "list", "--created-after", "yesterday")
    assert result.exit_code == 2
    line = _one_line(result)
    assert line.startswith("Error: --created-after must be") and "created_after" not in line


def test_dlts_words_in_a_sync_error_are_not_taken_for_flags(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from signalwire_logs._cli._errors import report
    from signalwire_logs._exceptions import SyncError

    error = SyncError("The sync failed at dlt's extract step: in processing pipe `fax_logs`")
    assert report(error, cli) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: The sync failed at dlt's extract step: in processing pipe `fax_logs`"
    )  # not "--fax-logs", the fake server's flag


# -- completion ---------------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str) -> None:
    result = CliRunner().invoke(cli, ["completion", shell])
    assert result.exit_code == 0 and "_SIGNALWIRE_LOGS_COMPLETE" in result.stdout


def test_completion_completes_commands_and_choices() -> None:
    def complete(words: str) -> list[str]:
        env = {
            "_SIGNALWIRE_LOGS_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
        result = CliRunner().invoke(cli, [], env=env, prog_name="signalwire-logs")
        return [line.split(",", 1)[1] for line in result.stdout.splitlines()]

    assert complete("signalwire-logs mes") == ["messages"]
    assert complete("signalwire-logs summary messages --by err") == ["error_code"]
    assert "csv" in complete("signalwire-logs messages list --format ")
