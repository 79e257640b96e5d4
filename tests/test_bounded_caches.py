"""Every memoised function has a bounded cache, so a long-running process cannot grow without end.

`functools.cache` and `lru_cache(maxsize=None)` keep every key forever; caches keyed on file
stamps (a new key each time the data changes) would keep every old copy of the data.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parents[1] / "src" / "stkit"


def _unbounded(decorator: ast.expr) -> bool:
    name = ast.unparse(decorator.func if isinstance(decorator, ast.Call) else decorator)
    if name.rsplit(".", 1)[-1] == "cache":
        return True
    if name.rsplit(".", 1)[-1] != "lru_cache" or not isinstance(decorator, ast.Call):
        return False
    sizes = [k.value for k in decorator.keywords if k.arg == "maxsize"] + decorator.args[:1]
    return any(isinstance(size, ast.Constant) and size.value is None for size in sizes)


def test_no_unbounded_function_caches() -> None:
    found = [
        f"{path.relative_to(SRC)}:{node.lineno} {node.name}"
        for path in sorted(SRC.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and any(_unbounded(d) for d in node.decorator_list)
    ]
    assert found == [], "use functools.lru_cache(maxsize=N)"


def test_the_check_sees_unbounded_caches() -> None:
    source = "@functools.cache\ndef a(): ...\n@lru_cache(maxsize=None)\ndef b(): ...\n"
    source += "@lru_cache(None)\ndef c(): ...\n@lru_cache(maxsize=4)\ndef d(): ...\n@lru_cache\ndef e(): ...\n"
    tree = ast.parse(source)
    flagged = [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and any(_unbounded(d) for d in node.decorator_list)
    ]
    assert flagged == ["a", "b", "c"]
