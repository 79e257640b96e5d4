"""Benchmarks: each `bench_*.py` module has `main() -> None` printing its figures as ratios."""
