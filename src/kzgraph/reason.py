"""Reason stage: kzgraph's rules, then the OWL 2 RL closure, computed inside the store.

Two steps, in order, both writing only into the named graph ``GRAPH_INFERRED``:

1. the rules in ``ontology/rules/*.rq`` (SPARQL CONSTRUCT, in name order, each seeing what the earlier ones
   made): they turn cited relationship nodes into plain triples, give every date a comparable
   ``xsd:date`` key, build OWL-Time intervals and readable labels; OWL 2 RL cannot say these;
2. the OWL 2 RL rules the ontology uses, as SPARQL updates run to a fixpoint: sub-properties and
   equivalent properties, inverses, symmetric and transitive properties, property chains (in-laws),
   domains and ranges, sub-classes and equivalent classes, and the disjointness check.

The schema (the ontology's axioms, and any the data adds) is read once and compiled into a few updates
with ``VALUES`` tables: a triple ``s p o`` implies ``s q o`` or ``o q s`` for every ``q`` the
sub-property, inverse and symmetry axioms lead to, all found before any data is touched. Only the
chains and transitive properties need more rounds; each round's new triples are the next round's input
(semi-naive), and the loop stops when a round adds nothing.

The inferred graph holds only what is new about the graph's own nodes (subjects in
``https://w3id.org/kzgraph/id/``): it never repeats an asserted triple, and the closure's trivia (``x a
owl:Thing``, ``x owl:sameAs x``, blank-node objects) are dropped, exactly as the reference engine's
output is filtered. owlrl (pure Python) is that reference: :mod:`kzgraph.oracle` runs it, and the tests
check that both infer the same triples on the packaged graph and on every fixture.

An ontology that uses an OWL construct this engine does not implement is refused with the construct's
name, never silently half-reasoned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kzgraph.errors import KzError
from kzgraph.load import data_graphs, graph_list, graph_size
from kzgraph.namespaces import GRAPH, GRAPH_INFERRED, GRAPH_ONTOLOGY, GRAPH_TYPES, ID, OWL, RDF, RDFS, shorten

ENGINES = ("fast", "owlrl")
_NEXT = GRAPH + "reasoning-next"
_DELTA = GRAPH + "reasoning-delta"
#: OWL vocabulary outside what this engine implements; an ontology using any of it is refused.
UNSUPPORTED = [
    OWL.Restriction, OWL.unionOf, OWL.intersectionOf, OWL.oneOf, OWL.hasValue, OWL.someValuesFrom,
    OWL.allValuesFrom, OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.hasKey, OWL.differentFrom,
    OWL.AllDifferent, OWL.complementOf, OWL.maxCardinality, OWL.maxQualifiedCardinality, OWL.cardinality,
    OWL.propertyDisjointWith, OWL.AsymmetricProperty, OWL.IrreflexiveProperty, OWL.disjointUnionOf,
    OWL.AllDisjointClasses, OWL.AllDisjointProperties, OWL.sameAs,
]  # fmt: skip
_TRIVIAL_TYPES = (OWL.Thing, RDFS.Resource, OWL.NamedIndividual)
_REFLEXIVE = (OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty)


class InconsistencyError(KzError):
    """The OWL 2 RL closure found a contradiction (disjoint classes shared, owl:Nothing populated)."""


@dataclass
class Inference:
    """What the reason stage added: counts by origin, and any inconsistency found."""

    from_rules: int
    from_owl: int
    inconsistencies: list[str] = field(default_factory=list)
    engine: str = "fast"

    @property
    def total(self) -> int:
        """All inferred triples."""
        return self.from_rules + self.from_owl


@dataclass
class Schema:
    """The axioms the closure needs, read from the ontology (and any the data adds)."""

    implies: dict[str, set[tuple[str, bool]]]
    transitive: set[str]
    chains: list[tuple[str, list[str]]]
    domains: dict[str, set[str]]
    ranges: dict[str, set[str]]
    superclasses: dict[str, set[str]]
    disjoint: set[tuple[str, str]]


def _rows(store: ox.Store, query: str, graphs: list[str]) -> list[tuple[str, ...]]:
    result = store.query(query, default_graph=graph_list(graphs))
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [tuple(str(getattr(row[n], "value", "")) for n in names) for row in result]


def _closure(edges: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def read_schema(store: ox.Store, graphs: list[str]) -> Schema:
    """Compile the schema in ``graphs`` (refusing OWL constructs this engine does not implement)."""
    listed = ", ".join(f"<{t}>" for t in UNSUPPORTED)
    found = _rows(
        store,
        f"SELECT ?s ?t WHERE {{ {{ ?s ?t ?o FILTER(?t IN ({listed})) }} "
        f"UNION {{ ?s a ?t FILTER(?t IN ({listed})) }} }} LIMIT 1",
        graphs,
    )
    if found:
        s, t = found[0]
        raise KzError(
            f"the fast reasoner does not implement {shorten(t)} (used by {shorten(s)}); "
            "run with --reasoner owlrl, or remove the axiom"
        )
    sub_prop: dict[str, set[str]] = {}
    for a, b in _rows(
        store, f"SELECT ?a ?b WHERE {{ ?a <{RDFS.subPropertyOf}> ?b FILTER(isIRI(?a) && isIRI(?b)) }}", graphs
    ):
        sub_prop.setdefault(a, set()).add(b)
    for a, b in _rows(
        store,
        f"SELECT ?a ?b WHERE {{ ?a <{OWL.equivalentProperty}> ?b FILTER(isIRI(?a) && isIRI(?b)) }}",
        graphs,
    ):
        sub_prop.setdefault(a, set()).add(b)
        sub_prop.setdefault(b, set()).add(a)
    inverse: dict[str, set[str]] = {}
    for a, b in _rows(
        store, f"SELECT ?a ?b WHERE {{ ?a <{OWL.inverseOf}> ?b FILTER(isIRI(?a) && isIRI(?b)) }}", graphs
    ):
        inverse.setdefault(a, set()).add(b)
        inverse.setdefault(b, set()).add(a)
    symmetric = {r[0] for r in _rows(store, f"SELECT ?p WHERE {{ ?p a <{OWL.SymmetricProperty}> }}", graphs)}
    transitive = {
        r[0] for r in _rows(store, f"SELECT ?p WHERE {{ ?p a <{OWL.TransitiveProperty}> }}", graphs)
    }
    heads = store.query(
        f"SELECT ?p ?l WHERE {{ ?p <{OWL.propertyChainAxiom}> ?l }} ORDER BY ?p",
        default_graph=graph_list(graphs),
    )
    assert isinstance(heads, ox.QuerySolutions)
    chains = [(row["p"].value, _list_items(store, row["l"], graphs)) for row in heads]
    chains = [(p, steps) for p, steps in chains if len(steps) >= 2]
    domains: dict[str, set[str]] = {}
    for p, c in _rows(store, f"SELECT ?p ?c WHERE {{ ?p <{RDFS.domain}> ?c FILTER(isIRI(?c)) }}", graphs):
        domains.setdefault(p, set()).add(c)
    ranges: dict[str, set[str]] = {}
    for p, c in _rows(store, f"SELECT ?p ?c WHERE {{ ?p <{RDFS.range}> ?c FILTER(isIRI(?c)) }}", graphs):
        ranges.setdefault(p, set()).add(c)
    sub_class: dict[str, set[str]] = {}
    for a, b in _rows(
        store, f"SELECT ?a ?b WHERE {{ ?a <{RDFS.subClassOf}> ?b FILTER(isIRI(?a) && isIRI(?b)) }}", graphs
    ):
        sub_class.setdefault(a, set()).add(b)
    for a, b in _rows(
        store,
        f"SELECT ?a ?b WHERE {{ ?a <{OWL.equivalentClass}> ?b FILTER(isIRI(?a) && isIRI(?b)) }}",
        graphs,
    ):
        sub_class.setdefault(a, set()).add(b)
        sub_class.setdefault(b, set()).add(a)
    disjoint = {
        (a, b)
        for a, b in _rows(store, f"SELECT ?a ?b WHERE {{ ?a <{OWL.disjointWith}> ?b }}", graphs)
        if a != b
    }
    props = set(sub_prop) | set(inverse) | symmetric | {p for p, _ in chains}
    implies = {p: _implications(p, sub_prop, inverse, symmetric) for p in props}
    classes = set(sub_class) | {c for cs in list(domains.values()) + list(ranges.values()) for c in cs}
    superclasses = {c: _closure(sub_class, c) - {c} for c in classes}
    return Schema(
        {p: v for p, v in implies.items() if v}, transitive, chains, domains, ranges,
        {c: v for c, v in superclasses.items() if v}, disjoint,
    )  # fmt: skip


def _list_items(store: ox.Store, head: object, graphs: list[str]) -> list[str]:
    """The IRIs of an RDF list (an ``owl:propertyChainAxiom``), in order."""
    items: list[str] = []
    cell = head
    while (
        isinstance(cell, ox.BlankNode | ox.NamedNode) and cell != ox.NamedNode(RDF.nil) and len(items) < 100
    ):
        first = [q.object for q in _quads(store, cell, RDF.first, graphs)]
        rest = [q.object for q in _quads(store, cell, RDF.rest, graphs)]
        if not first:
            break
        items.append(str(getattr(first[0], "value", "")))
        cell = rest[0] if rest else None
    return items


def _quads(store: ox.Store, subject: object, predicate: str, graphs: list[str]) -> Iterable[ox.Quad]:
    for g in graphs:
        yield from store.quads_for_pattern(subject, ox.NamedNode(predicate), None, ox.NamedNode(g))  # type: ignore[arg-type]


def _implications(
    prop: str, sub: dict[str, set[str]], inverse: dict[str, set[str]], symmetric: set[str]
) -> set[tuple[str, bool]]:
    """Every (q, reversed) a triple with predicate ``prop`` entails (prp-spo1, prp-eqp, prp-inv, prp-symp)."""
    seen = {(prop, False)}
    todo = [(prop, False)]
    while todo:
        q, rev = todo.pop()
        nxt = [(s, rev) for s in sub.get(q, ())] + [(i, not rev) for i in inverse.get(q, ())]
        if q in symmetric:
            nxt.append((q, not rev))
        for item in nxt:
            if item not in seen:
                seen.add(item)
                todo.append(item)
    seen.discard((prop, False))
    return seen


def _values(pairs: Iterable[tuple[str, str]]) -> str:
    return " ".join(f"(<{a}> <{b}>)" for a, b in sorted(pairs))


def _using(graphs: list[str]) -> str:
    return " ".join(f"USING <{g}>" for g in graphs)


def _insert(store: ox.Store, target: str, template: str, where: str, graphs: list[str]) -> None:
    store.update(f"INSERT {{ GRAPH <{target}> {{ {template} }} }} {_using(graphs)} WHERE {{ {where} }}")


def _settle(store: ox.Store, new: str, existing: list[str]) -> int:
    """Drop from ``new`` what any existing graph holds; add the rest to the inferred graph; how many."""
    store.update(
        f"DELETE {{ GRAPH <{new}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{new}> {{ ?s ?p ?o }} "
        f"VALUES ?g {{ {' '.join(f'<{g}>' for g in existing)} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    added = graph_size(store, new)
    if added:
        store.update(f"ADD <{new}> TO <{GRAPH_INFERRED}>")
    return added


def _union(branches: list[str]) -> str:
    return " UNION ".join(f"{{ {b} }}" for b in branches)


def owl_closure(store: ox.Store, schema: Schema, base: list[str]) -> None:
    """The OWL 2 RL closure of ``base`` + the inferred graph, added to the inferred graph (unfiltered).

    Each round derives from the previous round's new triples (the sub-property, inverse and symmetry
    implications) and from everything (chains and transitive properties, all in one update), into a
    fresh graph; what is not already known is added to the inferred graph and feeds the next round.
    """
    everything = [*base, GRAPH_INFERRED]
    forward = [(p, q) for p, qs in schema.implies.items() for q, rev in qs if not rev]
    backward = [(p, q) for p, qs in schema.implies.items() for q, rev in qs if rev]
    unary = []
    if forward:
        unary.append(f"VALUES (?p ?q) {{ {_values(forward)} }} ?s ?p ?o BIND(?s AS ?x) BIND(?o AS ?y)")
    if backward:
        unary.append(f"VALUES (?p ?q) {{ {_values(backward)} }} ?s ?p ?o BIND(?o AS ?x) BIND(?s AS ?y)")
    joins = [f"BIND(<{q}> AS ?q) ?x <{q}> ?m . ?m <{q}>+ ?y" for q in sorted(schema.transitive)]
    for prop, steps in schema.chains:
        path = " . ".join(f"?v{i} <{step}> ?v{i + 1}" for i, step in enumerate(steps))
        joins.append(f"BIND(<{prop}> AS ?q) {path} BIND(?v0 AS ?x) BIND(?v{len(steps)} AS ?y)")
    rounds = (_NEXT, _DELTA)
    delta = everything
    for turn in range(1000):
        target = rounds[turn % 2]
        store.update(f"DROP SILENT GRAPH <{target}>")
        if unary:
            _insert(store, target, "?x ?q ?y", _union(unary), delta)
        if joins:
            _insert(store, target, "?x ?q ?y", _union(joins), everything)
        if not _settle(store, target, everything):
            break
        delta = [target]
    for g in rounds:
        store.update(f"DROP SILENT GRAPH <{g}>")
    domain = [(p, c) for p, cs in schema.domains.items() for c in cs]
    range_ = [(p, c) for p, cs in schema.ranges.items() for c in cs]
    typing = []
    if domain:
        typing.append(f"VALUES (?p ?c) {{ {_values(domain)} }} ?s ?p ?o BIND(?s AS ?x)")
    if range_:
        typing.append(
            f"VALUES (?p ?c) {{ {_values(range_)} }} ?s ?p ?o FILTER(!isLITERAL(?o)) BIND(?o AS ?x)"
        )
    if typing:
        _insert(store, _NEXT, "?x a ?c", _union(typing), everything)
        _settle(store, _NEXT, everything)
        store.update(f"DROP SILENT GRAPH <{_NEXT}>")
    pairs = [(c, d) for c, ds in schema.superclasses.items() for d in ds]
    if pairs:
        _insert(store, _NEXT, "?x a ?d", f"VALUES (?c ?d) {{ {_values(pairs)} }} ?x a ?c", everything)
        _settle(store, _NEXT, everything)
        store.update(f"DROP SILENT GRAPH <{_NEXT}>")


def keep_useful(store: ox.Store) -> None:
    """Drop what the inferred graph must not hold: triples about nodes outside ``ID``, blank-node
    objects, trivial types and reflexive axioms (the reference engine's output is filtered the same)."""
    trivial = ", ".join(f"<{t}>" for t in _TRIVIAL_TYPES)
    reflexive = ", ".join(f"<{p}>" for p in _REFLEXIVE)
    store.update(
        f"""DELETE {{ GRAPH <{GRAPH_INFERRED}> {{ ?s ?p ?o }} }}
        WHERE {{ GRAPH <{GRAPH_INFERRED}> {{ ?s ?p ?o }}
        FILTER(!isIRI(?s) || !STRSTARTS(STR(?s), "{ID}") || isBLANK(?o)
               || (?p = <{RDF.type}> && ?o IN ({trivial})) || (?p IN ({reflexive}) && sameTerm(?s, ?o))) }}"""
    )


def run_rules(store: ox.Store, rules: list[tuple[str, str]], base: list[str]) -> int:
    """Each CONSTRUCT rule, in name order, over ``base`` + what earlier rules made; into the inferred graph.

    Then ``GRAPH_TYPES`` gets the types validation sees: the stated ones and those the rules made, closed
    under ``rdfs:subClassOf`` (see :mod:`kzgraph.validate`). Returns the number of new triples.
    """
    inferred = ox.NamedNode(GRAPH_INFERRED)
    graphs = graph_list([*base, GRAPH_INFERRED])
    asserted = [ox.NamedNode(g) for g in base]
    for name, text in rules:
        try:
            made = store.query(text, default_graph=graphs)
            triples = list(made)  # type: ignore[arg-type]
        except (SyntaxError, ValueError, OSError) as exc:  # a broken rule is a packaging error
            raise KzError(f"rule {name}: {exc}") from None
        fresh = [
            t for t in triples
            if not any(ox.Quad(t.subject, t.predicate, t.object, g) in store for g in asserted)
        ]  # fmt: skip
        store.extend(ox.Quad(t.subject, t.predicate, t.object, inferred) for t in fresh)
    # The types SHACL reads: stated or made by a rule, closed under rdfs:subClassOf (never from domains
    # and ranges: see kzgraph.validate)
    store.update(
        f"INSERT {{ GRAPH <{GRAPH_TYPES}> {{ ?x a ?d }} }} {_using([*base, GRAPH_INFERRED])} "
        f"WHERE {{ ?x a ?c . ?c <{RDFS.subClassOf}>* ?d }}"
    )
    return graph_size(store, GRAPH_INFERRED)


def inconsistencies(store: ox.Store, schema: Schema, graphs: list[str]) -> list[str]:
    """Individuals typed owl:Nothing, or with two classes declared disjoint."""
    problems = [
        f"{shorten(x)} is inferred to be owl:Nothing"
        for (x,) in _rows(store, f"SELECT ?x WHERE {{ ?x a <{OWL.Nothing}> }} ORDER BY ?x", graphs)
    ]
    for a, b in sorted(schema.disjoint):
        for (x,) in _rows(store, f"SELECT ?x WHERE {{ ?x a <{a}> , <{b}> }} ORDER BY ?x", graphs):
            problems.append(f"{shorten(x)} is both {shorten(a)} and {shorten(b)}, which are disjoint")
    return problems


def read_rules(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """The rule files as (name, text), in name order."""
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(paths)]


def reason(store: ox.Store, rules: list[tuple[str, str]], engine: str = "fast") -> Inference:
    """Fill ``GRAPH_INFERRED`` (emptied first) with the rules' output and the OWL 2 RL closure."""
    if engine not in ENGINES:
        raise KzError(f"unknown reasoner {engine!r} (use one of {', '.join(ENGINES)})")
    store.update(f"DROP SILENT GRAPH <{GRAPH_INFERRED}> ; DROP SILENT GRAPH <{GRAPH_TYPES}>")
    base = [GRAPH_ONTOLOGY, *data_graphs(store)]
    from_rules = run_rules(store, rules, base)
    if engine == "owlrl":
        from kzgraph.oracle import owlrl_closure

        owlrl_closure(store, base)
        schema = read_schema_lenient(store, base)
    else:
        schema = read_schema(store, base)
        owl_closure(store, schema, base)
    keep_useful(store)
    total = graph_size(store, GRAPH_INFERRED)
    problems = inconsistencies(store, schema, [*base, GRAPH_INFERRED])
    return Inference(
        from_rules=from_rules, from_owl=total - from_rules, inconsistencies=problems, engine=engine
    )


def read_schema_lenient(store: ox.Store, graphs: list[str]) -> Schema:
    """The disjointness axioms only (for the consistency check after the reference engine)."""
    disjoint = {
        (a, b)
        for a, b in _rows(store, f"SELECT ?a ?b WHERE {{ ?a <{OWL.disjointWith}> ?b }}", graphs)
        if a != b
    }
    return Schema({}, set(), [], {}, {}, {}, disjoint)


def kinds(store: ox.Store) -> Counter[str]:
    """Inferred triples by predicate (``rdf:type`` split by class), for the summaries."""
    counts: Counter[str] = Counter()
    rows = store.query(
        f"SELECT ?p ?c (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH_INFERRED}> {{ ?s ?p ?o }} "
        f"BIND(IF(?p = <{RDF.type}>, ?o, ?none) AS ?c) }} GROUP BY ?p ?c"
    )
    for row in rows:  # type: ignore[union-attr]
        p, c, n = row["p"], row["c"], row["n"]
        key = f"a {shorten(c.value)}" if c is not None else shorten(p.value)
        counts[key] += int(n.value)
    return counts


__all__ = ["ENGINES", "InconsistencyError", "Inference", "read_schema", "reason"]
