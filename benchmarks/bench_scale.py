"""Speed and scale: every stage on the seed graph and on synthetic graphs of 10k, 100k and 1M triples, on
each store, against the naive pipeline (rdflib parser + owlrl + pyshacl running owlrl itself).

Stores: ``memory`` (rdflib), ``oxigraph`` (embedded) and ``sparql`` (a fresh Oxigraph server on
127.0.0.1, filled over SPARQL Update; its queries go over HTTP, its export downloads both graphs, and
its peak memory is the client's only).

Each (size, store) run happens in a fresh process, so its peak memory (max RSS) is its own. Stage
times are medians over ``--runs`` runs (one run at 1M). The naive pipeline is measured in the same run
where it finishes in reasonable time (seed and 10k); above that it is reported as skipped.

Run: ``python benchmarks/bench_scale.py [--sizes seed,10000,100000,1000000] [--runs 3]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STAGES = ["load", "reason", "validate", "queries (median)", "queries (max)", "export", "render"]


def _timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def data_file(size: str, folder: Path) -> list[Path]:
    """The data files for a size: the packaged data for 'seed', a generated file otherwise."""
    if size == "seed":
        from kzgraph.resources import data_dir

        return sorted(data_dir().glob("*.ttl"))
    path = folder / f"synth-{size}.ttl"
    if not path.exists():
        sys.path.insert(0, str(HERE))
        from synth import generate

        path.write_text(generate(int(size)), encoding="utf-8")
    return [path]


def worker(size: str, store: str, folder: Path) -> dict[str, Any]:
    """Run every stage once for one size and store; return the timings and the peak memory."""
    from kzgraph.oxi import store_from

    from kzgraph.build import validation_graph
    from kzgraph.export import to_ntriples, to_turtle
    from kzgraph.load import load
    from kzgraph.network import build_network
    from kzgraph.quality import quality_report
    from kzgraph.query import bindings_for, named_queries, run, run_oxigraph
    from kzgraph.reason import reason
    from kzgraph.validate import validate
    from kzgraph.viz import render_html

    files = data_file(size, folder)
    out: dict[str, Any] = {"size": size, "store": store}
    t, kg = _timed(lambda: load(files))
    out["load"] = t
    asserted = kg.asserted()
    out["triples"] = len(kg.data)
    t, inference = _timed(lambda: reason(kg, asserted, "fast"))
    out["reason"] = t
    out["inferred"] = len(inference.graph)

    def _validate() -> bool:
        report = validate(validation_graph(kg, asserted, inference), kg.shapes)
        quality = quality_report(asserted, inference.graph)
        return report.conforms and quality.ok

    t, conforms = _timed(_validate)
    out["validate"], out["conforms"] = t, conforms
    merged = asserted + inference.graph
    server = None
    if store == "sparql":
        from kzgraph.store import SparqlStore

        server, url = start_oxigraph_server(folder)
        remote = SparqlStore(url, timeout=600)
        t, _ = _timed(lambda: remote.replace(asserted, inference.graph))
        out["store load"] = t

        def ask(text: str, b: Any) -> Any:
            return remote.query(text, b)
    elif store == "oxigraph":
        t, ox = _timed(lambda: store_from(merged))
        out["store load"] = t

        def ask(text: str, b: Any) -> Any:
            return run_oxigraph(ox, text, b)
    else:

        def ask(text: str, b: Any) -> Any:
            return run(merged, text, b)

    times = []
    for q in named_queries().values():
        b = bindings_for(q, {})
        samples = [_timed(lambda q=q, b=b: ask(q.text, b))[0] for _ in range(3)]
        times.append(statistics.median(samples))
    out["queries (median)"] = statistics.median(times)
    out["queries (max)"] = max(times)
    if store == "sparql":
        t, _ = _timed(remote.graphs)  # both named graphs, downloaded and parsed
    elif store == "oxigraph":
        import pyoxigraph

        t, _ = _timed(lambda: ox.dump(format=pyoxigraph.RdfFormat.N_QUADS))
    else:
        t, _ = _timed(lambda: (to_turtle(asserted), to_ntriples(merged)))
    out["export"] = t
    t, _ = _timed(lambda: render_html(build_network(merged), merged, asserted=asserted))
    out["render"] = t
    out["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if server is not None:
        server.terminate()
        server.wait(30)
    return out


def oxigraph_server_binary() -> str | None:
    """The ``oxigraph`` server from the PyPI package of that name (in kzgraph's test extras)."""
    import shutil

    return shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")


def start_oxigraph_server(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """A fresh Oxigraph server on 127.0.0.1 with its data under ``folder``; waits until it answers."""
    import socket
    import urllib.request

    binary = oxigraph_server_binary()
    assert binary, "the sparql store needs the Oxigraph server: pip install oxigraph"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    location = Path(tempfile.mkdtemp(prefix="oxigraph-", dir=folder))
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the Oxigraph server did not start")


def naive(size: str, folder: Path) -> dict[str, Any]:
    """The naive pipeline: rdflib's parser, owlrl, pyshacl with inference='owlrl'."""
    import owlrl
    import rdflib
    from pyshacl import validate as shacl

    from kzgraph.resources import ontology_dir

    files = data_file(size, folder)
    out: dict[str, Any] = {"size": size, "store": "naive"}

    def _load() -> Any:
        g = rdflib.Graph()
        for f in [*sorted(ontology_dir().glob("*.ttl")), *files]:
            g.parse(f, format="turtle")
        return g

    t, g = _timed(_load)
    out["load"] = t
    shapes = rdflib.Graph()
    for f in sorted((ontology_dir() / "shapes").glob("*.ttl")):
        shapes.parse(f, format="turtle")
    closure = rdflib.Graph()
    for tr in g:
        closure.add(tr)
    t, _ = _timed(lambda: owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure))
    out["reason"] = t
    t, _ = _timed(lambda: shacl(g, shacl_graph=shapes, inference="owlrl", advanced=True))
    out["validate"] = t
    out["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def run_worker(args: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--worker", *args], capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert isinstance(result, dict)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="seed,10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--naive-up-to", type=int, default=10_000, help="largest size to run the naive pipeline on"
    )
    parser.add_argument("--worker", nargs=3, metavar=("SIZE", "STORE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        size, store, folder = args.worker
        result = naive(size, Path(folder)) if store == "naive" else worker(size, store, Path(folder))
        print(json.dumps(result))
        return
    folder = Path(tempfile.mkdtemp(prefix="kzgraph-bench-"))
    for size in args.sizes.split(","):
        data_file(size, folder)  # generate once, outside the timings
        runs = 1 if size not in ("seed",) and int(size) >= 1_000_000 else args.runs
        results: dict[str, list[dict[str, Any]]] = {}
        stores = ["memory", "oxigraph"]
        if oxigraph_server_binary():
            stores.append("sparql")
        else:
            print("sparql store: skipped (the Oxigraph server is missing: pip install oxigraph)")
        if size == "seed" or int(size) <= args.naive_up_to:
            stores.append("naive")
        for store in stores:
            results[store] = [
                run_worker([size, store, str(folder)]) for _ in range(1 if store == "naive" else runs)
            ]
        first = results["memory"][0]
        print(
            f"\n== {size}: {first.get('triples', '?')} data triples, {first.get('inferred', '?')} inferred; "
            f"median of {runs} run(s) in fresh processes (naive: 1 run)"
        )
        print(f"{'stage (s)':<18}" + "".join(f"{s:>12}" for s in stores) + f"{'naive/fast':>12}")
        for stage in [*STAGES, "store load", "peak MB"]:
            row = f"{stage:<18}"
            values = {}
            for store in stores:
                vals = [r[stage] for r in results[store] if stage in r]
                values[store] = statistics.median(vals) if vals else None
                row += f"{values[store]:>12.3f}" if values[store] is not None else f"{'-':>12}"
            fast = values.get("memory")
            if "naive" in values and values["naive"] is not None and fast:
                row += f"{values['naive'] / fast:>11.1f}x"
            print(row)
        for store in stores:
            errors = [r["error"] for r in results[store] if "error" in r]
            if errors:
                print(f"  {store} failed: {errors[0]}")
        if "naive" in results and "error" not in results["naive"][0]:
            n = results["naive"][0]
            total_naive = n["load"] + n["reason"] + n["validate"]
            m = [statistics.median(r[s] for r in results["memory"]) for s in ("load", "reason", "validate")]
            print(
                f"load+reason+validate: naive {total_naive:.2f} s, fast {sum(m):.2f} s, "
                f"{total_naive / sum(m):.1f}x faster"
            )
        elif "naive" not in stores:
            print("naive pipeline: skipped (owlrl and pyshacl with owlrl take minutes to hours at this size)")
    if os.environ.get("KEEP_BENCH_DATA") is None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
