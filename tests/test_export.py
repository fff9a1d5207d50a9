"""The export engine: the caller's client, resume that cannot restart, files that cannot be
corrupted, lossless JSONL, safe CSV, cXML, work stealing (fake or MockTransport only)."""

from __future__ import annotations

import asyncio
import csv
import datetime
import inspect
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from signalwire_logs import (
    APIResponseValidationError,
    ConfigurationError,
    CxmlMessageFilters,
    ExportFileError,
    ExportProgress,
    PageCursor,
    UnprocessableEntityError,
    aexport_logs,
    export_logs,
)
from signalwire_logs._cli._commands import cli
from signalwire_logs._dates import as_utc
from signalwire_logs._export import _saver, _shards
from signalwire_logs._export._cursor import CursorFile
from signalwire_logs._export._cursor import _encode as _cursor_text
from signalwire_logs._export._files import OutputLock, write_pieces
from signalwire_logs._export._formats import neutralize
from signalwire_logs._export._job import ExportJob
from signalwire_logs._export._request import ExportRequest
from signalwire_logs._export._shards import WAIT, Plan, Shard
from signalwire_logs.testing import FakeSignalWire, Status
from signalwire_logs_api.models.cxml_message_status import CxmlMessageStatus

from helpers import RANGE, fake_client_through, fax_log, make_client, told_of_splits
from helpers import exported_ids as _ids


def _cursor(output: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(output.with_name(output.name + ".cursor").read_text())
    return data


# -- the checkpoint -----------------------------------------------------------------------


def test_a_finished_checkpoint_resumes_to_nothing_and_is_not_a_start() -> None:
    fake = FakeSignalWire(fax_logs=30)
    client = fake.client()
    pages = list(client.fax_logs.list(page_size=10).pages())
    assert [p.cursor.done for p in pages] == [False, False, True]
    assert pages[-1].cursor == PageCursor(done=True) != PageCursor()
    before = len(fake.requests)
    assert list(client.fax_logs.list(resume=pages[-1].cursor)) == []
    assert len(fake.requests) == before  # nothing was even asked
    rest = list(client.fax_logs.list(page_size=10, resume=pages[0].cursor))
    assert [f.id for f in rest] == [f.id for p in pages[1:] for f in p.items]
    assert PageCursor.from_dict(pages[0].cursor.to_dict()) == pages[0].cursor
    with pytest.raises(ValueError):
        PageCursor.from_dict({"page_number": "1", "page_token": None, "done": False})
    with pytest.raises(ConfigurationError, match="not both"):
        client.fax_logs.list(resume=pages[0].cursor, page_token="x")


def test_cxml_list_resumes_from_a_checkpoint() -> None:
    fake = FakeSignalWire(message_logs=120)
    client = fake.client()
    pages = list(client.cxml_messages.list(page_size=20).pages())
    rest = list(client.cxml_messages.list(page_size=20, resume=pages[1].cursor))
    assert [m.sid for m in rest] == [m.sid for p in pages[2:] for m in p.items]
    assert list(client.cxml_messages.list(resume=pages[-1].cursor)) == []


# -- the caller's client ------------------------------------------------------------------


def test_a_sharded_export_runs_on_the_callers_transport(tmp_path: Path) -> None:
    # fake.client() has an in-process transport and a host that does not resolve: a second
    # client built from its settings would go to DNS.
    fake = FakeSignalWire(message_logs=1_500, seed=3)
    client = fake.client()
    output = tmp_path / "m.jsonl"
    result = export_logs(client.message_logs, output, concurrency=4, page_size=100, **RANGE)
    expected = [m.id for m in client.message_logs.list(page_size=1000, **RANGE)]
    assert _ids(output) == expected and result.records == len(expected) == result.written


def test_export_logs_works_inside_a_running_event_loop(tmp_path: Path) -> None:
    fake = FakeSignalWire(fax_logs=200)
    output = tmp_path / "f.jsonl"

    async def notebook_cell() -> int:
        return export_logs(fake.client().fax_logs, output, concurrency=3, **RANGE).records

    assert asyncio.run(notebook_cell()) == len(_ids(output)) > 0


@pytest.mark.anyio
async def test_aexport_logs_is_a_true_twin(tmp_path: Path) -> None:
    fake = FakeSignalWire(message_logs=700, bursty=True)
    total = len(list(fake.client().message_logs.list(page_size=1000)))
    async with fake.async_client() as client:
        plain = await aexport_logs(client.message_logs, tmp_path / "a.jsonl", page_size=50)
        sharded = await aexport_logs(
            client.message_logs, tmp_path / "b.jsonl", concurrency=4, page_size=50, **RANGE
        )
        again = await aexport_logs(client.message_logs, tmp_path / "a.jsonl", resume=True)
    sync = export_logs(fake.client().message_logs, tmp_path / "c.jsonl", page_size=50)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "c.jsonl").read_bytes()
    assert _ids(tmp_path / "b.jsonl") == _ids(tmp_path / "a.jsonl")
    assert plain.records == sharded.records == sync.records == total
    assert again.resumed and again.written == 0


