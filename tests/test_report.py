"""`signalwire-logs report` and `signalwire_logs.report`: the numbers against SQL over the same
database, the API path equal to the database path, every value from the API shown as text,
and the page opened in a real headless Chromium (no request but the file, no console error)."""

from __future__ import annotations

import datetime
import html.parser
import os
import re
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from signalwire_logs import ConfigurationError
from signalwire_logs._cli._commands import cli
from signalwire_logs.report import DURATION_BUCKETS, ReportData, build_report, collect, render
from signalwire_logs.report._charts import ChartError, _checked
from signalwire_logs.sync import sync
from signalwire_logs.testing import DEFAULT_API_TOKEN, DEFAULT_PROJECT_ID, FakeSignalWire

DATASET = "signalwire_logs"
#: Values a hostile or broken server could send; each must reach the page as text only.
SCRIPT = "<script>alert('message')</script>"
CODE = "<img src=x onerror=alert(1)>"
STATUS = "<marquee>weird</marquee>"
CALL_TYPE = '"><svg onload=alert(3)>'
FAX_MESSAGE = "</title><script>alert(4)</script> & more"


def _fake() -> FakeSignalWire:
    fake = FakeSignalWire(
        message_logs=400, fax_logs=60, voice_logs=120, video_logs=30, conference_logs=30, seed=11
    )
    client = fake.client()
    messages = list(client.message_logs.list(page_size=1000))
    fake.update(messages[3].id, status=STATUS, error_code=CODE, error_message=SCRIPT)
    fake.update(messages[4].id, status="failed", error_code="30007", error_message=SCRIPT)
    fax = next(iter(client.fax_logs.list()))
    fake.update(fax.id, status="failed", error_code="34099", error_message=FAX_MESSAGE)
    call = next(iter(client.voice_logs.list()))
    fake.update(call.id, type=CALL_TYPE)
    return fake


@pytest.fixture(scope="module")
def fake() -> FakeSignalWire:
    return _fake()


