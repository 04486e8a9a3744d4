"""A read-only SPARQL 1.1 Protocol endpoint over the reasoned graph, and a small offline query page.

The HTTP side is Starlette served by uvicorn. Queries run in a pool of worker processes, each holding the
reasoned graph in an Oxigraph store: the asserted triples in the named graph ``GRAPH_ASSERTED``, the
inferred ones in ``GRAPH_INFERRED``, and the default graph is their union. A worker whose query runs past
the timeout is killed and replaced, so one expensive query can neither hang the endpoint nor slow the
next one. Results larger than the row cap are refused with an error, never silently cut.

Refused, without running anything: updates (403), ``SERVICE``, ``FROM`` / ``FROM NAMED`` and the
protocol's ``default-graph-uri`` / ``named-graph-uri`` (400): the endpoint never reaches another server or
a local file.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing as mp
import re
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any

from kzgraph.errors import KzError, QueryError
from kzgraph.namespaces import GRAPH_ASSERTED, GRAPH_INFERRED
from kzgraph.query import code_only

SELECT_TYPES = {
    "application/sparql-results+json": "srj",
    "application/json": "srj",
    "application/sparql-results+xml": "srx",
    "application/xml": "srx",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
CONTENT_TYPES = {
    "srj": "application/sparql-results+json",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
FORMAT_ALIASES = {"json": "srj", "xml": "srx", "ttl": "turtle", "ntriples": "nt", "json-ld": "jsonld"}
UPDATE_WORDS = re.compile(
    r"(?<![?$:\w-])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class ServeConfig:
    """Limits and defaults of the endpoint."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    #: How long a request may wait for a free worker (behind slow queries) before the endpoint says busy.
    queue_timeout: float = 60.0
    max_rows: int = 10_000
    max_query_chars: int = 100_000
    workers: int = 2


class Refused(Exception):
    """A request the endpoint will not run, with the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --------------------------------------------------------------------------------------------------
# Worker processes


def _worker_main(conn: Connection, nquads: bytes, max_rows: int) -> None:
    """Hold the graph in Oxigraph and answer queries from ``conn`` until it closes."""
    import pyoxigraph as ox
    from rdflib import Graph

    from kzgraph.oxi import from_ox
    from kzgraph.query import Table, format_boolean, format_table

    store = ox.Store()
    store.load(nquads, format=ox.RdfFormat.N_QUADS)
    conn.send(("ready", len(store)))
    while True:
        try:
            query, select_format, graph_format = conn.recv()
        except EOFError:
            return
        try:
            result = store.query(query, use_default_graph_as_union=True)
            if isinstance(result, ox.QueryBoolean):
                body = format_boolean(bool(result), select_format).encode("utf-8")
                conn.send((200, CONTENT_TYPES[select_format], body))
            elif isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                rows = list(islice(result, max_rows + 1))
                if len(rows) > max_rows:
                    message = (
                        f"the result has more than {max_rows} rows; add a LIMIT or ask with a narrower query"
                    )
                    conn.send((413, "text/plain; charset=utf-8", message.encode("utf-8")))
                    continue
                table = Table(
                    names, [tuple(from_ox(r[n]) if r[n] is not None else None for n in names) for r in rows]
                )
                conn.send(
                    (200, CONTENT_TYPES[select_format], format_table(table, select_format).encode("utf-8"))
                )
            else:
                triples = list(islice(result, max_rows + 1))
                if len(triples) > max_rows:
                    message = f"the result has more than {max_rows} triples; narrow the query"
                    conn.send((413, "text/plain; charset=utf-8", message.encode("utf-8")))
                    continue
                fmt = {
                    "turtle": ox.RdfFormat.TURTLE,
                    "nt": ox.RdfFormat.N_TRIPLES,
                    "jsonld": ox.RdfFormat.JSON_LD,
                    "rdfxml": ox.RdfFormat.RDF_XML,
                }[graph_format]
                if graph_format == "turtle":
                    g = Graph()
                    for t in triples:
                        g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
                    from kzgraph.namespaces import PREFIXES

                    for prefix, ns in PREFIXES.items():
                        g.bind(prefix, ns)
                    body = g.serialize(format="turtle").encode("utf-8")
                else:
                    body = ox.serialize(triples, format=fmt) or b""
                conn.send((200, CONTENT_TYPES[graph_format], body))
        except SyntaxError as exc:
            conn.send((400, "text/plain; charset=utf-8", f"SPARQL syntax error: {exc}".encode()))
        except Exception as exc:  # an engine error must not kill the worker silently
            conn.send((500, "text/plain; charset=utf-8", f"query failed: {exc}".encode()))


class _Worker:
    def __init__(self, ctx: Any, nquads: bytes, max_rows: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, nquads, max_rows), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float = 60.0) -> None:
        if not self.conn.poll(timeout):
            raise KzError("a query worker did not start in time")
        self.conn.recv()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(2)
        with contextlib.suppress(Exception):
            self.conn.close()


class WorkerPool:
    """Worker processes holding the graph; queries time out by killing and replacing their worker."""

    def __init__(self, nquads: bytes, config: ServeConfig) -> None:
        self.ctx = mp.get_context("spawn")
        self.nquads = nquads
        self.config = config
        self.workers = [_Worker(self.ctx, nquads, config.max_rows) for _ in range(max(1, config.workers))]
        for w in self.workers:
            w.wait_ready()
        self.idle: asyncio.Queue[_Worker] | None = None
        self.lock = threading.Lock()
        # Threads that wait on workers (one per worker busy, one per worker being replaced).
        self.threads = ThreadPoolExecutor(
            max_workers=2 * len(self.workers) + 2, thread_name_prefix="kzgraph-wait"
        )

    async def start(self) -> None:
        """Make the idle queue on the running event loop."""
        self.idle = asyncio.Queue()
        for w in self.workers:
            self.idle.put_nowait(w)

    async def run(self, query: str, select_format: str, graph_format: str) -> tuple[int, str, bytes]:
        """Run one query on an idle worker, within the timeout."""
        assert self.idle is not None
        try:
            worker = await asyncio.wait_for(self.idle.get(), timeout=self.config.queue_timeout)
        except TimeoutError:
            return 503, "text/plain; charset=utf-8", b"the endpoint is busy; try again"
        worker.conn.send((query, select_format, graph_format))
        loop = asyncio.get_running_loop()
        ready = await loop.run_in_executor(self.threads, worker.conn.poll, self.config.timeout)
        if ready:
            try:
                status, ctype, body = worker.conn.recv()
            except EOFError:
                ready = False
            else:
                self.idle.put_nowait(worker)
                return status, ctype, body
        # Too slow (or the worker died): kill it and start a fresh one in its place.
        worker.stop()
        fresh = await loop.run_in_executor(self.threads, self._replace, worker)
        self.idle.put_nowait(fresh)
        message = f"the query was stopped after the {self.config.timeout:g} s timeout"
        return 503, "text/plain; charset=utf-8", message.encode("utf-8")

    def _replace(self, old: _Worker) -> _Worker:
        fresh = _Worker(self.ctx, self.nquads, self.config.max_rows)
        fresh.wait_ready()
        with self.lock:
            self.workers = [fresh if w is old else w for w in self.workers]
        return fresh

    def close(self) -> None:
        """Stop every worker."""
        for w in self.workers:
            w.stop()
        self.threads.shutdown(wait=False, cancel_futures=True)


# --------------------------------------------------------------------------------------------------
# Protocol


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword outside strings and comments."""
    m = re.search(r"(?<![?$:\w-])(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", code_only(query), re.IGNORECASE)
    if m is None:
        raise Refused(400, "not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)")
    return m.group(1).upper()


