"""Vocabularies have one home (`stkit.vocab`); table columns are declared once."""

from __future__ import annotations

import doctest
import subprocess
import sys
from types import ModuleType
from typing import get_args

import polars as pl
import pytest

from stkit import i18n, outputs, schemas, vocab
from stkit.i18n import labels, messages
from stkit.programmes import export, model


def test_tuples_derive_from_literals() -> None:
    pairs = [
        (vocab.Comparator, vocab.COMPARATORS),
        (vocab.TaskStatus, vocab.TASK_STATUSES),
        (vocab.Direction, vocab.DIRECTIONS),
        (vocab.IndicatorKind, vocab.INDICATOR_KINDS),
        (vocab.MergeRule, vocab.MERGE_RULES),
        (vocab.Lang, vocab.LANGS),
    ]
    for literal, values in pairs:
        assert values == get_args(literal)
    assert vocab.COMPARATORS == (">=", ">", "<=", "<", "=")
    assert vocab.TASK_STATUSES == ("not_started", "in_progress", "done", "dropped")
    assert vocab.MERGE_RULES == ("sum", "weighted_mean", "none")
    assert vocab.LANGS == ("vi", "en")


def test_every_layer_uses_the_one_vocabulary() -> None:
    assert model.COMPARATORS is vocab.COMPARATORS
    assert model.TASK_STATUSES is vocab.TASK_STATUSES
    assert model.Comparator is vocab.Comparator
    assert schemas.MERGE_RULES is vocab.MERGE_RULES
    assert schemas.DIRECTIONS is vocab.DIRECTIONS
    assert schemas.KINDS is vocab.INDICATOR_KINDS
    assert schemas.STATUSES is vocab.TASK_STATUSES
    assert i18n.Lang is vocab.Lang
    assert i18n.LANGS is vocab.LANGS
    assert schemas.TARGETS.column("comparator").allowed == vocab.COMPARATORS
    assert schemas.INDICATORS.column("merge_rule").allowed == vocab.MERGE_RULES


def _imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_vocab_imports_nothing_heavy() -> None:
    loaded = _imported_after("import stkit.vocab")
    assert not {"polars", "pandera", "babel", "stkit.programmes"} & loaded


def test_schemas_does_not_import_the_registry_or_pandera() -> None:
    # the cycle schemas → programmes.model → programmes → export is gone
    loaded = _imported_after("import stkit.schemas")
    assert "stkit.programmes" not in loaded
    assert "pandera" not in loaded


def test_registry_exports_use_the_table_specs() -> None:
    assert schemas.TARGETS.dtypes == export.TARGETS_SCHEMA
    assert schemas.TASK_STATUS.dtypes == export.TASK_STATUS_SCHEMA
    assert list(schemas.TARGETS.dtypes) == list(schemas.TARGETS.names)
    assert schemas.TARGETS.dtypes["year"] == pl.Int64()
    assert schemas.TARGETS.empty().schema == pl.Schema(schemas.TARGETS.dtypes)


@pytest.mark.parametrize("module", [vocab, outputs, labels, messages])
def test_docstring_examples_run(module: ModuleType) -> None:
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0
    assert failed == 0


def test_progress_uses_the_table_specs_and_the_output_spec() -> None:
    from stkit import progress  # noqa: PLC0415
    from stkit.progress import _frames  # noqa: PLC0415

    assert schemas.TARGETS.dtypes == _frames._TARGET_COLUMNS
    assert progress.PROGRESS_COLUMNS == outputs.PROGRESS_PUBLIC_COLUMNS
    assert outputs.PROGRESS.columns == progress.PROGRESS_COLUMNS + progress.EXTRA_COLUMNS
    assert progress.COMPARATORS is vocab.COMPARATORS
