"""The benchmarks and the figures they produce.

A benchmark is a function `(quick: bool) -> list[Figure]`; register it with `@benchmark`.
Later issues add their own modules and list them in BENCHMARK_MODULES.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str


Benchmark = Callable[[bool], list[Figure]]
BENCHMARKS: dict[str, Benchmark] = {}
BENCHMARK_MODULES = [
    "bench.bench_foundation",
    "bench.bench_monitor",
    "bench.bench_import",
    "bench.bench_assignment",
    "bench.bench_notes",
    "bench.bench_report",
    "bench.bench_backup",
]


def benchmark(name: str) -> Callable[[Benchmark], Benchmark]:
    def register(function: Benchmark) -> Benchmark:
        BENCHMARKS[name] = function
        return function

    return register
