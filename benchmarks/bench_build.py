"""The seed graph: ``kzgraph build``, ``query`` and ``show`` as whole processes, the build's stages, and the
naive pipeline the store-centred build replaces.

Whole-process times are what a user waits for: a fresh interpreter each run (bytecode cached, as after
``pip install``), medians of ``--runs`` runs. The naive pipeline is what a first version would do with
the core libraries alone, in the same run: rdflib parses the ontology and data, owlrl computes the OWL 2
RL closure, pyshacl validates (SHACL-SPARQL constraints included) on the closure, and rdflib writes
Turtle and JSON-LD. Run: ``python benchmarks/bench_build.py [--runs 5]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = ["load", "reason", "validate", "export", "write", "render"]


def whole_process(argv: list[str], runs: int, cwd: Path) -> list[float]:
    """Wall times of ``kzgraph ARGV`` in fresh processes (after one warm-up run)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kzgraph", *argv], cwd=cwd, env=env, check=True, capture_output=True
        )
        if i:  # the first run compiles bytecode and fills the page cache
            times.append(time.perf_counter() - start)
    return times


def stages(runs: int) -> dict[str, list[float]]:
    """The build's own stage timings (in this process)."""
    from kzgraph.build import run_build

    out: dict[str, list[float]] = {s: [] for s in STAGES}
    with tempfile.TemporaryDirectory() as tmp:
        run_build(Path(tmp))
        for _ in range(runs):
            build = run_build(Path(tmp))
            for s in STAGES:
                out[s].append(build.timings.get(s, 0.0))
    return out


def naive(out: Path) -> dict[str, float]:
    """The naive pipeline, once: rdflib, owlrl, pyshacl, rdflib's writers."""
    import owlrl
    import rdflib
    from pyshacl import validate

    from kzgraph.export import jsonld_context
    from kzgraph.resources import data_dir, ontology_dir

    times: dict[str, float] = {}
    start = time.perf_counter()
    graph = rdflib.Graph()
    for f in sorted(ontology_dir().glob("*.ttl")):
        graph.parse(f, format="turtle")
    for f in sorted(data_dir().glob("*.trig")):  # each section's graph, merged
        dataset = rdflib.Dataset()
        dataset.parse(f, format="trig")
        for t in dataset.quads((None, None, None, None)):
            graph.add(t[:3])
    shapes = rdflib.Graph()
    for f in sorted((ontology_dir() / "shapes").glob("*.ttl")):
        shapes.parse(f, format="turtle")
    times["load"] = time.perf_counter() - start
    start = time.perf_counter()
    closure = rdflib.Graph()
    for t in graph:
        closure.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    times["reason"] = time.perf_counter() - start
    start = time.perf_counter()
    validate(closure, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    times["validate"] = time.perf_counter() - start
    start = time.perf_counter()
    graph.serialize(out / "naive.ttl", format="turtle")
    (out / "naive.jsonld").write_text(
        graph.serialize(format="json-ld", context=jsonld_context()), encoding="utf-8"
    )
    times["export"] = time.perf_counter() - start
    return times


def show(label: str, values: list[float]) -> None:
    print(f"{label:<34} {statistics.median(values):>8.3f} {min(values):>8.3f} {max(values):>8.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive pipeline (about 30 s)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build = whole_process(["build", "--out", "build"], args.runs, folder)
        query = whole_process(["query", "prime-ministers"], args.runs, folder)
        show_ = whole_process(["show", "Massimov"], args.runs, folder)
        naive_times = None if args.no_naive else naive(folder)
    print(f"Whole processes, seconds (median, min, max of {args.runs} runs)")
    show("kzgraph build", build)
    show("kzgraph query prime-ministers", query)
    show("kzgraph show Massimov", show_)
    print(f"\nStages of the build in one process (median of {args.runs}; JSON-LD and explorer in children)")
    for stage, values in stages(args.runs).items():
        show(f"  {stage}", values)
    if naive_times is not None:
        total = sum(naive_times.values())
        print("\nNaive pipeline (rdflib + owlrl + pyshacl + rdflib writers), one run in this process")
        for stage, value in naive_times.items():
            print(f"  {stage:<32} {value:>8.3f}")
        print(f"  {'total':<32} {total:>8.3f}")
        ratio = total / statistics.median(build)
        print(f"\nbuild vs naive: {ratio:.1f}x faster (the whole build process against the naive stages)")


if __name__ == "__main__":
    main()
