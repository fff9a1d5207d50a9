"""The command line's errors in plain words, one line each, with the documented exit codes;
and `summary` without a family (every family, a row per family and group)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest

from signalwire_logs._cli._families import LOG_NAMES, text
from signalwire_logs.testing import Status

from cli_helpers import Served, run

_COUNT_AND_CHARGE = re.compile(r"\s([\d,]+)\s+[\d,]+\.\d+\b")
_CLASS_NAME = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Exception)\b")


def _line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert not _CLASS_NAME.search(lines[0]) and "\\t" not in lines[0], lines[0]
    return lines[0]


def test_summary_without_a_family_summarises_each(served: Served) -> None:
    fake = served[0]
    result = run(served, "summary", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["family", "status", "count", "charge_usd"]
    assert [name for name in dict.fromkeys(row["family"] for row in rows)] == list(LOG_NAMES)
    for name in LOG_NAMES:
        resource = getattr(fake.client(), {"messages": "message_logs", "faxes": "fax_logs",
                           "voice": "voice_logs", "video": "video_logs",
                           "conferences": "conference_logs"}[name])  # fmt: skip
        statuses = (text(log, "status") or "(none)" for log in resource.list(page_size=1000))
        counts = Counter(statuses)
        assert {r["status"]: int(r["count"]) for r in rows if r["family"] == name} == counts


def test_summary_by_error_code_without_a_family_is_a_table_with_one_total(
    served: Served,
) -> None:
    result = run(served, "summary", "--by", "error_code", "--format", "table")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["family", "error_code", "count", "charge_usd"]
    families = {line.split()[0] for line in lines[2:] if line.strip()}
    assert families == {*LOG_NAMES, "total"}
    numbers = [_COUNT_AND_CHARGE.search(line) for line in lines[2:] if line.strip()]
    counts = [int(match[1].replace(",", "")) for match in numbers if match]
    assert len(counts) == len(numbers) and lines[-1].split()[0] == "total"
    assert counts[-1] == sum(counts[:-1])  # one total, of every family


def test_summary_status_without_a_family_is_one_usage_line(served: Served) -> None:
    result = run(served, "summary", "--status", "failed")
    assert result.exit_code == 2
    assert "name the family: message logs have one" in _line(result.stderr)


def test_a_missing_argument_is_one_line(served: Served) -> None:
    result = run(served, "export")
    assert result.exit_code == 2
    assert "Missing argument" in _line(result.stderr)


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (401, "Error: the API refused the project ID and API token: 401 Unauthorized for GET"),
        (403, "Error: the API token may not read this: 403 Forbidden for GET"),
        (500, "Error: the API failed on its side, again after the retries: 500"),
    ],
)
def test_api_errors_say_what_went_wrong_in_plain_words(
    served: Served, status: int, words: str
) -> None:
    fake = served[0]
    fake.inject(Status(status), times=10)
    try:
        result = run(served, "--max-retries", "0", "messages", "list", "--limit", "1")
    finally:
        fake.clear_faults()
    assert result.exit_code == 1
    assert _line(result.stderr).startswith(words)


def test_not_found_and_an_unreachable_api_in_plain_words(served: Served) -> None:
    missing = run(served, "messages", "get", "5cccdcc3-1519-45c9-8ad9-60a3b1f7fa66")
    assert missing.exit_code == 1
    assert _line(missing.stderr).startswith("Error: not found: 404 Not Found for GET")
    fake = served[0]
    unreachable = run((fake, "http://127.0.0.1:1"), "--max-retries", "0", "faxes", "list")
    assert unreachable.exit_code == 1
    line = _line(unreachable.stderr)
    assert (
        line.startswith("Error: could not reach the API: ") and "(GET http://127.0.0.1:1/" in line
    )
