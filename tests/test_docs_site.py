"""The documentation site as a reader meets it: built strictly, every public name and every
command documented, links that work opened from disk, signatures a reader can follow."""

from __future__ import annotations

import html
import importlib
import importlib.util
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

import signalwire_logs

from conftest import ROOT

#: The public submodules whose `__all__` the reference covers, beside `signalwire_logs`
#: (`errors` is the former name of `error_codes`, where there is one).
SUBMODULES = tuple(
    name
    for name in ("pagination", "arrow", "sync", "testing", "errors", "error_codes", "report")
    if importlib.util.find_spec(f"signalwire_logs.{name}") is not None
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built as `make docs` builds it (strict), into a fresh directory; `make test`,
    which has just built it with `make docs`, passes it in DOCS_SITE instead."""
    if built := os.environ.get("DOCS_SITE"):
        return Path(built).resolve()
    out = tmp_path_factory.mktemp("site")
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def _ids(page: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page))


def _text(page: str) -> str:
    """The visible text of a page's article (no navigation, scripts or tags)."""
    article = page[page.find("<article") : page.find("</article>")]
    article = re.sub(r"<(script|style)\b.*?</\1>", "", article, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", article))


def public_names() -> dict[str, set[str]]:
    """Each public name, with the anchors that may document it: a name exported from several
    public modules (`signalwire_logs.Page` and `signalwire_logs.pagination.Page`) is
    documented once, under any of its public paths."""
    modules = {"signalwire_logs": signalwire_logs}
    modules |= {f"signalwire_logs.{n}": importlib.import_module(f"signalwire_logs.{n}")
                for n in SUBMODULES}  # fmt: skip
    paths: dict[int, set[str]] = {}
    for module_name, module in modules.items():
        for n in module.__all__:
            paths.setdefault(id(getattr(module, n)), set()).add(f"{module_name}.{n}")
    return {
        f"{module_name}.{n}": paths[id(getattr(module, n))]
        for module_name, module in modules.items()
        for n in module.__all__
    }


def test_every_public_name_has_an_anchor(site: Path) -> None:
    ids = set().union(*map(_ids, _pages(site).values()))
    names = public_names()
    missing = sorted(name for name, anchors in names.items() if not anchors & ids)
    assert not missing, f"{len(missing)} of {len(names)} public names have no anchor: {missing}"


#: The resources and the methods people call on them, each with an anchor of its own.
RESOURCES = {
    "MessageLogs": ("list", "get", "follow"),
    "FaxLogs": ("list", "get", "follow"),
    "VoiceLogs": ("list", "get", "events", "follow"),
    "VideoLogs": ("list", "get", "follow"),
    "ConferenceLogs": ("list", "follow"),
    "CxmlMessages": ("list", "get", "get_for_log"),
}


def _section(page: str, anchor: str) -> str:
    """The HTML of one documented object: from its heading to the next object's heading."""
    start = page.index(f'id="{anchor}"')
    following = re.compile(r'<h\d id="signalwire_logs\.').search(page, start + 1)
    return page[start : following.start() if following else len(page)]


def test_every_resource_method_and_parameter_is_documented(site: Path) -> None:
    page = (site / "reference" / "resources.html").read_text(encoding="utf-8")
    clients = {
        "": signalwire_logs.SignalWireLogs(project_id="p", api_token="t", space="example"),
        "Async": signalwire_logs.AsyncSignalWireLogs(project_id="p", api_token="t", space="x"),
    }
    for prefix, client in clients.items():
        for name, methods in RESOURCES.items():
            resource = next(
                r for r in map(client.__getattribute__, dir(client))
                if type(r).__name__ == prefix + name
            )  # fmt: skip
            for method in methods:
                module = "_cxml_messages" if name == "CxmlMessages" else "_resources"
                anchor = f"signalwire_logs.{module}.{prefix}{name}.{method}"
                assert f'id="{anchor}"' in page, anchor
                section = _section(page, anchor)
                for parameter in inspect.signature(getattr(resource, method)).parameters:
                    # A row of the method's parameter table, its name in <code>.
                    assert f"<code>{parameter}</code>" in section, (anchor, parameter)


def test_signatures_show_values_not_private_names(site: Path) -> None:
    for name in ("clients.html", "resources.html", "exports.html", "pagination.html"):
        text = _text((site / "reference" / name).read_text(encoding="utf-8"))
        assert not re.search(r"\b_[A-Z]\w*T\b", text), name  # a private TypeVar (_ItemT...)
        assert "DEFAULT_MAX_RETRIES" not in text and "TimeoutTypes" not in text, name
    clients = _text((site / "reference" / "clients.html").read_text(encoding="utf-8"))
    start = clients.index("SignalWireLogs(")
    constructor = clients[start : clients.index(")", clients.index("http_client", start))]
    assert "NOT_GIVEN" not in constructor and "max_retries: int = 2" in constructor


def test_links_work_opened_from_disk(site: Path) -> None:
    """Every link between pages names a file (no directory listings) and an anchor it has."""
    pages = _pages(site)
    for name, page in pages.items():
        if name == "404.html":  # a server's error page: its links are absolute on purpose
            continue
        for href in re.findall(r'\bhref="([^"]+)"', page):
            if re.match(r"[a-z]+:|//", href) or href.startswith("#"):
                continue
            path, _, fragment = href.partition("#")
            target = (site / name).parent / html.unescape(path)
            assert target.is_file(), f"{name}: {href}"
            if fragment and target.suffix == ".html":
                relative = target.resolve().relative_to(site.resolve()).as_posix()
                assert fragment in _ids(pages[relative]), f"{name}: {href}"


Commands = list[tuple[tuple[str, ...], click.Command]]


def _commands(command: click.Command, path: tuple[str, ...]) -> Commands:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found += _commands(sub, (*path, name))
    return found


def test_every_command_and_option_is_in_the_cli_reference(site: Path) -> None:
    from signalwire_logs._cli._commands import cli

    page = (site / "reference" / "cli.html").read_text(encoding="utf-8")
    ids, text = _ids(page), _text(page)
    assert "Sentinel" not in text  # a default click did not set, rendered as an object
    for path, command in _commands(cli, ("signalwire-logs",)):
        assert "-".join(path) in ids, path
        for parameter in command.params:
            if isinstance(parameter, click.Option) and not parameter.hidden:
                for flag in parameter.opts:
                    assert flag in text, (path, flag)


def test_guides_have_sections_and_no_repeated_title() -> None:
    for page in [ROOT / "docs" / "quickstart.md", *(ROOT / "docs" / "guides").glob("*.md")]:
        text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
        titles = re.findall(r"^# (.+)$", text, re.M)
        sections = re.findall(r"^## (.+)$", text, re.M)
        assert len(titles) == 1 and titles[0] not in sections, page
        assert len(sections) >= 2, f"{page}: a table of contents of one entry"
    cli = (ROOT / "docs" / "guides" / "cli.md").read_text(encoding="utf-8")
    for heading in ("## Output", "## Progress", "## Errors and exit codes"):
        assert re.search(rf"^{heading}$", cli, re.M), heading


#: A Sphinx role or directive that a docstring used and the Markdown renderer left as text.
_ROLE_AS_TEXT = re.compile(
    r":(?:py:)?(?:class|meth|func|attr|mod|exc|data|obj|const|ref):`?"
    r"|\b\w+::(?:\s|$)"  # "Example::" and its kin
    r"|^\s*\.\. (?:note|warning|code-block|versionadded|versionchanged|seealso)::",
    re.M,
)


def test_no_docstring_role_shows_as_text(site: Path) -> None:
    shown = {
        name: sorted(set(_ROLE_AS_TEXT.findall(_text(page))))
        for name, page in _pages(site).items()
        if name.startswith("reference/")
    }
    shown = {name: found for name, found in shown.items() if found}
    assert not shown, shown


def test_no_docstring_in_the_package_uses_a_sphinx_role() -> None:
    # The site shows only the public names; the private modules' docstrings are read in
    # editors and on GitHub, where a role is noise just the same. One style everywhere.
    sources = [*(ROOT / "facade" / "signalwire_logs").rglob("*.py")]
    sources += [*(ROOT / "spec" / "templates").rglob("*.jinja")]
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in sources
        for match in _ROLE_AS_TEXT.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_code_blocks_fit_the_page() -> None:
    """A code line longer than the page's column (80 characters) is cut off on the site."""
    texts = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").rglob("*.md")]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"^```\w*\n(.*?)^```", text, re.M | re.S):
            for line in block.splitlines():
                assert len(line) <= 80, f"{path.relative_to(ROOT)}: {line}"
