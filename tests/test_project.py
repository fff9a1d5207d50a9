"""Project hygiene: one version, the license in the metadata, a Keep a Changelog file, and no
text left that speaks of message and fax logs only."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import metadata

import pytest
from click.testing import CliRunner

import signalwire_logs
from signalwire_logs import ConfigurationError
from signalwire_logs._cli._commands import cli
from signalwire_logs._export import _parquet

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_one_source_for_the_version() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "facade/signalwire_logs/_version.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+", signalwire_logs.__version__)
    assert metadata("signalwire-logs")["Version"] == signalwire_logs.__version__
    result = CliRunner().invoke(cli, ["--version"])
    assert result.stdout.strip() == f"signalwire-logs, version {signalwire_logs.__version__}"


def test_license_file_and_metadata() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert PYPROJECT["project"]["license"] == "MIT"
    assert metadata("signalwire-logs")["License-Expression"] == "MIT"
    assert "CC BY-NC-SA" in (ROOT / "NOTICE").read_text(encoding="utf-8").replace("\n", " ") or (
        "Attribution-NonCommercial-ShareAlike" in (ROOT / "NOTICE").read_text(encoding="utf-8")
    )


def test_changelog_keeps_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n") and "https://keepachangelog.com/" in text
    releases = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d\d-\d\d))?$", text, re.M)
    assert releases[0] == ("Unreleased", "")
    assert all(date for version, date in releases[1:])
    assert (signalwire_logs.__version__, "2026-11-29") in releases
    sections = set(re.findall(r"^### (\w+)$", text, re.M))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def test_no_message_and_fax_leftovers() -> None:
    stale = re.compile(r"message,? (and|or) fax (and cXML )?logs|message or fax logs", re.I)
    texts = [ROOT / "pyproject.toml", ROOT / "README.md"]
    texts += [p for p in (ROOT / "facade").rglob("*.py")]
    for path in texts:
        found = stale.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path}: {found and found[0]}"
    assert "message and fax" not in CliRunner().invoke(cli, ["--help"]).stdout
    assert "messages" in PYPROJECT["project"]["description"]


def test_a_missing_extra_says_how_to_install_it_from_a_checkout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The package is not on PyPI: `pip install 'signalwire-logs[cli]'` would fail or, worse,
    # install someone else's package. Every message says what the README says.
    from signalwire_logs._cli import main

    monkeypatch.setitem(sys.modules, "signalwire_logs._cli._commands", None)  # click missing
    with pytest.raises(SystemExit):
        main()
    assert "pip install '.[cli]' in your signalwire-logs checkout" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ConfigurationError, match=re.escape("pip install '.[parquet]' in your")):
        _parquet._arrow()
    package = ROOT / "facade" / "signalwire_logs"
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"pip install '?signalwire-logs", text), path
        if path.name != "_extras.py":  # the one place that spells the command
            assert not re.search(r"\"[^\"\n]*pip install '\.\[", text), path
