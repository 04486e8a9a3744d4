"""Where the graph lives, and the one way queries reach it: an Oxigraph store, here or behind HTTP.

- :class:`LocalStore` wraps a pyoxigraph ``Store``, in memory or on disk (a built store, or
  ``oxigraph:PATH``). Its named graphs keep the parts apart: the ontology, the shapes, the data (one
  graph per file's graph, ``GRAPH_DATA`` for the rest), what reasoning added (``GRAPH_INFERRED``), and
  a stamp saying what the store was built from. A query's default graph is the ontology, the data and,
  unless asked otherwise, the inferred triples; ``GRAPH ?g`` sees the data graphs.
- :class:`RemoteStore` is any SPARQL 1.1 server (``sparql:URL``) filled by ``kzgraph load``: the asserted
  triples in ``GRAPH_ASSERTED`` and the inferred ones in ``GRAPH_INFERRED``.

Every query passes the same guard first (:func:`kzgraph.sparql.guard.inspect`), whatever the store. On a
local store it then runs on the query thread, where no network socket can be opened
(:mod:`kzgraph.sandbox`), with its parameters bound by Oxigraph's own substitution. A remote store gets
the parameters as a ``VALUES`` block placed where the guard found the query's ``WHERE`` group.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kzgraph.errors import InputError, KzError, QueryError
from kzgraph.load import GraphNode, data_graphs, graph_list, source_graphs
from kzgraph.namespaces import (
    GRAPH,
    GRAPH_ASSERTED,
    GRAPH_CITATIONS,
    GRAPH_INFERRED,
    GRAPH_ONTOLOGY,
    PREFIXES,
    XSD,
)
from kzgraph.results import GRAPH_FORMATS, QueryResult, Rows, materialize, serialize_result
from kzgraph.sandbox import run_sandboxed
from kzgraph.sparql.grammar import ParsedQuery
from kzgraph.sparql.guard import inspect

#: The graph holding a store's stamp: the digest of its sources, kzgraph's version, counts, verdict.
GRAPH_STAMP = GRAPH + "build"
STAMP = ox.NamedNode("https://w3id.org/kzgraph/build")

Bindings = Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode]


def _prologue(text: str) -> str:
    """PREFIX declarations for the known prefixes a query uses without declaring (for remote stores)."""
    import re

    declared = {m.lower() for m in re.findall(r"PREFIX\s+([A-Za-z][\w.-]*)?\s*:", text, re.IGNORECASE)}
    missing = [p for p in PREFIXES if p.lower() not in declared and re.search(rf"(?<![\w.-]){p}:", text)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing)


def with_values(text: str, info: ParsedQuery, bindings: Bindings) -> str:
    """The query with a ``VALUES`` block for each binding at the top of its WHERE group."""
    if not bindings:
        return text
    if info.where_brace < 0:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in bindings.items())
    return f"{text[: info.where_brace]} {block} {text[info.where_brace :]}"


class Store:
    """The common face of every store."""

    name = "store"

    def execute(
        self, text: str, bindings: Bindings | None = None, *, inferred: bool = True, fmt: str | None = None
    ) -> QueryResult | bytes:
        """Check and run one query; a materialised result, or its bytes in ``fmt`` (srj, csv, turtle...)."""
        raise NotImplementedError

    def graph_quads(self, inferred: bool, *, named: bool = False) -> Iterator[tuple[str, ox.Quad]]:
        """Every asserted quad (as ``("asserted", quad)``) and, if asked, every inferred one."""
        raise NotImplementedError

    def stamp(self) -> dict[str, str]:
        """What the store says it was built from (empty when it has no stamp)."""
        return {}

    def close(self) -> None:
        """Release the store."""


class LocalStore(Store):
    """An Oxigraph store in this process: in memory, or a folder on disk."""

    def __init__(self, store: ox.Store, name: str = "oxigraph (in memory)", path: Path | None = None) -> None:
        self.ox = store
        self.name = name
        self.path = path
        self.read_only = False
        self._data: list[str] | None = None
        self._sources: list[str] | None = None

    @classmethod
    def open(cls, path: Path, *, read_only: bool = True) -> LocalStore:
        """A store on disk (``oxigraph:PATH``); read-only unless asked otherwise."""
        path = Path(path)
        if read_only and not path.is_dir():
            raise InputError(
                f"{path}: no Oxigraph store there (fill one with 'kzgraph load --store oxigraph:{path}')"
            )
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except (OSError, RuntimeError) as exc:  # (RocksDB reports a damaged store as a RuntimeError)
            raise InputError(f"{path}: cannot open the Oxigraph store ({exc})") from None
        local = cls(store, f"oxigraph:{path}", path)
        local.read_only = read_only
        return local

    def data_graphs(self) -> list[str]:
        """The named graphs holding data (cached: a store does not change while it is read)."""
        if self._data is None:
            self._data = data_graphs(self.ox)
        return self._data

    def source_graphs(self) -> list[str]:
        """The graphs the data files wrote (each section's; see :func:`kzgraph.load.source_graphs`)."""
        if self._sources is None:
            self._sources = source_graphs(self.ox)
        return self._sources

    def default_graphs(self, inferred: bool = True) -> list[GraphNode]:
        names = [GRAPH_ONTOLOGY, *self.data_graphs()] + ([GRAPH_INFERRED] if inferred else [])
        return graph_list(names)

    def execute(
        self, text: str, bindings: Bindings | None = None, *, inferred: bool = True, fmt: str | None = None
    ) -> QueryResult | bytes:
        info = inspect(text, PREFIXES)
        bindings = dict(bindings or {})
        unprojected = (
            info.form == "SELECT"
            and "*" not in info.projection
            and any(name not in info.projection for name in bindings)
        )
        if unprojected:  # Oxigraph substitutes projected variables only: the others get a VALUES block
            text, bindings = with_values(text, info, bindings), {}
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v for k, v in bindings.items()
        }
        default = self.default_graphs(inferred)
        named: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(g) for g in self.source_graphs()]

        def run() -> QueryResult | bytes:
            result = self.ox.query(
                text,
                prefixes=dict(PREFIXES),
                substitutions=substitutions,
                default_graph=default,
                named_graphs=named,
            )
            return (
                serialize_result(result, fmt)
                if fmt is not None and fmt not in ("table", "json")
                else materialize(result)
            )

        result: QueryResult | bytes = _run_guarded(run)
        return result

    def run_trusted(self, text: str, *, inferred: bool = True) -> QueryResult:
        """Run one of kzgraph's own queries here (no guard, no query thread) and read it to the end."""
        graphs = self.default_graphs(inferred)
        return materialize(self.ox.query(text, prefixes=dict(PREFIXES), default_graph=graphs))

    def select(self, text: str, *, inferred: bool = True) -> list[dict[str, Any]]:
        """Run one of kzgraph's own queries (trusted: no guard, no sandbox) and return its rows as dicts."""
        result = self.ox.query(text, prefixes=dict(PREFIXES), default_graph=self.default_graphs(inferred))
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        return [{n: sol[n] for n in names if sol[n] is not None} for sol in result]

    def graph_quads(self, inferred: bool, *, named: bool = False) -> Iterator[tuple[str, ox.Quad]]:
        for g in [GRAPH_ONTOLOGY, *(self.export_graphs() if named else self.data_graphs())]:
            for q in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                yield "asserted", q
        if inferred:
            for q in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH_INFERRED)):
                yield "inferred", q

    def export_graphs(self) -> list[str]:
        """The data graphs a dataset export keeps apart: the sections' and the citations derived from them
        (the union graph is their merge, left out)."""
        named = {g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode)}
        return self.source_graphs() + ([GRAPH_CITATIONS] if GRAPH_CITATIONS in named else [])

    def stamp(self) -> dict[str, str]:
        out = {}
        for q in self.ox.quads_for_pattern(STAMP, None, None, ox.NamedNode(GRAPH_STAMP)):
            out[q.predicate.value.rsplit("#", 1)[-1]] = q.object.value  # type: ignore[union-attr]
        return out

    def close(self) -> None:
        if self.path is not None and not self.read_only:  # (a read-only store refuses to flush)
            with contextlib.suppress(OSError):
                self.ox.flush()


