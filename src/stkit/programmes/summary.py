"""A programme as readable text: titles, legal basis, parties, targets, task tree, statuses, sources."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from stkit.i18n import Lang, format_date, format_number
from stkit.i18n.labels import label
from stkit.programmes.export import cite
from stkit.programmes.in_force import target_spans
from stkit.programmes.model import Programme, Registry, Request, StatusEntry, Task
from stkit.reports.labels import comparator_sign, status_label
from stkit.reports.labels import label as report_label

_WIDTH = 100


def _t(key: str, lang: Lang) -> str:
    return label(key, lang)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _status(status: str, lang: Lang) -> str:
    """A task status in words, lower case inside a line (the report's words)."""
    return _lower_first(status_label(status, lang))


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        width=_WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent + "  ",
    ) or [indent]


def summary(registry: Registry, programme_id: str, lang: Lang = "vi") -> str:
    """Return the readable summary of one programme in `lang` (Vietnamese by default)."""
    programme = registry.get(programme_id)
    return "\n".join(_lines(registry, programme, lang)) + "\n"


def _lines(registry: Registry, p: Programme, lang: Lang) -> Iterator[str]:
    vi = lang == "vi"
    title = p.title_vi if vi else p.title_en
    yield from _wrap(f"{p.id} · {title}", "")
    if not vi:
        yield from _wrap(p.title_vi, "     ")
    yield ""
    period = f"{p.period_start.year}–{p.period_end.year}"
    if p.horizon:
        period += f", {_t('horizon', lang)} {p.horizon}"
    yield f"{_t('kind.' + p.kind, lang).capitalize()} · {_t('unit', lang)}: {p.unit} · " + (
        f"{_t('period', lang)}: {period}"
    )
    if p.signed_on:
        yield f"{_t('signed', lang)}: {format_date(p.signed_on, lang)}"
    if p.parent_strategy:
        yield from _wrap(f"{_t('parent', lang)}: {cite(registry, p, p.parent_strategy, lang)}", "")
    yield from _section(
        _t("basis", lang),
        [f"{cite(registry, p, doc, lang)}: {_title(p, doc, lang)}" for doc in p.legal_basis],
        lang,
    )
    parties = []
    for party in p.parties:
        agency = registry.agency(party.agency)
        name = agency.name_vi if vi else agency.name_en
        role = party.signatory_title_vi if vi else party.signatory_title_en
        parties.append(f"{name} — {_t('signed_by', lang)}: {party.signatory}, {role}")
    yield from _section(_t("parties", lang), parties, lang)
    objective = p.objective_vi if vi else p.objective_en
    if objective:
        yield from _section(_t("objective", lang), [objective], lang)
    pillars = p.pillars_vi if vi else p.pillars_en
    if pillars:
        yield from _section(_t("pillars", lang), ["; ".join(pillars)], lang)
    yield from _section(_t("targets", lang), list(_targets(registry, p, lang)), lang)
    yield from _section(
        _t("milestones", lang),
        [f"{m.year}: {m.text_vi if vi else m.text_en}" for m in p.milestones],
        lang,
    )
    if p.baselines:
        yield from _section(
            _t("baselines", lang),
            [
                f"{b.indicator} {comparator_sign(b.comparator)} {format_number(b.value, lang, 0)} "
                f"({b.unit}, {b.year}): {b.text_vi if vi else b.text_en}"
                for b in p.baselines
            ],
            lang,
        )
    if p.situation:
        yield from _section(
            _t("situation", lang),
            [f"{f.year}: {f.text_vi if vi else f.text_en}" for f in p.situation],
            lang,
        )
    yield ""
    yield f"{_t('tasks', lang)} ({len(p.tasks)}):"
    yield from _tree(registry, p, None, 1, lang)
    yield from _section(
        _t("organisation", lang),
        [
            f"{r.code} {_agency_name(registry, r.agency, lang)}: {r.duty_vi if vi else r.duty_en}"
            for r in p.responsibilities
        ],
        lang,
        skip_empty=True,
    )
    yield from _section(
        _t("requests", lang),
        [_request(registry, q, lang) for q in p.requests],
        lang,
        skip_empty=True,
    )
    reviews = []
    for review in p.reviews:
        findings = review.findings_vi if vi else review.findings_en
        priorities = review.priorities_vi if vi else review.priorities_en
        held = (
            f", {_t('held_on', lang)} {format_date(review.held_on, lang)}" if review.held_on else ""
        )
        head = f"{review.id} ({review.year}{held}): {review.title_vi if vi else review.title_en}"
        body = "".join(f"\n• {item}" for item in findings)
        body += "".join(f"\n→ {_t('priorities', lang)}: {item}" for item in priorities)
        reviews.append(head + body)
    yield from _section(_t("reviews", lang), reviews, lang, skip_empty=True)
    yield from _section(
        _t("sources", lang), [cite(registry, p, doc, lang) for doc in p.sources], lang
    )