@pytest.fixture(scope="module")
def database(fake: FakeSignalWire, tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("report")
    path = where / "logs.duckdb"
    sync(fake.client(), database=path, pipelines_dir=where / "dlt")
    return path


@pytest.fixture(scope="module")
def page(database: Path) -> str:
    """The report over the whole database (rendering takes seconds: once per module)."""
    return render(collect(database=database))


def _sql(database: Path, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(database), read_only=True) as con:
        con.execute("SET TimeZone = 'UTC'")
        return con.execute(sql, parameters or []).fetchall()


def _where(since: datetime.datetime | None, until: datetime.datetime | None) -> str:
    parts = ["TRUE"]
    if since is not None:
        parts.append(f"created_at >= TIMESTAMPTZ '{since.isoformat()}'")
    if until is not None:
        parts.append(f"created_at < TIMESTAMPTZ '{until.isoformat()}'")
    return " AND ".join(parts)


def _check_against_sql(
    data: ReportData,
    database: Path,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> None:
    """Every number in ``data`` against plain SQL over the synced tables."""
    where = _where(since, until)
    t = f"{DATASET}."
    statuses = _sql(
        database,
        f"SELECT created_at::DATE, coalesce(status, '(none)'), count(*) FROM {t}message_logs "
        f"WHERE {where} GROUP BY ALL ORDER BY 1, 2",
    )
    assert [(r.day, r.status, r.count) for r in data.messages] == statuses
    delivery = _sql(
        database,
        f"SELECT created_at::DATE, count(*) FILTER (status = 'delivered'), count(*) "
        f"FROM {t}message_logs WHERE {where} AND status IN ('delivered', 'undelivered', 'failed') "
        "GROUP BY ALL ORDER BY 1",
    )
    assert [(r.day, r.delivered, r.outcomes) for r in data.delivery] == delivery
    for family, table in (("messages", "message_logs"), ("faxes", "fax_logs")):
        errors = _sql(
            database,
            f"SELECT error_code, count(*), mode(error_message) FROM {t}{table} "
            f"WHERE {where} AND (error_code IS NOT NULL OR error_message IS NOT NULL) "
            "GROUP BY ALL",
        )
        shown = {(r.code, r.count) for r in data.errors if r.family == family}
        assert shown == {(code, count) for code, count, _ in errors}
    costs = []
    for family, table in (
        ("messages", "message_logs"),
        ("faxes", "fax_logs"),
        ("voice", "voice_logs"),
        ("video", "video_logs"),
        ("conferences", "conference_logs"),
    ):
        for day, amount in _sql(
            database,
            f"SELECT created_at::DATE, sum(charge::DECIMAL(38, 10)) FROM {t}{table} "
            f"WHERE {where} AND charge IS NOT NULL GROUP BY ALL",
        ):
            costs.append((day, family, amount))
    assert sorted((r.day, r.family, r.charge) for r in data.costs) == sorted(costs)
    calls = _sql(
        database,
        f"SELECT type, count(*), count(duration), coalesce(sum(duration), 0) FROM {t}voice_logs "
        f"WHERE {where} GROUP BY ALL",
    )
    assert {(r.type, r.calls, r.timed, r.seconds) for r in data.call_types} == set(calls)
    durations = _sql(database, f"SELECT type, duration FROM {t}voice_logs WHERE {where}")
    expected: Counter[tuple[str, str]] = Counter()
    for kind, seconds in durations:
        if seconds is not None:
            label = [name for low, name in DURATION_BUCKETS if seconds >= low][-1]
            expected[label, kind] += 1
    assert Counter({(r.bucket, r.type): r.calls for r in data.call_durations}) == expected


def test_database_report_numbers_match_sql(database: Path) -> None:
    data = collect(database=database)
    assert data.families == ("messages", "faxes", "voice", "video", "conferences")
    assert (
        data.message_count == _sql(database, f"SELECT count(*) FROM {DATASET}.message_logs")[0][0]
    )
    _check_against_sql(data, database)
    # The summary figures are the sums of the rows.
    (total,) = _sql(
        database,
        "SELECT sum(c) FROM (SELECT sum(charge::DECIMAL(38, 10)) AS c FROM "
        + " UNION ALL SELECT sum(charge::DECIMAL(38, 10)) FROM ".join(
            f"{DATASET}.{t}" for t in ("message_logs", "fax_logs", "voice_logs")
        )
        + f" UNION ALL SELECT sum(charge::DECIMAL(38, 10)) FROM {DATASET}.video_logs"
        + f" UNION ALL SELECT sum(charge::DECIMAL(38, 10)) FROM {DATASET}.conference_logs)",
    )[0]
    assert data.total_cost == total
    (rate,) = _sql(
        database,
        f"SELECT count(*) FILTER (status = 'delivered') / count(*) FROM {DATASET}.message_logs "
        "WHERE status IN ('delivered', 'undelivered', 'failed')",
    )[0]
    assert data.delivery_rate == pytest.approx(rate)
    # The commonest message of a code, with what the code means.
    (filtered,) = [r for r in data.errors if r.code == "30007"]
    assert filtered.documented and "carrier" in filtered.meaning.lower()
    assert filtered.url and filtered.url.startswith("https://")


def test_api_report_equals_database_report(fake: FakeSignalWire, database: Path) -> None:
    from_api = collect(client=fake.client())
    from_database = collect(database=database)
    assert from_api == from_database
    assert (from_api.source, from_database.source) == ("fake.signalwire.com", "logs.duckdb")


def test_a_range_is_half_open_and_the_same_on_both_paths(
    fake: FakeSignalWire, database: Path
) -> None:
    created = [
        row[0]
        for row in _sql(database, f"SELECT created_at FROM {DATASET}.message_logs ORDER BY 1")
    ]
    since, until = created[100], created[300]  # both exactly a record's time
    from_database = collect(database=database, since=since, until=until)
    assert from_database.message_count == 200  # the one at `since` in, the one at `until` out
    _check_against_sql(from_database, database, since, until)
    from_api = collect(client=fake.client(), since=since, until=until)
    assert from_api == from_database
    day = collect(database=database, since="2024-06-01", until="2024-06-02")
    assert {r.day for r in day.messages} == {datetime.date(2024, 6, 1)}


def _peak_memory(records: int) -> int:
    fake = FakeSignalWire(
        message_logs=records, fax_logs=0, voice_logs=0, video_logs=0, conference_logs=0, seed=3
    )
    client = fake.client()
    tracemalloc.start()
    try:
        data = collect(client=client, include_deleted=True)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        assert data.message_count == records


def test_api_report_keeps_memory_flat() -> None:
    # A tally holds groups, never records: 2.5 times the logs (2 -> 5 pages of 1,000) take
    # no more memory at the peak, which is a page being read.
    small, large = _peak_memory(2_000), _peak_memory(5_000)
    assert large < small * 1.2, (small, large)


class _Elements(html.parser.HTMLParser):
    """Every element and attribute of a page, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes += [(tag, name, value) for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def test_values_from_the_api_are_text_never_markup(page: str) -> None:
    parsed = _parsed(page)
    assert parsed.tags["script"] == 0 and parsed.tags["img"] == 0 and parsed.tags["marquee"] == 0
    assert parsed.tags["svg"] == 6  # the six charts, and no other
    assert not [a for a in parsed.attributes if a[1].startswith("on")]
    text = "".join(parsed.text)
    for value in (SCRIPT, CODE, FAX_MESSAGE):  # in the failures table, as written
        assert value in text
    assert STATUS in text and CALL_TYPE in text  # in the tables and in the charts' labels
    assert "&lt;script&gt;alert(&#x27;message&#x27;)&lt;/script&gt;" in page


def test_the_page_fetches_nothing_and_runs_nothing(page: str) -> None:
    parsed = _parsed(page)
    (policy,) = [v for t, n, v in parsed.attributes if n == "content" and v and "default-src" in v]
    assert "default-src 'none'" in policy and "script-src" not in policy
    for tag, name, value in parsed.attributes:
        if name in ("src", "href", "xlink:href", "srcset", "data", "action", "poster"):
            # Only links to SignalWire's reference (followed on a click) and the empty icon.
            assert (tag, name) in (("a", "href"), ("link", "href")), (tag, name, value)
            assert value == "data:," or (value or "").startswith("https://signalwire.com/"), value
    assert not re.search(r"@import|url\((?!#)", page)


def test_chart_svg_outside_the_allow_list_is_refused() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><g>{}</g></svg>'
    for bad in (
        "<script>alert(1)</script>",
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
        '<path d="M0,0" onclick="alert(1)"/>',
        '<path d="M0,0" fill="url(https://example.com/x)"/>',
        '<a href="https://example.com"><path d="M0,0"/></a>',
    ):
        with pytest.raises(ChartError):
            _checked(svg.format(bad), "test")
    fine = _checked(
        svg.format('<path d="M0.123456,1" aria-label="a &lt;b&gt;" role="graphics-symbol"/>'), "t"
    )
    assert "<title>a &lt;b&gt;</title>" in fine and 'd="M0.12,1"' in fine


def test_an_empty_range_says_so(database: Path) -> None:
    data = collect(database=database, since="2030-01-01")
    assert data.message_count == 0 and not data.costs
    page = render(data)
    assert "No message logs in this range." in page and "No voice log in this range." in page
    assert _parsed(page).tags["svg"] == 0


def test_a_table_missing_columns_reads_them_as_null(tmp_path: Path) -> None:
    # A family synced before any record carried an error or a duration has no such column.
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(f"CREATE SCHEMA {DATASET}")
        con.execute(
            f"CREATE TABLE {DATASET}.message_logs (id VARCHAR, status VARCHAR, "
            "created_at TIMESTAMPTZ)"
        )
        con.execute(
            f"INSERT INTO {DATASET}.message_logs VALUES "
            "('a', 'delivered', '2024-06-01T10:00:00Z'), ('b', 'failed', '2024-06-01T23:59:59Z'),"
            "('c', NULL, '2024-06-02T00:00:00Z')"
        )
        con.execute(f"CREATE TABLE {DATASET}.voice_logs (id VARCHAR, created_at TIMESTAMPTZ)")
        con.execute(f"INSERT INTO {DATASET}.voice_logs VALUES ('v', '2024-06-02T01:00:00Z')")
    data = collect(database=path)
    assert data.families == ("messages", "voice")
    assert [(r.day.isoformat(), r.status, r.count) for r in data.messages] == [
        ("2024-06-01", "delivered", 1),
        ("2024-06-01", "failed", 1),
        ("2024-06-02", "(none)", 1),
    ]
    assert data.errors == () and data.costs == () and data.call_durations == ()
    assert [(r.type, r.calls, r.timed) for r in data.call_types] == [("(none)", 1, 0)]
    assert "<svg" in render(data)


def test_bad_arguments_are_configuration_errors(tmp_path: Path, database: Path) -> None:
    with pytest.raises(ConfigurationError, match="either a database or a client"):
        collect()
    with pytest.raises(ConfigurationError, match="either a database or a client"):
        collect(database=database, client=object())
    with pytest.raises(ConfigurationError, match="No DuckDB database"):
        collect(database=tmp_path / "missing.duckdb")
    with pytest.raises(ConfigurationError, match="must be before"):
        collect(database=database, since="2024-06-02", until="2024-06-01")
    with pytest.raises(ConfigurationError, match="since must be"):
        collect(database=database, since="last tuesday")
    with pytest.raises(ConfigurationError, match="no synced log table"):
        collect(database=database, dataset="nothing_here")


def test_cli_writes_the_report_and_prints_its_path(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "week.html"
    result = CliRunner().invoke(
        cli,
        ["report", "--database", str(database), "--since", "2024-06-07", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"{out}\n"
    page = out.read_text(encoding="utf-8")
    assert "Logs created from 2024-06-07 (UTC) on" in page
    assert not list(tmp_path.glob("*.partial"))
    missing = CliRunner().invoke(cli, ["report", "--database", str(tmp_path / "no.duckdb")])
    assert missing.exit_code == 2 and "No DuckDB database" in missing.output


def test_cli_reads_the_api_when_no_database_is_given(
    fake: FakeSignalWire, database: Path, tmp_path: Path
) -> None:
    out = tmp_path / "api.html"
    with fake.serve() as url:
        result = CliRunner().invoke(
            cli,
            [
                "--base-url", url, "--project-id", DEFAULT_PROJECT_ID,
                "--api-token", DEFAULT_API_TOKEN,
                "report", "--since", "2024-06-07", "-o", str(out),
            ],
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    via_database = render(collect(database=database, since="2024-06-07"))
    # The same numbers: the pages differ only in their source and the time they were made.
    strip = re.compile(r"read from [^(]*\(|Made [^.]*\.")
    assert strip.sub("", out.read_text(encoding="utf-8")) == strip.sub("", via_database)


def test_build_report_is_collect_then_render(database: Path) -> None:
    page = build_report(database=database, title="Weekly <traffic>")
    assert page.startswith("<!DOCTYPE html>") and "Weekly &lt;traffic&gt;" in page


# -- in a real browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Any:
    from headless_chromium import chromium, find_chromium

    if find_chromium() is None:
        reason = "no Chromium on PATH (Debian: apt-get install chromium; `make test` does)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}. CI must open the report in a browser.")
        pytest.skip(f"BROWSER TESTS SKIPPED: {reason}")
    with chromium() as running:
        yield running


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_in_chromium_requests_only_itself_and_logs_no_error(
    browser: Any, page: str, tmp_path: Path, scheme: str
) -> None:
    from headless_chromium import evaluate, visit

    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    seen = visit(browser, path, scheme=scheme)
    assert seen.requests == [path.resolve().as_uri()]
    assert seen.errors == []
    (tmp_path / f"{scheme}.png").write_bytes(seen.screenshot)
    if os.environ.get("REPORT_SCREENSHOTS"):  # to look at them: a directory to copy them to
        (Path(os.environ["REPORT_SCREENSHOTS"]) / f"{scheme}.png").write_bytes(seen.screenshot)
    assert seen.screenshot.startswith(b"\x89PNG")
    facts = evaluate(
        browser,
        path,
        "({scripts: document.scripts.length, images: document.images.length,"
        " svgs: document.querySelectorAll('svg').length,"
        " titles: document.querySelectorAll('svg title').length,"
        " text: document.body.textContent})",
        scheme=scheme,
    )
    assert facts["scripts"] == 0 and facts["images"] == 0 and facts["svgs"] == 6
    assert facts["titles"] > 100  # a hover title on every bar and point
    assert SCRIPT in facts["text"] and FAX_MESSAGE in facts["text"] and CALL_TYPE in facts["text"]
    # The scheme really switched: the page's own colours, not the light page twice.
    assert seen.background == {"light": "rgb(255, 255, 255)", "dark": "rgb(13, 17, 23)"}[scheme]
