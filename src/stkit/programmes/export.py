"""The registry as polars frames in the public table formats (targets, task status, tasks)."""

from __future__ import annotations

import polars as pl

from stkit.i18n import Lang, format_date
from stkit.i18n.labels import label
from stkit.outputs import PROGRAMMES, REGISTRY_TASKS
from stkit.programmes.model import Document, Programme, Registry
from stkit.schemas import TARGETS, TASK_STATUS

TARGETS_SCHEMA: dict[str, pl.DataType] = TARGETS.dtypes
"""The public targets table (`stkit.schemas.TARGETS`, its one declaration)."""

TASK_STATUS_SCHEMA: dict[str, pl.DataType] = TASK_STATUS.dtypes
"""The public task-status table (`stkit.schemas.TASK_STATUS`, its one declaration)."""

TASKS_SCHEMA: dict[str, pl.DataType] = dict(REGISTRY_TASKS.dtypes)
"""The registry's task tree (`stkit.outputs.REGISTRY_TASKS`)."""

PROGRAMMES_SCHEMA: dict[str, pl.DataType] = dict(PROGRAMMES.dtypes)
"""The programme list (`stkit.outputs.PROGRAMMES`)."""


def _selected(registry: Registry, programme: str | None) -> tuple[Programme, ...]:
    return registry.programmes if programme is None else (registry.get(programme),)


def citation(registry: Registry, document: Document, lang: Lang = "vi") -> str:
    """Cite a document in one line: a legal one by type, number, date and issuer; else by outlet.

    Undated articles say so; an article without a stated outlet is cited by its author.
    """
    if document.kind == "legal" and document.date is not None and document.issuer is not None:
        issuer = registry.agency(document.issuer)
        doc_type = f"{document.doc_type_vi} " if document.doc_type_vi else ""
        date = format_date(document.date, "vi")
        name = issuer.name_vi if lang == "vi" else issuer.name_en
        if document.number is None:
            # an unnumbered resolution (a Party congress's) is named by its issuer and day
            return label("cite.unnumbered", lang).format(issuer=name, date=date)
        return label("cite.legal", lang).format(
            doc_type=doc_type, number=document.number, date=date, issuer=name
        )
    title = document.title_vi if lang == "vi" else document.title_en
    when = format_date(document.date, lang) if document.date else label("cite.undated", lang)
    outlet = document.publisher or (
        f"{document.author or '?'} ({label('cite.outlet_not_stated', lang)})"
    )
    return f"{outlet}, “{title}”, {when}"


def _basis_label(document: Document, lang: Lang) -> str:
    """Short label of a legal basis: number and date; an unnumbered resolution by its type."""
    if document.date is None:
        return document.title_vi
    day = format_date(document.date, "vi")
    if document.number is not None:
        return f"{document.number} ({day})"
    kind = document.doc_type_vi if lang == "vi" else label("cite.congress_resolution", lang)
    return f"{kind or document.title_vi} ({day})"


def cite(registry: Registry, programme: Programme, document_id: str, lang: Lang = "vi") -> str:
    """Cite the document `document_id` of `programme`."""
    return citation(registry, programme.document(document_id), lang)


def targets_frame(registry: Registry, programme: str | None = None) -> pl.DataFrame:
    """Targets in the public targets format; a target's milestones come first, then the target.

    One `target_id` over several years: the latest year is the target itself.
    """
    rows: list[dict[str, object]] = []
    for item in _selected(registry, programme):
        for target in item.targets:
            baseline = target.baseline
            steps = [(m.year, m.comparator, m.value) for m in target.milestones]
            steps.append((target.year, target.comparator, target.value))
            for year, comparator, value in sorted(steps):
                rows.append(
                    {
                        "programme": item.id,
                        "target_id": target.id,
                        "unit": target.unit,
                        "indicator": target.indicator,
                        "comparator": comparator,
                        "value": value,
                        "year": year,
                        "baseline_value": baseline.value if baseline else None,
                        "baseline_year": baseline.year if baseline else None,
                    }
                )
    return pl.DataFrame(rows, schema=TARGETS_SCHEMA, orient="row")


def task_status_frame(
    registry: Registry, programme: str | None = None, *, lang: Lang = "vi"
) -> pl.DataFrame:
    """Dated status entries in the public task-status format; evidence in `lang`."""
    rows = [
        {
            "programme": item.id,
            "task": status.task,
            "year": status.year,
            "status": status.status,
            "evidence": status.evidence_vi if lang == "vi" else status.evidence_en,
            "source": cite(registry, item, status.source, lang),
        }
        for item in _selected(registry, programme)
        for status in item.statuses
    ]
    return pl.DataFrame(rows, schema=TASK_STATUS_SCHEMA, orient="row")


def tasks_frame(registry: Registry, programme: str | None = None) -> pl.DataFrame:
    """The task tree, one row per task in file order.

    `deadline` is the task's own deadline, else the programme's period end
    (`deadline_stated` says which); `branch` is domestic / international where the source
    splits tasks so. Leaves are the tasks that no other task names as `parent`.
    """
    rows = [
        {
            "programme": item.id,
            "task": task.code,
            "parent": task.parent,
            "title_vi": task.title_vi,
            "title_en": task.title_en,
            "category": task.category,
            "lead_unit": task.lead_unit,
            "partner_units": list(task.partner_units),
            "deadline": item.deadline_of(task),
            "source": cite(registry, item, task.source),
            "branch": task.branch,
            "deadline_stated": task.deadline is not None,
        }
        for item in _selected(registry, programme)
        for task in item.tasks
    ]
    return pl.DataFrame(rows, schema=TASKS_SCHEMA, orient="row")


def programmes_frame(registry: Registry, *, lang: Lang = "vi") -> pl.DataFrame:
    """One row per programme: id, short title, unit, period, horizon, legal basis and counts."""
    rows = []
    for item in registry.programmes:
        basis = [item.document(doc_id) for doc_id in item.legal_basis[:1]]
        rows.append(
            {
                "id": item.id,
                "title": item.short_vi if lang == "vi" else item.short_en,
                "unit": item.unit,
                "period": f"{item.period_start.year}–{item.period_end.year}",
                "horizon": item.horizon,
                "legal_basis": ", ".join(_basis_label(doc, lang) for doc in basis),
                "targets": len(item.targets),
                "tasks": len(item.tasks),
                "status_entries": len(item.statuses),
            }
        )
    return pl.DataFrame(rows, schema=PROGRAMMES_SCHEMA, orient="row")