def test_both_entries_hand_every_argument_to_the_request() -> None:
    # export_logs and aexport_logs pass their arguments, by name, to ExportRequest.check,
    # where they are checked once: the three take the same names, in order, with the same
    # defaults, or an argument would be dropped (or refused) on one side.
    def shape(function: Any) -> list[tuple[str, Any, Any]]:
        parameters = inspect.signature(function).parameters.values()
        return [(p.name, p.kind, p.default) for p in parameters]

    assert shape(export_logs) == shape(aexport_logs) == shape(ExportRequest.check)


# -- resume -------------------------------------------------------------------------------


def test_a_failure_before_the_first_page_leaves_nothing(tmp_path: Path) -> None:
    fake = FakeSignalWire(fax_logs=50)
    client = fake.client()
    output = tmp_path / "f.csv"
    with pytest.raises(ConfigurationError, match="created_after must be"):  # the client's check
        export_logs(client.fax_logs, output, format="csv", created_after="yesterday")
    assert sorted(os.listdir(tmp_path)) == []
    fake.inject(Status(422))  # the server's
    with pytest.raises(UnprocessableEntityError):
        export_logs(client.fax_logs, output, format="csv", created_after="2024-05-01")
    assert sorted(os.listdir(tmp_path)) == []
    result = export_logs(client.fax_logs, output, format="csv", include_deleted=True)
    assert result.records == 50  # and no --resume was needed


@pytest.mark.parametrize("concurrency", [1, 3])
def test_the_cursor_is_saved_now_and_then_and_whenever_the_export_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, concurrency: int
) -> None:
    saves: list[int] = []
    save = CursorFile.save

    def counted(cursor: CursorFile, path: Path, shards: list[dict[str, Any]]) -> None:
        saves.append(sum(shard["records"] for shard in shards))
        save(cursor, path, shards)

    monkeypatch.setattr(CursorFile, "save", counted)
    monkeypatch.setattr(_saver, "SAVE_INTERVAL", 3600.0)  # no save is due while pages come
    fake = FakeSignalWire(message_logs=600)
    client = fake.client(max_retries=0)
    output = tmp_path / "m.jsonl"
    fake.inject(Status(500), path="/api/messaging/logs", after=20, times=10_000)
    with pytest.raises(Exception, match="500"):
        export_logs(client.message_logs, output, concurrency=concurrency, page_size=10, **RANGE)
    # A save before the first byte of each file (windows split meanwhile get theirs), then
    # none until the export stopped: that one records every page committed, so a resume
    # fetches none of them again.
    assert saves[-1] >= 10 and (concurrency > 1 or saves == [0, saves[-1]])
    parts = [output] if concurrency == 1 else sorted(tmp_path.glob("m.jsonl.part*"))
    assert saves[-1] == sum(len(part.read_bytes().splitlines()) for part in parts)
    # A resume that fails too records what it committed, as a new export does.
    fake.clear_faults()
    fake.inject(Status(500), path="/api/messaging/logs", after=8, times=10_000)
    with pytest.raises(Exception, match="500"):
        export_logs(client.message_logs, output, concurrency=concurrency, resume=True)
    parts = [output] if concurrency == 1 else sorted(tmp_path.glob("m.jsonl.part*"))
    committed = sum(len(part.read_bytes().splitlines()) for part in parts)
    assert saves[-1] == committed > 20
    fake.clear_faults()
    result = export_logs(client.message_logs, output, concurrency=concurrency, resume=True)
    expected = [m.id for m in client.message_logs.list(page_size=1000, **RANGE)]
    assert _ids(output) == expected and result.written == len(expected) - committed


def test_a_write_that_stops_short_is_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # os.writev may write less than asked (a signal, a nearly full disk): the rest follows.
    writev = os.writev

    def short(fd: int, pieces: Any) -> int:
        return writev(fd, [bytes(pieces[0])[:2]]) if len(pieces) > 1 else writev(fd, pieces)

    monkeypatch.setattr(os, "writev", short)
    pieces = [f"{n:05d}".encode() for n in range(2500)] + [b"end"]  # three writev calls
    path = tmp_path / "f"
    with path.open("wb") as handle:
        handle.write(b"head:")
        write_pieces(handle, pieces)
    assert path.read_bytes() == b"head:" + b"".join(pieces)


