"""An export killed with SIGKILL at a random page, then resumed, equals an uninterrupted one."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from signalwire_logs.testing import FakeSignalWire

PAGE = 100


def _export(url: str, fake: FakeSignalWire, output: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "SIGNALWIRE_PROJECT_ID": fake.project_id,
        "SIGNALWIRE_API_TOKEN": fake.api_token,
    }
    command = [sys.executable, "-m", "signalwire_logs", "--base-url", url, "export", "messages"]
    command += ["--page-size", str(PAGE), "--output", str(output), *extra]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _records_saved(cursor: Path) -> int:
    try:
        return int(json.loads(cursor.read_text())["records"])
    except (FileNotFoundError, ValueError, KeyError):
        return 0


SHARDED = ("--concurrency", "4", "--created-after", "2024-04-01", "--created-before", "2024-07-01")


@pytest.mark.parametrize(
    ("trial", "shards"), [(0, ()), (1, ()), (2, ()), (3, SHARDED), (4, SHARDED)]
)
def test_killed_export_resumes_to_the_same_file(
    trial: int, shards: tuple[str, ...], tmp_path: Path
) -> None:
    chooser = random.Random(1000 + trial)
    fake = FakeSignalWire(message_logs=2_000, fax_logs=0, seed=trial, latency=0.01, bursty=True)
    with fake.serve() as url:
        whole = tmp_path / "whole.jsonl"
        assert _export(url, fake, whole).wait(timeout=60) == 0
        expected = whole.read_bytes()

        output = tmp_path / "killed.jsonl"
        cursor = tmp_path / "killed.jsonl.cursor"
        kill_after = chooser.randrange(1, 2_000 // PAGE - 2) * PAGE
        process = _export(url, fake, output, *shards)
        deadline = time.monotonic() + 30
        while _records_saved(cursor) < kill_after and process.poll() is None:
            assert time.monotonic() < deadline, "the export made no progress"
            time.sleep(0.001)
        time.sleep(chooser.uniform(0, 0.015))  # land anywhere: mid-request, mid-write
        process.kill()
        process.wait(timeout=10)
        assert process.returncode != 0, "the export finished before it could be killed"
        assert _records_saved(cursor) < 2_000

        resumed = _export(url, fake, output, "--resume", *shards)
        assert resumed.wait(timeout=60) == 0, resumed.stderr.read() if resumed.stderr else ""
    assert output.read_bytes() == expected
    lines = expected.decode().splitlines()
    assert len(lines) == len({json.loads(line)["id"] for line in lines})
