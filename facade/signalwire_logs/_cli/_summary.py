"""``signalwire-logs summary``: counts and charges of a family, grouped by one key."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import click

from ._families import RESOURCES, cell, value
from ._options import Options, filter_options
from ._output import print_table

SUMMARY_KEYS = ("status", "error_code", "direction", "type", "day")


@click.command("summary")
@click.argument("resource", type=click.Choice(list(RESOURCES)))
@click.option("--by", "key", type=click.Choice(SUMMARY_KEYS), default="status", show_default=True)
@filter_options
@click.pass_obj
def summary(options: Options, /, resource: str, key: str, **filters: Any) -> None:
    """Count logs and add up their charges, by status, error code, direction, type or day."""
    records = options.resource(resource).list(**filters, page_size=1000)
    counts, charges, messages = _group(records, key)
    columns = [key, "count", "charge (USD)", *(["error message"] if key == "error_code" else [])]
    rows = []
    for group_key in sorted(counts, key=lambda k: (k if key == "day" else -counts[k], k)):
        row = [group_key, f"{counts[group_key]:,}", f"{charges[group_key]:.5f}"]
        if key == "error_code":
            common = messages[group_key].most_common(1)
            row.append(common[0][0] if common else "")
        rows.append(row)
    rows.append(["total", f"{sum(counts.values()):,}", f"{sum(charges.values()):.5f}"])
    print_table(columns, rows)


def _group(
    records: Iterable[Any], key: str
) -> tuple[Counter[str], defaultdict[str, float], defaultdict[str, Counter[str]]]:
    counts: Counter[str] = Counter()
    charges: defaultdict[str, float] = defaultdict(float)
    messages: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        error_message = value(record, "error_message")
        if key == "day":
            group_key = record.created_at.date().isoformat()
        elif key == "error_code":
            code = value(record, "error_code")
            group_key = code or ("(no code)" if error_message else "(none)")
            if error_message:
                messages[group_key][error_message] += 1
        else:
            group_key = cell(record, key) or "(none)"
        counts[group_key] += 1
        charges[group_key] += float(value(record, "charge") or 0)  # a string in conferences
    return counts, charges, messages
