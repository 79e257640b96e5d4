"""The overview's links to the city reports of its run: each path relative to the overview's folder.

`stkit report --all` makes every city report and the overview in one run, so the overview
links exactly those reports (`../../../hai-phong/2025/vi/report.html` in the layout
`<out>/<unit>/<year>/<lang>/`); the links are worked out from the jobs' folders, so they
follow the layout wherever `stkit.reports.jobs` puts the reports.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path

from stkit.reports.runner import REPORT_HTML, ReportJob


def relative_link(source_folder: Path, target: Path) -> str:
    """The path of `target` relative to `source_folder`, with forward slashes (a URL path)."""
    return Path(os.path.relpath(target, source_folder)).as_posix()


def with_links(overview: ReportJob, cities: Sequence[ReportJob]) -> ReportJob:
    """`overview` with the parameter `links`: unit slug → its report relative to the overview."""
    links = {job.unit: relative_link(overview.target, job.target / REPORT_HTML) for job in cities}
    return dataclasses.replace(
        overview, extra_parameters={**overview.extra_parameters, "links": links}
    )
