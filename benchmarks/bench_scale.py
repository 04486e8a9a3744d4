"""Scale: load, reason, validate, every named query and the N-Quads export, on the packaged graph and on
synthetic graphs of 100k and 1M triples (``benchmarks/synth.py``), against the targets.

Each size runs in a fresh process per run, so that its peak memory (max RSS) is its own; times are
medians over ``--runs`` runs (one run from 1M up). The store is Oxigraph in memory, or on disk with
``--disk`` (in a temporary folder); the 10M run is a separate command because it takes long:

    python benchmarks/bench_scale.py                       # seed, 100k, 1M
    python benchmarks/bench_scale.py --sizes 10000000 --disk --core --keep build/bench

"queries (max)" is the slowest named query (median of three calls each, through the Python API, with
its guard and query thread, as a user calls it); "export nquads" writes the asserted and inferred graphs
to a file, as ``kzgraph export --format nquads -o FILE`` does.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STAGES = ["load", "reason", "validate", "queries (median)", "queries (max)", "export nquads", "peak MB"]
#: The targets at 1M triples (issue 13); "peak MB" is the whole process's.
TARGETS_1M = {
    "load": 15.0,
    "reason": 60.0,
    "validate": 120.0,
    "queries (max)": 1.0,
    "export nquads": 10.0,
    "peak MB": 4096.0,
}


def data_file(size: str, folder: Path) -> list[Path]:
    """The data files for a size: none for 'seed' (the packaged data), a generated file otherwise."""
    if size == "seed":
        return []
    path = folder / f"synth-{size}.ttl"
    if not path.exists():
        sys.path.insert(0, str(HERE))
        from synth import generate

        partial = path.with_suffix(".part")  # (renamed when whole: an interrupted run leaves no stub)
        partial.write_text(generate(int(size)), encoding="utf-8")
        partial.replace(path)
    return [path]


def _timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _progress(stage: str, seconds: float) -> None:
    """One line per finished stage on stderr, so that a run that ends early still says how far it got."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{stage}: {seconds:.1f} s, peak {peak:,.0f} MB so far", file=sys.stderr, flush=True)


