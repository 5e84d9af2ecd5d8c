"""Runs the registered benchmarks and prints one JSON line per figure."""

import argparse
import importlib
import json
import sys
from collections.abc import Sequence

from bench.registry import BENCHMARK_MODULES, BENCHMARKS


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Veiligheidsdialoog benchmarks")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="smaller repetitions, for CI and a quick look")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    args = parser.parse_args(argv)
    for module in BENCHMARK_MODULES:
        importlib.import_module(module)
    if args.list:
        for name in sorted(BENCHMARKS):
            print(name)
        return 0
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        print(
            f"Onbekende benchmark(s): {', '.join(unknown)}; kies uit {', '.join(sorted(BENCHMARKS))}", file=sys.stderr
        )
        return 2
    for name in args.names or sorted(BENCHMARKS):
        for figure in BENCHMARKS[name](args.quick):
            print(json.dumps({"name": figure.name, "value": round(figure.value, 6), "unit": figure.unit}), flush=True)
    return 0
