"""What the benchmark scripts share: timing a call and showing a duration."""

from __future__ import annotations

import statistics
import time
from typing import Callable


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and best wall time of `runs` calls, in seconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples)


def fmt(seconds: float) -> str:
    if seconds < 0.001:  # per-call costs of small steps (benchmarks/bench_policy.py)
        return f"{seconds * 1e6:.0f} µs"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def print_table(rows: list[tuple[str, float, float]]) -> None:
    """A Markdown table of (what, median, best) rows."""
    width = max(len(r[0]) for r in rows)
    print(f"| {'what':<{width}} | median | best |")
    print(f"|{'-' * (width + 2)}|-------:|-----:|")
    for label, median, best in rows:
        print(f"| {label:<{width}} | {fmt(median)} | {fmt(best)} |")
