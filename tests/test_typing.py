"""The library as a user's type checker sees it: mypy --strict and pyright --strict.

`tests/typing/` holds snippets that must pass and lines that must be rejected (each carries a
`# type: ignore[code]`; both checkers fail on an ignore that is no longer needed). Every
Python block of the README is checked the same way, after `client = SignalWireLogs()`.
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
#: What a README block may assume, as its reader would: a sync client named `client`.
PRELUDE = "from signalwire_logs import SignalWireLogs\n\nclient = SignalWireLogs()\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    folder = tmp_path_factory.mktemp("readme")
    written = []
    for number, block in enumerate(blocks, 1):
        path = folder / f"readme_block_{number}.py"
        path.write_text(PRELUDE + block, encoding="utf-8")
        written.append(path)
    assert len(written) >= 5
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