def write_stamp(store: ox.Store, values: Mapping[str, str | int | bool]) -> None:
    """Record what a store was built from, in its stamp graph (replacing any earlier stamp)."""
    graph = ox.NamedNode(GRAPH_STAMP)
    store.update(f"DROP SILENT GRAPH <{GRAPH_STAMP}>")
    for key, value in values.items():
        lit = ox.Literal(str(value).lower()) if isinstance(value, bool) else ox.Literal(str(value))
        store.add(ox.Quad(STAMP, ox.NamedNode(f"{STAMP.value}#{key}"), lit, graph))


def _run_guarded(run: Any) -> Any:
    """Run on the query thread, turning the store's errors into one-line query errors."""
    try:
        return run_sandboxed(run)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {' '.join(str(exc).split())}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP (query and update endpoints)."""

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60.0) -> None:
        import urllib.parse

        for url in filter(None, (query_url, update_url)):
            if urllib.parse.urlparse(url).scheme not in ("http", "https"):
                raise InputError(f"{url}: a SPARQL endpoint must be an http(s) URL")
        self.query_url = query_url
        if update_url is None:
            update_url = (
                query_url[: -len("/query")] + "/update" if query_url.endswith("/query") else query_url
            )
        self.update_url = update_url
        self.timeout = timeout
        self.name = f"sparql:{query_url}"

    def post(self, url: str, data: list[tuple[str, str]], accept: str) -> bytes:
        import urllib.error
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode(data).encode("utf-8")
        req = urllib.request.Request(
            url, data=body, headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise QueryError(f"{url} answered {exc.code}: {detail[0] if detail else exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise KzError(f"cannot reach the SPARQL server {url}: {reason}") from None

    def update(self, text: str) -> None:
        """Send one SPARQL Update request."""
        self.post(self.update_url, [("update", text)], "*/*")

    def execute(
        self, text: str, bindings: Bindings | None = None, *, inferred: bool = True, fmt: str | None = None
    ) -> QueryResult | bytes:
        info = inspect(text, PREFIXES)
        query = _prologue(text) + with_values(text, info, dict(bindings or {}))
        params = [("query", query), ("default-graph-uri", GRAPH_ASSERTED)]
        if inferred:
            params.append(("default-graph-uri", GRAPH_INFERRED))
        if info.form in ("SELECT", "ASK"):
            raw = self.post(self.query_url, params, "application/sparql-results+json")
            try:
                result = ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
            except (SyntaxError, ValueError) as exc:
                raise QueryError(f"the server's answer is not SPARQL results JSON: {exc}") from None
            return _remote_result(result, fmt)
        raw = self.post(self.query_url, params, "application/n-triples")
        try:
            triples = [q.triple for q in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES)]
        except SyntaxError as exc:
            raise QueryError(f"the server's answer is not N-Triples: {exc}") from None
        if fmt in GRAPH_FORMATS:
            return serialize_result(triples, fmt)
        return triples

    def graph_quads(self, inferred: bool, *, named: bool = False) -> Iterator[tuple[str, ox.Quad]]:
        graphs = [("asserted", GRAPH_ASSERTED)] + ([("inferred", GRAPH_INFERRED)] if inferred else [])
        for role, name in graphs:
            raw = self.post(
                self.query_url,
                [("query", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")],
                "application/n-triples",
            )
            for q in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES):
                yield role, q


def _remote_result(result: Any, fmt: str | None) -> QueryResult | bytes:
    """A server's parsed answer, written by pyoxigraph in ``fmt`` or materialised (booleans made canonical:
    some servers write xsd:boolean as 0 and 1)."""
    if fmt in ("srj", "srx", "csv", "tsv"):
        return serialize_result(result, fmt)
    out = materialize(result)
    if isinstance(out, Rows):
        out.rows = [tuple(_canonical_boolean(t) for t in row) for row in out.rows]
    return out


def _canonical_boolean(term: Any) -> Any:
    if isinstance(term, ox.Literal) and term.datatype.value == XSD.boolean and term.value in ("0", "1"):
        return ox.Literal("true" if term.value == "1" else "false", datatype=term.datatype)
    return term


def open_store(spec: str) -> Store:
    """The store named by ``--store``: ``oxigraph:PATH`` (a store on disk) or ``sparql:URL[|UPDATE_URL]``."""
    kind, sep, rest = spec.partition(":")
    if kind == "oxigraph" and sep and rest:
        return LocalStore.open(Path(rest))
    if kind == "sparql" and sep and rest:
        query_url, _, update_url = rest.partition("|")
        return RemoteStore(query_url, update_url or None)
    raise InputError(f"unknown store {spec!r} (use memory, oxigraph:PATH or sparql:URL)")
