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

With a site (``kzgraph serve --site DIR``, a folder written by ``kzgraph site``), the endpoint also serves
it, and makes kzgraph's IRIs resolve: ``/`` is the site's index (the query page moves to ``/query``), every
file of the site is served under its own path, and ``/id/KIND/SLUG`` and ``/ontology`` answer HTML,
Turtle or JSON-LD by the Accept header (:func:`preferred`), as the w3id.org rules in ``w3id/`` do for
``https://w3id.org/kzgraph/``. Only GET and HEAD reach the site, and no path leaves its folder
(:func:`site_path`).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzgraph.errors import InputError, QueryError
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

#: The representations of an entity (and of the ontology): media type and the suffix of its file in the
#: site, the first being the answer when the client states no preference.
REPRESENTATIONS = (("text/html", ".html"), ("text/turtle", ".ttl"), ("application/ld+json", ".jsonld"))
#: The Content-Type of a site's file, by suffix (anything else is application/octet-stream).
SITE_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".json": "application/json",
    ".trig": "application/trig",
    ".nq": "application/n-quads",
    ".nt": "application/n-triples",
    ".graphml": "application/graphml+xml",
    ".gexf": "application/gexf+xml",
    ".rdf": "application/rdf+xml",
    ".xml": "application/xml",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
#: The ontology as one file, in the site when it holds it, else made from the packaged ontology.
ONTOLOGY_FILES = {".ttl": "ontology/kzgraph.ttl", ".jsonld": "ontology/kzgraph.jsonld"}


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
    #: A folder written by ``kzgraph site`` to serve too (``/`` becomes its index), or None.
    site: Path | None = None


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


def preferred(accept: str, offers: Sequence[str]) -> str | None:
    """The media type of ``offers`` that the Accept header prefers, or None when it accepts none of them.

    Each offer takes the q-value of the most specific range that matches it (``text/turtle`` over
    ``text/*`` over ``*/*``); the highest q wins, an earlier offer on a tie; q=0 refuses. No header, or an
    empty one, accepts anything.

    >>> preferred("text/turtle;q=0.5, application/ld+json", ["text/turtle", "application/ld+json"])
    'application/ld+json'
    >>> preferred("text/html,application/xhtml+xml,*/*;q=0.8", ["text/html", "text/turtle"])
    'text/html'
    >>> preferred("*/*, text/html;q=0", ["text/html", "text/turtle"])
    'text/turtle'
    >>> preferred("image/png", ["text/html", "text/turtle"]) is None
    True
    """
    ranges: list[tuple[str, str, float]] = []
    for part in (accept or "*/*").split(","):
        media, *params = [x.strip() for x in part.split(";")]
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((kind, sub, q))
    if not ranges:
        ranges = [("*", "*", 1.0)]
    best: tuple[float, int, str] | None = None
    for i, offer in enumerate(offers):
        kind, _, sub = offer.partition("/")
        found: tuple[int, float] | None = None
        for rk, rs, q in ranges:
            if (rk, rs) == (kind, sub):
                rank = 2
            elif (rk, rs) == (kind, "*"):
                rank = 1
            elif (rk, rs) == ("*", "*"):
                rank = 0
            else:
                continue
            if found is None or rank > found[0] or (rank == found[0] and q > found[1]):
                found = (rank, q)
        if found is not None and found[1] > 0 and (best is None or found[1] > best[0]):
            best = (found[1], -i, offer)
    return best[2] if best else None


def site_path(root: Path, rel: str) -> Path | None:
    """The file or folder at ``rel`` (a decoded URL path, no leading slash) inside the site ``root`` (an
    absolute, resolved path), or None when there is none or it would leave the site: ``..``, ``.``,
    empty or hidden parts, backslashes, NUL and absolute paths are refused, and a symbolic link must
    resolve inside ``root``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     root = Path(folder).resolve()
    ...     _ = (root / "a.html").write_text("a")
    ...     site_path(root, "a.html") == root / "a.html", site_path(root, "../a"), site_path(root, "/etc")
    (True, None, None)
    """
    if "\\" in rel or "\x00" in rel or rel.startswith("/"):
        return None
    parts = rel.split("/") if rel else []
    if parts and parts[-1] == "":
        parts.pop()  # a folder, asked for with its trailing slash
    if any(not p or p.startswith(".") for p in parts):
        return None
    try:
        path = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    return path if path == root or path.is_relative_to(root) else None


def packaged_ontology(suffix: str) -> bytes:
    """The packaged ontology as Turtle (``.ttl``) or JSON-LD (``.jsonld``), for a site that lacks it."""
    import pyoxigraph as ox

    from kzgraph.resources import ontology_dir

    packaged = ontology_dir() / "kzgraph.ttl"
    if suffix == ".ttl":
        return packaged.read_bytes()
    triples = ox.parse(path=str(packaged), format=ox.RdfFormat.TURTLE)
    return ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b""


