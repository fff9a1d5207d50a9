"""The report's page: one HTML file holding its styles and charts, and no script.

Every value from the logs goes through `html.escape()` (`_e()`) on its way into the
page, in text and in attributes alike; the charts are checked SVG (see ``_charts``). A
Content-Security-Policy forbids any fetch, script or plug-in, so even a value that slipped
through could run nothing and reach no other host.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from .._version import __version__
from . import _charts
from ._model import DURATION_BUCKETS, ReportData

#: Nothing from anywhere but the page itself; inline styles only; no script at all.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

_STYLE = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e;
  --line: #d1d9e0; --card: #f6f8fa; --link: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23;
    --link: #4493f8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.45;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.25rem 0 .5rem; padding-bottom: .3rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.5rem 0 .25rem; }
p, figcaption, summary { color: var(--muted); }
a { color: var(--link); }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr));
  gap: .75rem; margin: 1.25rem 0 0; padding: 0; list-style: none; }
.tiles li { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: .7rem .9rem; }
.tiles b { display: block; font-size: 1.35rem; font-variant-numeric: tabular-nums; }
.tiles span { color: var(--muted); font-size: .85rem; }
figure { margin: .75rem 0; }
figure svg { display: block; max-width: 100%; height: auto; color: var(--fg);
  overflow: visible; }
figcaption { font-size: .85rem; margin-top: .25rem; }
details { margin: .5rem 0 1rem; }
summary { cursor: pointer; font-size: .9rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; min-width: 50%; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
th { font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td { font-weight: 600; }
.empty { font-style: italic; }
footer { margin-top: 3rem; font-size: .8rem; color: var(--muted); }
"""


#: What each chart shows, under it (and its accessible name).
_CAPTIONS = {
    "messages": "Messages created each day (UTC), by their status now.",
    "delivery": "Of each day's messages that were delivered, undelivered or failed, the share "
    "delivered (messages still queued or sent, and received ones, have no outcome yet).",
    "errors": "Logs carrying each error code, messages and faxes (the 15 commonest).",
    "costs": "What each day's logs were charged, in USD, by family.",
    "call-types": "Voice logs by type.",
    "durations": "Calls by how long they lasted (calls that carry no duration are left out); "
    "by type in the numbers.",
}
_EXPLAINED = (
    "<p>Meanings from SignalWire's error-code reference, as "
    "<code>signalwire-logs explain CODE</code> shows them.</p>"
)


def _e(value: object) -> str:
    """Any value as HTML text (and as an attribute value): ``<``, ``&`` and quotes escaped."""
    return html.escape(str(value), quote=True)


def _count(value: int) -> str:
    return f"{value:,}"


def _usd(value: Decimal) -> str:
    return f"${value:,.4f}"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Sequence[bool],
    footer: Sequence[str] | None = None,
    caption: str | None = None,
) -> str:
    """A table of already-formatted cells; each cell is escaped here (links are not cells)."""

    def cells(values: Sequence[str], tag: str) -> str:
        return "".join(
            f'<{tag} class="n">{_e(v)}</{tag}>' if n else f"<{tag}>{_e(v)}</{tag}>"
            for v, n in zip(values, numeric, strict=True)
        )

    head = f"<thead><tr>{cells(headers, 'th')}</tr></thead>"
    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows)
    foot = f"<tfoot><tr>{cells(footer, 'td')}</tr></tfoot>" if footer else ""
    title = f"<caption>{_e(caption)}</caption>" if caption else ""
    return f'<div class="scroll"><table>{title}{head}<tbody>{body}</tbody>{foot}</table></div>'


def _numbers(table: str) -> str:
    return f"<details><summary>The numbers</summary>{table}</details>"


def _figure(name: str, draw: Callable[[ReportData], str], data: ReportData) -> str:
    caption = _e(_CAPTIONS[name])
    return f'<figure>{draw(data)}<figcaption id="{name}-caption">{caption}</figcaption></figure>'


def _section(name: str, heading: str, empty: str | None, *parts: str) -> str:
    """A section of the page; ``empty`` (when not None) says there is nothing to show."""
    body = _empty(empty) if empty is not None else "".join(parts)
    return f'<section id="{name}"><h2>{_e(heading)}</h2>{body}</section>'


def _empty(text: str) -> str:
    return f'<p class="empty">{_e(text)}</p>'


def _range_text(data: ReportData) -> str:
    def moment(value: datetime.datetime) -> str:
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S")

    if data.since and data.until:
        return f"Logs created from {moment(data.since)} to {moment(data.until)} (UTC, end excluded)"
    if data.since:
        return f"Logs created from {moment(data.since)} (UTC) on"
    if data.until:
        return f"Logs created before {moment(data.until)} (UTC)"
    return "Every log"


def _tiles(data: ReportData) -> str:
    tiles = [
        (_count(data.message_count), "messages"),
        (_percent(data.delivery_rate), "delivery rate"),
        (_count(data.error_count), "message and fax errors"),
        (f"${data.total_cost:,.2f}", "charged"),
        (_count(data.call_count), "calls"),
        (_count(round(data.call_seconds / 60)), "call minutes"),
    ]
    items = "".join(
        f"<li><b>{_e(value)}</b><span>{_e(label)}</span></li>" for value, label in tiles
    )
    return f'<ul class="tiles">{items}</ul>'