def check_query(query: str, config: ServeConfig) -> None:
    """Refuse what the endpoint never runs: updates, SERVICE, FROM, oversized queries."""
    if not query.strip():
        raise Refused(400, "no query given (use the 'query' parameter)")
    if len(query) > config.max_query_chars:
        raise Refused(413, f"the query is longer than {config.max_query_chars} characters")
    code = code_only(query)
    if re.search(r"(?<![?$:\w-])SERVICE\b", code, re.IGNORECASE):
        raise Refused(400, "SERVICE is refused: this endpoint never queries other servers")
    if re.search(r"(?<![?$:\w-])FROM\b", code, re.IGNORECASE):
        raise Refused(400, "FROM and FROM NAMED are refused: this endpoint queries only its own graph")
    if UPDATE_WORDS.search(code) and not re.search(
        r"(?<![?$:\w-])(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", code, re.I
    ):
        raise Refused(403, "this endpoint is read-only: updates are refused")


def negotiate(accept: str, form: str, overrides: list[str] | None = None) -> tuple[str, str]:
    """The result format for ``form`` from ``format`` parameters if one fits, else the Accept header.

    Clients send ``format`` as a short name (json, csv, turtle) or as media types; the first that fits
    the query form wins.
    """
    for override in overrides or []:
        fmt = FORMAT_ALIASES.get(override, override)
        if form in ("SELECT", "ASK") and fmt in ("srj", "srx", "csv", "tsv"):
            return fmt, "turtle"
        if form in ("CONSTRUCT", "DESCRIBE") and fmt in ("turtle", "nt", "jsonld", "rdfxml"):
            return "srj", fmt
        if "/" in override:
            with contextlib.suppress(Refused):
                return negotiate(override, form)
    if overrides and not accept:
        raise Refused(406, f"format {overrides[0]!r} does not fit a {form} query")
    table = SELECT_TYPES if form in ("SELECT", "ASK") else GRAPH_TYPES
    default = "srj" if form in ("SELECT", "ASK") else "turtle"
    choices: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept or "*/*").split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                with contextlib.suppress(ValueError):
                    q = float(p[2:])
        if media in ("*/*", "application/*", "text/*"):
            choices.append((q, -i, default))
        elif media in table:
            choices.append((q, -i, table[media]))
    choices = [c for c in choices if c[0] > 0]
    if not choices:
        raise Refused(406, f"cannot answer a {form} query in any of: {accept}")
    best = max(choices)[2]
    return (best, "turtle") if form in ("SELECT", "ASK") else ("srj", best)


