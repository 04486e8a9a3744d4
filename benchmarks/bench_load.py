"""Load test of the SPARQL endpoint on 127.0.0.1: concurrent clients sending cheap, expensive and
malformed queries; reports errors, cheap-query latency percentiles and the server's memory.

Bounded: a fixed number of requests, a fixed number of clients, and every request has a timeout; it
sends traffic only to the endpoint it starts on the loopback address. Run:
``python benchmarks/bench_load.py [--clients 20] [--requests 2000]``.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

CHEAP = [
    "ASK { ?s ?p ?o }",
    "SELECT ?n WHERE { <https://w3id.org/kzgraph/id/person/karim-massimov> "
    "<http://www.w3.org/2004/02/skos/core#prefLabel> ?n }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/kzgraph/ontology#Person> }",
    "SELECT ?r ?v WHERE { ?r <https://w3id.org/kzgraph/ontology#votes> ?v } ORDER BY DESC(?v) LIMIT 5",
]
EXPENSIVE = ["SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"]
MALFORMED = [
    "SELECT ?x WHERE { ?x ?y }",
    "INSERT DATA { <a:b> <a:c> <a:d> }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "NOT SPARQL AT ALL",
    "",
]


@dataclass
class Outcome:
    """What happened to the requests of one kind."""

    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def start(timeout: float, workers: int) -> tuple[str, Any, Any]:
    """Start the endpoint in this process on a free loopback port."""
    import uvicorn

    import kzgraph
    from kzgraph.httpguard import protocol_for
    from kzgraph.serve import ServeConfig, prepare

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = ServeConfig(port=port, timeout=timeout, workers=workers)
    store = kzgraph.open(build_dir=os.environ.get("KZGRAPH_BUILD_DIR", "build")).store
    pool, app = prepare(config, store)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", http=protocol_for(config))
    )
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.time() + 60
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}/sparql", server, pool


def run_load(
    url: str,
    clients: int,
    requests: int,
    mix: tuple[float, float, float],
    seed: int = 1,
    client_timeout: float = 60,
) -> dict[str, Outcome]:
    """Send ``requests`` requests from ``clients`` threads; mix = shares of cheap, expensive, malformed."""
    rng = random.Random(seed)
    plan = rng.choices(["cheap", "expensive", "malformed"], weights=mix, k=requests)
    outcomes = {k: Outcome() for k in ("cheap", "expensive", "malformed")}
    lock = threading.Lock()

    def one(kind: str) -> None:
        query = rng.choice({"cheap": CHEAP, "expensive": EXPENSIVE, "malformed": MALFORMED}[kind])
        body = urllib.parse.urlencode({"query": query}).encode()
        req = urllib.request.Request(
            url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        start_at = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=client_timeout) as r:
                r.read()
                status = r.status
        except urllib.error.HTTPError as e:
            status = e.code
        except OSError:
            status = 0  # connection failed or timed out on the client side
        elapsed = time.perf_counter() - start_at
        with lock:
            outcomes[kind].statuses[status] += 1
            outcomes[kind].latencies.append(elapsed)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, plan))
    return outcomes


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=1.0, help="the endpoint's per-query timeout")
    parser.add_argument("--workers", type=int, default=4, help="the endpoint's query worker processes")
    parser.add_argument("--mix", default="0.9,0.02,0.08", help="shares of cheap, expensive, malformed")
    args = parser.parse_args()
    import os

    url, server, pool = start(args.timeout, args.workers)
    pids = [os.getpid(), *(w.process.pid for w in pool.workers)]
    before = sum(rss_mb(p) for p in pids)
    started = time.perf_counter()
    outcomes = run_load(url, args.clients, args.requests, tuple(float(x) for x in args.mix.split(",")))
    wall = time.perf_counter() - started
    after = sum(rss_mb(p) for p in [os.getpid(), *(w.process.pid for w in pool.workers)])
    print(
        f"{args.requests} requests from {args.clients} clients in {wall:.1f} s "
        f"(endpoint: {args.workers} workers, {args.timeout:g} s query timeout)"
    )
    for kind, o in outcomes.items():
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(o.statuses.items()))
        lat = o.latencies
        median = statistics.median(lat) * 1000 if lat else float("nan")
        print(
            f"  {kind:<10} {len(lat):>5} requests; statuses {statuses}; latency median "
            f"{median:.1f} ms, p99 {percentile(lat, 99) * 1000:.1f} ms"
        )
    print(f"  memory (server + workers): {before:.0f} MB before, {after:.0f} MB after")
    server.should_exit = True
    pool.close()


if __name__ == "__main__":
    main()