def create_app(pool: WorkerPool, config: ServeConfig, page: str, queries_json: str) -> Any:
    """The Starlette application."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import FileResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from kzgraph.httpguard import BodyTooLarge, read_body
    from kzgraph.text import printable

    root = Path(config.site).resolve() if config.site is not None else None
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
        if request.method == "GET" and not params and "text/html" in request.headers.get("accept", ""):
            return await query_page(request)  # a browser at /sparql: the query page
        if "update" in params:
            return refuse(403, "this endpoint is read-only: updates are refused")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return refuse(400, "default-graph-uri and named-graph-uri are refused")
        return await answer(params.get("query", ""), request.headers.get("accept", "*/*"), formats)

    async def named(request: Request) -> Response:
        from kzgraph.query import bindings_for, named_queries

        name = request.path_params["name"]
        if root is not None and "." in name:  # the site's page of a named query, not the query
            return await site_file(request)
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

    async def query_page(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8", headers=security)

    async def home(request: Request) -> Response:
        if root is None:
            return await query_page(request)
        return await site_file(request)

    async def library(request: Request) -> Response:
        return Response(queries_json, media_type="application/json")

    # -- the site ---------------------------------------------------------------------------------

    plain = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
    ontology_cache: dict[str, bytes] = {}

    def file_answer(path: Path, headers: dict[str, str] | None = None) -> Response:
        ctype = SITE_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return FileResponse(path, media_type=ctype, headers={**plain, **(headers or {})})

    def not_acceptable(where: str, offers: Sequence[str], accept: str) -> Response:
        listed, given = ", ".join(offers), printable(accept[:100])
        message = f"{printable(where[:200])} is available as {listed}, none of which Accept: {given} allows"
        return PlainTextResponse(message + "\n", status_code=406, headers={"Vary": "Accept"})

    async def ontology(request: Request) -> Response:
        """``/ontology``: the ontology's index page, or the ontology as Turtle or JSON-LD."""
        assert root is not None
        offers = [media for media, _ in REPRESENTATIONS]
        accept = request.headers.get("accept", "")
        chosen = preferred(accept, offers)
        if chosen is None:
            return not_acceptable("/ontology", offers, accept)
        vary = {"Vary": "Accept"}
        if chosen == "text/html":
            index = site_path(root, "ontology/index.html")
            if index is None or not index.is_file():
                return refuse(404, "this site has no ontology page")
            return file_answer(index, {**vary, "Content-Location": "/ontology/index.html"})
        suffix = dict(REPRESENTATIONS)[chosen]
        return ontology_answer(suffix, vary)

    def ontology_answer(suffix: str, headers: dict[str, str]) -> Response:
        assert root is not None
        found = site_path(root, ONTOLOGY_FILES[suffix])
        where = {"Content-Location": "/" + ONTOLOGY_FILES[suffix]}
        if found is not None and found.is_file():
            return file_answer(found, {**headers, **where})
        if suffix not in ontology_cache:
            ontology_cache[suffix] = packaged_ontology(suffix)
        ctype = SITE_TYPES[suffix]
        return Response(ontology_cache[suffix], media_type=ctype, headers={**plain, **headers, **where})

    async def site_file(request: Request) -> Response:
        """A file of the site under its own path, a folder's index.html, or an IRI's representation."""
        assert root is not None
        rel = request.scope.get("path", "/")[1:]
        if rel == "ontology":
            return await ontology(request)
        found = site_path(root, rel)
        if found is not None and found.is_dir():
            found = site_path(root, rel.rstrip("/") + "/index.html" if rel else "index.html")
        if found is not None and found.is_file():
            return file_answer(found)
        if found is None and rel in ONTOLOGY_FILES.values():
            return ontology_answer("." + rel.rsplit(".", 1)[1], {})
        if rel and not rel.endswith("/"):  # an IRI's path: its page, Turtle or JSON-LD beside it
            files = {media: site_path(root, rel + suffix) for media, suffix in REPRESENTATIONS}
            offers = [m for m, f in files.items() if f is not None and f.is_file()]
            if "text/html" in offers:
                accept = request.headers.get("accept", "")
                chosen = preferred(accept, offers)
                if chosen is None:
                    return not_acceptable("/" + rel, offers, accept)
                path = files[chosen]
                assert path is not None
                where = "/" + rel + path.suffix
                return file_answer(path, {"Vary": "Accept", "Content-Location": where})
        if rel.startswith("id/") and rel.count("/") == 2 and ".." not in rel:
            return refuse(404, f"no entity https://w3id.org/kzgraph/{printable(rel[:200])} in this site")
        return refuse(404, f"nothing at /{printable(rel[:200])}")

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        await pool.start()
        yield

    routes = [
        Route("/", home),
        Route("/query", query_page),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/api/queries", library),
        Route("/queries/{name}", named),
    ]
    if root is not None:
        routes.append(Route("/{path:path}", site_file))  # GET and HEAD only: anything else is a 405
    return Starlette(routes=routes, lifespan=lifespan)


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


def check_site(folder: Path) -> None:
    """Refuse (:class:`InputError`) a ``--site`` folder that is not a site written by ``kzgraph site``."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder (write the site with 'kzgraph site --out {folder}')")
    if not (folder / "index.html").is_file():
        raise InputError(f"{folder}: not a site written by 'kzgraph site' (it has no index.html)")


def prepare(config: ServeConfig, store: Store) -> tuple[WorkerPool, Any]:
    """Start the workers on the store's graph and build the application."""
    from kzgraph.httpguard import guarded
    from kzgraph.resources import template_path

    if config.site is not None:
        check_site(Path(config.site))
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
        base = f"http://{config.host}:{config.port}"
        if config.site is not None:
            announce(f"kzgraph site ({config.site}) on {base}/, the graph's IRIs under {base}/id/")
        page = "/query" if config.site is not None else "/"
        announce(f"kzgraph SPARQL endpoint on {base}/sparql (query page: {base}{page}); Ctrl-C stops it")
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


__all__ = [
    "Refused",
    "ServeConfig",
    "check_query",
    "create_app",
    "negotiate",
    "preferred",
    "prepare",
    "serve",
    "site_path",
]
