"""The endpoint under a bounded load on 127.0.0.1: no crash, no error for a cheap query, memory bounded.

The load generator is the one in ``benchmarks/bench_load.py`` (which reports the full 2,000-request
figures); here a smaller run checks behaviour, never speed.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import urllib.parse
import urllib.request
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_load.py"


def bench_load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_load", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_endpoint_under_concurrent_mixed_load() -> None:
    bench = bench_load()
    url, server, pool = bench.start(timeout=1.0, workers=3)
    try:
        pids = lambda: [os.getpid(), *(w.process.pid for w in pool.workers)]  # noqa: E731
        warm = bench.run_load(url, clients=10, requests=60, mix=(1.0, 0.0, 0.0), seed=7)
        assert warm["cheap"].statuses == {200: 60}
        before = sum(bench.rss_mb(p) for p in pids())

        outcomes = bench.run_load(url, clients=20, requests=500, mix=(0.9, 0.02, 0.08), seed=3)

        cheap, expensive, malformed = outcomes["cheap"], outcomes["expensive"], outcomes["malformed"]
        assert cheap.latencies and expensive.latencies and malformed.latencies
        # Every cheap query answered, even while expensive ones were being killed.
        assert set(cheap.statuses) == {200}, cheap.statuses
        # Expensive ones stopped by the timeout (503), never a crash (0 or 5xx other than 503).
        assert set(expensive.statuses) <= {503}, expensive.statuses
        # Malformed ones refused as client errors.
        assert all(400 <= s < 500 for s in malformed.statuses), malformed.statuses
        after = sum(bench.rss_mb(p) for p in pids())
        assert after - before < 200, (before, after)
        # The endpoint still answers afterwards, and the worker pool is whole.
        query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        with urllib.request.urlopen(f"{url}?{query}", timeout=30) as r:
            assert r.status == 200 and b"true" in r.read()
        assert all(w.process.is_alive() for w in pool.workers)
    finally:
        server.should_exit = True
        pool.close()
