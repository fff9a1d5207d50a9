"""``NaN`` and ``Infinity`` in a body: a JSONL export keeps each record's bytes as sent, as it
does every other value, never a silent ``null`` (issue 22, point 8)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from signalwire_logs import export_logs
from signalwire_logs.testing import IN_PROCESS_URL, FakeSignalWire


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("concurrency", [1, 3])
def test_jsonl_export_writes_non_finite_numbers_as_sent(
    tmp_path: Path, literal: str, concurrency: int
) -> None:
    fake = FakeSignalWire(message_logs=60, seed=4)
    with fake.client() as client:
        ids = [log.id for log in client.message_logs.list()]
    for log_id in ids[5:45:10]:  # on several pages, in every shard
        fake.update(log_id, charge=float(literal))  # the fake answers with json.dumps: NaN
    with httpx.Client(transport=fake.transport(), base_url=IN_PROCESS_URL) as http:
        page = http.get(
            "/api/messaging/logs",
            params={"page_size": 1000},
            auth=(fake.project_id, fake.api_token),
        )
    assert f'"charge": {literal},'.encode() in page.content
    # The fake writes each record with json.dumps, so json.dumps gives its bytes as sent.
    sent = {record["id"]: json.dumps(record) for record in json.loads(page.content)["data"]}
    output = tmp_path / "m.jsonl"
    with fake.client() as client:
        result = export_logs(
            client.message_logs,
            output,
            page_size=7,
            concurrency=concurrency,
            created_after="2024-01-01",
            created_before="2025-01-01",
        )
    lines = output.read_text(encoding="utf-8").splitlines()
    assert result.records == len(lines) == len(sent) == 60
    written = {json.loads(line)["id"]: line for line in lines}
    assert written == sent
