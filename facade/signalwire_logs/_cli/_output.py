"""What commands print on stdout: tables on a terminal, plain lines in a pipe."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from ._families import cell


def stdout() -> Console:
    return Console(highlight=False)


def print_table(columns: list[str], rows: Iterable[list[str]]) -> None:
    """A table on a terminal; tab-separated lines, no colours, in a pipe."""
    console = stdout()
    if not console.is_terminal:
        for row in [columns, *rows]:
            click.echo("\t".join(row))
        return
    table = Table(*columns, header_style="bold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def print_records(records: Iterable[Any], columns: tuple[str, ...], fmt: str | None) -> None:
    if (fmt or ("table" if stdout().is_terminal else "jsonl")) == "jsonl":
        for record in records:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    print_table(list(columns), ([cell(record, c) for c in columns] for record in records))
