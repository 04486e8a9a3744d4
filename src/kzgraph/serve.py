"""A read-only SPARQL 1.1 Protocol endpoint over the reasoned graph, and a small offline query page.

Starlette served by uvicorn; queries run in worker processes (:mod:`kzgraph.workers`). Every query passes
the same guard as on the command line (:func:`kzgraph.sparql.guard.inspect`) before a worker sees it:
updates are refused (403), ``SERVICE``, ``FROM`` and the protocol's ``default-graph-uri`` /
``named-graph-uri`` too (400), and so is anything too long or too deeply nested (400, 413).

The HTTP side defends itself (:mod:`kzgraph.httpguard`): requests must name a loopback host unless others
are allowed (no DNS rebinding), a request may not carry both ``Content-Length`` and
``Transfer-Encoding`` (RFC 9112), bodies are counted as they arrive and refused past the limit, headers
must arrive within a few seconds, and the number of open connections is capped, the slowest half-open
one giving way to a new one.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzgraph.errors import QueryError
from kzgraph.sparql.guard import UpdateRefused, inspect
from kzgraph.store import LocalStore, Store, with_values
from kzgraph.workers import Job, Source, WorkerPool

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
FORMAT_ALIASES = {"json": "srj", "xml": "srx", "ttl": "turtle", "ntriples": "nt", "json-ld": "jsonld"}
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


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
    max_body_bytes: int = 1_000_000
    workers: int = 2
    public: bool = False
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)
    #: Seconds a client has to send its request headers, and then each part of its body.
    header_timeout: float = 5.0
    body_timeout: float = 10.0
    #: Most connections open at once; past it the oldest connection still sending headers is closed.
    max_connections: int = 256
    #: Memory budget of one query worker, in MB.
    worker_memory_mb: int = 2048


class Refused(Exception):
    """A request the endpoint will not run, with the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def check_query(query: str, config: ServeConfig) -> str:
    """The query form, or :class:`Refused` for what the endpoint never runs."""
    if not query.strip():
        raise Refused(400, "no query given (use the 'query' parameter)")
    if len(query) > config.max_query_chars:
        raise Refused(413, f"the query is longer than {config.max_query_chars} characters")
    try:
        return inspect(query).form
    except UpdateRefused as exc:
        raise Refused(403, "this endpoint is read-only: " + exc.message) from None
    except QueryError as exc:
        raise Refused(400, exc.message) from None


def negotiate(accept: str, form: str, overrides: list[str] | None = None) -> str:
    """The result format for ``form`` from ``format`` parameters if one fits, else the Accept header."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    for override in overrides or []:
        fmt = FORMAT_ALIASES.get(override, override)
        if not graph and fmt in ("srj", "srx", "csv", "tsv"):
            return fmt
        if graph and fmt in GRAPH_TYPES.values():
            return fmt
        if "/" in override:
            with contextlib.suppress(Refused):
                return negotiate(override, form)
    if overrides and not accept:
        raise Refused(406, f"format {overrides[0]!r} does not fit a {form} query")
    table = GRAPH_TYPES if graph else SELECT_TYPES
    default = "turtle" if graph else "srj"
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
        raise Refused(406, f"cannot answer a {form} query in any of: {accept[:200]}")
    return max(choices)[2]


def create_app(pool: WorkerPool, config: ServeConfig, page: str, queries_json: str) -> Any:
    """The Starlette application."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    from kzgraph.httpguard import BodyTooLarge, read_body

    security = {
        "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
        "style-src 'unsafe-inline'; connect-src 'self'; img-src data:",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }

    def refuse(status: int, message: str) -> Response:
        return PlainTextResponse(message.rstrip() + "\n", status_code=status)

    async def answer(query: str, accept: str, override: list[str]) -> Response:
        try:
            form = check_query(query, config)
            fmt = negotiate(accept, form, override)
        except Refused as r:
            return refuse(r.status, r.message)
        status, ctype, body = await pool.run(Job(query, fmt))
        return Response(body, status_code=status, media_type=ctype)

    async def sparql(request: Request) -> Response:
        params = dict(request.query_params)
        formats = request.query_params.getlist("format")
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            try:
                raw = await read_body(request, config.max_body_bytes, config.body_timeout)
            except BodyTooLarge as exc:
                return refuse(exc.status, exc.message)
            if ctype == "application/sparql-update":
                return refuse(403, "this endpoint is read-only: updates are refused")
            if ctype == "application/sparql-query":
                params["query"] = raw.decode("utf-8", "replace")
            elif ctype == "application/x-www-form-urlencoded":
                from urllib.parse import parse_qsl

                pairs = parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)
                params.update(pairs)
                formats += [v for k, v in pairs if k == "format"]
            else:
                return refuse(
                    415, "POST a query as application/sparql-query or application/x-www-form-urlencoded"
                )
        if "update" in params:
            return refuse(403, "this endpoint is read-only: updates are refused")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return refuse(400, "default-graph-uri and named-graph-uri are refused")
        return await answer(params.get("query", ""), request.headers.get("accept", "*/*"), formats)

    async def named(request: Request) -> Response:
        from kzgraph.query import bindings_for, named_queries

        name = request.path_params["name"]
        library = named_queries()
        if name not in library:
            return refuse(404, f"no named query {name[:100]!r}")
        q = library[name]
        given = {k: v for k, v in request.query_params.items() if k != "format"}
        try:
            text = with_values(q.text, inspect(q.text), bindings_for(q, given))
        except QueryError as exc:
            return refuse(400, exc.message)
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


