"""Regenerate facade/signalwire_logs/_error_codes.py from spec/error-codes/.

    python scripts/generate_error_codes.py          # write the module
    python scripts/generate_error_codes.py --check  # exit 1 with a diff if it would change

The sources are SignalWire's error-code pages vendored verbatim (see spec/error-codes/README.md)
and our guidance.toml; the output is a Python literal formatted by the pinned ruff, so the
drift gate can compare it byte for byte.

What goes into the module, which ships in the MIT wheel: from SignalWire's pages (CC BY-NC-SA
4.0) only facts, each code with its kind (error or warning), its API and the link to its
entry; every text is ours: guidance.toml's meanings and actions, its short names of the other
numeric codes, and a named code's own words ("account_limit_exceeded": "Account limit
exceeded"). The pages' cause sentences stay in the repository.
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "spec" / "error-codes"
MODULE = ROOT / "facade" / "signalwire_logs" / "_error_codes.py"
#: Vendored page -> (the API it documents, the page's public URL).
PAGES = {
    "compatibility-api.mdx": (
        "compatibility",
        "https://signalwire.com/docs/compatibility-api/rest/error-codes",
    ),
    "apis.mdx": ("rest", "https://signalwire.com/docs/apis/error-codes"),
}
_FIELD = re.compile(
    r'<ParamField path="(?P<code>[^"]+)" type="(?P<kind>[^"]+)"[^>]*>(?P<body>.*?)</ParamField>',
    re.DOTALL,
)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_COMMIT = re.compile(r"at commit\s+`([0-9a-f]{40})`")

_LABEL = "facade/signalwire_logs/_error_codes.py"
_RUFF_SETTINGS = ("--line-length", "100", "--target-version", "py311")

#: (kind, api, meaning, action, url)
Entry = tuple[str, str, str, str | None, str]


def _plain(line: str) -> str:
    """Markdown to terminal text: links keep their words, code loses its backticks."""
    return " ".join(_LINK.sub(r"\1", line).replace("`", "").split())


def parse(text: str, api: str, url: str) -> dict[str, tuple[str, str, tuple[str, ...], str]]:
    """The ParamFields of one page: code -> (kind, api, causes, link)."""
    codes: dict[str, tuple[str, str, tuple[str, ...], str]] = {}
    for match in _FIELD.finditer(text):
        lines = [line.strip() for line in match["body"].splitlines() if line.strip()]
        causes = tuple(_plain(line.removeprefix("- ")) for line in lines)
        if not causes:
            raise SystemExit(f"{url}: code {match['code']} documents no cause")
        code = match["code"]
        if code in codes:
            raise SystemExit(f"{url}: code {code} appears twice")
        codes[code] = (match["kind"].lower(), api, causes, f"{url}#{code}")
    return codes


def _named(code: str) -> str:
    """A named code in words: ``account_limit_exceeded`` -> ``Account limit exceeded``."""
    words = code.replace("_", " ")
    return words[:1].upper() + words[1:]


def build(sources: Path = SOURCES) -> str:
    """The module's source, before formatting."""
    documented: dict[str, tuple[str, str, str]] = {}
    for name, (api, url) in PAGES.items():
        for code, (kind, api_name, _causes, link) in parse(
            (sources / name).read_text(encoding="utf-8"), api, url
        ).items():
            if code in documented:
                raise SystemExit(f"code {code} is documented by two pages")
            documented[code] = (kind, api_name, link)
    ours = tomllib.loads((sources / "guidance.toml").read_text(encoding="utf-8"))
    guidance, names = ours["codes"], ours["names"]
    for code in [*guidance, *names]:
        if code not in documented:
            raise SystemExit(f"guidance.toml explains {code}, which SignalWire does not document")
        if code in guidance and code in names:
            raise SystemExit(f"guidance.toml names {code} twice (codes and names)")
    table: dict[str, Entry] = {}
    for code, (kind, api, link) in documented.items():
        if code in guidance:
            meaning, action = guidance[code]["meaning"], guidance[code]["action"]
        elif code in names:
            meaning, action = names[code], None
        elif not code.isdigit():
            meaning, action = _named(code), None
        else:
            raise SystemExit(f"guidance.toml must name code {code} (in [names], our words)")
        table[code] = (kind, api, meaning, action, link)
    readme = (sources / "README.md").read_text(encoding="utf-8")
    commit = _COMMIT.search(readme)
    if commit is None:
        raise SystemExit("spec/error-codes/README.md must cite the upstream commit")
    lines = [
        '"""SignalWire\'s documented error codes: GENERATED, do not edit.',
        "",
        "Made by scripts/generate_error_codes.py from spec/error-codes/: the codes, their kinds",
        f"and links as SignalWire's pages list them (signalwire/docs@{commit[1][:10]}), and the",
        "meanings and actions of guidance.toml, which are this project's own words.",
        '"""',
        "",
        "from typing import Final",
        "",
        f'SOURCE: Final = "signalwire/docs@{commit[1]}"',
        "#: code -> (kind, api, meaning, action, url)",
        "CODES: Final[dict[str, tuple[str, str, str, str | None, str]]] = {",
    ]
    for code in sorted(table, key=lambda c: (not c.isdigit(), c.zfill(8))):
        lines.append(f"    {code!r}: {table[code]!r},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def formatted(source: str) -> str:
    """The source as the pinned ruff formats it (this environment's ruff)."""
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run(
        # Isolated, with the project's settings spelled out: the same bytes from any checkout.
        [str(ruff), "format", "--isolated", *_RUFF_SETTINGS, "--stdin-filename", str(MODULE), "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return result.stdout


def drift(sources: Path = SOURCES, module: Path = MODULE) -> list[str]:
    """The unified diff between the committed module and a fresh regeneration."""
    if not module.exists():
        return [f"only in regenerated: {_LABEL}\n"]
    fresh = formatted(build(sources))
    committed = module.read_text(encoding="utf-8")
    return list(
        difflib.unified_diff(
            committed.splitlines(keepends=True),
            fresh.splitlines(keepends=True),
            f"committed/{_LABEL}",
            f"regenerated/{_LABEL}",
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report drift")
    args = parser.parse_args(argv)
    if args.check:
        lines = drift()
        sys.stdout.writelines(lines)
        return 1 if lines else 0
    MODULE.write_text(formatted(build()), encoding="utf-8")
    print(f"wrote {MODULE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
