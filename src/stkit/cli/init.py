"""`stkit init DIR`: write an editable copy of the shipped data, with a README of its files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from stkit._atomic import staged_folder
from stkit.cli._context import messages_in
from stkit.datadir import data_files, shipped_data_dir
from stkit.errors import StkitError
from stkit.i18n.messages import error, text

_DOCS = ".md"

# What each shipped file holds, for the README written next to the copy.
_ABOUT: dict[str, str] = {
    "indicators.csv": "indicator catalogue: code, names, unit, kind, direction, merge_rule",
    "observations.csv": "sourced observations: unit, indicator, period, value, source, note",
    "illustrative/observations.csv": "illustrative observations (never shadow a sourced row)",
    "agencies.csv": "agencies named by the programmes",
    "programmes": "one TOML file per programme: targets, tasks, status entries, documents",
    "units/units_2024.csv": "the 63 provincial units in force until 30 June 2025",
    "units/units_2025.csv": "the 34 provincial units in force since 1 July 2025",
    "units/crosswalk_2025.csv": "each old unit → the new unit it became part of",
    "units/national.csv": "the national unit (viet-nam, code 00), not counted as a province",
    "pii": "provincial innovation index: structure, published results, illustrative data",
}


def init(
    folder: Annotated[Path, typer.Argument(help="New folder for your editable copy of the data.")],
) -> None:
    """Write an editable copy of the shipped data into FOLDER (which must not exist or be empty).

    Then edit the files, `stkit --data-dir FOLDER validate`, `stkit --data-dir FOLDER report
    hai-phong`.
    """
    target = folder.expanduser().resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise StkitError(error("init_not_empty", folder=folder))
    source = shipped_data_dir()
    files = data_files(source)
    docs = sorted(p for p in source.rglob(f"*{_DOCS}") if p.is_file())
    with staged_folder(target) as staging:
        for path in [*files, *docs]:
            copy = staging / path.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
        (staging / "README.md").write_text(readme(source, files), encoding="utf-8")
    lang = messages_in()
    typer.echo(text("init_wrote", lang, count=len(files), target=target))
    typer.echo(text("init_next", lang, folder=folder))


def readme(source: Path, files: list[Path]) -> str:
    """The README of a data folder: what each file holds and the edit loop."""
    lines = [
        "# stkit data folder",
        "",
        "An editable copy of the data shipped with stkit. Edit the files, then:",
        "",
        "    stkit --data-dir THIS-FOLDER validate",
        "    stkit --data-dir THIS-FOLDER progress",
        "    stkit --data-dir THIS-FOLDER report hai-phong",
        "",
        "(or set `STKIT_DATA_DIR=THIS-FOLDER`; relative paths work). Every row of a data",
        "file names its source or is marked illustrative; keep it so.",
        "",
        "| file | content |",
        "|---|---|",
    ]
    for path in files:
        name = path.relative_to(source).as_posix()
        about = _ABOUT.get(name) or _ABOUT.get(name.split("/")[0], "")
        lines.append(f"| `{name}` | {about} |")
    lines.append("")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add `stkit init` to the CLI."""
    app.command("init")(init)
