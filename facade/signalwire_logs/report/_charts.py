"""The report's charts: Vega-Lite specifications rendered to static SVG by vl-convert.

Static SVG needs no script in the page, so opening a report runs nothing and fetches
nothing. Each chart adapts to the page's colour scheme: its text, axes and grid are drawn in
``currentColor`` (the page's text colour, light or dark) and its series in colours that read
on both backgrounds. Vega labels every mark for screen readers (``aria-label``: "day: Jun 3,
2024; status: failed; messages: 12"); the same words become each mark's ``<title>``, the
tooltip a browser shows on hover.

The data is passed as values and rendered as text by Vega, which escapes it; the SVG is then
parsed and checked against an allow-list of elements and attributes before it goes into the
page (`_checked()`), so a value from the API can never become markup.
"""

from __future__ import annotations

import datetime
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from .._extras import needs_extra
from ._model import DURATION_BUCKETS, ReportData

try:
    import vl_convert
except ImportError as err:  # pragma: no cover - exercised only without the extra
    raise ImportError(needs_extra("signalwire_logs.report needs vl-convert", "report")) from err

#: The Vega-Lite version the specifications are written for (one vl-convert ships).
VEGA_LITE = "6.4"
WIDTH = 940
_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", _SVG)
ET.register_namespace("xlink", _XLINK)

#: Mid-tone colours that keep a 3:1 contrast or close to it on white and on near-black.
PALETTE = (
    "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2",
    "#b279a2", "#d6a000", "#9d755d", "#ff9da6", "#8c959f",
)  # fmt: skip
#: Message statuses in a stable order and colour: good news green, bad news red.
STATUS_COLOURS = {
    "delivered": "#2da44e",
    "received": "#4c78a8",
    "sent": "#8b6fd6",
    "queued": "#8c959f",
    "initiated": "#b0b8c1",
    "undelivered": "#e08a00",
    "failed": "#e5534b",
}
#: Arial's metrics everywhere: Arial on macOS and Windows, Liberation Sans (drawn to Arial's
#: widths) on Linux; vl-convert measures the labels with the same widths the browser draws.
_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
_CONFIG: dict[str, Any] = {
    "background": None,
    "font": _FONT,
    "view": {"stroke": None},
    "axis": {
        "labelColor": "currentColor",
        "titleColor": "currentColor",
        "domainColor": "currentColor",
        "tickColor": "currentColor",
        "gridColor": "currentColor",
        "gridOpacity": 0.15,
        "domainOpacity": 0.5,
        "tickOpacity": 0.5,
        "labelFontSize": 11,
        "titleFontSize": 12,
        "titleFontWeight": "normal",
    },
    "legend": {
        "labelColor": "currentColor",
        "titleColor": "currentColor",
        "labelFontSize": 11,
        "titleFontSize": 12,
        "orient": "top",
        "direction": "horizontal",
        "titleOrient": "left",
    },
    "autosize": {"type": "fit", "contains": "padding"},
}


class ChartError(RuntimeError):
    """vl-convert returned something the page must not hold (a bug, never a data problem)."""


def _chart(name: str, spec: dict[str, Any]) -> str:
    spec = {
        "$schema": f"https://vega.github.io/schema/vega-lite/v{VEGA_LITE.split('.')[0]}.json",
        "width": WIDTH,
        "config": _CONFIG,
        **spec,
    }
    # allowed_base_urls=[]: the data is all inline; nothing may be fetched while rendering.
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE, allowed_base_urls=[])
    return _checked(svg, name)


def _day(value: datetime.date) -> str:
    return value.isoformat()


def _long_day(value: datetime.date) -> str:
    return value.strftime("%a %b %d, %Y")


#: Each mark's words for screen readers and hover, written here from the numbers: Vega-Lite's
#: own would name the encodings ("day (year-month-date)"), not say what the mark shows.
_DESCRIPTION = {"field": "text", "type": "nominal"}
#: Counts have whole ticks (no "2.5 messages").
_COUNT_AXIS = {"tickMinStep": 1, "format": ",d"}


def _categories(values: Sequence[str], fixed: dict[str, str] | None = None) -> dict[str, Any]:
    """A colour scale: the fixed colours first (in their order), then the palette."""
    fixed = fixed or {}
    domain = [v for v in fixed if v in values] + sorted(v for v in set(values) if v not in fixed)
    spare = itertools.cycle(PALETTE)
    return {"domain": domain, "range": [fixed.get(v) or next(spare) for v in domain]}