def test_an_interrupt_while_a_page_is_recorded_saves_nothing_half_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C lands inside the recording of the third page (after its offset, before its
    # cursor), with two pages committed but not yet saved: the half-updated plan must not
    # be saved, or the resume would write that page twice. The last save (before the first
    # byte) is exact: the resume starts over.
    monkeypatch.setattr(_saver, "SAVE_INTERVAL", 3600.0)
    calls = 0

    def interrupted(value: datetime.datetime) -> datetime.datetime:
        nonlocal calls
        calls += sys._getframe(1).f_code.co_name == "end_page"
        if calls == 3:
            raise KeyboardInterrupt
        return as_utc(value)

    monkeypatch.setattr(_shards, "as_utc", interrupted)
    client = FakeSignalWire(message_logs=100).client()
    output = tmp_path / "m.jsonl"
    with pytest.raises(KeyboardInterrupt):
        export_logs(client.message_logs, output, page_size=10, **RANGE)
    assert _cursor(output)["records"] == 0
    monkeypatch.undo()
    export_logs(client.message_logs, output, resume=True)
    assert _ids(output) == [m.id for m in client.message_logs.list(page_size=1000, **RANGE)]


def test_abort_leaves_the_files_of_a_running_worker_alone(tmp_path: Path) -> None:
    # A second Ctrl-C can cut short the wait for the worker threads: abort then must not
    # close the files they write to (a descriptor reused by the cursor file would get a
    # page) nor save, and the last save stays exact.
    client = FakeSignalWire(message_logs=100).client()
    output = tmp_path / "m.jsonl"
    job = ExportJob.open(ExportRequest.check(client.message_logs, output, page_size=10, **RANGE))
    shard = job.plan.shards[0]
    try:
        page = next(iter(job.pages.walk(client.message_logs, shard)))
        job.pages.handle(shard, page)
        saved = _cursor(output)
        with job.working():  # as if a thread were still walking
            job.abort()
            assert job.outputs.open_writers == 1 and _cursor(output) == saved
    finally:
        job.abort()
        job.release()
    assert _cursor(output)["records"] == 10


def test_resume_with_nothing_to_resume_starts_fresh(tmp_path: Path) -> None:
    client = FakeSignalWire(fax_logs=20).client()
    output = tmp_path / "f.jsonl"
    result = export_logs(client.fax_logs, output, include_deleted=True, resume=True)
    assert (result.resumed, result.records) == (False, 20)
    again = export_logs(client.fax_logs, output, resume=True)
    assert (again.resumed, again.written, again.records) == (True, 0, 20)


@pytest.mark.parametrize(
    ("arguments", "other"),
    [
        ({"format": "csv", "neutralize_formulas": False}, {"neutralize_formulas": True}),
        ({"format": "parquet", "part_rows": 300, "partition_by_day": True},
         {"partition_by_day": False}),
        ({"format": "parquet", "part_rows": 200, "part_bytes": 1 << 30, "hash_columns": ["from"],
          "drop_columns": ["to"]}, {"format": "jsonl"}),
    ],
    ids=["csv-keep-formulas", "parquet-parts-by-day", "parquet-hashed"],
)  # fmt: skip
def test_resume_alone_continues_the_export_as_it_was_started(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    arguments: dict[str, Any],
    other: dict[str, Any],
) -> None:
    import pyarrow.parquet as pq

    monkeypatch.setenv("SIGNALWIRE_HASH_KEY", "k" * 32)
    fake = FakeSignalWire(message_logs=1_200, seed=9)
    client = fake.client(max_retries=0)

    def content(output: Path) -> Any:
        if output.is_dir():
            return sorted(map(str, pq.read_table(output).to_pylist()))
        return output.read_bytes()

    whole = tmp_path / "whole"
    export_logs(client.message_logs, whole, page_size=100, **arguments)
    cut = tmp_path / "cut"
    fake.inject(Status(500), times=10, path="/api/messaging/logs", after=7)
    with pytest.raises(Exception, match="500"):
        export_logs(client.message_logs, cut, page_size=100, **arguments)
    assert _cursor(cut)["records"] > 0  # something to resume
    fake.clear_faults()
    result = export_logs(client.message_logs, cut, resume=True)  # and nothing else
    assert result.resumed
    assert content(cut) == content(whole)
    # An argument given otherwise is refused, even one given as its default value.
    with pytest.raises(ConfigurationError, match="another export"):
        export_logs(client.message_logs, cut, resume=True, **other)


def test_an_output_without_a_cursor_is_never_touched(tmp_path: Path) -> None:
    client = FakeSignalWire(fax_logs=20).client()
    output = tmp_path / "f.jsonl"
    output.write_text("mine\n")
    for resume in (False, True):
        with pytest.raises(ConfigurationError, match="no cursor file"):
            export_logs(client.fax_logs, output, resume=resume)
    assert output.read_text() == "mine\n"


def test_a_split_sharded_export_resumes_exactly(tmp_path: Path) -> None:
    fake = FakeSignalWire(message_logs=2_000, bursty=True, seed=5)
    client = fake.client(max_retries=0)
    output = tmp_path / "m.jsonl"
    # Every request after the 25th fails: a single failure could land on a page fetched
    # ahead for a window that a split has meanwhile shortened, which is rightly never used.
    fake.inject(Status(500), path="/api/messaging/logs", after=25, times=10_000)
    with pytest.raises(Exception, match="500"):
        export_logs(client.message_logs, output, concurrency=3, page_size=40, **RANGE)
    assert not output.exists() and _cursor(output)["records"] > 0
    fake.clear_faults()
    result = export_logs(client.message_logs, output, concurrency=3, page_size=40, resume=True)
    expected = [m.id for m in client.message_logs.list(page_size=1000, **RANGE)]
    assert _ids(output) == expected and result.records == len(expected)


# -- files --------------------------------------------------------------------------------


def test_a_second_export_of_the_same_output_is_refused(tmp_path: Path) -> None:
    client = FakeSignalWire(fax_logs=20).client()
    output = tmp_path / "f.jsonl"
    lock = OutputLock(output)
    lock.acquire()  # as a running export holds it
    try:
        for resume in (False, True):
            with pytest.raises(ExportFileError, match="another export is writing"):
                export_logs(client.fax_logs, output, resume=resume)
    finally:
        lock.release()
    assert export_logs(client.fax_logs, output, include_deleted=True).records == 20
    assert not (tmp_path / "f.jsonl.lock").exists()


def test_symlinks_are_never_followed(tmp_path: Path) -> None:
    client = FakeSignalWire(message_logs=300).client()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    output = tmp_path / "m.jsonl"
    for planted in ("m.jsonl.part0", "m.jsonl.part1"):
        (tmp_path / planted).symlink_to(victim)
    with pytest.raises(ConfigurationError, match=r"m\.jsonl\.part0 is in the way"):
        export_logs(client.message_logs, output, concurrency=2, **RANGE)
    assert victim.read_text() == "precious\n" and (tmp_path / "m.jsonl.part1").is_symlink()
    (tmp_path / "n.jsonl.cursor").symlink_to(victim)
    with pytest.raises(ExportFileError, match="symbolic link"):
        export_logs(client.message_logs, tmp_path / "n.jsonl", resume=True)
    assert victim.read_text() == "precious\n"


def test_a_stale_part_is_never_deleted(tmp_path: Path) -> None:
    client = FakeSignalWire(message_logs=300).client()
    output = tmp_path / "m.jsonl"
    stale = tmp_path / "m.jsonl.part1"  # left by an earlier export whose cursor is gone
    stale.write_text("precious\n")
    for resume in (False, True):  # resume: there is no cursor, so it would be a new export
        with pytest.raises(ConfigurationError, match=r"m\.jsonl\.part1 is in the way"):
            export_logs(client.message_logs, output, concurrency=3, resume=resume, **RANGE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.jsonl.part1"]  # nothing else
    export_logs(client.message_logs, output, **RANGE)  # one walk writes no part: not refused
    assert stale.read_text() == "precious\n"
    assert _ids(output) == [m.id for m in client.message_logs.list(page_size=1000, **RANGE)]


def test_a_part_that_appears_during_an_export_is_never_deleted(tmp_path: Path) -> None:
    fake = FakeSignalWire(message_logs=4_000, bursty=True, seed=2)
    client = fake.client()
    output = tmp_path / "m.jsonl"
    planted = [tmp_path / f"m.jsonl.part{index}" for index in range(4, 12)]

    def plant(_: ExportProgress) -> None:  # after the first page, where splits will write
        for path in planted:
            if not path.exists():
                path.write_text("precious\n")

    arguments: dict[str, Any] = {"concurrency": 4, "page_size": 50, **RANGE}
    try:
        export_logs(client.message_logs, output, on_progress=plant, **arguments)
    except ConfigurationError as err:  # a split reached a planted part: refused, not deleted
        assert "is in the way" in str(err)
        owned = {shard["index"] for shard in _cursor(output)["shards"] if shard["opened"]}
        assert all(int(path.name.removeprefix("m.jsonl.part")) not in owned for path in planted)
        with pytest.raises(ConfigurationError, match="is in the way"):
            export_logs(client.message_logs, output, resume=True, **arguments)
    assert all(path.read_text() == "precious\n" for path in planted)
    for path in planted:
        path.unlink()
    if not output.exists():
        export_logs(client.message_logs, output, resume=True, **arguments)
    assert _ids(output) == [m.id for m in client.message_logs.list(page_size=1000, **RANGE)]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda c: c | {"shards": "x"}, "damaged"),
        (lambda c: {k: v for k, v in c.items() if k != "filters"}, "damaged"),
        (lambda c: c | {"page_size": "1000"}, "damaged"),
        (lambda c: _state(c, {"offset": 3}), "not at the end of a line"),
        (lambda c: _state(c, {"offset": 10**9}), "fewer than"),
        (lambda c: _state(c, {"offset": -1}), "not a byte offset"),
        (lambda c: c | {"family": "faxes"}, "belongs to another export"),
        # would discard the records already in the output and go on from the saved page
        (lambda c: _shard(c, state=None), "a shard with records has no state"),
        (lambda c: _shard(c, query={"include_deleted": True}), "no window and the export's"),
        (
            lambda c: _shard(c | {"filters": {"foo": "bar"}}, query={"foo": "bar"}),
            "unexpected keyword argument 'foo'",
        ),
    ],
)
def test_a_damaged_cursor_is_a_clear_error(tmp_path: Path, damage: Any, message: str) -> None:
    fake = FakeSignalWire(message_logs=300)
    output = tmp_path / "m.jsonl"
    fake.inject(Status(500), path="/api/messaging/logs", after=2)
    with pytest.raises(Exception, match="500"):
        export_logs(fake.client(max_retries=0).message_logs, output, page_size=50)
    cursor_path = tmp_path / "m.jsonl.cursor"
    cursor_path.write_text(json.dumps(damage(_cursor(output))))
    before = output.read_bytes()
    with pytest.raises(ConfigurationError, match=message):
        export_logs(fake.client().message_logs, output, resume=True)
    assert output.read_bytes() == before  # nothing written, nothing truncated
    cursor_path.write_text('{"version": 2, "fam')  # truncated
    with pytest.raises(ConfigurationError, match="damaged"):
        export_logs(fake.client().message_logs, output, resume=True)


