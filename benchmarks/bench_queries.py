"""Latency of every named query: in-process on rdflib and on Oxigraph, and over HTTP through the endpoint.

Medians of several runs per query (the machine is shared and noisy). Run:
``python benchmarks/bench_queries.py [--runs 7] [--no-http]``.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import threading
import time
import urllib.parse
import urllib.request

from kzgraph.oxi import store_from

from kzgraph.build import compute
from kzgraph.query import bindings_for, inject_bindings, named_queries, run, run_oxigraph


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def start_endpoint() -> tuple[str, object, object]:
    import uvicorn

    from kzgraph.serve import ServeConfig, prepare

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    pool, app = prepare(ServeConfig(port=port, workers=2, timeout=30))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}/sparql", server, pool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-http", action="store_true", help="skip the endpoint measurements")
    args = parser.parse_args()
    build = compute()
    merged = build.merged()
    store = store_from(merged)
    endpoint = server = pool = None
    if not args.no_http:
        endpoint, server, pool = start_endpoint()
    print(f"named queries on the reasoned graph ({len(merged)} triples), median of {args.runs} runs, ms")
    print(f"{'query':<34} {'rdflib':>9} {'oxigraph':>9} {'http':>9}")
    totals = {"rdflib": [], "oxigraph": [], "http": []}  # type: ignore[var-annotated]
    for name, q in named_queries().items():
        bindings = bindings_for(q, {})
        r = median_ms(lambda q=q, b=bindings: run(merged, q.text, b), args.runs)
        o = median_ms(lambda q=q, b=bindings: run_oxigraph(store, q.text, b), args.runs)
        h = float("nan")
        if endpoint:
            body = urllib.parse.urlencode({"query": inject_bindings(q.text, bindings)}).encode()

            def fetch(body: bytes = body) -> None:
                req = urllib.request.Request(
                    endpoint, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
                )
                urllib.request.urlopen(req).read()

            h = median_ms(fetch, args.runs)
        for key, value in (("rdflib", r), ("oxigraph", o), ("http", h)):
            totals[key].append(value)
        print(f"{name:<34} {r:>9.2f} {o:>9.2f} {h:>9.2f}")
    print(
        f"{'median over queries':<34} {statistics.median(totals['rdflib']):>9.2f} "
        f"{statistics.median(totals['oxigraph']):>9.2f} {statistics.median(totals['http']):>9.2f}"
    )
    slowest = " ".join(f"{max(totals[k]):>9.2f}" for k in ("rdflib", "oxigraph", "http"))
    print(f"{'slowest':<34} {slowest}")
    if server is not None:
        server.should_exit = True  # type: ignore[attr-defined]
        pool.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