def _title(p: Programme, document_id: str, lang: Lang) -> str:
    document = p.document(document_id)
    return document.title_vi if lang == "vi" else document.title_en


def _agency_name(registry: Registry, agency_id: str, lang: Lang) -> str:
    agency = registry.agency(agency_id)
    return agency.name_vi if lang == "vi" else agency.name_en


def _section(
    heading: str, items: list[str], lang: Lang, *, skip_empty: bool = False
) -> Iterator[str]:
    if skip_empty and not items:
        return
    yield ""
    yield f"{heading}:"
    if not items:
        yield f"  {_t('none', lang)}"
    for item in items:
        first, *rest = item.split("\n")
        yield from _wrap(first, "  ", "  - ")
        for line in rest:
            yield from _wrap(line, "      ", "    ")


def _request(registry: Registry, q: Request, lang: Lang) -> str:
    vi = lang == "vi"
    when = format_date(q.asked_on, lang) if q.asked_on else str(q.year)
    who = f"{_t('asked_by', lang)} {_agency_name(registry, q.requested_by, lang)}"
    if q.voiced_by:
        title = q.voiced_by_title_vi if vi else q.voiced_by_title_en
        who += f" ({_t('voiced_by', lang)} {q.voiced_by}{', ' + title if title else ''})"
    head = (
        f"{q.id} · {_t('request.' + q.kind, lang)} {who} {_t('to', lang)} "
        f"{_agency_name(registry, q.addressee, lang)}, {when}, {_t('state.' + q.state, lang)}: "
        f"{q.title_vi if vi else q.title_en}"
    )
    follow = "".join(
        f"\n→ {_t('follow.' + f.kind, lang)} ({_agency_name(registry, f.by, lang)}"
        f"{', ' + format_date(f.on, lang) if f.on else ''}): {f.text_vi if vi else f.text_en}"
        for f in q.follow_ups
    )
    return head + follow


def _targets(registry: Registry, p: Programme, lang: Lang) -> Iterator[str]:
    spans = {span.target.id: span for span in target_spans(registry)}
    for target in p.targets:
        steps = "; ".join(
            f"{m.year}: {comparator_sign(m.comparator)} {format_number(m.value, lang)}"
            for m in target.milestones
        )
        value = format_number(target.value, lang)
        if target.value_high is not None:
            value += f"–{format_number(target.value_high, lang)}"
        line = (
            f"{target.id} {target.indicator} {comparator_sign(target.comparator)} "
            f"{value} ({target.year}, {target.unit}): "
            f"{target.text_vi if lang == 'vi' else target.text_en}"
        )
        span = spans[target.id]
        if target.replaces:
            line += (
                f" [{_t('replaces', lang)} {target.replaces} {_t('from', lang)} "
                f"{format_date(span.in_force_from, lang)}]"
            )
        if span.superseded_by and span.superseded_on:
            line += (
                f" [{_t('replaced_by', lang)} {span.superseded_by} {_t('from', lang)} "
                f"{format_date(span.superseded_on, lang)}]"
            )
        if steps:
            line += f" [{steps}]"
        if target.baseline:
            line += (
                f" — {_lower_first(report_label('baseline', lang))} {format_number(target.baseline.value, lang)} "
                f"({target.baseline.year})"
            )
        yield line


def _tree(
    registry: Registry, p: Programme, parent: str | None, depth: int, lang: Lang
) -> Iterator[str]:
    statuses: dict[str, list[StatusEntry]] = {}
    for status in p.statuses:
        statuses.setdefault(status.task, []).append(status)
    for task in p.children(parent):
        yield from _task_lines(registry, task, depth, statuses.get(task.code, []), lang)
        yield from _tree(registry, p, task.code, depth + 1, lang)


def _task_lines(
    registry: Registry, task: Task, depth: int, statuses: list[StatusEntry], lang: Lang
) -> Iterator[str]:
    indent = "  " * depth
    title = task.title_vi if lang == "vi" else task.title_en
    tags = [value for value in (task.branch, task.category) if value]
    yield from _wrap(f"{task.code} {title}" + (f" [{', '.join(tags)}]" if tags else ""), indent)
    who = f"{_t('lead', lang)}: {_agency_name(registry, task.lead_unit, lang)}"
    if task.partner_units:
        names = ", ".join(_agency_name(registry, a, lang) for a in task.partner_units)
        who += f"; {_t('partners', lang)}: {names}"
    if task.partner_countries:
        who += f" ({', '.join(task.partner_countries)})"
    yield from _wrap(who, indent + "    ")
    for status in sorted(statuses, key=lambda entry: entry.year):
        evidence = status.evidence_vi if lang == "vi" else status.evidence_en
        yield from _wrap(
            f"{status.year} · {_status(status.status, lang)}: {evidence}",
            indent + "    ",
            indent + "    ▸ ",
        )
