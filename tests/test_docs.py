"""Every Python block of the documentation site runs as written against the fake, and every
example script does what it says."""

from __future__ import annotations

import contextlib
import re
import runpy
import signal
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
    monkeypatch.setenv("DLT_DATA_DIR", str(tmp_path / "dlt"))  # the sync's working files
    yield fake


def test_every_page_is_in_the_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in PAGES:
        assert str(page.relative_to(DOCS)) in nav, page


def test_the_guides_have_code_to_run() -> None:
    blocks = {str(page.relative_to(DOCS)): _BLOCK.findall(expanded(page)) for page in PAGES}
    assert sum(map(len, blocks.values())) >= 15
    for name in ("quickstart.md", "guides/listing.md", "guides/exports.md", "guides/sync.md",
                 "guides/errors.md", "guides/testing.md"):  # fmt: skip
        assert blocks[name], name


@contextlib.contextmanager
def _no_endless_block(page: Path) -> Iterator[None]:
    """Fail, instead of hanging the suite, on a block that never ends (a `follow()` loop with
    nothing to stop it, say). A bound on a hang, not on speed: the blocks take seconds."""

    def interrupt(signum: int, frame: object) -> None:
        raise TimeoutError(f"{page}: a block ran for {_BLOCK_LIMIT} s: does it ever end?")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(_BLOCK_LIMIT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


_BLOCK_LIMIT = 240


def _check_output(page: str, out: str, namespace: dict[str, Any], tmp_path: Path) -> None:
    """What each page's examples print (or write) when they work."""
    if page == "quickstart.md":
        assert re.search(r"^\d+ messages with an error code since May$", out, re.M)
        assert re.search(r"^\d+ fax logs in the fake$", out, re.M)
    elif page == "guides/listing.md":
        assert re.search(r"^\d+ fax logs$", out, re.M)
    elif page == "guides/exports.md":
        assert re.search(r"^\d+ records exported$", out, re.M)
        assert (tmp_path / "faxes.csv").read_text().startswith("id,from,to,status")
    elif page == "guides/errors.md":
        assert "no such fax: 404" in out
        assert re.search(r"^ +[\d,]+  \d{5}  \S", out, re.M)  # the failure report's lines
        assert "what to do:" in out
    elif page == "guides/sync.md":
        # Every message once, then the failures of the last week by code, in SQL and polars.
        assert re.search(r"^messages: ([\d,]+) new, 0 updated, \1 total$", out, re.M)
        assert "cost_usd" in out and "30007" in out
        assert "shape: (" in out
        assert (tmp_path / "messages-parquet").is_dir()
    elif page == "guides/tail.md":
        # islice(follow(...), 5): five events, each a new log or a change of status.
        assert len(re.findall(r"^(?:new \S+ \w+|\S+ \w+ -> \w+)$", out, re.M)) == 5
    elif page == "guides/testing.md":
        assert "message logs" in out and "serving on http://127.0.0.1:" in out
        # The pytest example's test, run as pytest would, with its fixture's fake.
        namespace["test_count_failures"](FakeSignalWire(message_logs=200, fax_logs=20, seed=7))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_blocks_run(
    page: Path,
    fake_env: FakeSignalWire,
    sleeps: list[float],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    # A page's blocks share one namespace, which starts with the `client` the guides assume.
    namespace: dict[str, Any] = {"__name__": "docs"}
    exec("from signalwire_logs import SignalWireLogs\nclient = SignalWireLogs()", namespace)
    with _no_endless_block(page):
        for block in _BLOCK.findall(expanded(page)):
            exec(compile(block, str(page), "exec"), namespace)
    name = str(page.relative_to(DOCS))
    _check_output(name, capsys.readouterr().out, namespace, tmp_path)
    if name == "guides/testing.md":
        assert sleeps  # the injected faults were retried


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


def test_monthly_charges_count_a_charge_that_is_no_amount_apart(
    fake_env: FakeSignalWire, capsys: pytest.CaptureFixture[str]
) -> None:
    client = fake_env.client()
    may = [
        log
        for log in client.conference_logs.list(page_size=1000)
        if log.created_at.strftime("%Y-%m") == "2024-05"
    ]
    fake_env.update(may[0].id, charge="n/a")  # a plain string upstream
    run_example("monthly_charges", "--month", "2024-05")
    out = capsys.readouterr().out
    from decimal import Decimal

    expected = sum((log.charge_decimal or Decimal(0) for log in may[1:]), Decimal(0))
    line = re.search(r"^  conferences +([\d,]+) logs +([\d.]+)$", out, re.M)
    assert line and int(line[1].replace(",", "")) == len(may)
    assert Decimal(line[2]) == expected.quantize(Decimal("0.0001"))
    assert re.search(r"^ +1 logs with a charge that is not a number$", out, re.M)


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
