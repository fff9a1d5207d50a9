"""The library as a user's type checker sees it: mypy --strict and pyright --strict.

`tests/typing/` holds snippets that must pass and lines that must be rejected (each carries a
`# type: ignore[code]`; both checkers fail on an ignore that is no longer needed). Every
Python block of the README and of the documentation site is checked the same way, after
`client = SignalWireLogs()`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SNIPPETS = ROOT / "tests" / "typing"
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"
#: What a README or docs block may assume, as its reader would: a sync client named `client`.
PRELUDE = "from signalwire_logs import SignalWireLogs\n\nclient = SignalWireLogs()\n"
#: Settings a block needs from the checkers, kept out of the text people read: polars' own
#: annotations mention numpy types, unknown to pyright where numpy is not installed.
PRAGMAS = {"import polars": "# pyright: reportUnknownMemberType=false\n"}
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def _blocks() -> list[tuple[str, str]]:
    """(name, code) of every Python block of the README and of docs/ (includes expanded)."""
    from test_docs import PAGES, expanded

    found = [("readme", block) for block in _BLOCK.findall((ROOT / "README.md").read_text())]
    for page in PAGES:
        name = page.relative_to(ROOT / "docs").with_suffix("").as_posix().replace("/", "_")
        found += [(name, block) for block in _BLOCK.findall(expanded(page))]
    return found


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("blocks")
    written = []
    for number, (name, block) in enumerate(_blocks(), 1):
        path = folder / f"{name}_block_{number}.py"
        pragmas = "".join(text for marker, text in PRAGMAS.items() if marker in block)
        path.write_text(pragmas + PRELUDE + block, encoding="utf-8")
        written.append(path)
    assert len(written) >= 20
    return sorted(SNIPPETS.glob("*.py")) + written


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_mypy_strict(files: list[Path]) -> None:
    config = SNIPPETS / "mypy.ini"
    result = _run([sys.executable, "-m", "mypy", "--config-file", str(config), *map(str, files)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_pyright_strict(files: list[Path]) -> None:
    if not PYRIGHT.exists():
        reason = f"pyright is not installed at {PYRIGHT}: run `make test` (it runs `npm ci`)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}. CI must run the typing checks.")
        pytest.skip(f"PYRIGHT CHECK SKIPPED: {reason}")
    command = [str(PYRIGHT), "-p", str(SNIPPETS), "--pythonpath", sys.executable]
    result = _run([*command, *map(str, files)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(files)} source file" in result.stdout or "0 errors" in result.stdout
