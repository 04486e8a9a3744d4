"""Conversions between rdflib and pyoxigraph terms, and an in-memory Oxigraph store built from triples.

rdflib is the model the pipeline hands around; Oxigraph is where SPARQL runs fast. These helpers move
triples between the two without going through a serialisation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
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


def from_ox(term: object) -> Node:
    """A pyoxigraph term as an rdflib term (plain strings stay plain)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def store_from(triples: Iterable[Triple]) -> ox.Store:
    """A new in-memory Oxigraph store holding ``triples`` in its default graph."""
    store = ox.Store()
    store.extend(
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph())  # type: ignore[arg-type]
        for s, p, o in triples
    )
    return store


def construct(store: ox.Store, query: str) -> set[Triple]:
    """Run a CONSTRUCT query on ``store``; the triples it builds, as rdflib terms."""
    result = store.query(query)
    return {(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in result}  # type: ignore[union-attr]


def dataset_store(graphs: dict[str, Iterable[Triple]]) -> ox.Store:
    """A new in-memory Oxigraph store with each graph in the named graph of its IRI."""
    store = ox.Store()
    cache: dict[Node, Any] = {}

    def term(t: Node) -> Any:
        found = cache.get(t)
        if found is None:
            found = cache[t] = to_ox(t)
        return found

    for name, triples in graphs.items():
        g = ox.NamedNode(name)
        store.extend(ox.Quad(term(s), term(p), term(o), g) for s, p, o in triples)
    return store
