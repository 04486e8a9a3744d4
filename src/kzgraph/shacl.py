"""SHACL compiled to SPARQL: each constraint becomes one query over all its focus nodes, run in the store.

pyshacl checks one focus node at a time in Python over an rdflib copy of the graph; at a million triples
that copy alone does not fit. Here every constraint component the shapes use is written as a SPARQL
condition, each (shape, constraint) pair becomes one SELECT that returns the offending focus nodes and
values for all targets at once, and Oxigraph runs it. The SHACL-SPARQL constraints (``sh:sparql``) run
the same way, once each, with ``$this`` joined to the shape's targets.

Supported: targets (``sh:targetClass``, ``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``),
predicate paths, and the components ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:minCount``,
``sh:maxCount``, ``sh:minInclusive``, ``sh:maxInclusive``, ``sh:minExclusive``, ``sh:maxExclusive``,
``sh:minLength``, ``sh:maxLength``, ``sh:pattern`` (with ``sh:flags``), ``sh:in``, ``sh:hasValue``,
``sh:languageIn``, ``sh:or``, ``sh:and``, ``sh:not``, ``sh:node``, ``sh:lessThan``,
``sh:lessThanOrEquals``, ``sh:equals``, ``sh:disjoint`` and ``sh:sparql``, with ``sh:message``,
``sh:severity`` and ``sh:deactivated``. A shape using anything else is refused by name
(:class:`UnsupportedShape`), never skipped. pyshacl stays the reference: the tests run both on the
packaged graph and on every fixture and compare focus node, shape, component, path and value.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kzgraph.errors import KzError
from kzgraph.namespaces import GRAPH_INFERRED, GRAPH_SHAPES, KZ, RDF, SH, XSD, shorten

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class UnsupportedShape(KzError):
    """A shape uses a SHACL feature kzgraph's validator does not implement."""


#: Predicates a shape may carry; anything else with the sh: prefix is refused.
_KNOWN = {
    SH[n]
    for n in [
        *("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property", "path", "class"),
        *("datatype", "nodeKind", "minCount", "maxCount", "minInclusive", "maxInclusive", "minExclusive"),
        *("maxExclusive", "minLength", "maxLength", "pattern", "flags", "in", "hasValue", "languageIn", "or"),
        *("and", "not", "node", "lessThan", "lessThanOrEquals", "equals", "disjoint", "sparql", "message"),
        *("severity", "deactivated", "name", "description", "order", "group", "defaultValue", "select"),
        *("prefixes", "declare", "prefix", "namespace"),
    ]
}
_PARAMETER_COMPONENTS = {
    SH.minInclusive: ("MinInclusive", ">="),
    SH.maxInclusive: ("MaxInclusive", "<="),
    SH.minExclusive: ("MinExclusive", ">"),
    SH.maxExclusive: ("MaxExclusive", "<"),
}


def sparql_term(term: Term) -> str:
    """A term as it is written in SPARQL (pyoxigraph's own rendering of it)."""
    return str(term)


@dataclass(frozen=True)
class Check:
    """One compiled constraint: the query that finds its violations, and how to report them."""

    shape: str  # the node shape reported (a property shape is named after the node shape holding it)
    source_shape: Term
    component: str
    path: str
    severity: str
    message: str
    query: str
    focus_is_value: bool = False


@dataclass
class _Graph:
    """The shapes graph as subject -> predicate -> objects (small: a few hundred triples)."""

    props: dict[Term, dict[str, list[Term]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def objects(self, s: Term, p: str) -> list[Term]:
        return self.props.get(s, {}).get(p, [])

    def value(self, s: Term, p: str) -> Term | None:
        found = self.objects(s, p)
        return found[0] if found else None

    def items(self, head: Term | None) -> list[Term]:
        out: list[Term] = []
        while head is not None and head != ox.NamedNode(RDF.nil) and len(out) < 10_000:
            first = self.value(head, RDF.first)
            if first is None:
                break
            out.append(first)
            head = self.value(head, RDF.rest)
        return out


def read_shapes(store: ox.Store) -> _Graph:
    g = _Graph()
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH_SHAPES)):
        if not isinstance(q.object, ox.Triple):
            g.props[q.subject][q.predicate.value].append(q.object)  # type: ignore[index]
    return g


