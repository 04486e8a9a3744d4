"""One store interface behind every command: in memory, an embedded Oxigraph store, or a SPARQL server.

``--store`` selects it:

- ``memory`` (default): the packaged data is loaded and reasoned in this process (rdflib in memory);
- ``oxigraph:PATH``: a persistent, embedded Oxigraph store on disk; ``kzgraph load`` fills it once and
  every later command queries it without loading or reasoning again;
- ``sparql:URL``: any SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, GraphDB); ``URL`` is its
  query endpoint; updates go to the matching update endpoint (``.../query`` becomes ``.../update``,
  anything else is used as is), or to ``sparql:QUERY_URL|UPDATE_URL`` when they differ.

Every store keeps the asserted triples and the inferred ones in two named graphs, ``GRAPH_ASSERTED`` and
``GRAPH_INFERRED``. ``replace`` swaps in new contents atomically from a reader's point of view: the new
triples go into temporary graphs first, then one update request moves them over the old ones.
"""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kzgraph.errors import InputError, KzError, QueryError
from kzgraph.namespaces import GRAPH_ASSERTED, GRAPH_INFERRED
from kzgraph.query import QueryResult, Table, inject_bindings, prologue_for

_STAGING = "-staging"
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
#: Triples per INSERT DATA request (Virtuoso refuses much more than 1,400 in one request).
CHUNK = 1_000
#: Moves the staged graphs over the live ones in one update request (one transaction).
SWAP = " ;\n".join(
    f"DROP SILENT GRAPH <{g}> ; MOVE SILENT <{g}{_STAGING}> TO <{g}>"
    for g in (GRAPH_ASSERTED, GRAPH_INFERRED)
)


class Store(ABC):
    """Where the asserted and inferred graphs live, and how they are queried."""

    #: A short description for messages.
    name = "store"

    @abstractmethod
    def query(
        self, text: str, bindings: Mapping[str, Node] | None = None, *, inferred: bool = True
    ) -> QueryResult:
        """Run a SPARQL query over the asserted graph, or asserted + inferred (the default)."""

    @abstractmethod
    def graphs(self) -> tuple[Graph, Graph]:
        """The asserted and the inferred graph, as rdflib graphs."""

    @abstractmethod
    def replace(self, asserted: Graph, inferred: Graph) -> None:
        """Swap in new contents, atomically from a reader's point of view."""

    def is_empty(self) -> bool:
        """True when the store holds no asserted triples."""
        result = self.query("ASK { ?s ?p ?o }", inferred=False)
        return not bool(result)

    def close(self) -> None:  # noqa: B027  (most stores hold nothing to release)
        """Release the store."""


class MemoryStore(Store):
    """The graphs in this process, queried with rdflib's engine."""

    name = "memory"

    def __init__(self, asserted: Graph, inferred: Graph) -> None:
        self.asserted = asserted
        self.inferred = inferred
        self._merged: Graph | None = None

    def merged(self) -> Graph:
        if self._merged is None:
            g = Graph()
            for t in self.asserted:
                g.add(t)
            for t in self.inferred:
                g.add(t)
            self._merged = g
        return self._merged

    def query(
        self, text: str, bindings: Mapping[str, Node] | None = None, *, inferred: bool = True
    ) -> QueryResult:
        from kzgraph.query import run

        return run(self.merged() if inferred else self.asserted, text, bindings)

    def graphs(self) -> tuple[Graph, Graph]:
        return self.asserted, self.inferred

    def replace(self, asserted: Graph, inferred: Graph) -> None:
        self.asserted, self.inferred, self._merged = asserted, inferred, None


def _nt_lines(triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
    return [f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples]


class OxigraphStore(Store):
    """An embedded Oxigraph store, in memory or persisted in a folder."""

    def __init__(self, path: Path | None = None) -> None:
        import pyoxigraph as ox

        self.path = path
        self.name = f"oxigraph:{path}" if path else "oxigraph (in memory)"
        try:
            self.store = ox.Store(str(path)) if path is not None else ox.Store()
        except OSError as exc:
            raise InputError(f"{path}: cannot open the Oxigraph store ({exc})") from None

    def query(
        self, text: str, bindings: Mapping[str, Node] | None = None, *, inferred: bool = True
    ) -> QueryResult:
        import pyoxigraph as ox

        from kzgraph.query import run_oxigraph

        if inferred:
            return run_oxigraph(self.store, text, bindings, use_default_graph_as_union=True)
        return run_oxigraph(self.store, text, bindings, default_graph=[ox.NamedNode(GRAPH_ASSERTED)])

    def graphs(self) -> tuple[Graph, Graph]:
        import pyoxigraph as ox

        from kzgraph.load import new_graph
        from kzgraph.oxi import from_ox

        out = []
        for name in (GRAPH_ASSERTED, GRAPH_INFERRED):
            g = new_graph()
            for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
                g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
            out.append(g)
        return out[0], out[1]

    def replace(self, asserted: Graph, inferred: Graph) -> None:
        import pyoxigraph as ox

        for name, graph in ((GRAPH_ASSERTED, asserted), (GRAPH_INFERRED, inferred)):
            staging = name + _STAGING
            self.store.update(f"DROP SILENT GRAPH <{staging}>")
            data = "\n".join(_nt_lines(graph)).encode("utf-8")
            self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(staging))
        # One update request is one transaction: readers see the old graphs or the new ones.
        self.store.update(SWAP)
        self.store.flush()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.store.flush()