def library_json() -> str:
    """The named queries as JSON, for the query page."""
    from kzgraph.query import bindings_for, named_queries

    items = []
    for q in named_queries().values():
        items.append(
            {
                "name": q.name,
                "title": q.title,
                "question": q.question,
                "params": [{"name": p.name, "default": p.default} for p in q.params],
                "text": with_values(q.text, inspect(q.text), bindings_for(q, {})),
            }
        )
    return json.dumps(items, ensure_ascii=False)


def source_of(store: Store) -> Source:
    """How the workers reach the graph: the store's folder, or a dump of it."""
    import pyoxigraph as ox

    from kzgraph.export import as_local

    local = store if isinstance(store, LocalStore) else as_local(store)
    assert isinstance(local, LocalStore)
    default = tuple(getattr(g, "value", "") for g in local.default_graphs(True))
    named = tuple(local.source_graphs())
    if local.path is not None:
        return Source(path=str(Path(local.path).resolve()), default=default, named=named)
    return Source(nquads=local.ox.dump(format=ox.RdfFormat.N_QUADS) or b"", default=default, named=named)


def prepare(config: ServeConfig, store: Store) -> tuple[WorkerPool, Any]:
    """Start the workers on the store's graph and build the application."""
    from kzgraph.httpguard import guarded
    from kzgraph.resources import template_path

    pool = WorkerPool(
        source_of(store),
        workers=config.workers,
        timeout=config.timeout,
        queue_timeout=config.queue_timeout,
        max_rows=config.max_rows,
        memory_mb=config.worker_memory_mb,
    )
    page = template_path("endpoint.html").read_text(encoding="utf-8")
    return pool, guarded(create_app(pool, config, page, library_json()), config)


#: Connections accepted in one go: asyncio accepts up to the listen backlog before any of them is seen, so
#: a small one lets the connection cap (:mod:`kzgraph.httpguard`) act before a burst exhausts open files.
ACCEPT_BACKLOG = 64


def serve(config: ServeConfig, store: Store, announce: Callable[[str], None] = print) -> None:
    """Run the endpoint until interrupted."""
    import uvicorn

    from kzgraph.httpguard import protocol_for

    pool, app = prepare(config, store)
    try:
        if not pool.sandboxed:
            announce("kzgraph: warning: this system cannot block network access in the query workers")
        announce(
            f"kzgraph SPARQL endpoint on http://{config.host}:{config.port}/sparql "
            f"(query page: http://{config.host}:{config.port}/); Ctrl-C stops it"
        )
        uvicorn.run(
            app,
            host=config.host,
            port=config.port,
            log_level="warning",
            access_log=False,
            http=protocol_for(config),
            timeout_keep_alive=5,
            limit_concurrency=config.max_connections + 16,
            backlog=ACCEPT_BACKLOG,
        )
    finally:
        pool.close()


__all__ = ["Refused", "ServeConfig", "check_query", "create_app", "negotiate", "prepare", "serve"]
