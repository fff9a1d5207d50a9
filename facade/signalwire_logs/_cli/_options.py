"""The options every command shares, and the client they build (once per run)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import click

from .._client import SignalWireLogs
from .._resources import _LogList
from ._families import RESOURCES


@dataclass
class Options:
    """The root command's options; ``ctx.obj`` of every command."""

    project_id: str | None
    api_token: str | None = field(repr=False)  # a secret: never in a repr
    space: str | None
    base_url: str | None
    max_retries: int
    timeout: float | None
    _client: SignalWireLogs | None = None

    def client(self) -> SignalWireLogs:
        if self._client is None:
            options: dict[str, Any] = {"max_retries": self.max_retries}
            if self.timeout is not None:
                options["timeout"] = self.timeout
            self._client = SignalWireLogs(
                project_id=self.project_id,
                api_token=self.api_token,
                space=self.space,
                base_url=self.base_url,
                **options,
            )
            click.get_current_context().call_on_close(self._client.close)
        return self._client

    def resource(self, name: str) -> _LogList[Any, Any, Any]:
        resource: _LogList[Any, Any, Any] = getattr(self.client(), RESOURCES[name].attribute)
        return resource


def stacked(*options: Callable[..., Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """One decorator applying click options in the order listed (as they appear in --help)."""

    def apply(function: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            function = option(function)
        return function

    return apply


#: --created-after, --created-before, --created-on, --include-deleted: the log list filters.
filter_options = stacked(
    click.option("--created-after", help="Only activity after this date (YYYY-MM-DD or ISO 8601)."),
    click.option("--created-before", help="Only activity before this date."),
    click.option("--created-on", help="Only activity on this date (YYYY-MM-DD)."),
    click.option("--include-deleted", is_flag=True, default=None, help="Include deleted activity."),
)
#: --limit, --page-size and --format, shared by every list command.
output_options = stacked(
    click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True),
    click.option("--page-size", type=click.IntRange(1, 1000)),
    click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "jsonl"]),
        help="Default: a table on a terminal, JSON lines in a pipe.",
    ),
)
