"""Load the programme registry from `programmes/*.toml` and `agencies.csv` in a data directory.

Every problem in every file is collected before anything is returned; a registry with any
problem raises `RegistryError` listing them all (each names file, field path, rule and fix).
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from stkit.datadir import resolve_data_dir
from stkit.errors import DataFileError, StkitError
from stkit.programmes import _schema
from stkit.programmes._read import FileReader
from stkit.programmes.in_force import effective_date
from stkit.programmes.model import (
    NATIONAL_UNIT,
    Agency,
    Baseline,
    BaselineFigure,
    Document,
    FollowUp,
    Party,
    Programme,
    QualitativeMilestone,
    Registry,
    Request,
    Responsibility,
    Review,
    SituationFact,
    StatusEntry,
    Target,
    TargetMilestone,
    Task,
)
from stkit.vocab import Lang

AGENCY_COLUMNS = ("id", "name_vi", "name_en", "kind", "parent", "source")
_MERGER = dt.date(2025, 7, 1)

UnitCheck = Callable[[str, dt.date], bool]


class RegistryError(StkitError):
    """The registry files break rules; `problems` holds every one of them."""

    def __init__(self, problems: Iterable[DataFileError]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{self.text('en')} / {self.text('vi')}")

    def text(self, lang: Lang) -> str:
        """Every problem in `lang`, one a line, under a count."""
        count = len(self.problems)
        lines = "\n".join(f"  - {problem.text(lang)}" for problem in self.problems)
        if lang == "vi":
            return f"Sổ đăng ký chương trình có {count} lỗi:\n{lines}"
        noun = "problem" if count == 1 else "problems"
        return f"The programme registry has {count} {noun}:\n{lines}"


def load_registry(data_dir: Path | None = None) -> Registry:
    """Read and check every programme file and the agency list of `data_dir` (default: shipped)."""
    root = resolve_data_dir(data_dir)
    problems: list[DataFileError] = []
    agencies = _load_agencies(root / "agencies.csv", problems)
    files = sorted((root / "programmes").glob("*.toml"))
    if not files:
        folder = root / "programmes"
        raise StkitError(
            f"{folder}: no programme files (*.toml) found. "
            "Fix: put one TOML file per programme there (see data/programmes/README.md). / "
            f"{folder}: không có tệp chương trình nào (*.toml). "
            "Cách sửa: đặt vào đó mỗi chương trình một tệp TOML (xem data/programmes/README.md)."
        )
    agency_ids = {agency.id for agency in agencies}
    unit_check = _unit_checker(root)
    indicators = _indicator_codes(root / "indicators.csv")
    programmes: list[Programme] = []
    for file in files:
        programme = _load_programme(file, agency_ids, unit_check, indicators, problems)
        if programme is not None:
            programmes.append(programme)
    _check_across_files(programmes, problems)
    if not problems:
        _check_replacements(programmes, problems)
    if problems:
        raise RegistryError(problems)
    return Registry(programmes=tuple(programmes), agencies=agencies)


# --- agencies -------------------------------------------------------------------


def _load_agencies(path: Path, problems: list[DataFileError]) -> tuple[Agency, ...]:
    """Read agencies.csv; rows are numbered as a spreadsheet shows them (header = row 1)."""
    if not path.is_file():
        problems.append(
            DataFileError(
                path,
                "the agency list is missing.",
                fix="add agencies.csv.",
                message_vi="thiếu danh sách cơ quan.",
                fix_vi="thêm agencies.csv.",
            )
        )
        return ()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        if header != AGENCY_COLUMNS:
            problems.append(
                DataFileError(
                    path,
                    f"the header is {', '.join(header) or 'empty'}; "
                    f"it must be exactly {', '.join(AGENCY_COLUMNS)}.",
                    where="row 1",
                    fix="rename or reorder the columns.",
                    message_vi=f"dòng tiêu đề là {', '.join(header) or '(trống)'}; "
                    f"phải đúng là {', '.join(AGENCY_COLUMNS)}.",
                    fix_vi="đổi tên hoặc sắp xếp lại các cột.",
                    where_vi="dòng 1",
                )
            )
            return ()
        rows = list(reader)
    agencies: list[Agency] = []
    first_row: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        values = {key: (row.get(key) or "").strip() for key in AGENCY_COLUMNS}
        for key in ("id", "name_vi", "name_en", "kind", "source"):
            if not values[key]:
                problems.append(
                    DataFileError(
                        path,
                        "this cell must not be empty.",
                        where=f"row {number}, column {key}",
                        fix=f"fill in the agency's {key}.",
                        message_vi="ô này không được để trống.",
                        fix_vi=f"điền {key} của cơ quan.",
                        where_vi=f"dòng {number}, cột {key}",
                    )
                )
        agency_id = values["id"]
        if agency_id in first_row:
            problems.append(
                DataFileError(
                    path,
                    f"duplicate agency id {agency_id!r} (first on row {first_row[agency_id]}).",
                    where=f"row {number}, column id",
                    fix="give every agency its own id.",
                    message_vi=f"mã cơ quan {agency_id!r} bị trùng (lần đầu ở dòng "
                    f"{first_row[agency_id]}).",
                    fix_vi="cho mỗi cơ quan một mã riêng.",
                    where_vi=f"dòng {number}, cột id",
                )
            )
        elif agency_id:
            first_row[agency_id] = number
        agencies.append(Agency(parent=values["parent"] or None, **_without(values, "parent")))
    for number, agency in enumerate(agencies, start=2):
        if agency.parent and agency.parent not in first_row:
            problems.append(
                DataFileError(
                    path,
                    f"parent {agency.parent!r} is not an agency id in this file.",
                    where=f"row {number}, column parent",
                    fix="use the id of an agency listed here, or leave the cell empty.",
                    message_vi=f"cơ quan cấp trên {agency.parent!r} không phải mã cơ quan trong "
                    "tệp này.",
                    fix_vi="dùng mã của một cơ quan có trong tệp, hoặc để trống ô.",
                    where_vi=f"dòng {number}, cột parent",
                )
            )
    return tuple(agencies)


def _without(values: dict[str, str], key: str) -> dict[str, str]:
    return {name: value for name, value in values.items() if name != key}


# --- units ----------------------------------------------------------------------


def _unit_checker(root: Path) -> UnitCheck | None:
    """Return `check(unit, day)` backed by `stkit.units.load_units`, or None if it is absent.

    Targets and baselines are read on 1 January of their year: up to 2025 the 63 old units,
    from 2026 the 34 new ones (the merger took effect on 1 July 2025); a programme's own unit
    on the day its period starts. The national unit (`viet-nam`) is accepted on any day, and
    a unit may be named as `stkit.units`' resolver accepts (slug, code or name).
    """
    try:
        units = importlib.import_module("stkit.units")
    except ImportError:
        return None
    load_units: Callable[..., Any] = units.load_units
    cache: dict[dt.date, frozenset[str]] = {}

    def check(unit: str, day: dt.date) -> bool:
        if day not in cache:
            frame = load_units(root, as_of=day, national=True)
            cache[day] = frozenset(str(key) for key in units.unit_keys(frame)["key"])
        return str(units.unit_key(unit)) in cache[day]

    return check


# --- indicators -------------------------------------------------------------------


def _indicator_codes(path: Path) -> frozenset[str] | None:
    """Codes of the indicator catalogue, or None when the data directory has none."""
    if not path.is_file():
        return None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return frozenset(
            (row.get("code") or "").strip() for row in csv.DictReader(handle) if row.get("code")
        )


def _check_indicators(programme: Programme, reader: FileReader, codes: frozenset[str]) -> None:
    """Every target and baseline names an indicator of the catalogue."""
    records = [("targets", t.indicator) for t in programme.targets]
    records += [("baselines", b.indicator) for b in programme.baselines]
    counters: dict[str, int] = {}
    for table, code in records:
        counters[table] = counters.get(table, 0) + 1
        if code not in codes:
            reader.problem(
                f"{table}[{counters[table]}].indicator",
                f"indicator {code!r} is not in indicators.csv.",
                "use a code from data/indicators.csv, or add the indicator at the end of it.",
                vi=(
                    f"chỉ tiêu {code!r} không có trong indicators.csv.",
                    "dùng một mã trong data/indicators.csv, hoặc thêm chỉ tiêu vào cuối tệp đó.",
                ),
            )


# --- one programme file -------------------------------------------------------------


def _load_programme(
    file: Path,
    agency_ids: set[str],
    unit_check: UnitCheck | None,
    indicators: frozenset[str] | None,
    problems: list[DataFileError],
) -> Programme | None:
    """Read one file; return None (with problems recorded) if it breaks any rule."""
    try:
        text = file.read_text(encoding="utf-8-sig")
        raw = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problems.append(
            DataFileError(
                file,
                f"not a valid UTF-8 TOML file: {error}.",
                fix="correct the syntax at the place named (quotes, brackets, '=' signs).",
                message_vi=f"không phải tệp TOML UTF-8 hợp lệ: {error}.",
                fix_vi="sửa cú pháp ở chỗ được nêu (dấu ngoặc kép, ngoặc, dấu '=').",
            )
        )
        return None
    reader = FileReader(file, text)
    values = reader.table(raw, _schema.PROGRAMME, "")
    if reader.problems:
        problems.extend(reader.problems)
        return None
    programme = _build(values, file)
    _check_programme(programme, reader, agency_ids, unit_check)
    if indicators is not None:
        _check_indicators(programme, reader, indicators)
    problems.extend(reader.problems)
    return None if reader.problems else programme


def _records(values: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return values or []


def _tuple(value: tuple[str, ...] | None) -> tuple[str, ...]:
    return value or ()


def _build(values: dict[str, Any], file: Path) -> Programme:
    """Turn checked values into records (no reference checks yet)."""
    documents = tuple(
        Document(
            **{
                **row,
                "title_supplied": bool(row["title_supplied"]),
                "unnumbered": bool(row["unnumbered"]),
            }
        )
        for row in _records(values["documents"])
    )
    targets = tuple(
        Target(
            **{
                key: row[key]
                for key in row
                if key not in ("baseline", "milestones", "corroborated_by")
            },
            baseline=Baseline(**row["baseline"]) if row["baseline"] else None,
            milestones=tuple(TargetMilestone(**item) for item in _records(row["milestones"])),
            corroborated_by=_tuple(row["corroborated_by"]),
        )
        for row in _records(values["targets"])
    )
    tasks = tuple(
        Task(
            **{
                **row,
                "partner_units": _tuple(row["partner_units"]),
                "partner_countries": _tuple(row["partner_countries"]),
                "answers": _tuple(row["answers"]),
            }
        )
        for row in _records(values["tasks"])
    )
    statuses = tuple(
        StatusEntry(**{**row, "cites": _tuple(row["cites"])}) for row in _records(values["status"])
    )
    scalars = {
        key: values[key]
        for key, rule in _schema.PROGRAMME.items()
        if rule.kind not in ("tables", "strs")
    }
    return Programme(
        **scalars,
        file=str(file),
        legal_basis=_tuple(values["legal_basis"]),
        sources=_tuple(values["sources"]),
        pillars_vi=_tuple(values["pillars_vi"]),
        pillars_en=_tuple(values["pillars_en"]),
        documents=documents,
        parties=tuple(Party(**row) for row in _records(values["parties"])),
        targets=targets,
        baselines=tuple(BaselineFigure(**row) for row in _records(values["baselines"])),
        milestones=tuple(QualitativeMilestone(**row) for row in _records(values["milestones"])),
        tasks=tasks,
        statuses=statuses,
        requests=tuple(
            Request(
                **{
                    **row,
                    "follow_ups": tuple(FollowUp(**item) for item in _records(row["follow_ups"])),
                }
            )
            for row in _records(values["requests"])
        ),
        situation=tuple(SituationFact(**row) for row in _records(values["situation"])),
        responsibilities=tuple(
            Responsibility(**{**row, "partner_units": _tuple(row["partner_units"])})
            for row in _records(values["responsibilities"])
        ),
        reviews=tuple(
            Review(
                **{
                    **row,
                    "priorities_vi": _tuple(row["priorities_vi"]),
                    "priorities_en": _tuple(row["priorities_en"]),
                    "cites": _tuple(row["cites"]),
                }
            )
            for row in _records(values["reviews"])
        ),
    )


def _check_programme(
    programme: Programme,
    reader: FileReader,
    agency_ids: set[str],
    unit_check: UnitCheck | None,
) -> None:
    """Check ids, references, periods and units inside one programme file."""
    _check_unique(reader, "documents", [d.id for d in programme.documents], "document id")
    _check_unique(reader, "targets", [t.id for t in programme.targets], "target id")
    _check_unique(reader, "tasks", [t.code for t in programme.tasks], "task code")
    _check_unique(reader, "milestones", [m.id for m in programme.milestones], "milestone id")
    _check_unique(reader, "situation", [f.id for f in programme.situation], "situation id")
    _check_unique(reader, "requests", [r.id for r in programme.requests], "request id")
    _check_unique(reader, "responsibilities", [r.code for r in programme.responsibilities], "code")
    _check_unique(reader, "reviews", [r.id for r in programme.reviews], "review id")
    _check_unique(
        reader,
        "status",
        [f"{s.task} {s.year}" for s in programme.statuses],
        "task and year",
        fix="keep one status entry per task and year; put all the evidence in it.",
        fix_vi="giữ một mục tình trạng cho mỗi nhiệm vụ và năm; ghi mọi minh chứng vào đó.",
    )
    if programme.period_start > programme.period_end:
        reader.problem(
            "period_end",
            f"the period ends ({programme.period_end}) before it starts "
            f"({programme.period_start}).",
            "swap or correct period_start and period_end.",
            vi=(
                (
                    f"giai đoạn kết thúc ({programme.period_end}) trước khi bắt đầu "
                    f"({programme.period_start})."
                ),
                "đổi chỗ hoặc sửa period_start và period_end.",
            ),
        )
    _check_documents(programme, reader, agency_ids)
    _check_agencies(programme, reader, agency_ids)
    _check_tasks(programme, reader)
    _check_targets(programme, reader)
    _check_dates(programme, reader)
    if unit_check is not None:
        _check_units(programme, reader, unit_check)


_WHAT_VI = {
    "document id": "mã tài liệu",
    "target id": "mã chỉ tiêu",
    "task code": "mã nhiệm vụ",
    "milestone id": "mã mốc",
    "situation id": "mã hiện trạng",
    "request id": "mã kiến nghị",
    "code": "mã",
    "review id": "mã hội nghị đánh giá",
    "task and year": "cặp nhiệm vụ và năm",
}
"""The kind of key that must be unique, in Vietnamese."""


def _check_unique(
    reader: FileReader,
    table: str,
    keys: list[str],
    what: str,
    *,
    fix: str | None = None,
    fix_vi: str | None = None,
) -> None:
    first: dict[str, int] = {}
    what_vi = _WHAT_VI.get(what, what)
    for number, key in enumerate(keys, start=1):
        if key in first:
            reader.problem(
                f"{table}[{number}]",
                f"duplicate {what} {key!r} (first at {table}[{first[key]}]).",
                fix or f"give every entry of [[{table}]] its own {what}.",
                vi=(
                    f"{what_vi} {key!r} bị trùng (lần đầu ở {table}[{first[key]}]).",
                    fix_vi or f"cho mỗi mục [[{table}]] một {what_vi} riêng.",
                ),
            )
        else:
            first[key] = number


def _check_documents(programme: Programme, reader: FileReader, agency_ids: set[str]) -> None:
    known = {document.id for document in programme.documents}
    for number, document in enumerate(programme.documents, start=1):
        if document.kind != "legal":
            continue
        keys = ("date", "issuer") if document.unnumbered else ("number", "date", "issuer")
        for key in keys:
            if getattr(document, key) is None:
                reader.problem(
                    f"documents[{number}].{key}",
                    "a legal document is identified by number, date and issuer together "
                    f"(45-NQ/TW names three resolutions); {key!r} is missing.",
                    f"add `{key} = ...` as the document itself states it.",
                    vi=(
                        (
                            "một văn bản pháp lý được xác định bằng cả số, ngày và cơ quan ban hành "
                            f"(45-NQ/TW là số của ba nghị quyết); thiếu {key!r}."
                        ),
                        f"thêm `{key} = ...` đúng như văn bản ghi.",
                    ),
                )
        if document.unnumbered and document.number is not None:
            reader.problem(
                f"documents[{number}].unnumbered",
                f"the document is marked unnumbered but has number {document.number!r}.",
                "remove `unnumbered = true`, or the number.",
                vi=(
                    f"văn bản được ghi là không số nhưng có số {document.number!r}.",
                    "bỏ `unnumbered = true`, hoặc bỏ số.",
                ),
            )
        if document.issuer is not None and document.issuer not in agency_ids:
            _unknown_agency(reader, f"documents[{number}].issuer", document.issuer)

    def need(path: str, document_id: str | None) -> None:
        if document_id is not None and document_id not in known:
            reader.problem(
                path,
                f"names document {document_id!r}, which this file does not define.",
                "add a [[documents]] block with that id, or correct the id.",
                vi=(
                    f"dẫn tài liệu {document_id!r}, nhưng tệp này không khai báo tài liệu đó.",
                    "thêm một khối [[documents]] với mã đó, hoặc sửa mã.",
                ),
            )

    need("source", programme.source)
    need("parent_strategy", programme.parent_strategy)
    for key in ("legal_basis", "sources"):
        for number, document_id in enumerate(getattr(programme, key), start=1):
            need(f"{key}[{number}]", document_id)
    record_tables: list[tuple[str, Iterable[Any]]] = [
        ("parties", programme.parties),
        ("targets", programme.targets),
        ("baselines", programme.baselines),
        ("situation", programme.situation),
        ("milestones", programme.milestones),
        ("tasks", programme.tasks),
        ("status", programme.statuses),
        ("requests", programme.requests),
        ("responsibilities", programme.responsibilities),
        ("reviews", programme.reviews),
    ]
    for table, records in record_tables:
        for number, record in enumerate(records, start=1):
            need(f"{table}[{number}].source", record.source)
    for number, target in enumerate(programme.targets, start=1):
        if target.baseline is not None:
            need(f"targets[{number}].baseline.source", target.baseline.source)
        for cited, document_id in enumerate(target.corroborated_by, start=1):
            need(f"targets[{number}].corroborated_by[{cited}]", document_id)
    for number, request in enumerate(programme.requests, start=1):
        for item, follow_up in enumerate(request.follow_ups, start=1):
            need(f"requests[{number}].follow_ups[{item}].source", follow_up.source)
    for number, review in enumerate(programme.reviews, start=1):
        for cited, document_id in enumerate(review.cites, start=1):
            need(f"reviews[{number}].cites[{cited}]", document_id)
    for number, status in enumerate(programme.statuses, start=1):
        for cited, document_id in enumerate(status.cites, start=1):
            need(f"status[{number}].cites[{cited}]", document_id)


def _unknown_agency(reader: FileReader, path: str, agency_id: str) -> None:
    reader.problem(
        path,
        f"unknown agency {agency_id!r}: it is not an id in agencies.csv.",
        "use an id from agencies.csv, or add the agency there (id, names, kind, source).",
        vi=(
            f"cơ quan {agency_id!r} không có trong agencies.csv.",
            "dùng một mã trong agencies.csv, hoặc thêm cơ quan vào đó (mã, tên, loại, nguồn).",
        ),
    )


def _check_agencies(programme: Programme, reader: FileReader, agency_ids: set[str]) -> None:
    def need(path: str, agency_id: str) -> None:
        if agency_id not in agency_ids:
            _unknown_agency(reader, path, agency_id)

    for number, party in enumerate(programme.parties, start=1):
        need(f"parties[{number}].agency", party.agency)
    for number, task in enumerate(programme.tasks, start=1):
        need(f"tasks[{number}].lead_unit", task.lead_unit)
        for partner, agency_id in enumerate(task.partner_units, start=1):
            need(f"tasks[{number}].partner_units[{partner}]", agency_id)
    for number, request in enumerate(programme.requests, start=1):
        need(f"requests[{number}].requested_by", request.requested_by)
        need(f"requests[{number}].addressee", request.addressee)
        for item, follow_up in enumerate(request.follow_ups, start=1):
            need(f"requests[{number}].follow_ups[{item}].by", follow_up.by)
    for number, duty in enumerate(programme.responsibilities, start=1):
        need(f"responsibilities[{number}].agency", duty.agency)
        for partner, agency_id in enumerate(duty.partner_units, start=1):
            need(f"responsibilities[{number}].partner_units[{partner}]", agency_id)
    for number, review in enumerate(programme.reviews, start=1):
        for holder, agency_id in enumerate(review.held_by, start=1):
            need(f"reviews[{number}].held_by[{holder}]", agency_id)


def _check_tasks(programme: Programme, reader: FileReader) -> None:
    codes = {task.code for task in programme.tasks}
    parents = {task.code: task.parent for task in programme.tasks}
    for number, task in enumerate(programme.tasks, start=1):
        path = f"tasks[{number}]"
        if task.parent is not None and task.parent not in codes:
            reader.problem(
                f"{path}.parent",
                f"parent task {task.parent!r} is not defined in this file.",
                "use the code of another task here, or remove `parent` for a top-level task.",
                vi=(
                    f"nhiệm vụ cha {task.parent!r} không được khai báo trong tệp này.",
                    (
                        "dùng mã của một nhiệm vụ khác trong tệp, hoặc bỏ `parent` nếu là nhiệm vụ "
                        "cấp trên cùng."
                    ),
                ),
            )
        elif _in_cycle(task.code, parents):
            reader.problem(
                f"{path}.parent",
                f"task {task.code!r} is its own ancestor (the parent chain loops).",
                "make the parent chain end at a top-level task.",
                vi=(
                    (
                        f"nhiệm vụ {task.code!r} là tổ tiên của chính nó (chuỗi nhiệm vụ cha lặp "
                        "vòng)."
                    ),
                    "để chuỗi nhiệm vụ cha kết thúc ở một nhiệm vụ cấp trên cùng.",
                ),
            )
        deadline = task.deadline
        if deadline is not None and not programme.period_start <= deadline <= programme.period_end:
            reader.problem(
                f"{path}.deadline",
                f"deadline {deadline} is outside the programme period "
                f"{programme.period_start} to {programme.period_end}.",
                "correct the deadline, or the programme's period_start / period_end.",
                vi=(
                    (
                        f"thời hạn {deadline} nằm ngoài giai đoạn của chương trình "
                        f"({programme.period_start} đến {programme.period_end})."
                    ),
                    "sửa thời hạn, hoặc period_start / period_end của chương trình.",
                ),
            )
    request_ids = {request.id for request in programme.requests}
    for number, task in enumerate(programme.tasks, start=1):
        for item, request_id in enumerate(task.answers, start=1):
            if request_id not in request_ids:
                reader.problem(
                    f"tasks[{number}].answers[{item}]",
                    f"names request {request_id!r}, which this programme does not define.",
                    "use the id of a request in this file's [[requests]].",
                    vi=(
                        (
                            f"dẫn kiến nghị {request_id!r}, nhưng chương trình không khai báo kiến "
                            "nghị đó."
                        ),
                        "dùng mã của một kiến nghị trong [[requests]] của tệp này.",
                    ),
                )
    for number, status in enumerate(programme.statuses, start=1):
        if status.task not in codes:
            reader.problem(
                f"status[{number}].task",
                f"names task {status.task!r}, which this programme does not define.",
                "use the code of a task in this file's [[tasks]].",
                vi=(
                    f"dẫn nhiệm vụ {status.task!r}, nhưng chương trình không khai báo nhiệm vụ đó.",
                    "dùng mã của một nhiệm vụ trong [[tasks]] của tệp này.",
                ),
            )


def _in_cycle(code: str, parents: dict[str, str | None]) -> bool:
    seen = {code}
    current = parents.get(code)
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def _check_targets(programme: Programme, reader: FileReader) -> None:
    for number, target in enumerate(programme.targets, start=1):
        path = f"targets[{number}]"
        if target.value_high is not None and target.value_high < target.value:
            reader.problem(
                f"{path}.value_high",
                f"the upper end of the range ({target.value_high}) is below its lower end "
                f"({target.value}).",
                "write the range low to high: `value` the lower end, `value_high` the upper.",
                vi=(
                    f"cận trên của khoảng ({target.value_high}) nhỏ hơn cận dưới ({target.value}).",
                    "ghi khoảng từ thấp đến cao: `value` là cận dưới, `value_high` là cận trên.",
                ),
            )
        baseline = target.baseline
        if baseline is not None and baseline.year > target.year:
            reader.problem(
                f"{path}.baseline.year",
                f"the baseline year {baseline.year} is after the target year {target.year}.",
                "use a baseline from before the target year.",
                vi=(
                    f"năm gốc {baseline.year} sau năm mục tiêu {target.year}.",
                    "dùng số liệu gốc của một năm trước năm mục tiêu.",
                ),
            )
        for item, milestone in enumerate(target.milestones, start=1):
            if milestone.year >= target.year:
                reader.problem(
                    f"{path}.milestones[{item}].year",
                    f"a milestone ({milestone.year}) must come before the target year "
                    f"{target.year}.",
                    "use an earlier year, or make it the target itself.",
                    vi=(
                        f"mốc trung gian ({milestone.year}) phải trước năm mục tiêu {target.year}.",
                        "dùng một năm sớm hơn, hoặc để nó làm chính chỉ tiêu mục tiêu.",
                    ),
                )


def _check_dates(programme: Programme, reader: FileReader) -> None:
    """Events sit in the year they happened: a request's day is in its year; a review is held,
    and a status reported, no earlier than the year they are about."""
    for number, request in enumerate(programme.requests, start=1):
        if request.asked_on is not None and request.asked_on.year != request.year:
            reader.problem(
                f"requests[{number}].asked_on",
                f"the request was made on {request.asked_on} but is filed under {request.year}.",
                f"set `year = {request.asked_on.year}`: a request belongs to the year it was made.",
                vi=(
                    f"kiến nghị được nêu ngày {request.asked_on} nhưng ghi vào năm {request.year}.",
                    f"đặt `year = {request.asked_on.year}`: kiến nghị thuộc năm nó được nêu.",
                ),
            )
    for number, review in enumerate(programme.reviews, start=1):
        if review.held_on is not None and review.held_on.year < review.year:
            reader.problem(
                f"reviews[{number}].held_on",
                f"a review of {review.year} cannot be held on {review.held_on}.",
                "`year` is the year reviewed and `held_on` the day of the meeting, on or after it.",
                vi=(
                    f"hội nghị đánh giá năm {review.year} không thể họp ngày {review.held_on}.",
                    "`year` là năm được đánh giá, `held_on` là ngày họp, trong hoặc sau năm đó.",
                ),
            )
    for number, status in enumerate(programme.statuses, start=1):
        if status.reported_on is not None and status.reported_on.year < status.year:
            reader.problem(
                f"status[{number}].reported_on",
                f"a {status.year} status cannot be reported on {status.reported_on}.",
                "file the evidence under the year the event happened.",
                vi=(
                    (
                        f"tình trạng năm {status.year} không thể được báo cáo ngày "
                        f"{status.reported_on}."
                    ),
                    "ghi minh chứng vào năm sự việc xảy ra.",
                ),
            )


def _check_units(programme: Programme, reader: FileReader, unit_check: UnitCheck) -> None:
    def need(path: str, unit: str, day: dt.date) -> None:
        if unit != NATIONAL_UNIT and not unit_check(unit, day):
            side = "the 63 units before" if day < _MERGER else "the 34 units since"
            side_vi = "63 đơn vị trước" if day < _MERGER else "34 đơn vị từ"
            when = str(day.year) if (day.month, day.day) == (1, 1) else day.isoformat()
            reader.problem(
                path,
                f"{unit!r} is not a province unit in {when} ({side} 1 July 2025 apply).",
                "use a slug or official code of a unit in force that year "
                f"(`stkit units --as-of YYYY-MM-DD`), or {NATIONAL_UNIT!r} for the country.",
                vi=(
                    (
                        f"{unit!r} không phải đơn vị cấp tỉnh trong {when} (áp dụng {side_vi} "
                        "01/07/2025)."
                    ),
                    (
                        "dùng slug hoặc mã chính thức của một đơn vị có hiệu lực năm đó "
                        f"(`stkit units --as-of YYYY-MM-DD`), hoặc {NATIONAL_UNIT!r} cho cả nước."
                    ),
                ),
            )

    need("unit", programme.unit, programme.period_start)
    for number, target in enumerate(programme.targets, start=1):
        need(f"targets[{number}].unit", target.unit, dt.date(target.year, 1, 1))
    for number, figure in enumerate(programme.baselines, start=1):
        need(f"baselines[{number}].unit", figure.unit, dt.date(figure.year, 1, 1))


# --- across files -------------------------------------------------------------------


def _check_across_files(programmes: list[Programme], problems: list[DataFileError]) -> None:
    """Programme ids are unique; a document id or legal identity means one document everywhere."""
    seen_ids: dict[str, str] = {}
    by_id: dict[str, tuple[Document, str]] = {}
    by_identity: dict[tuple[str, dt.date, str], tuple[Document, str]] = {}
    for programme in programmes:
        if programme.id in seen_ids:
            problems.append(
                DataFileError(
                    programme.file,
                    f"duplicate programme id {programme.id!r} (also in {seen_ids[programme.id]}).",
                    where="id",
                    fix="give every programme file its own id.",
                    message_vi=f"mã chương trình {programme.id!r} bị trùng (cũng có trong "
                    f"{seen_ids[programme.id]}).",
                    fix_vi="cho mỗi tệp chương trình một mã riêng.",
                )
            )
        else:
            seen_ids[programme.id] = programme.file
        file = Path(programme.file)
        reader = FileReader(file, file.read_text(encoding="utf-8-sig"))
        for number, document in enumerate(programme.documents, start=1):
            where = reader.where(f"documents[{number}]")
            where_vi = reader.where(f"documents[{number}]", "vi")
            earlier = by_id.get(document.id)
            if earlier is not None and _identity(earlier[0]) != _identity(document):
                problems.append(
                    DataFileError(
                        programme.file,
                        f"document id {document.id!r} names a different document in {earlier[1]}.",
                        where=where,
                        fix="use one id per document: same number, date and issuer everywhere.",
                        message_vi=f"mã tài liệu {document.id!r} chỉ một tài liệu khác trong "
                        f"{earlier[1]}.",
                        fix_vi="mỗi tài liệu một mã: cùng số, ngày và cơ quan ban hành ở mọi nơi.",
                        where_vi=where_vi,
                    )
                )
            by_id.setdefault(document.id, (document, programme.file))
            identity = _legal_identity(document)
            if identity is None:
                continue
            twin = by_identity.get(identity)
            if twin is not None and twin[0].id != document.id:
                problems.append(
                    DataFileError(
                        programme.file,
                        f"{document.number} of {document.date} by {document.issuer} is already "
                        f"document {twin[0].id!r} in {twin[1]}.",
                        where=where,
                        fix=f"use the id {twin[0].id!r} for it here too.",
                        message_vi=f"{document.number} ngày {document.date} của {document.issuer} "
                        f"đã là tài liệu {twin[0].id!r} trong {twin[1]}.",
                        fix_vi=f"dùng cả mã {twin[0].id!r} cho nó ở đây.",
                        where_vi=where_vi,
                    )
                )
            by_identity.setdefault(identity, (document, programme.file))


def _identity(document: Document) -> tuple[str, str | None, dt.date | None, str | None]:
    return (document.kind, document.number, document.date, document.issuer)


def _legal_identity(document: Document) -> tuple[str, dt.date, str] | None:
    if document.kind != "legal" or not (document.number and document.date and document.issuer):
        return None
    return (document.number, document.date, document.issuer)


def _check_replacements(programmes: list[Programme], problems: list[DataFileError]) -> None:
    """Target ids are unique across files; a replacement names a known, earlier, matching target.

    The replacing target must be on the same unit, indicator and year and take effect later;
    a target is replaced at most once (the chain goes on from the replacing one).
    """
    owners: dict[str, tuple[Programme, Target, int]] = {}
    for programme in programmes:
        for number, target in enumerate(programme.targets, start=1):
            earlier = owners.get(target.id)
            if earlier is not None:
                problems.append(
                    DataFileError(
                        programme.file,
                        f"target id {target.id!r} is also used in {earlier[0].file}.",
                        where=_where(programme, f"targets[{number}]"),
                        fix="give every target its own id across all programme files.",
                        message_vi=f"mã chỉ tiêu {target.id!r} cũng được dùng trong "
                        f"{earlier[0].file}.",
                        fix_vi="cho mỗi chỉ tiêu một mã riêng trong mọi tệp chương trình.",
                        where_vi=_where(programme, f"targets[{number}]", "vi"),
                    )
                )
            else:
                owners[target.id] = (programme, target, number)
    successor: dict[str, str] = {}
    for programme in programmes:
        for number, target in enumerate(programme.targets, start=1):
            if target.replaces is None:
                continue
            where = _where(programme, f"targets[{number}].replaces")
            where_vi = _where(programme, f"targets[{number}].replaces", "vi")

            def problem(
                message: str,
                fix: str,
                *,
                vi: tuple[str, str],
                file: str = programme.file,
                at: tuple[str, str] = (where, where_vi),
            ) -> None:
                problems.append(
                    DataFileError(
                        file,
                        message,
                        where=at[0],
                        fix=fix,
                        message_vi=vi[0],
                        fix_vi=vi[1],
                        where_vi=at[1],
                    )
                )

            old = owners.get(target.replaces)
            if old is None:
                problem(
                    f"replaces target {target.replaces!r}, which no programme file defines.",
                    "use the id of the earlier target exactly as written in its file.",
                    vi=(
                        (
                            f"thay cho chỉ tiêu {target.replaces!r}, nhưng không tệp chương trình nào "
                            "khai báo chỉ tiêu đó."
                        ),
                        "dùng mã của chỉ tiêu trước đúng như ghi trong tệp của nó.",
                    ),
                )
                continue
            old_programme, old_target, _ = old
            same = (old_target.unit, old_target.indicator, old_target.year)
            if same != (target.unit, target.indicator, target.year):
                problem(
                    f"replaces {old_target.id!r} ({old_target.unit}, {old_target.indicator}, "
                    f"{old_target.year}) but is on {target.unit}, {target.indicator}, "
                    f"{target.year}; a replacement restates the same indicator, unit and year.",
                    "point `replaces` at the matching target, or drop it for a new target.",
                    vi=(
                        (
                            f"thay cho {old_target.id!r} ({old_target.unit}, {old_target.indicator}, "
                            f"{old_target.year}) nhưng lại về {target.unit}, {target.indicator}, "
                            f"{target.year}; chỉ tiêu thay thế phải cùng chỉ tiêu, đơn vị và năm."
                        ),
                        "trỏ `replaces` tới chỉ tiêu tương ứng, hoặc bỏ nó nếu là chỉ tiêu mới.",
                    ),
                )
            new_day = effective_date(programme, target)
            old_day = effective_date(old_programme, old_target)
            if new_day is None or old_day is None or new_day <= old_day:
                problem(
                    f"a replacement must take effect after the target it replaces "
                    f"({target.id}: {new_day}; {old_target.id}: {old_day}).",
                    "date both sources (or set `in_force_from`); the later document replaces.",
                    vi=(
                        (
                            "chỉ tiêu thay thế phải có hiệu lực sau chỉ tiêu nó thay "
                            f"({target.id}: {new_day}; {old_target.id}: {old_day})."
                        ),
                        (
                            "ghi ngày cho cả hai nguồn (hoặc đặt `in_force_from`); văn bản sau thay "
                            "văn bản trước."
                        ),
                    ),
                )
            if target.replaces in successor:
                problem(
                    f"{target.replaces!r} is already replaced by {successor[target.replaces]!r}.",
                    "replace the latest target of the chain instead.",
                    vi=(
                        f"{target.replaces!r} đã được thay bằng {successor[target.replaces]!r}.",
                        "hãy thay chỉ tiêu mới nhất của chuỗi.",
                    ),
                )
            else:
                successor[target.replaces] = target.id


def _where(programme: Programme, path: str, lang: Lang = "en") -> str:
    file = Path(programme.file)
    return FileReader(file, file.read_text(encoding="utf-8-sig")).where(path, lang)