class Compiler:
    """Turns shapes into :class:`Check` queries over a dataset whose default graph is the validation view.

    ``values(subject, path)`` patterns read asserted triples from the default graph and, for kz:
    properties, the inferred graph too (inferred types are never read: see :mod:`kzgraph.validate`).
    """

    def __init__(self, shapes: _Graph) -> None:
        self.g = shapes
        self.counter = 0

    def var(self) -> str:
        self.counter += 1
        return f"?k{self.counter}"

    # -- pieces -----------------------------------------------------------------------------------

    def values(self, subject: str, path: Term, obj: str) -> str:
        if not isinstance(path, ox.NamedNode):
            raise UnsupportedShape(
                f"a shape uses a complex sh:path ({path}); kzgraph validates predicate paths only"
            )
        p = sparql_term(path)
        if path.value.startswith(str(KZ)) and path.value != RDF.type:
            return f"{{ {subject} {p} {obj} }} UNION {{ GRAPH <{GRAPH_INFERRED}> {{ {subject} {p} {obj} }} }}"
        return f"{subject} {p} {obj}"

    def instance_of(self, node: str, cls: Term) -> str:
        # the view's types are already closed under rdfs:subClassOf (GRAPH_TYPES has what is not stated)
        return f"EXISTS {{ {node} <{RDF.type}> {sparql_term(cls)} }}"

    def targets(self, shape: Term) -> str:
        parts = []
        for cls in self.g.objects(shape, SH.targetClass):
            parts.append(f"{{ SELECT DISTINCT ?this WHERE {{ ?this <{RDF.type}> {sparql_term(cls)} }} }}")
        for node in self.g.objects(shape, SH.targetNode):
            parts.append(f"{{ VALUES ?this {{ {sparql_term(node)} }} }}")
        for p in self.g.objects(shape, SH.targetSubjectsOf):
            parts.append(f"{{ SELECT DISTINCT ?this WHERE {{ {self.values('?this', p, self.var())} }} }}")
        for p in self.g.objects(shape, SH.targetObjectsOf):
            parts.append(f"{{ SELECT DISTINCT ?this WHERE {{ {self.values(self.var(), p, '?this')} }} }}")
        return " UNION ".join(parts)

    def conforms(self, shape: Term, node: str, depth: int = 0) -> str:
        """A SPARQL expression true when ``node`` conforms to ``shape`` (a nested shape)."""
        if depth > 32:
            raise UnsupportedShape(f"shapes nest more than 32 deep at {shape}")
        path = self.g.value(shape, SH.path)
        if path is not None:  # a property shape: its constraints apply to the values of its path
            parts = [f"!({c})" for c in self.nested_property_conditions(shape, path, node, depth)]
        else:
            parts = [f"!({c})" for c in self.node_conditions(shape, node, depth)]
            for prop in self.g.objects(shape, SH.property):
                ppath = self.g.value(prop, SH.path)
                if ppath is not None:
                    parts += [f"!({c})" for c in self.nested_property_conditions(prop, ppath, node, depth)]
        return " && ".join(parts) if parts else "true"

    def reachable(self, shape: Term) -> Iterator[Term]:
        """The shape and every shape it uses (property shapes, and the members of or/and/not/node)."""
        seen: set[Term] = set()
        todo = [shape]
        while todo:
            s = todo.pop()
            if s in seen:
                continue
            seen.add(s)
            yield s
            todo += self.g.objects(s, SH.property) + self.g.objects(s, SH["not"]) + self.g.objects(s, SH.node)
            for key in (SH["or"], SH["and"]):
                for head in self.g.objects(s, key):
                    todo += self.g.items(head)

    def value_conditions(self, shape: Term, v: str, depth: int) -> Iterator[tuple[str, str]]:
        """(component, condition) pairs, each condition true when value ``v`` violates it."""
        g = self.g
        for cls in g.objects(shape, SH["class"]):
            yield "Class", f"!{self.instance_of(v, cls)}"
        for dt in g.objects(shape, SH.datatype):
            yield "Datatype", f"!(isLITERAL({v}) && DATATYPE({v}) = {sparql_term(dt)})"
        for kind in g.objects(shape, SH.nodeKind):
            tests = {
                SH.IRI: f"isIRI({v})", SH.BlankNode: f"isBLANK({v})", SH.Literal: f"isLITERAL({v})",
                SH.BlankNodeOrIRI: f"!isLITERAL({v})", SH.BlankNodeOrLiteral: f"!isIRI({v})",
                SH.IRIOrLiteral: f"!isBLANK({v})",
            }  # fmt: skip
            if kind.value not in tests:
                raise UnsupportedShape(f"unknown sh:nodeKind {kind}")
            yield "NodeKind", f"!({tests[kind.value]})"
        for prop, (name, op) in _PARAMETER_COMPONENTS.items():
            for bound in g.objects(shape, prop):
                yield name, f"!COALESCE({v} {op} {sparql_term(bound)}, false)"
        for n in g.objects(shape, SH.minLength):
            yield "MinLength", f"isBLANK({v}) || STRLEN(STR({v})) < {n.value}"
        for n in g.objects(shape, SH.maxLength):
            yield "MaxLength", f"isBLANK({v}) || STRLEN(STR({v})) > {n.value}"
        for pattern in g.objects(shape, SH.pattern):
            flags = g.value(shape, SH.flags)
            extra = f", {sparql_term(ox.Literal(flags.value))}" if flags is not None else ""
            yield (
                "Pattern",
                f"isBLANK({v}) || !REGEX(STR({v}), {sparql_term(ox.Literal(pattern.value))}{extra})",
            )
        for head in g.objects(shape, SH["in"]):
            members = " || ".join(f"sameTerm({v}, {sparql_term(x)})" for x in g.items(head)) or "false"
            yield "In", f"!({members})"
        for head in g.objects(shape, SH.languageIn):
            tags = " || ".join(f"langMatches(LANG({v}), {sparql_term(x)})" for x in g.items(head)) or "false"
            yield "LanguageIn", f"!isLITERAL({v}) || !({tags})"
        for head in g.objects(shape, SH["or"]):
            options = " || ".join(f"({self.conforms(s, v, depth + 1)})" for s in g.items(head)) or "false"
            yield "Or", f"!({options})"
        for head in g.objects(shape, SH["and"]):
            options = " && ".join(f"({self.conforms(s, v, depth + 1)})" for s in g.items(head)) or "true"
            yield "And", f"!({options})"
        for other in g.objects(shape, SH["not"]):
            yield "Not", f"({self.conforms(other, v, depth + 1)})"
        for other in g.objects(shape, SH.node):
            yield "Node", f"!({self.conforms(other, v, depth + 1)})"

    def node_conditions(self, shape: Term, node: str, depth: int) -> Iterator[str]:
        for _, condition in self.value_conditions(shape, node, depth):
            yield condition
        for value in self.g.objects(shape, SH.hasValue):
            if self.g.value(shape, SH.path) is None:
                yield f"!sameTerm({node}, {sparql_term(value)})"

    def nested_property_conditions(self, prop: Term, path: Term, node: str, depth: int) -> Iterator[str]:
        """Conditions (true when violated) for a property shape nested inside an or/not/node shape."""
        g = self.g
        v = self.var()
        pattern = self.values(node, path, v)
        for n in g.objects(prop, SH.minCount):
            if int(n.value) > 1:
                raise UnsupportedShape(f"sh:minCount {n.value} inside a nested shape is not implemented")
            if int(n.value) == 1:
                yield f"NOT EXISTS {{ {pattern} }}"
        for n in g.objects(prop, SH.maxCount):
            if int(n.value) > 1:
                raise UnsupportedShape(f"sh:maxCount {n.value} inside a nested shape is not implemented")
            w = self.var()
            if int(n.value) == 0:
                yield f"EXISTS {{ {pattern} }}"
            else:
                yield f"EXISTS {{ {pattern} {self.values(node, path, w)} FILTER(!sameTerm({v}, {w})) }}"
        for value in g.objects(prop, SH.hasValue):
            yield f"NOT EXISTS {{ {self.values(node, path, sparql_term(value))} }}"
        conditions = [c for _, c in self.value_conditions(prop, v, depth)]
        if conditions:
            yield f"EXISTS {{ {pattern} FILTER(({') || ('.join(conditions)})) }}"

    # -- checks -------------------------------------------------------------------------------------

    def _message(self, shape: Term) -> str:
        m = self.g.value(shape, SH.message)
        return m.value if isinstance(m, ox.Literal) else ""

    def _severity(self, shape: Term, fallback: Term | None = None) -> str:
        s = self.g.value(shape, SH.severity) or (self.g.value(fallback, SH.severity) if fallback else None)
        return s.value.rsplit("#", 1)[-1] if isinstance(s, ox.NamedNode) else "Violation"

    def check_node_shape(self, shape: Term) -> list[Check]:
        g = self.g
        for s in self.reachable(shape):
            unknown = sorted({p for p in g.props.get(s, {}) if p.startswith(str(SH)) and p not in _KNOWN})
            if unknown:
                raise UnsupportedShape(
                    f"shape {_name(shape)} uses {shorten(unknown[0])}, "
                    "which kzgraph's validator does not implement"
                )
        if _true(g.value(shape, SH.deactivated)):
            return []
        targets = self.targets(shape)
        if not targets:
            return []
        name = _name(shape)
        checks: list[Check] = []
        severity = self._severity(shape)
        for component, condition in self.value_conditions(shape, "?this", 0):
            checks.append(self._check(name, shape, component, "", severity, self._message(shape), targets,
                                      f"FILTER({condition}) BIND(?this AS ?value)"))  # fmt: skip
        for value in g.objects(shape, SH.hasValue):
            checks.append(self._check(name, shape, "HasValue", "", severity, self._message(shape), targets,
                                      f"FILTER(!sameTerm(?this, {sparql_term(value)}))"))  # fmt: skip
        for prop in g.objects(shape, SH.property):
            if _true(g.value(prop, SH.deactivated)):
                continue
            checks += self.check_property(name, prop, targets, self._severity(prop, shape))
        for constraint in g.objects(shape, SH.sparql):
            checks.append(self.check_sparql(name, shape, constraint, targets, severity))
        return checks

    def _check(
        self,
        name: str,
        source: Term,
        component: str,
        path: str,
        severity: str,
        message: str,
        targets: str,
        body: str,
    ) -> Check:
        query = f"SELECT DISTINCT ?this ?value WHERE {{ {targets} {body} }}"
        return Check(name, source, component, path, severity, message, query)

    def check_property(self, name: str, prop: Term, targets: str, severity: str) -> list[Check]:
        g = self.g
        path = g.value(prop, SH.path)
        if path is None:
            raise UnsupportedShape(f"a property shape of {name} has no sh:path")
        p = shorten(path.value) if isinstance(path, ox.NamedNode) else ""
        message = self._message(prop)
        checks = []
        for n in g.objects(prop, SH.minCount):
            values = self.values("?this", path, "?v")
            count = (
                f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {targets} OPTIONAL {{ {values} }} }} "
                "GROUP BY ?this }"
            )
            checks.append(
                self._check(
                    name, prop, "MinCount", p, severity, message, "", f"{count} FILTER(?n < {n.value})"
                )
            )
        for n in g.objects(prop, SH.maxCount):
            values = self.values("?this", path, "?v")
            count = (
                f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {targets} {values} }} GROUP BY ?this }}"
            )
            checks.append(
                self._check(
                    name, prop, "MaxCount", p, severity, message, "", f"{count} FILTER(?n > {n.value})"
                )
            )
        pattern = self.values("?this", path, "?value")
        for component, condition in self.value_conditions(prop, "?value", 0):
            checks.append(
                self._check(
                    name, prop, component, p, severity, message, targets, f"{pattern} FILTER({condition})"
                )
            )
        for value in g.objects(prop, SH.hasValue):
            body = f"FILTER NOT EXISTS {{ {self.values('?this', path, sparql_term(value))} }}"
            checks.append(self._check(name, prop, "HasValue", p, severity, message, targets, body))
        for other, (component, test) in (
            *((o, ("LessThan", "<")) for o in g.objects(prop, SH.lessThan)),
            *((o, ("LessThanOrEquals", "<=")) for o in g.objects(prop, SH.lessThanOrEquals)),
        ):
            body = f"{pattern} {self.values('?this', other, '?w')} FILTER(!COALESCE(?value {test} ?w, false))"
            checks.append(self._check(name, prop, component, p, severity, message, targets, body))
        for other in g.objects(prop, SH.equals):
            body = (
                f"{{ {pattern} FILTER NOT EXISTS {{ {self.values('?this', other, '?value')} }} }} UNION "
                f"{{ {self.values('?this', other, '?value')} FILTER NOT EXISTS {{ {pattern} }} }}"
            )
            checks.append(self._check(name, prop, "Equals", p, severity, message, targets, body))
        for other in g.objects(prop, SH.disjoint):
            body = f"{pattern} {self.values('?this', other, '?value')}"
            checks.append(self._check(name, prop, "Disjoint", p, severity, message, targets, body))
        return checks

    def check_sparql(self, name: str, shape: Term, constraint: Term, targets: str, severity: str) -> Check:
        g = self.g
        select = g.value(constraint, SH.select)
        if select is None:
            raise UnsupportedShape(f"shape {name}: an sh:sparql constraint without sh:select")
        prologue = ""
        for prefixes in g.objects(constraint, SH.prefixes):
            for decl in g.objects(prefixes, SH.declare):
                prefix, namespace = g.value(decl, SH.prefix), g.value(decl, SH.namespace)
                if prefix is not None and namespace is not None:
                    prologue += f"PREFIX {prefix.value}: <{namespace.value}>\n"
        body = re.sub(r"\$this\b", "?this", select.value)
        message = self._message(constraint) or self._message(shape)
        query = f"{prologue}SELECT * WHERE {{ {targets} {{ {body} }} }}"
        return Check(name, shape, "SPARQL", "", self._severity(constraint, shape), message, query)


def _true(term: Term | None) -> bool:
    return isinstance(term, ox.Literal) and term.value in ("true", "1")


def _name(shape: Term) -> str:
    return shorten(shape.value) if isinstance(shape, ox.NamedNode) else "(anonymous shape)"


def compile_shapes(store: ox.Store) -> list[Check]:
    """Every check of every node shape in the store's shapes graph, in shape order."""
    g = read_shapes(store)
    compiler = Compiler(g)
    node_shapes = sorted(
        (s for s, props in g.props.items() if ox.NamedNode(SH.NodeShape) in props.get(RDF.type, [])),
        key=lambda s: str(s),
    )
    checks: list[Check] = []
    for shape in node_shapes:
        checks += compiler.check_node_shape(shape)
    return checks


def datatype_name(term: Any) -> str:
    """``xsd:date`` for the XSD datatypes, the full IRI otherwise."""
    return str(term).replace(str(XSD), "xsd:")
