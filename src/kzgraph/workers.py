"""The endpoint's query workers: processes that hold the graph and answer one query at a time.

A worker opens the built store read-only (or loads a dump of an in-memory one) and runs each query on its
query thread, where no network socket can be opened (:mod:`kzgraph.sandbox`). The pool kills a worker
whose query runs past the timeout, or whose memory passes the budget, and starts a fresh one in its
place, so one expensive query can neither hang the endpoint nor slow the next one. A worker that dies
by itself (a crash in native code) is reported as a crash, not as a timeout.

Results are written by pyoxigraph's writers. A result over the row cap is refused, never cut: the worker
first counts up to one row past the cap, then runs the query again to write it.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any

from kzgraph.errors import KzError

TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Source:
    """Where a worker finds the graph: a store folder to open read-only, or N-Quads to load."""

    path: str | None = None
    nquads: bytes = b""
    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


@dataclass(frozen=True)
class Job:
    """One query for a worker: the text, its result format, and what the store's graphs are."""

    query: str
    fmt: str
    inferred: bool = True


def _open(source: Source) -> Any:
    import pyoxigraph as ox

    if source.path is not None:
        return ox.Store.read_only(source.path)
    store = ox.Store()
    store.bulk_load(source.nquads, format=ox.RdfFormat.N_QUADS)
    return store


def _answer(store: Any, source: Source, job: Job, max_rows: int) -> tuple[int, str, bytes]:
    import pyoxigraph as ox

    from kzgraph.namespaces import GRAPH_INFERRED, PREFIXES
    from kzgraph.results import MEDIA_TYPES, serialize_result

    default = [ox.NamedNode(g) for g in source.default if job.inferred or g != GRAPH_INFERRED]
    named = [ox.NamedNode(g) for g in source.named]

    def run() -> Any:
        return store.query(job.query, prefixes=dict(PREFIXES), default_graph=default, named_graphs=named)

    result = run()
    if isinstance(result, ox.QuerySolutions | ox.QueryTriples):
        if sum(1 for _ in islice(result, max_rows + 1)) > max_rows:
            noun = "rows" if isinstance(result, ox.QuerySolutions) else "triples"
            message = f"the result has more than {max_rows} {noun}; add a LIMIT or ask a narrower question"
            return 413, TEXT, message.encode("utf-8")
        result = run()
    return 200, MEDIA_TYPES[job.fmt], serialize_result(result, job.fmt)


def _worker_main(conn: Connection, source: Source, max_rows: int) -> None:
    """Hold the graph and answer jobs from ``conn`` until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the workers
    from kzgraph.sandbox import network_blocked, run_sandboxed

    store = _open(source)
    conn.send(("ready", network_blocked()))
    while True:
        try:
            job: Job = conn.recv()
        except EOFError:
            return
        try:
            conn.send(run_sandboxed(lambda job=job: _answer(store, source, job, max_rows)))  # type: ignore[misc]
        except SyntaxError as exc:
            conn.send((400, TEXT, f"SPARQL syntax error: {' '.join(str(exc).split())}".encode()))
        except Exception as exc:  # an engine error must not kill the worker silently
            conn.send((500, TEXT, f"query failed: {' '.join(str(exc).split())}".encode()))


class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, ctx: Any, source: Source, max_rows: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, source, max_rows), daemon=True)
        self.process.start()
        child.close()
        self.sandboxed = False

    def wait_ready(self, timeout: float = 60.0) -> None:
        if not self.conn.poll(timeout):
            raise KzError("a query worker did not start in time")
        _, self.sandboxed = self.conn.recv()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(2)
        with contextlib.suppress(Exception):
            self.conn.close()


class WorkerPool:
    """Worker processes holding the graph; a query that overruns its time or memory costs its worker."""

    def __init__(self, source: Source, *, workers: int, timeout: float, queue_timeout: float, max_rows: int,
                 memory_mb: int) -> None:  # fmt: skip
        self.ctx = mp.get_context("spawn")
        self.source = source
        self.timeout = timeout
        self.queue_timeout = queue_timeout
        self.max_rows = max_rows
        self.memory_mb = memory_mb
        self.workers = [Worker(self.ctx, source, max_rows) for _ in range(max(1, workers))]
        for w in self.workers:
            w.wait_ready()
        self.idle: asyncio.Queue[Worker] | None = None
        self.lock = threading.Lock()
        self.threads = ThreadPoolExecutor(
            max_workers=2 * len(self.workers) + 2, thread_name_prefix="kzgraph-wait"
        )

    @property
    def sandboxed(self) -> bool:
        """True when every worker runs its queries where no network socket can be opened."""
        return all(w.sandboxed for w in self.workers)

    async def start(self) -> None:
        """Make the idle queue on the running event loop."""
        self.idle = asyncio.Queue()
        for w in self.workers:
            self.idle.put_nowait(w)

    def _wait(self, worker: Worker) -> str:
        """Wait for the worker's answer: 'ready', or why it will not come ('timeout', 'memory', 'crash')."""
        from kzgraph.supervise import resident_mb

        deadline = time.monotonic() + self.timeout
        while True:
            if worker.conn.poll(0.05):
                return "ready"
            if not worker.process.is_alive():
                return "crash"
            if self.memory_mb and resident_mb(worker.process.pid) > self.memory_mb:
                return "memory"
            if time.monotonic() > deadline:
                return "timeout"

    async def run(self, job: Job) -> tuple[int, str, bytes]:
        """Run one job on an idle worker, within the time and memory budgets."""
        assert self.idle is not None
        try:
            worker = await asyncio.wait_for(self.idle.get(), timeout=self.queue_timeout)
        except TimeoutError:
            return 503, TEXT, b"the endpoint is busy; try again"
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send(job)
            state = await loop.run_in_executor(self.threads, self._wait, worker)
            if state == "ready":
                answer: tuple[int, str, bytes] = worker.conn.recv()
                self.idle.put_nowait(worker)
                return answer
        except (EOFError, OSError):
            state = "crash"
        code = worker.process.exitcode
        worker.stop()
        fresh = await loop.run_in_executor(self.threads, self._replace, worker)
        self.idle.put_nowait(fresh)
        if state == "timeout":
            return 503, TEXT, f"the query was stopped after the {self.timeout:g} s timeout".encode()
        if state == "memory":
            return 503, TEXT, f"the query was stopped: it used more than {self.memory_mb} MB".encode()
        how = (
            f" ({signal.Signals(-code).name})"
            if code is not None and code < 0 and -code in signal.Signals._value2member_map_
            else ""
        )
        return 500, TEXT, f"the query crashed its worker{how}; the worker was restarted".encode()

    def _replace(self, old: Worker) -> Worker:
        fresh = Worker(self.ctx, self.source, self.max_rows)
        fresh.wait_ready()
        with self.lock:
            self.workers = [fresh if w is old else w for w in self.workers]
        return fresh

    def close(self) -> None:
        """Stop every worker."""
        for w in self.workers:
            w.stop()
        self.threads.shutdown(wait=False, cancel_futures=True)