def _state(cursor: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    cursor["shards"][0]["state"] = state
    return cursor


def _shard(cursor: dict[str, Any], **fields: Any) -> dict[str, Any]:
    cursor["shards"][0].update(fields)
    return cursor


def _windows(cursor: dict[str, Any]) -> list[dict[str, Any]]:
    """The shards of a cursor file, oldest window first."""
    shards: list[dict[str, Any]] = cursor["shards"]
    return sorted(shards, key=lambda shard: datetime.datetime.fromisoformat(shard["low"]))


def _moved(shard: dict[str, Any], edge: str, hours: float) -> None:
    moved = datetime.datetime.fromisoformat(shard[edge]) + datetime.timedelta(hours=hours)
    shard[edge] = moved.isoformat()


def _overlap(cursor: dict[str, Any]) -> None:
    _moved(_windows(cursor)[1], "low", -1)  # reaches into the window before it


def _gap(cursor: dict[str, Any]) -> None:
    _moved(_windows(cursor)[1], "low", 1)  # the hour after the window before it is in none


def _short(cursor: dict[str, Any]) -> None:
    _moved(_windows(cursor)[-1], "high", -1)  # the range's last hour is in no window


def _uncovered(cursor: dict[str, Any]) -> None:
    _moved(_windows(cursor)[1], "low", -1)  # the window grows, but not what it asks for
    _moved(_windows(cursor)[0], "high", -1)


def _two_firsts(cursor: dict[str, Any]) -> None:
    _windows(cursor)[1]["first"] = True  # would drop the records at its lower edge


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_overlap, "overlaps another"),
        (_gap, "no shard holds"),
        (_short, "no shard holds"),
        (_uncovered, "query does not cover its window"),
        (_two_firsts, "only the oldest window is first"),
    ],
)
def test_a_cursor_whose_windows_overlap_or_leave_gaps_is_refused(
    tmp_path: Path, damage: Any, message: str
) -> None:
    fake = FakeSignalWire(message_logs=600)
    output = tmp_path / "m.jsonl"
    arguments: dict[str, Any] = {"concurrency": 3, "page_size": 50, **RANGE}
    fake.inject(Status(500), path="/api/messaging/logs", after=4, times=100)
    with pytest.raises(Exception, match="500"):
        export_logs(fake.client(max_retries=0).message_logs, output, **arguments)
    fake.clear_faults()
    cursor_path = tmp_path / "m.jsonl.cursor"
    good = cursor_path.read_text()
    cursor = json.loads(good)
    damage(cursor)
    cursor_path.write_text(json.dumps(cursor))
    files = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    with pytest.raises(ConfigurationError, match=f"damaged.*{message}"):
        export_logs(fake.client().message_logs, output, resume=True, **arguments)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == files
    cursor_path.write_text(good)  # as the export left it: resumes exactly
    export_logs(fake.client().message_logs, output, resume=True, **arguments)
    assert _ids(output) == [m.id for m in fake.client().message_logs.list(page_size=1000, **RANGE)]


