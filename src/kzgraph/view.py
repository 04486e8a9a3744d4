"""Point lookups on a local store: the objects of a subject's property, the subjects pointing at a node.

``show``, ``path``, the network projection and the exports ask many small questions about single nodes.
Each one here is one index lookup in Oxigraph over every graph at once, keeping the graphs a query's
default graph holds (ontology, data and, unless asked otherwise, the inferred triples) and dropping the
shapes and the bookkeeping graphs.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from kzgraph.namespaces import GRAPH, GRAPH_DATA, GRAPH_INFERRED, GRAPH_ONTOLOGY

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class GraphView:
    """The default graph of a local store, for lookups by pattern."""

    def __init__(self, store: ox.Store, *, inferred: bool = True) -> None:
        self.store = store
        self.inferred = inferred
        #: Memoised answers of the helpers that read the view (labels, sources): a view never changes.
        self.memo: dict[str, dict[object, object]] = {}

    def _keep(self, graph: object) -> bool:
        if not isinstance(graph, ox.NamedNode):
            return False
        if graph.value == GRAPH_INFERRED:
            return self.inferred
        if graph.value.startswith(GRAPH):  # kzgraph's own graphs: only the ontology and the plain data
            return graph.value in (GRAPH_ONTOLOGY, GRAPH_DATA)
        return True

    def triples(
        self, s: Term | None, p: ox.NamedNode | None, o: Term | None
    ) -> Iterator[tuple[Term, ox.NamedNode, Term]]:
        """Distinct triples matching a pattern (None is a wildcard; a literal subject matches nothing)."""
        if isinstance(s, ox.Literal):
            return
        seen = set()
        for q in self.store.quads_for_pattern(s, p, o, None):
            if self._keep(q.graph_name):
                t = (q.subject, q.predicate, q.object)
                if t not in seen:
                    seen.add(t)
                    yield t  # type: ignore[misc]

    def objects(self, s: Term, p: ox.NamedNode) -> list[Term]:
        return [t[2] for t in self.triples(s, p, None)]

    def value(self, s: Term, p: ox.NamedNode) -> Term | None:
        return next((t[2] for t in self.triples(s, p, None)), None)

    def subjects(self, p: ox.NamedNode, o: Term) -> list[Term]:
        return [t[0] for t in self.triples(None, p, o)]

    def predicate_objects(self, s: Term) -> list[tuple[ox.NamedNode, Term]]:
        return [(t[1], t[2]) for t in self.triples(s, None, None)]

    def subject_predicates(self, o: Term) -> list[tuple[Term, ox.NamedNode]]:
        return [(t[0], t[1]) for t in self.triples(None, None, o)]

    def has(self, s: Term | None, p: ox.NamedNode | None = None, o: Term | None = None) -> bool:
        return next(self.triples(s, p, o), None) is not None

    def asserted(self, s: Term, p: ox.NamedNode, o: Term) -> bool:
        """True when the triple is stated (in the ontology or a data graph), not only inferred."""
        inferred = ox.NamedNode(GRAPH_INFERRED)
        return any(
            self._keep(q.graph_name) and q.graph_name != inferred
            for q in self.store.quads_for_pattern(s, p, o, None)  # type: ignore[arg-type]
        )
