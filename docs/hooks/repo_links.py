"""MkDocs hook: links from a chapter to a repository file outside `docs/`.

Such links work when the chapters are read in the repository, but the file is not part of
the site. On the site they become the path in code type; a link whose target does not
exist in the repository either is an error, so ``mkdocs build --strict`` still catches
broken links.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>\.\./[^)\s#]+)\)")


def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> str:
    """Replace links that leave `docs/` by their text, after checking that the file exists."""
    docs = Path(config["docs_dir"]).resolve()
    root = docs.parent
    here = (docs / page.file.src_path).parent

    def replace(match: re.Match[str]) -> str:
        target = (here / match["target"]).resolve()
        if target.is_relative_to(docs):
            return match[0]  # a link inside the site: MkDocs checks it
        if not target.is_relative_to(root) or not target.exists():
            msg = f"{page.file.src_path}: link to missing file {match['target']}"
            raise PluginError(msg)
        return match["text"]

    return _LINK.sub(replace, markdown)
