"""The README's Python examples run as written, and it stays a short page for newcomers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from signalwire_logs.testing import FakeSignalWire

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, re.DOTALL)


def test_readme_is_a_short_page_with_a_table_of_contents() -> None:
    assert len(README.splitlines()) <= 250
    headings = re.findall(r"^## (.+)$", README, re.M)
    contents = README.split("## Contents", 1)[1].split("\n## ", 1)[0]
    for heading in headings[1:]:  # every section after the table of contents is listed in it
        anchor = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        assert f"[{heading}](#{anchor})" in contents, heading


def test_readme_names_the_two_setup_commands_and_installs_from_a_checkout() -> None:
    assert "make demo" in README and "make test" in README
    assert "pip install '.[cli]'" in README
    assert "pip install signalwire-logs" not in README  # the package is not on PyPI
    assert "pip install 'signalwire-logs" not in README


def test_readme_links_resolve() -> None:
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README):
        if not re.match(r"https?://", target):
            assert (ROOT / target).exists(), target


def test_readme_examples_run(
    served: tuple[FakeSignalWire, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    fake, url = served
    monkeypatch.chdir(tmp_path)  # the export example writes a file
    monkeypatch.setenv("SIGNALWIRE_PROJECT_ID", fake.project_id)
    monkeypatch.setenv("SIGNALWIRE_API_TOKEN", fake.api_token)
    monkeypatch.setenv("SIGNALWIRE_BASE_URL", url)
    assert len(BLOCKS) >= 4
    namespace: dict[str, Any] = {"__name__": "readme"}
    for block in BLOCKS:
        exec(compile(block, "README.md", "exec"), namespace)
    output = capsys.readouterr().out
    # The first walk: five messages, newest first, each with its time, direction and status.
    first_walk = re.findall(r"^2024-\d\d-\d\d \d\d:\d\d:\S+ \S+ \S+ (?:None|\d{5})$", output, re.M)
    assert len(first_walk) == 5
    assert re.search(r"^\d+ \d{5} \S", output, re.M)  # the most common codes, explained
    exported = re.search(r"^(\d+) records written to messages.jsonl$", output, re.M)
    assert exported and int(exported[1]) == len(
        (tmp_path / "messages.jsonl").read_text().splitlines()
    )
    assert re.search(r"^\S+ \w+$", output.splitlines()[-1])  # the fax logs of "your" Space
