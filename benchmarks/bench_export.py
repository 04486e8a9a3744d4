"""Time every export format on the full (reasoned) graph: medians of several runs, and output sizes.

Run: ``python benchmarks/bench_export.py``.
"""

from __future__ import annotations

import argparse
import statistics
import time

from kzgraph.build import compute
from kzgraph.export import FRAMES, OTHER_FORMATS, RDF_FORMATS, export


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per format (default 5)")
    args = parser.parse_args()
    build = compute()
    cases = [(f, None) for f in RDF_FORMATS + OTHER_FORMATS] + [("jsonld", frame) for frame in FRAMES]
    total = build.loaded.counts["ontology"] + build.loaded.counts["data"] + build.inference.total
    print(f"exports of the reasoned graph ({total} triples), median of {args.runs} runs")
    print(f"{'format':<22} {'median s':>9} {'min s':>8} {'bytes':>10}")
    for fmt, frame in cases:
        times, size = [], 0
        for _ in range(args.runs):
            start = time.perf_counter()
            files = export(build.store, fmt, inferred=True, frame=frame)
            times.append(time.perf_counter() - start)
            size = sum(len(t.encode("utf-8")) for t in files.values())
        name = fmt if frame is None else f"{fmt} --frame {frame}"
        print(f"{name:<22} {statistics.median(times):>9.3f} {min(times):>8.3f} {size:>10}")


if __name__ == "__main__":
    main()
