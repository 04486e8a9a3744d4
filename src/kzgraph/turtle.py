"""A deterministic, diff-friendly Turtle (and TriG) writer, fed with quads straight from the store.

Library writers group objects on one line and follow the store's order, so adding one fact can change
two lines. Here: prefixes sorted; subjects sorted by their written form; ``a`` first, then predicates
sorted; one object per line; every line of a subject ends with `` ;`` and the subject closes with a lone
``.``. A one-fact change is a one-line diff, and the same graph is always written byte for byte the same.
Every term is rendered by pyoxigraph (its N-Triples form, which is valid Turtle, escapes included);
this module only chooses prefixed names and the layout.

Blank nodes used once as an object are written inline (``[ ... ]``), RDF lists as ``( ... )``; any other
blank node gets a label numbered in a stable order (see :mod:`kzgraph.canon`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from kzgraph.canon import canonical_labels
from kzgraph.namespaces import PREFIXES, RDF, XSD

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*(?<!\.)$|^[0-9][A-Za-z0-9_.-]*(?<!\.)$")
#: Deepest nesting of inline blank nodes; deeper ones get labels (no recursion limit to hit).
MAX_NESTING = 40
_TYPE = ox.NamedNode(RDF.type)
_FIRST, _REST, _NIL = ox.NamedNode(RDF.first), ox.NamedNode(RDF.rest), ox.NamedNode(RDF.nil)
_STRING = XSD.string


class _Writer:
    def __init__(self, triples: Iterable[ox.Triple | ox.Quad], prefixes: Mapping[str, str]) -> None:
        self.by_subject: dict[object, dict[ox.NamedNode, list[object]]] = defaultdict(
            lambda: defaultdict(list)
        )
        refs: dict[object, int] = defaultdict(int)
        quads = []
        for t in triples:
            self.by_subject[t.subject][t.predicate].append(t.object)
            if isinstance(t.object, ox.BlankNode):
                refs[t.object] += 1
            quads.append(ox.Quad(t.subject, t.predicate, t.object))
        self.stable = canonical_labels(quads)
        self.prefixes = dict(prefixes)
        self.by_length = sorted(self.prefixes.items(), key=lambda kv: -len(kv[1]))
        self.used: set[str] = set()
        self.written: dict[str, tuple[str, str]] = {}
        self.labels: dict[object, str] = {}
        self.inline = {b for b, n in refs.items() if n == 1 and b in self.by_subject}
        self.deferred: list[object] = []

    def iri(self, node: ox.NamedNode) -> str:
        text = node.value
        found = self.written.get(text)
        if found is None:
            result, used = str(node), ""
            if text == RDF.type:
                result = "a"
            else:
                for prefix, ns in self.by_length:
                    if text.startswith(ns):
                        local = text[len(ns) :]
                        if local == "" or _LOCAL.match(local):
                            result, used = f"{prefix}:{local}", prefix
                            break
            found = self.written[text] = (result, used)
        if found[1]:
            self.used.add(found[1])
        return found[0]

    def literal(self, lit: ox.Literal) -> str:
        text = str(ox.Literal(lit.value))  # pyoxigraph's escaping of the lexical form
        if lit.language:
            return f"{text}@{lit.language}"
        if lit.datatype.value != _STRING:
            return f"{text}^^{self.iri(lit.datatype)}"
        return text

    def bnode_label(self, b: object) -> str:
        if b not in self.labels:
            self.labels[b] = f"_:b{len(self.labels)}"
        return self.labels[b]

    def as_list(self, b: object) -> list[object] | None:
        items: list[object] = []
        node: object = b
        seen: set[object] = set()
        while node != _NIL:
            if not isinstance(node, ox.BlankNode) or node in seen:
                return None
            seen.add(node)
            props = self.by_subject.get(node, {})
            if set(props) != {_FIRST, _REST} or len(props[_FIRST]) != 1 or len(props[_REST]) != 1:
                return None
            if node is not b and node not in self.inline:
                return None
            items.append(props[_FIRST][0])
            node = props[_REST][0]
        return items

    def term(self, node: object, indent: str) -> str:
        if isinstance(node, ox.NamedNode):
            return self.iri(node)
        if isinstance(node, ox.Literal):
            return self.literal(node)
        if node in self.inline and len(indent) > 4 * MAX_NESTING:
            # too deep to nest (a hostile chain would exhaust the stack): write it as its own subject
            self.inline.discard(node)
            self.deferred.append(node)
            return self.bnode_label(node)
        if node in self.inline:
            items = self.as_list(node)
            if items is not None:
                return "( " + " ".join(self.term(i, indent) for i in items) + " )"
            body = self.body(node, indent + "    ")
            return "[\n" + body + f"\n{indent}]" if body else "[ ]"
        return self.bnode_label(node)

    def body(self, subject: object, indent: str) -> str:
        lines = []
        props = self.by_subject.get(subject, {})
        for p in sorted(props, key=lambda x: (x != _TYPE, self.iri(x))):
            objects = sorted((self._sort_key(o), o) for o in dict.fromkeys(props[p]))
            lines += [f"{indent}{self.iri(p)} {self.term(o, indent)} ;" for _, o in objects]
        return "\n".join(lines)

    def _sort_key(self, o: object) -> str:
        if isinstance(o, ox.BlankNode):
            return "_:" + self.stable.get(o, o.value)
        return self.term(o, "") if not isinstance(o, ox.BlankNode) else ""

    def blocks(self) -> list[str]:
        named = sorted((self.iri(s), s) for s in self.by_subject if isinstance(s, ox.NamedNode))
        blank = sorted(
            (self.stable.get(s, ""), s)
            for s in self.by_subject
            if isinstance(s, ox.BlankNode) and s not in self.inline
        )
        out = []
        for head, s in named:
            out.append(f"{head}\n{self.body(s, '    ')}\n    .")
        for _, b in blank:
            out.append(f"{self.bnode_label(b)}\n{self.body(b, '    ')}\n    .")
        while self.deferred:  # blank nodes nested too deep, each written at the top level
            deep = self.deferred.pop(0)
            out.append(f"{self.bnode_label(deep)}\n{self.body(deep, '    ')}\n    .")
        return out


def prefix_block(used: Iterable[str], prefixes: Mapping[str, str]) -> str:
    """``@prefix`` lines for the prefixes a text uses, sorted."""
    return "".join(f"@prefix {p}: <{prefixes[p]}> .\n" for p in sorted(set(used)))


def to_turtle(triples: Iterable[ox.Triple | ox.Quad], prefixes: Mapping[str, str] = PREFIXES) -> str:
    """The triples as deterministic, one-fact-per-line Turtle (graph names are ignored)."""
    writer = _Writer(triples, prefixes)
    blocks = writer.blocks()
    head = prefix_block(writer.used, prefixes)
    return head + ("\n" if head and blocks else "") + "\n\n".join(blocks) + ("\n" if blocks else "")


def to_trig(
    graphs: Mapping[str, Iterable[ox.Triple | ox.Quad]], prefixes: Mapping[str, str] = PREFIXES
) -> str:
    """Several named graphs as deterministic TriG, one ``<name> { ... }`` block each, in name order."""
    used: set[str] = set()
    parts = []
    for name in sorted(graphs):
        writer = _Writer(graphs[name], prefixes)
        blocks = writer.blocks()
        used |= writer.used
        inner = "\n\n".join("    " + b.replace("\n", "\n    ") for b in blocks)
        parts.append(f"{ox.NamedNode(name)} {{\n{inner}\n}}\n")
    return prefix_block(used, prefixes) + "\n" + "\n".join(parts)
