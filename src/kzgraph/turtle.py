"""A deterministic, diff-friendly Turtle (and TriG) writer.

rdflib's serialiser groups objects on one line and ends each subject with the last predicate's line, so
adding one fact can change two lines, and its order follows the store. Here: prefixes sorted; subjects
sorted by their written form; ``a`` first, then predicates sorted; one object per line; every line of a
subject ends with `` ;`` and the subject closes with a lone ``.``. A one-fact change is a one-line diff,
and the same graph is always written byte for byte the same.

Blank nodes used once as an object are written inline (``[ ... ]``), RDF lists as ``( ... )``; any other
blank node gets a label numbered in order of appearance, so labels are stable too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kzgraph.namespaces import PREFIXES

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*(?<!\.)$|^[0-9][A-Za-z0-9_.-]*(?<!\.)$")
#: Deepest nesting of inline blank nodes; deeper ones get labels (no recursion limit to hit).
MAX_NESTING = 40
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(c, c if c >= " " or c in "\n\r\t" else f"\\u{ord(c):04X}") for c in text)


class _Writer:
    def __init__(self, graph: Graph, prefixes: Mapping[str, str]) -> None:
        self.g = graph
        self.prefixes = dict(prefixes)
        self.by_length = sorted(self.prefixes.items(), key=lambda kv: -len(kv[1]))
        self.used: set[str] = set()
        self.written: dict[Node, tuple[str, str]] = {}
        self.labels: dict[BNode, str] = {}
        refs: dict[Node, int] = defaultdict(int)
        for _, _, o in graph:
            if isinstance(o, BNode):
                refs[o] += 1
        self.inline = {b for b, n in refs.items() if n == 1}
        self.deferred: list[BNode] = []

    def iri(self, node: Node) -> str:
        found = self.written.get(node)
        if found is not None:
            if found[1]:
                self.used.add(found[1])
            return found[0]
        text = str(node)
        result, used = f"<{text}>", ""
        if node == RDF.type:
            result = "a"
        else:
            for prefix, ns in self.by_length:
                if text.startswith(ns):
                    local = text[len(ns) :]
                    if local == "" or _LOCAL.match(local):
                        result, used = f"{prefix}:{local}", prefix
                        break
        self.written[node] = (result, used)
        if used:
            self.used.add(used)
        return result

    def literal(self, lit: Literal) -> str:
        text = f'"{_escape(str(lit))}"'
        if lit.language:
            return f"{text}@{lit.language}"
        if lit.datatype is not None and lit.datatype != XSD.string:
            return f"{text}^^{self.iri(URIRef(lit.datatype))}"
        return text

    def bnode_label(self, b: BNode) -> str:
        if b not in self.labels:
            self.labels[b] = f"_:b{len(self.labels)}"
        return self.labels[b]

    def as_list(self, b: BNode) -> list[Node] | None:
        items: list[Node] = []
        node: Node = b
        seen: set[Node] = set()
        while node != RDF.nil:
            if not isinstance(node, BNode) or node in seen:
                return None
            seen.add(node)
            props = set(self.g.predicates(node))
            if props != {RDF.first, RDF.rest}:
                return None
            first = list(self.g.objects(node, RDF.first))
            rest = list(self.g.objects(node, RDF.rest))
            if len(first) != 1 or len(rest) != 1:
                return None
            if node is not b and node not in self.inline:
                return None
            items.append(first[0])
            node = rest[0]
        return items

    def term(self, node: Node, indent: str) -> str:
        if isinstance(node, URIRef):
            return self.iri(node)
        if isinstance(node, Literal):
            return self.literal(node)
        if isinstance(node, BNode) and node in self.inline and len(indent) > 4 * MAX_NESTING:
            # too deep to nest (a hostile chain would exhaust the stack): write it as its own subject
            self.inline.discard(node)
            self.deferred.append(node)
            return self.bnode_label(node)
        if isinstance(node, BNode) and node in self.inline:
            items = self.as_list(node)
            if items is not None:
                return "( " + " ".join(self.term(i, indent) for i in items) + " )"
            body = self.body(node, indent + "    ")
            return "[\n" + body + f"\n{indent}]" if body else "[ ]"
        assert isinstance(node, BNode)
        return self.bnode_label(node)

    def body(self, subject: Node, indent: str) -> str:
        lines = []
        for p in sorted(set(self.g.predicates(subject)), key=lambda x: (x != RDF.type, self.iri(x))):
            objects = sorted((self.term(o, indent), o) for o in self.g.objects(subject, p))
            lines += [f"{indent}{self.iri(p)} {text} ;" for text, _ in objects]
        return "\n".join(lines)

    def subjects(self) -> list[tuple[str, Node]]:
        out = []
        for s in set(self.g.subjects()):
            if isinstance(s, BNode) and s in self.inline:
                continue  # written where it is used
            out.append(((0 if isinstance(s, URIRef) else 1, self.iri(s) if isinstance(s, URIRef) else ""), s))
        out.sort(key=lambda x: (x[0], str(x[1]) if isinstance(x[1], BNode) else ""))
        return [(key[1], s) for key, s in out]

    def blocks(self) -> list[str]:
        blocks = []
        for _, s in self.subjects():
            head = self.iri(s) if isinstance(s, URIRef) else self.bnode_label(s)  # type: ignore[arg-type]
            blocks.append(f"{head}\n{self.body(s, '    ')}\n    .")
        while self.deferred:  # blank nodes nested too deep, each written at the top level
            b = self.deferred.pop(0)
            blocks.append(f"{self.bnode_label(b)}\n{self.body(b, '    ')}\n    .")
        return blocks


def prefix_block(used: Iterable[str], prefixes: Mapping[str, str]) -> str:
    """``@prefix`` lines for the prefixes a text uses, sorted."""
    return "".join(f"@prefix {p}: <{prefixes[p]}> .\n" for p in sorted(set(used)))


def to_turtle(graph: Graph, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """``graph`` as deterministic, one-fact-per-line Turtle."""
    writer = _Writer(graph, prefixes)
    blocks = writer.blocks()
    head = prefix_block(writer.used, prefixes)
    return head + ("\n" if head and blocks else "") + "\n\n".join(blocks) + ("\n" if blocks else "")


def to_trig(graphs: Mapping[str, Graph], prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Several named graphs as deterministic TriG, one ``<name> { ... }`` block each, in name order."""
    used: set[str] = set()
    parts = []
    for name in sorted(graphs):
        writer = _Writer(graphs[name], prefixes)
        blocks = writer.blocks()
        used |= writer.used
        inner = "\n\n".join("    " + b.replace("\n", "\n    ") for b in blocks)
        parts.append(f"<{name}> {{\n{inner}\n}}\n")
    return prefix_block(used, prefixes) + "\n" + "\n".join(parts)
