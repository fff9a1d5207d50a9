"""Every Python block of the documentation site runs as written against the fake, and every
example script does what it says."""

from __future__ import annotations

import re
import runpy
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from signalwire_logs.testing import FakeSignalWire

from conftest import ROOT

DOCS = ROOT / "docs"
_INCLUDE = re.compile(r'^--8<-- "(?P<file>[^":]+)(?::(?P<section>[\w-]+))?"$', re.M)
_MARKER = re.compile(r"^.*--8<-- \[(?:start|end):[\w-]+\].*\n", re.M)
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def expanded(page: Path) -> str:
    """A page's Markdown with its snippet includes (pymdownx.snippets) replaced by their text."""

    def include(match: re.Match[str]) -> str:
        text = (ROOT / match["file"]).read_text(encoding="utf-8")
        if match["section"]:
            name = re.escape(match["section"])
            found = re.search(rf"--8<-- \[start:{name}\][^\n]*\n(.*?)^[^\n]*--8<-- \[end:{name}\]",
                              text, re.M | re.S)  # fmt: skip
            assert found, f"{page}: no section {match['section']} in {match['file']}"
            text = found[1]
        return _MARKER.sub("", text)

    return _INCLUDE.sub(include, page.read_text(encoding="utf-8"))


PAGES = sorted(DOCS.rglob("*.md"))
README_BLOCKS = set(_BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8")))


@pytest.fixture
def fake_env(
    served: tuple[FakeSignalWire, str],
    monkeypatch: pytest.MonkeyPatch,
    sleeps: list[float],
    tmp_path: Path,
) -> Iterator[FakeSignalWire]:
    fake, url = served
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    monkeypatch.setenv("SIGNALWIRE_PROJECT_ID", fake.project_id)
    monkeypatch.setenv("SIGNALWIRE_API_TOKEN", fake.api_token)
    monkeypatch.setenv("SIGNALWIRE_BASE_URL", url)
    yield fake


def test_every_page_is_in_the_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in PAGES:
        assert str(page.relative_to(DOCS)) in nav, page


def test_readme_blocks_are_the_ones_test_readme_runs() -> None:
    import test_readme

    assert set(test_readme.BLOCKS) == README_BLOCKS


def test_the_guides_have_code_to_run() -> None:
    blocks = {str(page.relative_to(DOCS)): _BLOCK.findall(expanded(page)) for page in PAGES}
    assert sum(map(len, blocks.values())) >= 10
    for name in ("quickstart.md", "guides/exports.md", "guides/errors.md", "guides/testing.md"):
        assert blocks[name], name


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_blocks_run(
    page: Path, fake_env: FakeSignalWire, capsys: pytest.CaptureFixture[str]
) -> None:
    # A page's blocks share one namespace, which starts with the `client` the guides assume.
    # Blocks the page includes from the README run in test_readme.py already (the same text,
    # in the README's order): running them twice would only cost time (a dlt sync, exports).
    namespace: dict[str, Any] = {"__name__": "docs"}
    exec("from signalwire_logs import SignalWireLogs\nclient = SignalWireLogs()", namespace)
    for block in _BLOCK.findall(expanded(page)):
        if block not in README_BLOCKS:
            exec(compile(block, str(page), "exec"), namespace)
    if page == DOCS / "guides" / "errors.md":
        out = capsys.readouterr().out
        assert re.search(r"^ +[\d,]+  \d{5}  \S", out, re.M)  # the failure report's lines
        assert "what to do:" in out


# -- examples/ -----------------------------------------------------------------------------------

EXAMPLES = ROOT / "examples"


def run_example(name: str, *args: str) -> None:
    argv = sys.argv
    sys.argv = [name, *args]
    try:
        runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name="__main__")
    finally:
        sys.argv = argv


def test_daily_failure_report(fake_env: FakeSignalWire, capsys: pytest.CaptureFixture[str]) -> None:
    day = "2024-06-10"
    run_example("daily_failure_report", "--day", day)
    out = capsys.readouterr().out
    client = fake_env.client()
    messages = list(client.message_logs.list(created_on=day))
    failed = [m for m in messages if str(m.status) in ("failed", "undelivered") or m.error_code]
    assert f"messages on {day}: {len(messages):,} sent or received, {len(failed):,} failed" in out
    top_code = max(
        {m.error_code for m in failed if m.error_code},
        key=lambda c: sum(m.error_code == c for m in failed),
    )
    assert re.search(rf"^ +\d+ +{top_code}  \S", out, re.M)
    assert f"faxes on {day}:" in out


def test_monthly_charges_reconcile(
    fake_env: FakeSignalWire, capsys: pytest.CaptureFixture[str]
) -> None:
    run_example("monthly_charges", "--month", "2024-05", "--invoice", "0")
    out = capsys.readouterr().out
    from decimal import Decimal

    client = fake_env.client()
    may = [
        log
        for log in client.message_logs.list(page_size=1000)
        if log.created_at.strftime("%Y-%m") == "2024-05"
    ]
    expected = sum((Decimal(str(log.charge)) for log in may), Decimal(0))
    line = re.search(r"^  messages +([\d,]+) logs +([\d.]+)$", out, re.M)
    assert line and int(line[1].replace(",", "")) == len(may)
    assert Decimal(line[2]) == expected.quantize(Decimal("0.0001"))
    total = re.search(r"^  total +([\d.]+)$", out, re.M)
    assert total and f"Invoice 0.00: differs (difference -{total[1]})" in out


def test_long_calls(fake_env: FakeSignalWire, capsys: pytest.CaptureFixture[str]) -> None:
    run_example("long_calls", "--min-minutes", "1", "--top", "3")
    out = capsys.readouterr().out
    client = fake_env.client()
    durations = sorted(
        (c.duration for c in client.voice_logs.list() if isinstance(c.duration, int)),
        reverse=True,
    )
    shown = [int(m) * 60 + int(s) for m, s in re.findall(r"^ +(\d+):(\d\d)  ", out, re.M)]
    assert shown == durations[:3]
