"""Stable names for blank nodes, so that every output is the same, byte for byte, for the same graph.

A parser gives blank nodes fresh random names each time, and a store orders them by those names. Here
each blank node gets a name derived from what surrounds it: a colour refined round after round
(Weisfeiler-Lehman style) from the predicates and terms around it, until the colours stop splitting.
Blank nodes that refinement cannot tell apart are then told apart one at a time (individualised, and the
colours refined again), so every blank node gets its own name: two that stand in the same place in the
graph can swap names without changing the written output.

The work is bounded, so hostile input cannot make it quadratic: refinement stops after
:data:`ROUNDS` rounds, individualisation after :data:`STEPS` steps, and both once :data:`WORK` node
updates (or eight per blank node, if more) are spent; whatever is still tied then is numbered in input
order. The labels stay distinct (the graph is always written correctly); only such
deep or highly symmetric structures may be written with different labels from run to run.

>>> a, b = ox.BlankNode(), ox.BlankNode()
>>> p = ox.NamedNode("http://e/p")
>>> labels = canonical_labels([ox.Quad(a, p, ox.Literal("x")), ox.Quad(b, p, ox.Literal("x"))])
>>> len(set(labels.values()))  # two blank nodes alike in every way still get two names
2
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

ROUNDS = 64
"""Refinement rounds at most (a blank-node chain longer than about twice this is numbered, not named)."""
STEPS = 32
"""Individualisation steps at most."""
WORK = 250_000
"""Node updates at most, over all rounds (or eight per linked blank node, if that is more)."""


def _h(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


class _Colours:
    """Colour refinement over the blank nodes of a set of quads."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        # per blank node: its fixed edges (as text) and its edges to other blank nodes
        fixed: dict[ox.BlankNode, list[str]] = defaultdict(list)
        self.links: dict[ox.BlankNode, list[tuple[str, ox.BlankNode]]] = defaultdict(list)
        for q in quads:
            graph = str(q.graph_name)
            s, o = q.subject, q.object
            if isinstance(s, ox.BlankNode):
                if isinstance(o, ox.BlankNode):
                    self.links[s].append((f"out|{graph}{q.predicate}|_:", o))
                else:
                    fixed[s].append(f"out|{graph}{q.predicate}|{o}")
            if isinstance(o, ox.BlankNode):
                if isinstance(s, ox.BlankNode):
                    self.links[o].append((f"in|{graph}{q.predicate}|_:", s))
                else:
                    fixed[o].append(f"in|{graph}{q.predicate}|{s}")
        self.order = list(dict.fromkeys([*fixed, *self.links]))  # input order, for the last resort
        self.colour = {b: _h("\n".join(sorted(fixed.get(b, ())))) for b in self.order}
        self.work = max(WORK, 8 * len(self.links))

    def classes(self) -> int:
        return len(set(self.colour.values()))

    def refine(self) -> None:
        """Refine until the colours stop splitting (or :data:`ROUNDS` rounds)."""
        count = self.classes()
        linked = [b for b in self.order if b in self.links]
        for _ in range(ROUNDS):
            if count == len(self.order) or not linked or self.work < len(linked):
                return
            self.work -= len(linked)
            colour = self.colour
            new = dict(colour)
            for b in linked:
                around = sorted(f"{edge}{colour[o]}" for edge, o in self.links[b])
                new[b] = _h(colour[b] + "\n" + "\n".join(around))
            self.colour = new
            now = self.classes()
            if now == count:
                return
            count = now

    def ties(self) -> list[list[ox.BlankNode]]:
        groups: dict[str, list[ox.BlankNode]] = defaultdict(list)
        for b in self.order:
            groups[self.colour[b]].append(b)
        return [g for _, g in sorted(groups.items()) if len(g) > 1]


def canonical_labels(quads: Iterable[ox.Quad]) -> dict[ox.BlankNode, str]:
    """A stable, distinct label for every blank node among ``quads`` (``b`` + a hash of its colour)."""
    colours = _Colours(quads)
    if not colours.order:
        return {}
    colours.refine()
    for _ in range(STEPS):
        ties = colours.ties()
        if not ties or colours.work <= 0:
            break
        first = ties[0][0]
        colours.colour[first] = _h(colours.colour[first] + "\n!")
        colours.refine()
    for group in colours.ties():
        for i, b in enumerate(group):
            colours.colour[b] = _h(f"{colours.colour[b]}\n#{i}")
    return {b: "b" + c[:16] for b, c in colours.colour.items()}


def relabel(quads: Sequence[ox.Quad]) -> list[ox.Quad]:
    """The quads with every blank node renamed to its stable label."""
    labels = canonical_labels(quads)
    if not labels:
        return list(quads)
    names = {b: ox.BlankNode(label) for b, label in labels.items()}

    def term(t: object) -> object:
        return names.get(t, t) if isinstance(t, ox.BlankNode) else t

    return [ox.Quad(term(q.subject), q.predicate, term(q.object), q.graph_name) for q in quads]  # type: ignore[arg-type]
