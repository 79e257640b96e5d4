"""Sessions for tests, lint, type checks, benchmarks and reports."""

from __future__ import annotations

from pathlib import Path

import nox

nox.needs_version = ">=2024.10"
nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = False

PYPROJECT = nox.project.load_toml("pyproject.toml")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite against the installed (non-editable) package.

    Without arguments the whole suite runs under branch coverage and fails below the floor
    set by ``fail_under`` in pyproject.toml; arguments are passed to pytest as they are.
    """
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "test"))
    coverage = [] if session.posargs else ["--cov", "--cov-report=term"]
    session.run("pytest", *coverage, *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Run ruff on the whole tree."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".", *session.posargs)
    session.run("ruff", "format", "--check", "src", "tests", "noxfile.py")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check the package with mypy --strict."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "typecheck"))
    session.run("mypy", "--strict", "src", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site (chapters in docs/, API from docstrings), warnings as errors."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "docs"))
    site = Path(session.create_tmp()) / "site"
    env = {"NO_MKDOCS_2_WARNING": "1"}  # a notice about MkDocs 2, not a build warning
    session.run("mkdocs", "build", "--strict", "--site-dir", str(site), *session.posargs, env=env)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Run the benchmarks; each prints its figures as ratios against a baseline."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "bench"))
    session.run("python", "-m", "benchmarks", *session.posargs)


@nox.session(default=False)
def reports(session: nox.Session) -> None:
    """Write every unit's report from the shipped data into reports/."""
    session.install(".")
    session.run("stkit", "report", "--all", *session.posargs)
