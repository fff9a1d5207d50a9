"""Money in tables: right-aligned, one number of decimals per column (enough for its most
precise amount), read as Decimal from the digits sent; on a terminal and in a pipe."""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from typing import Any

import pytest

from cli_helpers import Served, in_terminal, run, screen

_AMOUNT = re.compile(r"-?[\d,]+\.\d+$")


def _column(lines: list[str], name: str) -> list[tuple[str, int]]:
    """Each cell of the last column ``name`` of a drawn table (header, rule, rows): its
    text and where it ends."""
    header = next(i for i, line in enumerate(lines) if line.rstrip().endswith(name))
    cells = []
    for line in lines[header + 2 :]:
        if not line.strip():
            break
        cells.append((line.split()[-1], len(line.rstrip())))
    return cells


def _check_amounts(cells: list[tuple[str, int]], sent: list[Any]) -> None:
    texts = [text for text, _ in cells]
    assert all(_AMOUNT.match(text) for text in texts), texts
    places = {len(text.split(".")[1]) for text in texts}
    assert len(places) == 1, texts  # one number of decimals in the column
    assert len({end for _, end in cells}) == 1, cells  # right-aligned: every cell ends there
    wanted = max(-min(Decimal(repr(v)).as_tuple().exponent, 0) for v in sent)  # type: ignore[operator]
    assert places == {wanted}  # enough for the most precise amount, no more
    assert [Decimal(t.replace(",", "")) for t in texts] == [Decimal(repr(v)) for v in sent]


def _sent(served: Served, limit: str) -> list[Any]:
    result = run(served, "messages", "list", "--limit", limit, "--format", "jsonl")
    return [json.loads(line)["charge"] for line in result.stdout.splitlines()]


def test_money_in_a_table_written_to_a_pipe(served: Served) -> None:
    result = run(served, "messages", "list", "--limit", "40", "--format", "table",
                 "--columns", "id,status,charge")  # fmt: skip
    assert result.exit_code == 0, result.output
    sent = _sent(served, "40")
    assert len({len(repr(v)) for v in sent}) > 1  # amounts of several precisions
    _check_amounts(_column(result.stdout.splitlines(), "charge"), sent)


def test_summary_amounts_and_counts_are_right_aligned(served: Served) -> None:
    result = run(served, "summary", "messages", "--format", "table")
    lines = result.stdout.splitlines()
    cells = _column(lines, "charge_usd")
    assert cells[-1][0] == max(
        (text for text, _ in cells), key=lambda t: Decimal(t.replace(",", ""))
    )
    assert len({len(text.split(".")[1]) for text, _ in cells}) == 1
    assert len({end for _, end in cells}) == 1
    counts = [re.search(r"([\d,]+)\s+\S+$", line) for line in lines[2:] if line.strip()]
    ends = {match.end(1) for match in counts if match}
    assert len(ends) == 1  # counts end in one column too


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_money_in_a_table_on_a_terminal(served: Served) -> None:
    status, drawn = in_terminal(served, "messages", "list", "--limit", "30", "--columns",
                                "id,charge", columns=120)  # fmt: skip
    assert status == 0, drawn
    _check_amounts(_column(screen(drawn), "charge"), _sent(served, "30"))
