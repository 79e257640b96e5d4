"""The docs site: a real home page, every chapter in the nav, one line per module in the map."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SRC = ROOT / "src"


def _nav() -> dict[str, str]:
    """Title → page of the nav in mkdocs.yml (one level, as the site has it)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text.split("\nnav:\n", 1)[1].split("\n\n", 1)[0]
    return dict(re.findall(r"^  - ([^:]+): (\S+\.md)$", block, flags=re.MULTILINE))


def test_nav_lists_every_chapter_and_only_existing_pages() -> None:
    nav = _nav()
    assert set(nav.values()) == {path.name for path in DOCS.glob("*.md")}
    assert next(iter(nav.items())) == ("Home", "index.md")
    assert nav["Composite index"] == "index-method.md"


def test_home_page_shows_the_analysts_path() -> None:
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    assert home.startswith("# stkit\n")
    for call in ("import stkit", "stkit.load()", "stkit.assess(inputs, year=2025)"):
        assert call in home
    method = (DOCS / "index-method.md").read_text(encoding="utf-8")
    assert method.startswith("# The composite index")
    for page in re.findall(r"\]\(([^)#]+\.md)", home):
        assert (DOCS / page).is_file(), page


def _modules() -> set[str]:
    found = set()
    for path in (SRC / "stkit").rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_module_map_has_one_line_per_module() -> None:
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Module map", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `(stkit[\w.]*)` \|", section, flags=re.MULTILINE)
    assert len(listed) == len(set(listed)), "a module is listed twice"
    assert set(listed) == _modules()
