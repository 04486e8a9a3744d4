"""Latency of every named query on the seed graph: through the Python API (its guard and query thread),
on the built store on disk, and over HTTP through the endpoint.

Medians of several runs per query (the machine is shared and noisy). Run:
``python benchmarks/bench_queries.py [--runs 7] [--no-http]``.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kzgraph.api import KnowledgeGraph
from kzgraph.build import STORE_LINK, run_build
from kzgraph.query import named_queries
from kzgraph.store import LocalStore


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def start_endpoint(store: LocalStore) -> tuple[str, Any, Any]:
    import uvicorn

    from kzgraph.httpguard import protocol_for
    from kzgraph.serve import ServeConfig, prepare

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = ServeConfig(port=port, workers=2, timeout=30)
    pool, app = prepare(config, store)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", http=protocol_for(config))
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, pool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-http", action="store_true", help="skip the endpoint measurements")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build = run_build(Path(tmp))
        memory = KnowledgeGraph(build.store)
        disk = KnowledgeGraph(LocalStore.open(Path(tmp) / STORE_LINK))
        endpoint = server = pool = None
        if not args.no_http:
            endpoint, server, pool = start_endpoint(disk.store)  # type: ignore[arg-type]
        print(f"named queries on the seed graph, median of {args.runs} runs, ms")
        print(f"{'query':<34} {'memory':>9} {'disk':>9} {'http':>9}")
        totals: dict[str, list[float]] = {"memory": [], "disk": [], "http": []}
        for name in named_queries():
            m = median_ms(lambda name=name: memory.query(name), args.runs)
            d = median_ms(lambda name=name: disk.query(name), args.runs)
            h = float("nan")
            if endpoint:
                url = f"{endpoint}/queries/{name}"  # (its default parameters)

                def fetch(url: str = url) -> None:
                    request = urllib.request.Request(
                        url, headers={"Accept": "application/sparql-results+json"}
                    )
                    urllib.request.urlopen(request).read()

                h = median_ms(fetch, args.runs)
            for key, value in (("memory", m), ("disk", d), ("http", h)):
                totals[key].append(value)
            print(f"{name:<34} {m:>9.2f} {d:>9.2f} {h:>9.2f}")
        medians = " ".join(f"{statistics.median(totals[k]):>9.2f}" for k in totals)
        print(f"{'median over queries':<34} {medians}")
        print(f"{'slowest':<34} " + " ".join(f"{max(totals[k]):>9.2f}" for k in totals))
        if server is not None:
            server.should_exit = True
            pool.close()
        disk.close()


if __name__ == "__main__":
    main()