def create_app(pool: WorkerPool, config: ServeConfig, page: str, queries_json: str) -> Any:
    """The Starlette application."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    security = {
        "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
        "style-src 'unsafe-inline'; connect-src 'self'; img-src data:",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }

    async def answer(query: str, accept: str, override: list[str]) -> Response:
        try:
            check_query(query, config)
            form = query_form(query)
            select_format, graph_format = negotiate(accept, form, override)
        except Refused as r:
            return PlainTextResponse(r.message + "\n", status_code=r.status)
        status, ctype, body = await pool.run(query, select_format, graph_format)
        return Response(body, status_code=status, media_type=ctype)

    async def sparql(request: Request) -> Response:
        params = dict(request.query_params)
        formats = request.query_params.getlist("format")
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            raw = await request.body()
            if ctype == "application/sparql-update":
                return PlainTextResponse("this endpoint is read-only: updates are refused\n", status_code=403)
            if ctype == "application/sparql-query":
                params["query"] = raw.decode("utf-8", "replace")
            elif ctype == "application/x-www-form-urlencoded":
                from urllib.parse import parse_qsl

                pairs = parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)
                params.update(pairs)
                formats += [v for k, v in pairs if k == "format"]
            else:
                return PlainTextResponse(
                    "POST a query as application/sparql-query or application/x-www-form-urlencoded\n",
                    status_code=415,
                )
        if "update" in params:
            return PlainTextResponse("this endpoint is read-only: updates are refused\n", status_code=403)
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return PlainTextResponse("default-graph-uri and named-graph-uri are refused\n", status_code=400)
        return await answer(params.get("query", ""), request.headers.get("accept", "*/*"), formats)

    async def named(request: Request) -> Response:
        from kzgraph.query import bindings_for, inject_bindings, named_queries

        name = request.path_params["name"]
        library = named_queries()
        if name not in library:
            return PlainTextResponse(f"no named query {name!r}\n", status_code=404)
        q = library[name]
        given = {k: v for k, v in request.query_params.items() if k != "format"}
        try:
            text = inject_bindings(q.text, bindings_for(q, given))
        except QueryError as exc:
            return PlainTextResponse(exc.message + "\n", status_code=400)
        return await answer(
            text, request.headers.get("accept", "*/*"), request.query_params.getlist("format")
        )

    async def home(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8", headers=security)

    async def library(request: Request) -> Response:
        return Response(queries_json, media_type="application/json")

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        await pool.start()
        yield

    return Starlette(
        routes=[
            Route("/", home),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/api/queries", library),
            Route("/queries/{name}", named),
        ],
        lifespan=lifespan,
    )


def dataset_nquads(asserted: Any, inferred: Any) -> bytes:
    """The asserted and inferred graphs as N-Quads, each in its own named graph."""
    from rdflib import URIRef

    lines: list[str] = []
    for graph, name in ((asserted, GRAPH_ASSERTED), (inferred, GRAPH_INFERRED)):
        g = URIRef(name).n3()
        lines.extend(f"{s.n3()} {p.n3()} {o.n3()} {g} ." for s, p, o in graph)
    return ("\n".join(lines) + "\n").encode("utf-8")


def library_json() -> str:
    """The named queries as JSON, for the query page."""
    from kzgraph.query import bindings_for, inject_bindings, named_queries

    items = [
        {
            "name": q.name,
            "title": q.title,
            "question": q.question,
            "params": [{"name": p.name, "default": p.default} for p in q.params],
            "text": inject_bindings(q.text, bindings_for(q, {})),
        }
        for q in named_queries().values()
    ]
    return json.dumps(items, ensure_ascii=False)


def prepare(
    config: ServeConfig, reasoner: str = "auto", data_dir: Any = None, graphs: tuple[Any, Any] | None = None
) -> tuple[WorkerPool, Any]:
    """Load and reason once (unless ``graphs`` gives them), start the workers, build the application."""
    from kzgraph.load import load
    from kzgraph.reason import reason
    from kzgraph.resources import template_path

    if graphs is None:
        kg = load(data_dir=data_dir)
        asserted = kg.asserted()
        graphs = (asserted, reason(kg, asserted, reasoner).graph)
    pool = WorkerPool(dataset_nquads(*graphs), config)
    page = template_path("endpoint.html").read_text(encoding="utf-8")
    return pool, create_app(pool, config, page, library_json())


def serve(
    config: ServeConfig,
    reasoner: str = "auto",
    data_dir: Any = None,
    announce: Callable[[str], None] = print,
    graphs: tuple[Any, Any] | None = None,
) -> None:
    """Run the endpoint until interrupted (on ``graphs`` when given, else on the loaded data)."""
    import uvicorn

    pool, app = prepare(config, reasoner, data_dir, graphs)
    try:
        announce(
            f"kzgraph SPARQL endpoint on http://{config.host}:{config.port}/sparql "
            f"(query page: http://{config.host}:{config.port}/); Ctrl-C stops it"
        )
        uvicorn.run(app, host=config.host, port=config.port, log_level="warning", access_log=False)
    finally:
        pool.close()
