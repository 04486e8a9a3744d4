"""Time each stage of ``kzgraph build`` on the packaged graph, and the CLI's cold start.

Prints a table of medians over several runs in one process (the machine is shared and noisy, so single
runs mislead), plus each stage's share of the total. Run: ``python benchmarks/bench_build.py``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kzgraph import export
from kzgraph.build import compute, outputs
from kzgraph.load import load

STAGES = ["load", "reason", "validate", "export", "render", "write"]


def one_build(out: Path) -> dict[str, float]:
    """One full build in this process, with the time of each stage."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    kg = load()
    timings["load"] = time.perf_counter() - start
    build = compute(kg, timings)
    files = outputs(build, out)
    start = time.perf_counter()
    export.write_files(files)
    timings["write"] = time.perf_counter() - start
    return timings


def reference_routes(runs: int) -> dict[str, list[float]]:
    """The reference engines the fast path replaces: owlrl for reasoning, pyshacl alone for validation."""
    from kzgraph.build import validation_graph
    from kzgraph.reason import reason
    from kzgraph.validate import validate

    kg = load()
    asserted = kg.asserted()
    out: dict[str, list[float]] = {
        "reason owlrl": [],
        "reason fast": [],
        "validate pyshacl": [],
        "validate fast": [],
    }
    for _ in range(runs):
        for engine in ("owlrl", "fast"):
            start = time.perf_counter()
            inference = reason(kg, asserted, engine)
            out[f"reason {engine}"].append(time.perf_counter() - start)
        data = validation_graph(kg, asserted, inference)
        for route in ("pyshacl", "fast"):
            start = time.perf_counter()
            validate(data, kg.shapes, engine=route)
            out[f"validate {route}"].append(time.perf_counter() - start)
    return out


def cold_start(runs: int) -> list[float]:
    """Wall time of ``kzgraph --help`` in a fresh interpreter."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kzgraph", "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument(
        "--reference", action="store_true", help="also time owlrl and pyshacl-only validation"
    )
    args = parser.parse_args()
    samples: dict[str, list[float]] = {s: [] for s in STAGES}
    with tempfile.TemporaryDirectory() as tmp:
        one_build(Path(tmp))  # warm-up: imports and caches
        for _ in range(args.runs):
            timings = one_build(Path(tmp))
            for stage in STAGES:
                samples[stage].append(timings.get(stage, 0.0))
    medians = {s: statistics.median(v) for s, v in samples.items()}
    total = sum(medians.values())
    print(f"kzgraph build, median of {args.runs} runs (seconds)")
    print(f"{'stage':<10} {'median':>8} {'min':>8} {'max':>8} {'share':>7}")
    for stage in STAGES:
        v = samples[stage]
        print(
            f"{stage:<10} {medians[stage]:>8.3f} {min(v):>8.3f} {max(v):>8.3f} {medians[stage] / total:>7.1%}"
        )
    print(f"{'total':<10} {total:>8.3f}")
    if args.reference:
        ref = reference_routes(args.runs)
        print(f"\nreference engines, median of {args.runs} runs (seconds)")
        for name, values in ref.items():
            print(f"{name:<18} {statistics.median(values):>8.3f}")
        for what, slow, fast in (
            ("reason", "reason owlrl", "reason fast"),
            ("validate", "validate pyshacl", "validate fast"),
        ):
            ratio = statistics.median(ref[slow]) / statistics.median(ref[fast])
            print(f"{what}: fast path is {ratio:.1f}x the reference")
    cold = cold_start(args.runs)
    print(
        f"cold start of 'kzgraph --help': median {statistics.median(cold):.3f} s "
        f"(min {min(cold):.3f}, max {max(cold):.3f})"
    )


if __name__ == "__main__":
    main()