class SparqlStore(Store):
    """A SPARQL 1.1 server reached over HTTP (query and update endpoints)."""

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60.0) -> None:
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

    def _post(self, url: str, data: dict[str, str] | list[tuple[str, str]], accept: str) -> bytes:
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

    def query(
        self, text: str, bindings: Mapping[str, Node] | None = None, *, inferred: bool = True
    ) -> QueryResult:
        from kzgraph.query import code_only
        from kzgraph.serve import query_form

        query = prologue_for(inject_bindings(text, bindings or {}))
        if "SERVICE" in code_only(query).upper():
            raise QueryError("SERVICE is refused: kzgraph queries never reach other endpoints")
        form = query_form(query)
        params = [("query", query), ("default-graph-uri", GRAPH_ASSERTED)]
        if inferred:
            params.append(("default-graph-uri", GRAPH_INFERRED))
        if form in ("SELECT", "ASK"):
            raw = self._post(self.query_url, params, "application/sparql-results+json")
            return parse_results_json(raw)
        raw = self._post(self.query_url, params, "application/n-triples")
        from kzgraph.load import new_graph

        g = new_graph()
        g.parse(data=raw.decode("utf-8"), format="nt")
        return g

    def graphs(self) -> tuple[Graph, Graph]:
        from kzgraph.load import new_graph

        out = []
        for name in (GRAPH_ASSERTED, GRAPH_INFERRED):
            raw = self._post(
                self.query_url,
                {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"},
                "application/n-triples",
            )
            g = new_graph()
            g.parse(data=raw.decode("utf-8"), format="nt")
            out.append(g)
        return out[0], out[1]

    def update(self, text: str) -> None:
        """Send one SPARQL Update request."""
        self._post(self.update_url, {"update": text}, "*/*")

    def replace(self, asserted: Graph, inferred: Graph) -> None:
        for name, graph in ((GRAPH_ASSERTED, asserted), (GRAPH_INFERRED, inferred)):
            staging = name + _STAGING
            self.update(f"DROP SILENT GRAPH <{staging}>")
            # A blank-node label holds within one request: send every triple with one together.
            # (INSERT ... WHERE {} rather than INSERT DATA: Virtuoso refuses blank nodes in INSERT DATA.)
            with_bnodes = [t for t in graph if any(isinstance(x, BNode) for x in t)]
            if with_bnodes:
                self.update(
                    f"INSERT {{ GRAPH <{staging}> {{\n" + "\n".join(_nt_lines(with_bnodes)) + "\n} } WHERE {}"
                )
            # One object datatype per request: within one request Virtuoso merges literals of different
            # date types that compare equal ("2007"^^xsd:gYear and "2007-01"^^xsd:gYearMonth).
            by_datatype: dict[str, list[tuple[Node, Node, Node]]] = {}
            for t in graph:
                if not any(isinstance(x, BNode) for x in t):
                    key = str(t[2].datatype or "") if isinstance(t[2], Literal) else ""
                    by_datatype.setdefault(key, []).append(t)
            for _, triples in sorted(by_datatype.items()):
                lines = _nt_lines(triples)
                for i in range(0, len(lines), CHUNK):
                    chunk = "\n".join(lines[i : i + CHUNK])
                    self.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n{chunk}\n}} }}")
        self.update(SWAP)


def parse_results_json(raw: bytes) -> QueryResult:
    """W3C SPARQL results JSON as a :class:`~kzgraph.query.Table` (or a bool for ASK)."""
    try:
        doc = json.loads(raw)
    except ValueError as exc:
        raise QueryError(f"the server's answer is not SPARQL results JSON: {exc}") from None
    if "boolean" in doc:
        return bool(doc["boolean"])
    variables = list(doc["head"]["vars"])

    def term(b: dict[str, str] | None) -> Node | None:
        if b is None:
            return None
        if b["type"] == "uri":
            return URIRef(b["value"])
        if b["type"] == "bnode":
            return BNode(b["value"])
        if "xml:lang" in b:
            return Literal(b["value"], lang=b["xml:lang"])
        datatype = b.get("datatype")
        if datatype == _BOOLEAN and b["value"] in ("0", "1"):  # Virtuoso writes booleans as 0 and 1
            return Literal(b["value"] == "1")
        if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
            return Literal(b["value"], datatype=URIRef(datatype))
        return Literal(b["value"])

    rows = [tuple(term(row.get(v)) for v in variables) for row in doc["results"]["bindings"]]
    return Table(variables, rows)


def open_store(spec: str) -> Store | None:
    """The store named by ``--store``; None for ``memory`` (the caller loads and reasons itself)."""
    if spec in ("", "memory"):
        return None
    kind, sep, rest = spec.partition(":")
    if kind == "oxigraph" and sep and rest:
        return OxigraphStore(Path(rest))
    if kind == "sparql" and sep and rest:
        query_url, _, update_url = rest.partition("|")
        return SparqlStore(query_url, update_url or None)
    raise InputError(f"unknown store {spec!r} (use memory, oxigraph:PATH or sparql:URL)")


__all__: list[Any] = [
    "GRAPH_ASSERTED",
    "GRAPH_INFERRED",
    "MemoryStore",
    "OxigraphStore",
    "SparqlStore",
    "open_store",
]
