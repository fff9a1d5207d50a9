"""``signalwire-logs completion bash|zsh|fish``: the shell's completion script."""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

_SHELLS = ("bash", "fish", "zsh")


@click.command("completion")
@click.argument("shell", type=click.Choice(_SHELLS))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the completion script of a shell; install it once, e.g.

    \b
        signalwire-logs completion bash > ~/.local/share/bash-completion/completions/signalwire-logs
        signalwire-logs completion zsh > "${fpath[1]}/_signalwire-logs"
        signalwire-logs completion fish > ~/.config/fish/completions/signalwire-logs.fish

    or evaluate it in the shell's startup file: eval "$(signalwire-logs completion bash)".
    """
    completer = get_completion_class(shell)
    assert completer is not None  # click ships bash, zsh and fish
    root = ctx.find_root().command
    script = completer(root, {}, "signalwire-logs", "_SIGNALWIRE_LOGS_COMPLETE").source()
    click.echo(script)