def _status_table(data: ReportData) -> str:
    known = [s for s in _charts.STATUS_COLOURS if any(r.status == s for r in data.messages)]
    statuses = known + sorted({r.status for r in data.messages} - set(known))
    by_day: dict[datetime.date, dict[str, int]] = {}
    for row in data.messages:
        by_day.setdefault(row.day, {})[row.status] = row.count
    rates = {r.day: r.rate for r in data.delivery}
    rows = [
        [
            day.isoformat(),
            *(_count(counts.get(s, 0)) for s in statuses),
            _count(sum(counts.values())),
            _percent(rates.get(day)),
        ]
        for day, counts in sorted(by_day.items())
    ]
    totals = [sum(r.count for r in data.messages if r.status == s) for s in statuses]
    footer = ["total", *map(_count, totals), _count(data.message_count)]
    return _table(
        ["day", *statuses, "all", "delivery rate"],
        rows,
        numeric=[False, *([True] * (len(statuses) + 2))],
        footer=[*footer, _percent(data.delivery_rate)],
    )


def _messages(data: ReportData) -> str:
    if not data.messages:
        return _section("messages", "Messages by status", "No message logs in this range.")
    delivery = (
        _figure("delivery", _charts.delivery_chart, data)
        if data.delivery
        else _empty("No message in this range has an outcome yet.")
    )
    return _section(
        "messages",
        "Messages by status",
        None,
        _figure("messages", _charts.messages_chart, data),
        _numbers(_status_table(data)),
        "<h3>Delivery rate</h3>",
        delivery,
    )


def _errors(data: ReportData) -> str:
    if not data.errors:
        empty = "No message or fax log in this range carries an error."
        return _section("errors", "Failures by error code", empty)
    rows = []
    for r in data.errors:
        link = f'<a href="{_e(r.url)}" rel="noreferrer">reference</a>' if r.url else ""
        rows.append(
            "<tr>"
            f"<td>{_e(r.code or '(no code)')}</td><td>{_e(r.family)}</td>"
            f'<td class="n">{_e(_count(r.count))}</td><td>{_e(r.meaning)}</td>'
            f"<td>{_e(r.message or '')}</td><td>{link}</td></tr>"
        )
    head = "".join(
        f'<th class="n">{h}</th>' if h == "logs" else f"<th>{h}</th>"
        for h in ("code", "family", "logs", "what it means", "commonest error message", "")
    )
    table = (
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    chart = _figure("errors", _charts.errors_chart, data)
    return _section("errors", "Failures by error code", None, chart, table, _EXPLAINED)


def _costs(data: ReportData) -> str:
    if not data.costs:
        return _section("costs", "Cost per day by family", "No charged log in this range.")
    families = [f for f in data.families if any(r.family == f for r in data.costs)]
    by_day: dict[datetime.date, dict[str, Decimal]] = {}
    for row in data.costs:
        by_day.setdefault(row.day, {})[row.family] = row.charge
    rows = [
        [
            day.isoformat(),
            *(_usd(costs.get(f, Decimal(0))) for f in families),
            _usd(sum(costs.values(), Decimal(0))),
        ]
        for day, costs in sorted(by_day.items())
    ]
    totals = [sum((r.charge for r in data.costs if r.family == f), Decimal(0)) for f in families]
    table = _table(
        ["day", *families, "all"],
        rows,
        numeric=[False, *([True] * (len(families) + 1))],
        footer=["total", *map(_usd, totals), _usd(data.total_cost)],
    )
    chart = _figure("costs", _charts.costs_chart, data)
    return _section("costs", "Cost per day by family", None, chart, _numbers(table))


def _durations(data: ReportData) -> str:
    if not data.call_durations:
        return ""
    types = [r.type for r in data.call_types if any(d.type == r.type for d in data.call_durations)]
    counts = {(d.bucket, d.type): d.calls for d in data.call_durations}
    rows = [
        [label, *(_count(counts.get((label, t), 0)) for t in types)]
        for _, label in DURATION_BUCKETS
    ]
    table = _table(["duration", *types], rows, numeric=[False, *([True] * len(types))])
    chart = _figure("durations", _charts.durations_chart, data)
    return f"<h3>How long calls lasted</h3>{chart}{_numbers(table)}"


def _calls(data: ReportData) -> str:
    heading = "Calls by type and duration"
    if not data.call_types:
        return _section("calls", heading, "No voice log in this range.")
    rows = [
        [r.type, _count(r.calls), _count(round(r.seconds / 60)), _minutes(r.average_seconds)]
        for r in data.call_types
    ]
    timed = sum(r.timed for r in data.call_types)
    average = _minutes(data.call_seconds / timed if timed else None)
    minutes = _count(round(data.call_seconds / 60))
    table = _table(
        ["type", "calls", "minutes", "average (m:ss)"],
        rows,
        numeric=[False, True, True, True],
        footer=["all", _count(data.call_count), minutes, average],
    )
    chart = _figure("call-types", _charts.call_types_chart, data)
    return _section("calls", heading, None, chart, table, _durations(data))


def page(data: ReportData, *, title: str, generated: datetime.datetime) -> str:
    """The whole report as one HTML document."""
    heading = f"{title}: {_range_text(data)}"
    families = ", ".join(data.families) or "none"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        '<link rel="icon" href="data:,">'
        f"<title>{_e(heading)}</title><style>{_STYLE}</style></head><body><main>"
        f"<header><h1>{_e(title)}</h1>"
        f"<p>{_e(_range_text(data))}, read from {_e(data.source or 'the API')} "
        f"({_e(families)}). Made {_e(generated.strftime('%Y-%m-%d %H:%M UTC'))}.</p>"
        f"{_tiles(data)}</header>"
        f"{_messages(data)}{_errors(data)}{_costs(data)}{_calls(data)}"
        f"<footer>signalwire-logs {_e(__version__)}; charts drawn with Vega-Lite "
        f"{_e(_charts.VEGA_LITE)} (vl-convert). This file fetches nothing and runs no script."
        "</footer></main></body></html>\n"
    )