@pytest.mark.parametrize("concurrency", [0, 65, 10**6, True])
def test_concurrency_is_bounded(tmp_path: Path, concurrency: Any) -> None:
    client = FakeSignalWire(message_logs=10).client()
    with pytest.raises(ConfigurationError, match="concurrency"):
        export_logs(client.message_logs, tmp_path / "m.jsonl", concurrency=concurrency, **RANGE)
    assert list(tmp_path.iterdir()) == []


def test_a_misspelt_filter_is_a_configuration_error(tmp_path: Path) -> None:
    client = FakeSignalWire(message_logs=10).client()
    for resource in (client.message_logs, client.cxml_messages):
        with pytest.raises(ConfigurationError, match="'bogus'"):
            # What a type checker rejects too (filters are typed per family).
            export_logs(resource, tmp_path / "m.jsonl", filters={"bogus": 1})  # type: ignore[call-overload]
    assert list(tmp_path.iterdir()) == []


def test_a_missing_directory_is_one_error(tmp_path: Path) -> None:
    client = FakeSignalWire(fax_logs=5).client()
    with pytest.raises(ExportFileError, match="No such file or directory") as caught:
        export_logs(client.fax_logs, tmp_path / "nowhere" / "f.jsonl")
    assert isinstance(caught.value, OSError)


_TOO_LARGE = """
import resource, signal, sys
from signalwire_logs import ExportFileError, export_logs
from signalwire_logs.testing import FakeSignalWire
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
try:
    export_logs(FakeSignalWire(message_logs=500).client().message_logs, sys.argv[1], page_size=20)
except ExportFileError as err:
    print(type(err).__name__, err.errno)
"""


