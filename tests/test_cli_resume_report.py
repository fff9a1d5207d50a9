"""What a resumed export says: what it found, what it added, a rate of this run's records
only; run again once finished, that it was already complete."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

import pytest

from signalwire_logs import ExportProgress, export_logs
from signalwire_logs._cli import _export as export_command_module

from cli_helpers import Served, run


def _listed(served: Served) -> int:
    return sum(1 for _ in served[0].client().message_logs.list(page_size=1000))


def _stopped_after_a_page(served: Served, output: Path) -> None:
    def stop(progress: ExportProgress) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_logs(served[0].client().message_logs, output, page_size=500, on_progress=stop)
    assert len(output.read_text().splitlines()) == 500


@pytest.fixture
def two_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every export command takes exactly 2 s by its clock (its rate is then exact)."""

    def clock() -> Any:
        moments = iter([100.0, 102.0])
        return types.SimpleNamespace(monotonic=lambda: next(moments))

    monkeypatch.setattr(export_command_module, "time", clock())


def test_a_resumed_export_says_what_it_found_and_added(
    served: Served, tmp_path: Path, two_seconds: None
) -> None:
    output = tmp_path / "m.jsonl"
    _stopped_after_a_page(served, output)
    result = run(served, "export", "messages", "-o", str(output), "--resume")
    assert result.exit_code == 0, result.output
    total = _listed(served)
    added = total - 500
    assert result.stderr.strip().splitlines()[-1] == (
        f"Resumed {output}: 500 messages already written; added {added:,} ({total:,} in all) "
        f"in 2.0 s, {added / 2:,.0f}/s"  # the records written by this run only
    )


def test_a_finished_export_run_again_says_it_was_complete(served: Served, tmp_path: Path) -> None:
    output = tmp_path / "m.jsonl"
    first = run(served, "export", "messages", "-o", str(output))
    total = _listed(served)
    assert first.exit_code == 0 and f"Exported {total:,} messages" in first.stderr
    again = run(served, "export", "messages", "-o", str(output), "--resume")
    assert again.exit_code == 0, again.output
    assert again.stderr.strip().splitlines()[-1] == (
        f"Already complete: {output} holds all {total:,} messages; nothing to add."
    )


def test_progress_of_a_resumed_export_tells_this_runs_records(
    served: Served, tmp_path: Path
) -> None:
    output = tmp_path / "m.jsonl"
    _stopped_after_a_page(served, output)
    seen: list[ExportProgress] = []
    export_logs(served[0].client().message_logs, output, resume=True, on_progress=seen.append)
    assert [p.records - p.written for p in seen] == [500] * len(seen)
    total = _listed(served)
    assert seen[-1].written == total - 500 and seen[-1].records == total


def test_the_progress_rate_counts_this_runs_records_only() -> None:
    from rich.progress import Progress

    from signalwire_logs._cli._progress import Reporter, _Records

    now = [0.0]
    bar = Progress(_Records(), get_time=lambda: now[0], disable=True)
    reporter = Reporter(bar, None)
    reporter.update(1_500, before=1_500, force=True)  # what an earlier run wrote
    now[0] = 10.0
    reporter.update(2_000, force=True)
    assert str(_Records().render(bar.tasks[0])) == "2,000 records  50/s"  # 500 in 10 s
