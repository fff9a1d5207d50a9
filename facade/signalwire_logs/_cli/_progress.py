"""Progress on stderr, shown only when stderr is a terminal (never in pipes or logs)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@contextmanager
def progress(description: str) -> Iterator[Callable[[int], None]]:
    """Show a live line while the block runs; yields ``update(records_so_far)``."""
    errors = Console(stderr=True)
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed:,} records"),
        TimeElapsedColumn(),
        console=errors,
        disable=not errors.is_terminal,
    )
    with bar:
        task = bar.add_task(description, total=None)

        def update(records: int) -> None:
            bar.update(task, completed=records)

        yield update
