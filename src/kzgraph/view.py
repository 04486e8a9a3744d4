"""Point lookups on a local store: the objects of a subject's property, the subjects pointing at a node.

``show``, ``path``, the network projection and the exports ask many small questions about single nodes.
Each one here is one index lookup in Oxigraph over every graph at once, keeping the graphs a query's
default graph holds (ontology, data and, unless asked otherwise, the inferred triples) and dropping the
shapes and the bookkeeping graphs.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from kzgraph.load import OWN_DATA_GRAPHS
from kzgraph.namespaces import GRAPH, GRAPH_INFERRED, GRAPH_ONTOLOGY, GRAPH_UNION

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class GraphView:
    """The default graph of a local store, for lookups by pattern."""

    def __init__(self, store: ox.Store, *, inferred: bool = True) -> None:
        self.store = store
        self.inferred = inferred
        #: Memoised answers of the helpers that read the view (labels, sources): a view never changes.
        self.memo: dict[str, dict[object, object]] = {}
        #: Where the data names graphs, the union graph holds all of them (kzgraph.load.merge_data): the
        #: default graph is then the ontology, the union and the inferred graph, asked one by one (a
        #: lookup over every graph would meet each triple once per section that states it).
        names = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
        self.graphs: list[ox.NamedNode] | None = None
        if GRAPH_UNION in names:
            kept = [GRAPH_ONTOLOGY, GRAPH_UNION] + ([GRAPH_INFERRED] if inferred else [])
            self.graphs = [ox.NamedNode(g) for g in kept if g in names]

    def _keep(self, graph: object) -> bool:
        if not isinstance(graph, ox.NamedNode):
            return False
        if graph.value == GRAPH_INFERRED:
            return self.inferred
        if graph.value.startswith(GRAPH):  # kzgraph's own graphs: only the ontology and the data ones
            return graph.value == GRAPH_ONTOLOGY or graph.value in OWN_DATA_GRAPHS
        return True

    def triples(
        self, s: Term | None, p: ox.NamedNode | None, o: Term | None
    ) -> Iterator[tuple[Term, ox.NamedNode, Term]]:
        """Distinct triples matching a pattern (None is a wildcard; a literal subject matches nothing)."""
        if isinstance(s, ox.Literal):
            return
        seen = set()
        if self.graphs is not None:  # the default graph's few graphs, each asked directly
            for graph in self.graphs:
                for q in self.store.quads_for_pattern(s, p, o, graph):
                    t = (q.subject, q.predicate, q.object)
                    if t not in seen:
                        seen.add(t)
                        yield t  # type: ignore[misc]
            return
        for q in self.store.quads_for_pattern(s, p, o, None):
            if self._keep(q.graph_name):
                t = (q.subject, q.predicate, q.object)
                if t not in seen:
                    seen.add(t)
                    yield t  # type: ignore[misc]

    def _around(self, node: Term, outgoing: bool) -> dict[ox.NamedNode, list[Term]]:
        """Every (predicate -> values) out of ``node`` (or into it), read in one lookup and kept: the
        profile, network and export code ask for many predicates of the same few nodes."""
        key = "out" if outgoing else "in"
        cache = self.memo.setdefault(key, {})
        found = cache.get(node)
        if found is None:
            table: dict[ox.NamedNode, list[Term]] = {}
            if not (outgoing and isinstance(node, ox.Literal)):
                pattern = (node, None, None) if outgoing else (None, None, node)
                for t in self.triples(*pattern):
                    table.setdefault(t[1], []).append(t[2] if outgoing else t[0])
            cache[node] = found = table
        return found  # type: ignore[return-value]

    def objects(self, s: Term, p: ox.NamedNode) -> list[Term]:
        return list(self._around(s, True).get(p, ()))

    def value(self, s: Term, p: ox.NamedNode) -> Term | None:
        values = self._around(s, True).get(p)
        return values[0] if values else None

    def subjects(self, p: ox.NamedNode, o: Term) -> list[Term]:
        return list(self._around(o, False).get(p, ()))

    def predicate_objects(self, s: Term) -> list[tuple[ox.NamedNode, Term]]:
        return [(p, o) for p, values in self._around(s, True).items() for o in values]

    def subject_predicates(self, o: Term) -> list[tuple[Term, ox.NamedNode]]:
        return [(s, p) for p, values in self._around(o, False).items() for s in values]

    def has(self, s: Term | None, p: ox.NamedNode | None = None, o: Term | None = None) -> bool:
        if s is not None and not isinstance(s, ox.Literal):
            around = self._around(s, True)
            if p is None:
                return bool(around) if o is None else any(o in values for values in around.values())
            return p in around if o is None else o in around.get(p, ())
        return next(self.triples(s, p, o), None) is not None

    def graphs_of(self, s: Term, p: ox.NamedNode, o: Term) -> list[ox.NamedNode]:
        """The data graphs that state a triple (a section's graph, or any graph a data file named), not
        kzgraph's own: where the data says which section states it, those sections."""
        return sorted(
            {
                q.graph_name
                for q in self.store.quads_for_pattern(s, p, o, None)  # type: ignore[arg-type]
                if isinstance(q.graph_name, ox.NamedNode) and not q.graph_name.value.startswith(GRAPH)
            },
            key=str,
        )

    def asserted(self, s: Term, p: ox.NamedNode, o: Term) -> bool:
        """True when the triple is stated (in the ontology or a data graph), not only inferred."""
        inferred = ox.NamedNode(GRAPH_INFERRED)
        return any(
            self._keep(q.graph_name) and q.graph_name != inferred
            for q in self.store.quads_for_pattern(s, p, o, None)  # type: ignore[arg-type]
        )