def _ordered(values: list[dict[str, Any]], field: str, domain: list[str]) -> list[dict[str, Any]]:
    """The values, each numbered by its category's place in ``domain`` (the stack's order)."""
    place = {value: n for n, value in enumerate(domain)}
    return [{**value, "order": place.get(value[field], len(domain))} for value in values]


def _days_axis() -> dict[str, Any]:
    return {
        "field": "day",
        "type": "temporal",
        "timeUnit": "utcyearmonthdate",
        "title": None,
        "axis": {"format": "%b %d", "labelOverlap": True},
    }


def _stacked_by_day(
    name: str, values: list[dict[str, Any]], field: str, scale: dict[str, Any], y: dict[str, Any]
) -> str:
    return _chart(
        name,
        {
            "height": 250,
            "data": {"values": _ordered(values, field, scale["domain"])},
            "mark": "bar",
            "encoding": {
                "x": _days_axis(),
                "y": y,
                "color": {"field": field, "type": "nominal", "title": None, "scale": scale},
                "order": {"field": "order", "type": "quantitative"},
                "description": _DESCRIPTION,
            },
        },
    )


def messages_chart(data: ReportData) -> str:
    """Messages per day, stacked by status."""
    values = [
        {
            "day": _day(r.day),
            "status": r.status,
            "messages": r.count,
            "text": f"{_long_day(r.day)}: {r.count:,} {r.status}",
        }
        for r in data.messages
    ]
    scale = _categories([r.status for r in data.messages], STATUS_COLOURS)
    y = {"field": "messages", "type": "quantitative", "title": "Messages", "axis": _COUNT_AXIS}
    return _stacked_by_day("messages", values, "status", scale, y)


def delivery_chart(data: ReportData) -> str:
    """The share of each day's messages with an outcome that were delivered."""
    values = [
        {
            "day": _day(r.day),
            "rate": r.rate,
            "text": f"{_long_day(r.day)}: {r.rate:.1%} delivered "
            f"({r.delivered:,} of {r.outcomes:,} with an outcome)",
        }
        for r in data.delivery
    ]
    return _chart(
        "delivery",
        {
            "height": 160,
            "data": {"values": values},
            "mark": {
                "type": "line",
                "color": STATUS_COLOURS["delivered"],
                "point": {"size": 36, "filled": True, "color": STATUS_COLOURS["delivered"]},
            },
            "encoding": {
                "x": _days_axis(),
                "y": {
                    "field": "rate",
                    "type": "quantitative",
                    "title": "Delivered",
                    "axis": {"format": "%", "tickCount": 5},
                    "scale": {"domain": [0, 1]},
                },
                "description": _DESCRIPTION,
            },
        },
    )


def errors_chart(data: ReportData, limit: int = 15) -> str:
    """The commonest error codes, one bar each, coloured by family."""
    rows = data.errors[:limit]
    values = [
        {
            "code": f"{r.code or 'no code'} · {r.family}",
            "family": r.family,
            "logs": r.count,
            "text": f"{r.code or 'no code'} ({r.family}): {r.count:,} logs; {r.meaning}",
        }
        for r in rows
    ]
    scale = _categories([r.family for r in rows])
    return _chart(
        "errors",
        {
            "height": {"step": 20},
            "data": {"values": values},
            "mark": "bar",
            "encoding": {
                "y": {"field": "code", "type": "nominal", "title": None, "sort": "-x"},
                "x": {
                    "field": "logs",
                    "type": "quantitative",
                    "title": "Logs",
                    "axis": _COUNT_AXIS,
                },
                "color": {"field": "family", "type": "nominal", "title": None, "scale": scale},
                "description": _DESCRIPTION,
            },
        },
    )


def costs_chart(data: ReportData) -> str:
    """What each day cost, stacked by family."""
    values = [
        {
            "day": _day(r.day),
            "family": r.family,
            "usd": float(r.charge),
            "text": f"{_long_day(r.day)}: {r.family} ${r.charge:,.4f}",
        }
        for r in data.costs
    ]
    present = {r.family for r in data.costs}
    domain = [f for f in data.families if f in present] + sorted(present - set(data.families))
    scale = {"domain": domain, "range": [PALETTE[n % len(PALETTE)] for n in range(len(domain))]}
    y = {"field": "usd", "type": "quantitative", "title": "USD", "axis": {"format": "$,.2f"}}
    return _stacked_by_day("costs", values, "family", scale, y)


