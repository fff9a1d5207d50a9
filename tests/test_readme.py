"""The README's Python examples run as written against a local fake server."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from signalwire_logs.testing import FakeSignalWire

from conftest import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL)


def test_readme_has_the_quickstart_sections() -> None:
    text = (ROOT / "README.md").read_text()
    for heading in ("## Quickstart", "### Stop and resume", "### Errors", "### Async"):
        assert heading in text
    assert "make demo" in text and "make test" in text
    assert len(BLOCKS) >= 5


def test_readme_examples_run(
    served: tuple[FakeSignalWire, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    sleeps: list[float],
    tmp_path: Path,
) -> None:
    fake, url = served
    monkeypatch.chdir(tmp_path)  # the export examples write files
    monkeypatch.setenv("SIGNALWIRE_PROJECT_ID", fake.project_id)
    monkeypatch.setenv("SIGNALWIRE_API_TOKEN", fake.api_token)
    monkeypatch.setenv("SIGNALWIRE_BASE_URL", url)
    monkeypatch.setenv("DLT_DATA_DIR", str(tmp_path / "dlt"))  # the sync's working files
    namespace: dict[str, Any] = {"__name__": "readme"}
    for block in BLOCKS:
        exec(compile(block, "README.md", "exec"), namespace)
    output = capsys.readouterr().out
    assert re.search(r"^\[\(\('\d{5}', '[^']+'\), \d+\)", output, re.M)  # the failure summary
    assert "no such fax: 404" in output
    assert re.search(r"^\d+ fax logs$", output, re.M)
    assert "message logs" in output and "serving on http://127.0.0.1:" in output
    assert sleeps  # the testing example's faults were retried
    assert re.search(r"^\d+ records exported$", output, re.M)
    assert (tmp_path / "faxes.csv").read_text().startswith("id,from,to,status")
    # "Sync to a warehouse": every message once, then the failures of the last week by code.
    assert re.search(r"^messages: ([\d,]+) new, 0 updated, \1 total$", output, re.M)
    assert "cost_usd" in output and "30007" in output
    assert "shape: (" in output  # the same question answered by polars over the Parquet export
    assert (tmp_path / "messages-parquet").is_dir()
