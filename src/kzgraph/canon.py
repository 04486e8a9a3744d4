"""Stable names for blank nodes, so that every output is the same, byte for byte, for the same graph.

A parser gives blank nodes fresh random names each time, and a store orders them by those names. Here
each blank node gets a name derived from what surrounds it: a colour refined round after round
(Weisfeiler-Lehman style) from the predicates and terms around it, until the colours stop splitting. A
blank node is then named after its colour. Two blank nodes that no refinement tells apart stand in the
same place in the graph, so which gets which name changes nothing in the written output.

This is cheap (linear per round, a few rounds) and never exponential, unlike full canonicalisation
(RDFC-1.0), which kzgraph does not need: it must only write the same graph the same way.

>>> a, b = ox.BlankNode(), ox.BlankNode()
>>> p = ox.NamedNode("http://e/p")
>>> quads = [ox.Quad(a, p, ox.Literal("x")), ox.Quad(b, p, a)]
>>> sorted(canonical_labels(quads).values()) == sorted(canonical_labels(quads).values())
True
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox


def _h(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def canonical_labels(quads: Iterable[ox.Quad]) -> dict[ox.BlankNode, str]:
    """A stable label for every blank node among ``quads`` (``b`` + a hash of its colour)."""
    edges: dict[ox.BlankNode, list[tuple[str, str, object]]] = defaultdict(list)
    for q in quads:
        graph = str(q.graph_name)
        if isinstance(q.subject, ox.BlankNode):
            edges[q.subject].append(("out", graph + str(q.predicate), q.object))
        if isinstance(q.object, ox.BlankNode):
            edges[q.object].append(("in", graph + str(q.predicate), q.subject))
    if not edges:
        return {}
    colour = {b: "" for b in edges}
    classes = 1
    for _ in range(len(edges) + 1):
        new = {}
        for b, around in edges.items():
            parts = sorted(
                f"{d}|{p}|{'_:' + colour[o] if isinstance(o, ox.BlankNode) and o in colour else str(o)}"
                for d, p, o in around
            )
            new[b] = _h(colour[b] + "\n" + "\n".join(parts))
        count = len(set(new.values()))
        colour = new
        if count == classes:
            break
        classes = count
    return {b: "b" + c[:16] for b, c in colour.items()}


def relabel(quads: Sequence[ox.Quad]) -> list[ox.Quad]:
    """The quads with every blank node renamed to its stable label."""
    labels = canonical_labels(quads)
    if not labels:
        return list(quads)
    names = {b: ox.BlankNode(label) for b, label in labels.items()}

    def term(t: object) -> object:
        return names.get(t, t) if isinstance(t, ox.BlankNode) else t

    return [ox.Quad(term(q.subject), q.predicate, term(q.object), q.graph_name) for q in quads]  # type: ignore[arg-type]