def call_types_chart(data: ReportData) -> str:
    """Calls per type."""
    values = [
        {
            "type": r.type,
            "calls": r.calls,
            "text": f"{r.type}: {r.calls:,} calls, {r.seconds / 60:,.0f} minutes",
        }
        for r in data.call_types
    ]
    return _chart(
        "call-types",
        {
            "height": {"step": 20},
            "data": {"values": values},
            "mark": {"type": "bar", "color": PALETTE[0]},
            "encoding": {
                "y": {"field": "type", "type": "nominal", "title": None, "sort": "-x"},
                "x": {
                    "field": "calls",
                    "type": "quantitative",
                    "title": "Calls",
                    "axis": _COUNT_AXIS,
                },
                "description": _DESCRIPTION,
            },
        },
    )


def durations_chart(data: ReportData) -> str:
    """How long calls lasted: calls per duration bucket (every type together)."""
    totals: dict[str, int] = {}
    for row in data.call_durations:
        totals[row.bucket] = totals.get(row.bucket, 0) + row.calls
    order = [label for _, label in DURATION_BUCKETS]
    values = [
        {
            "bucket": label,
            "calls": totals.get(label, 0),
            "text": f"{label}: {totals.get(label, 0):,} calls",
        }
        for label in order
    ]
    return _chart(
        "durations",
        {
            "height": 180,
            "data": {"values": values},
            "mark": {"type": "bar", "color": PALETTE[4]},
            "encoding": {
                "x": {
                    "field": "bucket",
                    "type": "ordinal",
                    "title": "Duration",
                    "sort": order,
                    "axis": {"labelAngle": 0},
                },
                "y": {
                    "field": "calls",
                    "type": "quantitative",
                    "title": "Calls",
                    "axis": _COUNT_AXIS,
                },
                "description": _DESCRIPTION,
            },
        },
    )


# -- the SVG ---------------------------------------------------------------------------------

_TAGS = {
    f"{{{_SVG}}}{t}"
    for t in ("svg", "g", "path", "rect", "line", "text", "title", "defs", "clipPath", "circle")
}
_SAFE_URL = re.compile(r"url\(#[A-Za-z0-9_-]+\)")
#: Attributes holding coordinates; Vega writes them to 15 places, two are plenty.
_GEOMETRY = {"d", "transform", "x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy"}
_NUMBER = re.compile(r"-?\d+\.\d{3,}")


def _rounded(match: re.Match[str]) -> str:
    return f"{float(match.group()):.2f}".rstrip("0").rstrip(".")


def _checked(svg: str, name: str) -> str:
    """The SVG with a hover title per mark and ids unique to this chart, once checked safe.

    Raises:
        ChartError: an element or attribute outside the allow-list (script, foreignObject,
            event handlers, links, external references).
    """
    root = ET.fromstring(svg)
    for element in root.iter():
        if element.tag not in _TAGS:
            raise ChartError(f"unexpected element {element.tag!r} in the {name} chart")
        for attribute, value in list(element.attrib.items()):
            lowered = attribute.lower()
            if lowered.startswith("on") or "href" in lowered or lowered == "style":
                raise ChartError(f"unexpected attribute {attribute!r} in the {name} chart")
            if "url(" in value:
                if not _SAFE_URL.fullmatch(value):
                    raise ChartError(f"unexpected reference {value!r} in the {name} chart")
                element.set(attribute, value.replace("url(#", f"url(#{name}-"))
            if attribute == "id":
                element.set(attribute, f"{name}-{value}")
            if attribute in _GEOMETRY:
                element.set(attribute, _NUMBER.sub(_rounded, value))
        label = element.get("aria-label")
        if label and element.get("role") == "graphics-symbol" and element.tag != f"{{{_SVG}}}g":
            # A <title> is both the hover tooltip and the accessible name (SVG-AAM).
            ET.SubElement(element, f"{{{_SVG}}}title").text = label
            del element.attrib["aria-label"]
    root.set("role", "group")
    root.set("aria-labelledby", f"{name}-caption")
    return ET.tostring(root, encoding="unicode")
