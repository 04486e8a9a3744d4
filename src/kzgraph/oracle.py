"""The reference engines: owlrl for reasoning and pyshacl for validation, on rdflib copies of a store.

kzgraph's own engines work inside the Oxigraph store; these are the slow, independent implementations
they are tested against (same inferred triples, same validation results), and what ``--reasoner owlrl``
and the naive pipeline of the benchmarks run. Nothing here is on the path of a normal command: each
function copies graphs into rdflib, which costs memory in proportion to the graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kzgraph.namespaces import GRAPH_INFERRED, GRAPH_ONTOLOGY, GRAPH_SHAPES, GRAPH_TYPES, KZ

Triple = tuple[Any, Any, Any]


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (plain strings stay plain)."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


def _converter() -> Any:
    """to_rdflib with a cache: each term of a graph is converted once."""
    cache: dict[Any, Any] = {}

    def term(t: Any) -> Any:
        found = cache.get(t)
        if found is None:
            found = cache[t] = to_rdflib(t)
        return found

    return term


def rdflib_graph_of(quads: Iterable[ox.Quad | ox.Triple]) -> Any:
    """An rdflib Graph holding these triples (graph names ignored); each term converted once."""
    from rdflib import Graph

    term = _converter()
    g = Graph()
    for q in quads:
        g.add((term(q.subject), term(q.predicate), term(q.object)))
    return g


def rdflib_dataset_of(quads: Iterable[ox.Quad]) -> Any:
    """An rdflib Dataset holding these quads, each in its named graph (or the default graph)."""
    from rdflib import Dataset

    term = _converter()
    ds = Dataset()
    for q in quads:
        named = isinstance(q.graph_name, ox.NamedNode)
        graph = ds.graph(term(q.graph_name)) if named else ds.default_graph
        graph.add((term(q.subject), term(q.predicate), term(q.object)))
    return ds


def rdflib_graph(store: ox.Store, graphs: Iterable[str]) -> Any:
    """An rdflib Graph holding the union of the given named graphs of ``store``."""
    from rdflib import Graph

    g = Graph()
    for name in graphs:
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def owlrl_closure(store: ox.Store, base: list[str]) -> None:
    """owlrl's OWL 2 RL closure of ``base`` + the inferred graph; what it adds goes to the inferred graph."""
    import owlrl

    graph = rdflib_graph(store, [*base, GRAPH_INFERRED])
    before = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(
        graph
    )
    inferred = ox.NamedNode(GRAPH_INFERRED)
    quads = []
    for s, p, o in set(graph) - before:
        try:
            quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), inferred))
        except (TypeError, ValueError):
            continue  # generalised RDF (a literal as subject): not RDF, dropped as kzgraph drops it
    store.extend(quads)


def inferred_triples(store: ox.Store) -> set[tuple[str, str, str]]:
    """The inferred graph as a set of N-Triples-like strings (comparable across engines)."""
    out = set()
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH_INFERRED)):
        out.add((str(q.subject), str(q.predicate), str(q.object)))
    return out


def validation_graph(store: ox.Store, data: list[str]) -> Any:
    """What SHACL sees, as rdflib: ontology, data, the inferred kz: properties (no inferred types), and
    the types the rules made, all types closed under rdfs:subClassOf by the shapes' own semantics."""
    from rdflib import RDF

    g = rdflib_graph(store, [GRAPH_ONTOLOGY, *data, GRAPH_TYPES])
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH_INFERRED)):
        if q.predicate.value != str(RDF.type) and q.predicate.value.startswith(str(KZ)):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def pyshacl_results(store: ox.Store, data: list[str]) -> set[tuple[str, str, str, str, str]]:
    """pyshacl's results on the validation graph: (focus, shape, component, path, value) as strings.

    Shapes that are blank nodes are named after the node shape that holds them, as kzgraph names them.
    """
    from pyshacl import validate
    from rdflib import BNode, Namespace

    sh = Namespace("http://www.w3.org/ns/shacl#")
    shapes = rdflib_graph(store, [GRAPH_SHAPES])
    _, results, _ = validate(
        validation_graph(store, data),
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        meta_shacl=False,
        do_owl_imports=False,
    )
    out = set()
    for r in results.objects(None, sh.result):
        shape = results.value(r, sh.sourceShape)
        # a property shape (named or not) is reported under the node shape holding it
        shape = shapes.value(None, sh.property, shape) or shape
        component = str(results.value(r, sh.sourceConstraintComponent)).rsplit("#", 1)[-1]
        value = results.value(r, sh.value)
        path = results.value(r, sh.resultPath)
        out.add(
            (
                str(results.value(r, sh.focusNode)),
                str(shape),
                component.replace("ConstraintComponent", ""),
                str(path) if path is not None and not isinstance(path, BNode) else "",
                str(value) if value is not None and not isinstance(value, BNode) else "",
            )
        )
    return out
