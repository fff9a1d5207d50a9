"""MkDocs hooks of the documentation site (mkdocs.yml `hooks:`).

CONTRIBUTING.md lives at the repository's root, where GitHub shows it, and docs/contributing.md
includes it whole. Its links into the site are written from the root (`docs/quickstart.md`);
on the site they must be relative to docs/. The snippets extension would include the text only
after this hook has run, so the hook includes it itself and rewrites those links.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_INCLUDE = '--8<-- "CONTRIBUTING.md"'
_ROOT_LINK = re.compile(r"\]\(docs/")


def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> str:
    if _INCLUDE not in markdown:
        return markdown
    root = Path(config["config_file_path"]).parent
    text = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    text = _ROOT_LINK.sub("](", text)
    return markdown.replace(_INCLUDE, text)