def worker(size: str, folder: Path, disk: bool, core: bool = False) -> dict[str, Any]:
    """Every stage once, for one size, in this process (``core``: load, reason and validate only)."""
    import pyoxigraph as ox

    from kzgraph.api import KnowledgeGraph
    from kzgraph.load import Limits, load_sources
    from kzgraph.quality import quality_report
    from kzgraph.query import named_queries
    from kzgraph.reason import read_rules, reason
    from kzgraph.sources import Sources
    from kzgraph.store import LocalStore
    from kzgraph.validate import validate

    files = data_file(size, folder)
    sources = Sources.packaged(data_files=files) if files else Sources.packaged()
    limits = Limits(file_bytes=4 * 1024**3, triples=50_000_000)  # the defaults stop at 64 MB, 5M triples
    location = Path(tempfile.mkdtemp(prefix="store-", dir=folder)) if disk else None
    store = ox.Store(str(location)) if location else ox.Store()
    out: dict[str, Any] = {"size": size}
    out["load"], loaded = _timed(lambda: load_sources(store, sources, limits))
    out["triples"] = loaded.counts["data"]
    _progress("load", out["load"])
    out["reason"], inference = _timed(lambda: reason(store, read_rules(sources.rules), bulk=disk))
    out["inferred"] = inference.total
    _progress("reason", out["reason"])
    local = LocalStore(store)
    out["validate"], (report, quality) = _timed(lambda: (validate(store), quality_report(local)))
    out["conforms"] = report.conforms and quality.ok
    _progress("validate", out["validate"])
    kg = KnowledgeGraph(local, sources)
    if core:
        out["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        kg.close()
        if location:
            shutil.rmtree(location, ignore_errors=True)
        return out
    times = {}
    for name in named_queries():
        samples = [_timed(lambda name=name: kg.query(name))[0] for _ in range(3)]
        times[name] = statistics.median(samples)
    out["queries (median)"] = statistics.median(times.values())
    out["queries (max)"] = max(times.values())
    out["slowest query"] = max(times, key=lambda n: times[n])
    target = folder / f"export-{size}.nq"  # (written as `kzgraph export --format nquads -o FILE` writes it)
    out["export nquads"], _ = _timed(lambda: kg.export("nquads", target, inferred=True))
    target.unlink()
    out["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kg.close()
    if location:
        shutil.rmtree(location, ignore_errors=True)
    return out


def run_worker(size: str, folder: Path, disk: bool, core: bool = False) -> dict[str, Any]:
    """One run in a fresh process (its own peak memory); the result, or the error it ended with."""
    argv = [sys.executable, __file__, "--worker", size, str(folder)]
    argv += (["--disk"] if disk else []) + (["--core"] if core else [])
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None and child.stderr is not None
        lines = []
        for line in child.stderr:  # each stage's line as it ends, so a long run shows how far it got
            sys.stderr.write(line)
            sys.stderr.flush()
            lines.append(line.rstrip("\n"))
        stdout = child.stdout.read()
    if child.returncode != 0:
        return {"error": lines[-1] if lines else f"exit {child.returncode}"}
    result = json.loads(stdout.strip().splitlines()[-1])
    assert isinstance(result, dict)
    return result


def label(size: str) -> str:
    if size == "seed":
        return "seed"
    n = int(size)
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="seed,100000,1000000", help="comma-separated: seed or a count")
    parser.add_argument("--runs", type=int, default=3, help="runs per size below 1M (median)")
    parser.add_argument("--disk", action="store_true", help="Oxigraph on disk instead of in memory")
    parser.add_argument(
        "--core", action="store_true", help="load, reason and validate only (no queries, no export)"
    )
    parser.add_argument("--keep", type=Path, help="keep the generated data in this folder")
    parser.add_argument("--worker", nargs=2, metavar=("SIZE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        size, folder = args.worker
        print(json.dumps(worker(size, Path(folder), args.disk, args.core)))
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kzgraph-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    sizes = args.sizes.split(",")
    medians: dict[str, dict[str, Any]] = {}
    for size in sizes:
        data_file(size, folder)  # generated once, outside the timings
        runs = 1 if size != "seed" and int(size) >= 1_000_000 else args.runs
        results = [run_worker(size, folder, args.disk, args.core) for _ in range(runs)]
        good = [r for r in results if "error" not in r]
        if not good:
            medians[size] = {"error": results[0]["error"]}
            continue
        medians[size] = {s: statistics.median(r[s] for r in good) for s in STAGES if s in good[0]}
        keys = ("triples", "inferred", "conforms", "slowest query")
        medians[size].update({k: good[0].get(k, "-") for k in keys})
        medians[size]["runs"] = len(good)
    store = "Oxigraph on disk" if args.disk else "Oxigraph in memory"
    print(f"\nkzgraph at scale ({store}; seconds, medians of fresh-process runs; peak = max RSS)")
    header = f"{'stage':<18}" + "".join(f"{label(s):>12}" for s in sizes)
    show_target = "1000000" in sizes
    print(header + (f"{'target 1M':>12}{'':>6}" if show_target else ""))
    for stage in ["triples", "inferred", *STAGES]:
        row = f"{stage:<18}"
        for size in sizes:
            value = medians[size].get(stage)
            if value is None:
                row += f"{'-':>12}"
            elif stage in ("triples", "inferred", "peak MB"):
                row += f"{value:>12,.0f}"
            else:
                row += f"{value:>12.3f}"
        if show_target and stage in TARGETS_1M:
            value = medians["1000000"].get(stage)
            target = TARGETS_1M[stage]
            verdict = "" if value is None else ("  met" if value <= target else "  MISSED")
            row += f"{target:>12,g}{verdict:>6}"
        print(row)
    for size in sizes:
        m = medians[size]
        if "error" in m:
            print(f"{label(size)}: failed: {m['error']}")
        else:
            print(
                f"{label(size)}: {m['runs']} run(s); conforms: {m['conforms']}; "
                f"slowest query: {m['slowest query']}"
            )
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