def test_a_file_too_large_is_an_export_file_error(tmp_path: Path) -> None:
    output = tmp_path / "m.jsonl"
    done = subprocess.run(
        [sys.executable, "-c", _TOO_LARGE, str(output)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "ExportFileError 27", done.stderr  # EFBIG
    assert _cursor(output)["records"] > 0  # what was written resumes


# -- formats ------------------------------------------------------------------------------


def _one_page(records: list[Any]) -> Any:
    body = json.dumps({"links": {"self": "s", "first": "f"}, "data": records})

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    return make_client(handler)


def test_jsonl_is_lossless(tmp_path: Path) -> None:
    deep: Any = "bottom"
    for _ in range(300):
        deep = {"d": deep}
    extra = {
        "huge": 123456789012345678901234567890,
        "negative_huge": -(2**70),
        "floats": [0.1, 1e-300, 2.5e300, -0.0],
        "surrogate": "\ud800 lone",
        "nested": deep,
        "z_first": 1,
        "a_second": 2,
    }
    record = {**fax_log(0), **extra}
    output = tmp_path / "f.jsonl"
    export_logs(_one_page([record]).fax_logs, output)
    line = output.read_bytes()
    line.decode("utf-8")  # valid UTF-8 (the lone surrogate is escaped)
    back = json.loads(line)
    assert back == record and list(back) == list(record)
    assert back["huge"] == 123456789012345678901234567890 and isinstance(back["huge"], int)


def test_jsonl_lines_are_the_bytes_sent(tmp_path: Path) -> None:
    # Each record's JSON as the server wrote it: numbers keep their digits (1.10, 1e400, an
    # integer past 64 bits), escapes stay escaped, white space stays, and a record sent over
    # several lines becomes one line holding the same JSON.
    extra = '"price": 1.10, "far": 1e400, "big": 123456789012345678901234567890'
    first = json.dumps(fax_log(0))[:-1] + ", " + extra + ', "name": "caf\\u00e9 \\"q\\""}'
    second = json.dumps(fax_log(1), indent=2).replace("\n", "\r\n")
    body = '{"links": {"self": "s", "first": "f"}, "data": [' + first + ", " + second + "]}"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    output = tmp_path / "f.jsonl"
    export_logs(make_client(handler).fax_logs, output)
    lines = output.read_bytes().split(b"\n")
    assert lines[0] == first.encode() and lines[2] == b""
    assert b"\r" not in lines[1] and json.loads(lines[1]) == fax_log(1)
    assert len(lines) == 3


@pytest.mark.parametrize("concurrency", [1, 2])
def test_a_record_one_decoder_refuses_never_changes_how_the_others_are_written(
    tmp_path: Path, concurrency: int
) -> None:
    # A lone surrogate escape is JSON that msgspec refuses: the page is then cut by the json
    # module, and still every record is written byte for byte as sent (1.10 not 1.1, 1E2
    # not 100.0, "\u00e9" not "é"), one window or two (where each record's time is read).
    exact = ', "price": 1.10, "power": 1E2, "name": "caf\\u00e9"}'

    def record(index: int, extra: str = "") -> str:
        day = ("2024-06-09", "2024-06-08", "2024-05-05")[index]  # two windows: 2 is older
        data = {**fax_log(index), "created_at": f"{day}T12:00:00Z"}
        return json.dumps(data)[:-1] + extra + exact

    sent = [record(0), record(1, ', "note": "\\ud800 lone"'), record(2)]
    body = '{"links": {"self": "s", "first": "f"}, "data": [' + ", ".join(sent) + "]}"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    output = tmp_path / "f.jsonl"
    export_logs(make_client(handler).fax_logs, output, concurrency=concurrency, **RANGE)
    written = output.read_bytes()
    assert written.split(b"\n") == [line.encode() for line in sent] + [b""]
    assert b"1.10" in written and b"\\u00e9" in written and b"\\ud800" in written


def test_jsonl_writes_records_as_sent_but_each_needs_its_time(tmp_path: Path) -> None:
    # JSONL does not build models (the JSON as sent is what it writes): a record its model
    # would refuse is written, while CSV, which writes the model's columns, refuses it.
    odd = {key: value for key, value in fax_log(0).items() if key != "to"}
    output = tmp_path / "f.jsonl"
    export_logs(_one_page([odd, fax_log(1)]).fax_logs, output)
    assert [json.loads(line) for line in output.read_text().splitlines()] == [odd, fax_log(1)]
    with pytest.raises(APIResponseValidationError, match="FaxLog"):
        export_logs(_one_page([odd]).fax_logs, tmp_path / "g.csv", format="csv")
    # The time field places a record in its window: without a valid one the page is refused
    # before any of it is written, and a first page refused leaves nothing behind.
    for bad in ({"created_at": "yesterday"}, {"created_at": None}, {"created_at": 5}):
        with pytest.raises(APIResponseValidationError, match="FaxLog"):
            export_logs(
                _one_page([fax_log(1), {**fax_log(2), **bad}]).fax_logs, output.with_suffix(".x")
            )
        assert not output.with_suffix(".x").exists()
    missing = {key: value for key, value in fax_log(3).items() if key != "created_at"}
    with pytest.raises(APIResponseValidationError, match="created_at"):
        export_logs(_one_page([missing]).fax_logs, output.with_suffix(".y"))


@pytest.mark.parametrize(("fmt", "naive_only"), [("jsonl", False), ("csv", False), ("jsonl", True)])
def test_records_outside_their_window_are_dropped(
    tmp_path: Path, fmt: str, naive_only: bool
) -> None:
    # This server ignores the filters, so every window's walk gets every record: the export's
    # own window test must keep each record once, in the window it belongs to, and drop what
    # is outside the range (a naive date-time counts as UTC, an offset as the instant it names).
    # Newest first, as a list is (a sharded export checks it).
    times = {
        "after": "2024-06-15T00:00:00Z",
        "inside, Z": "2024-06-14T23:59:59Z",
        "inside, offset": "2024-06-15T01:00:00+02:00",
        "inside, middle": "2024-05-23T00:00:00Z",
        "inside, naive": "2024-05-01T00:00:01",
        "before, naive": "2024-05-01T00:00:00",
        "before, offset": "2024-05-01T01:59:59+02:00",
    }
    if naive_only:  # a page with no offset at all is compared as UTC just the same
        times = {"after, naive": "2024-06-15T00:00:00", "inside, middle": "2024-05-23T00:00:00"}
        times |= {"inside, naive": "2024-05-01T00:00:01", "before, naive": "2024-05-01T00:00:00"}
    records = [{**fax_log(i), "created_at": at} for i, at in enumerate(times.values())]
    output = tmp_path / f"f.{fmt}"
    client = _one_page(records)
    export_logs(client.fax_logs, output, format=fmt, concurrency=2, **RANGE)  # type: ignore[call-overload]
    if fmt == "jsonl":
        ids = _ids(output)
    else:
        ids = [row["id"] for row in csv.DictReader(output.open(newline=""))]
    inside = [r["id"] for r, name in zip(records, times, strict=True) if name.startswith("inside")]
    assert ids == inside  # newest window first, each record once


def test_csv_quotes_every_line_break_and_neutralizes_formulas(tmp_path: Path) -> None:
    nasty = {
        **fax_log(0),
        "from": '=HYPERLINK("http://evil")',
        "to": "+12065551212",
        "error_message": "first\rsecond\nthird",
        "status": "\t=1+1",
    }
    client = _one_page([nasty, fax_log(1)])
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    export_logs(client.fax_logs, safe, format="csv")
    export_logs(client.fax_logs, raw, format="csv", neutralize_formulas=False)
    rows = list(csv.DictReader(safe.open(newline="")))
    assert len(rows) == 2  # the bare \r did not split the record
    assert rows[0]["error_message"] == "first\rsecond\nthird"
    assert rows[0]["from"] == '\'=HYPERLINK("http://evil")' and rows[0]["to"] == "+12065551212"
    assert rows[0]["status"] == "'\t=1+1"
    unsafe = list(csv.DictReader(raw.open(newline="")))
    assert unsafe[0]["from"] == '=HYPERLINK("http://evil")'
    assert [neutralize(c) for c in ("-1.5", "@x", "+1 206", "1e5", "-")] == [
        "-1.5", "'@x", "'+1 206", "1e5", "'-",
    ]  # fmt: skip


def test_cxml_messages_export(tmp_path: Path) -> None:
    client = FakeSignalWire(message_logs=150).client()
    output = tmp_path / "c.jsonl"
    result = export_logs(client.cxml_messages, output, page_size=20, filters={"status": "failed"})
    expected = [m.sid for m in client.cxml_messages.list(status="failed")]
    assert [json.loads(line)["sid"] for line in output.read_text().splitlines()] == expected
    assert result.records == len(expected) > 0
    # A filter is recorded as the JSON value it is (an enum as its value), and a resume with
    # the same filters is recognised as the same export; what cannot be sent is refused.
    status: CxmlMessageFilters = {"status": CxmlMessageStatus.FAILED}
    first = export_logs(client.cxml_messages, tmp_path / "e.jsonl", page_size=5, filters=status)
    assert _cursor(tmp_path / "e.jsonl")["filters"] == {"status": "failed"}
    again = export_logs(client.cxml_messages, tmp_path / "e.jsonl", filters=status, resume=True)
    assert again.resumed and again.records == first.records == len(expected)
    with pytest.raises(ConfigurationError, match="not a filter value"):
        bad = {"to": object()}  # what a type checker rejects too, refused at run time
        export_logs(client.cxml_messages, tmp_path / "f.jsonl", filters=bad)  # type: ignore[call-overload]
    with pytest.raises(ConfigurationError, match="not valid Unicode"):
        export_logs(client.cxml_messages, tmp_path / "f.jsonl", filters={"to": "+1206\udc80"})
    assert not list(tmp_path.glob("f.jsonl*"))
    # The cursor file's encoder escapes what msgspec cannot write, as json does.
    assert json.loads(_cursor_text({"to": "\udc80"})) == {"to": "\udc80"}
    with pytest.raises(ConfigurationError, match="time windows"):
        export_logs(client.cxml_messages, tmp_path / "d.jsonl", concurrency=2)
    with pytest.raises(ConfigurationError, match="filters="):
        export_logs(client.cxml_messages, tmp_path / "d.jsonl", **RANGE)


# -- shards -------------------------------------------------------------------------------


class _BurstGate(httpx.BaseTransport):
    """Holds a window's walk once it is inside the burst until an idle worker has split a
    window: what work stealing does, without depending on how fast the threads run."""

    def __init__(self, inner: httpx.BaseTransport, split: threading.Event) -> None:
        self.inner, self.split = inner, split
        self._dense: set[str] = set()  # windows whose last page spanned under six hours
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        window = f"{params.get('created_after')}/{params.get('created_before')}"
        with self._lock:
            hold = window in self._dense
        if hold and not self.split.wait(10):
            self.split.set()  # no split came: let the walk end, and the assertion fail
        response = self.inner.handle_request(request)
        body = response.read()
        records = json.loads(body)["data"]
        times = [as_utc(datetime.datetime.fromisoformat(r["created_at"])) for r in records]
        with self._lock:
            if len(times) > 1 and max(times) - min(times) < datetime.timedelta(hours=6):
                self._dense.add(window)
        return httpx.Response(response.status_code, headers=response.headers, content=body)


def test_work_stealing_splits_a_bursty_window_and_keeps_every_record_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeSignalWire(message_logs=4_000, bursty=True, seed=2)
    client = fake_client_through(fake, _BurstGate(fake.transport(), told_of_splits(monkeypatch)))
    output = tmp_path / "m.jsonl"
    export_logs(client.message_logs, output, concurrency=4, page_size=50, **RANGE)
    client = fake.client()
    expected = [m.id for m in client.message_logs.list(page_size=1000, **RANGE)]
    assert _ids(output) == expected
    assert len(_cursor(output)["shards"]) > 4  # idle workers split the busy window


def test_a_walk_entering_a_burst_is_split_at_once() -> None:
    # 30 days, walked newest first: 100 records spread over 20 days, then 100 in one hour.
    # Averaged over what was read, about 100 records would be left (not worth a split); at
    # the density of the last page, about 24,000 are: an idle worker takes the older half.
    day = datetime.timedelta(days=1)
    low = datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)
    plan = Plan.windows({}, low, low + 30 * day, 1, min_split=2000)
    walking = plan.take()
    assert isinstance(walking, Shard) and plan.take() == WAIT  # nothing known yet
    for oldest in (low + 10 * day, low + 10 * day - datetime.timedelta(hours=1)):
        plan.begin_page(walking)
        plan.end_page(walking, written=100, oldest=oldest, cursor=PageCursor(), state=None)
    older = plan.take()
    assert isinstance(older, Shard) and older.low == low and older.high == walking.low
    assert walking.low is not None and low < walking.low < low + 10 * day


def test_progress_tells_the_share_of_the_range_walked(tmp_path: Path) -> None:
    client = FakeSignalWire(message_logs=1_000).client()
    seen: list[ExportProgress] = []
    export_logs(
        client.message_logs, tmp_path / "a.jsonl", page_size=100, on_progress=seen.append, **RANGE
    )
    fractions = [p.fraction or 0.0 for p in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and 0 < fractions[0] < 0.2
    assert seen[-1].records == len(_ids(tmp_path / "a.jsonl"))
    seen.clear()
    export_logs(client.message_logs, tmp_path / "b.jsonl", page_size=100, on_progress=seen.append)
    assert {p.fraction for p in seen} == {None}  # an open range: no share to tell


def test_naive_and_aware_bounds_give_the_same_export(tmp_path: Path) -> None:
    client = FakeSignalWire(message_logs=800).client()
    low, high = datetime.datetime(2024, 5, 20, 6), datetime.datetime(2024, 6, 2, 18)
    naive, aware = tmp_path / "naive.jsonl", tmp_path / "aware.jsonl"
    export_logs(client.message_logs, naive, concurrency=3, created_after=low, created_before=high)
    utc = datetime.UTC
    export_logs(
        client.message_logs,
        aware,
        concurrency=3,
        created_after=low.replace(tzinfo=utc),
        created_before=high.replace(tzinfo=utc),
    )
    assert naive.read_bytes() == aware.read_bytes() and naive.stat().st_size > 0


# -- the command line ---------------------------------------------------------------------


def _run(fake: FakeSignalWire, url: str, *arguments: str) -> Any:
    env = {"SIGNALWIRE_PROJECT_ID": fake.project_id, "SIGNALWIRE_API_TOKEN": fake.api_token}
    return CliRunner().invoke(cli, ["--base-url", url, *arguments], env=env)


def test_cli_streams_to_stdout_and_reports_file_errors(tmp_path: Path) -> None:
    fake = FakeSignalWire(fax_logs=40)
    with fake.serve() as url:
        streamed = _run(fake, url, "export", "faxes", "-o", "-")
        assert streamed.exit_code == 0, streamed.output
        lines = [json.loads(line) for line in streamed.stdout.splitlines()]
        listed = list(fake.client().fax_logs.list(page_size=1000))
        assert [r["id"] for r in lines] == [f.id for f in listed] and not Path("-").exists()
        refused = _run(fake, url, "export", "faxes", "-o", "-", "--resume")
        assert refused.exit_code == 2 and "cannot be resumed" in refused.stderr
        missing = _run(fake, url, "export", "faxes", "-o", str(tmp_path / "no" / "f.jsonl"))
        assert missing.exit_code == 1
        assert missing.stderr.count("\n") == 1 and "No such file or directory" in missing.stderr


@pytest.mark.parametrize("kernel", ["whole", "half then refused", "absent"])
def test_a_join_appends_each_part_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel: str
) -> None:
    # Parts are joined by copy_file_range where the system has it; where it stops partway
    # or is missing, the rest goes through Python: the bytes are the same either way.
    from signalwire_logs._export import _files

    copy = os.copy_file_range
    calls: list[int] = []

    def half_then_refused(source: int, target: int, count: int) -> int:
        calls.append(count)
        if len(calls) > 1:
            raise OSError(18, "Invalid cross-device link")
        return copy(source, target, count // 2)

    if kernel == "half then refused":
        monkeypatch.setattr(os, "copy_file_range", half_then_refused)
    elif kernel == "absent":
        monkeypatch.delattr(os, "copy_file_range")
    parts = [os.urandom(3_000_001), b"", b"last line\n"]
    for index, data in enumerate(parts):
        (tmp_path / f"p{index}").write_bytes(data)
    with open(tmp_path / "out", "wb") as target:
        target.write(b"header\n")
        for index in range(len(parts)):
            with _files.reopen(tmp_path / f"p{index}") as source:
                _files.append(source, target)
        target.write(b"tail")
    assert (tmp_path / "out").read_bytes() == b"header\n" + b"".join(parts) + b"tail"
    assert kernel != "half then refused" or len(calls) == 3  # one part was empty
