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

import tempfile
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


def _add(
    store: ox.Store,
    targets: list[str],
    template: str,
    where: str,
    graphs: list[str],
    named: list[str],
    bulk: bool,
) -> None:
    """Add what ``where`` (over ``graphs``, and ``named`` as named graphs) derives to each of ``targets``.

    In memory this is one ``INSERT ... WHERE`` update. On disk (``bulk``) an update holds its whole
    transaction in memory (several GB at a million triples), so the triples are made by ``CONSTRUCT``,
    written to a temporary N-Triples file and bulk loaded: measured several times faster there, with a
    small, flat memory use.
    """
    if not bulk:
        into = " ".join(f"GRAPH <{t}> {{ {template} }}" for t in targets)
        using = _using(graphs) + " " + " ".join(f"USING NAMED <{g}>" for g in named)
        store.update(f"INSERT {{ {into} }} {using} WHERE {{ {where} }}")
        return
    made = store.query(
        f"CONSTRUCT {{ {template} }} WHERE {{ {where} }}",
        default_graph=graph_list(graphs) if graphs else None,
        named_graphs=[ox.NamedNode(g) for g in named] if named else None,
    )
    assert isinstance(made, ox.QueryTriples)
    _load_triples(store, made, targets, bulk=True)


def _load_triples(store: ox.Store, made: ox.QueryTriples, targets: list[str], *, bulk: bool) -> None:
    """Load a CONSTRUCT's triples into each of ``targets`` (through a file when ``bulk``)."""
    if not bulk:
        data = made.serialize(format=ox.RdfFormat.N_TRIPLES) or b""
        for t in targets:
            store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(t))
        return
    with tempfile.TemporaryDirectory(prefix="kzgraph-reason-") as folder:
        path = Path(folder) / "made.nt"
        made.serialize(str(path), format=ox.RdfFormat.N_TRIPLES)
        for t in targets:
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(t))


def _derive(
    store: ox.Store,
    targets: list[str],
    template: str,
    where: str,
    graphs: list[str],
    known: list[str],
    *,
    many: str | None = None,
    bulk: bool = False,
) -> None:
    """Add what ``where`` (over ``graphs``) derives and no graph in ``known`` holds to each of ``targets``.

    Where many triples are expected, ``many`` is given (a pattern that restricts the known triples to
    those that could match, such as ``VALUES ?q {...}``, or ""): they are then removed by ``MINUS``, a
    hash anti-join, which measures several times faster than a ``FILTER NOT EXISTS`` lookup per derived
    triple; few triples are checked one by one.
    """
    if many is not None:
        anti = " ".join(f"MINUS {{ {many} GRAPH <{g}> {{ {template} }} }}" for g in known)
    else:
        anti = f"FILTER NOT EXISTS {{ GRAPH ?known {{ {template} }} }}"
    _add(store, targets, template, f"{{ {where} }} {anti}", graphs, known, bulk)


def _union(branches: list[str]) -> str:
    return " UNION ".join(f"{{ {b} }}" for b in branches)


def owl_closure(store: ox.Store, schema: Schema, base: list[str], *, bulk: bool = False) -> None:
    """The OWL 2 RL closure of ``base`` + the inferred graph, added to the inferred graph (unfiltered).

    The schema is closed before any data is read, so one pass of each kind of rule does most of the work:

    1. the implications (sub-property, equivalence, inverse, symmetry: a ``VALUES`` table from each
       property to every property it implies, either way round) of the asserted and rule-made triples;
    2. the chains and transitive properties over everything so far; their new triples are the only
       news the implications have not seen, so rounds of (implications of the last news, then joins)
       repeat until the joins find nothing new (semi-naive: each round's news are the next one's input);
    3. the types from domains and ranges, in one pass, each with its super-classes (closed in the
       schema), so no type needs a second round (the stated ones were closed with the rules).
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
    news = everything
    for turn in range(1000):
        if unary:  # (the first pass derives many triples: the asserted ones' implications)
            implied = f"VALUES ?q {{ {' '.join(sorted({f'<{q}>' for _, q in forward + backward}))} }}"
            many = implied if turn == 0 else None
            _derive(
                store, [GRAPH_INFERRED], "?x ?q ?y", _union(unary), news, everything, many=many, bulk=bulk
            )
        if not joins:
            break
        target = rounds[turn % 2]
        store.update(f"DROP SILENT GRAPH <{target}>")
        _derive(store, [target, GRAPH_INFERRED], "?x ?q ?y", _union(joins), everything, everything, bulk=bulk)
        if not graph_size(store, target):
            break
        news = [target]
    for g in rounds:
        store.update(f"DROP SILENT GRAPH <{g}>")
    closed = {c: {c} | schema.superclasses.get(c, set()) for c in schema.superclasses}

    def closure(classes: set[str]) -> set[str]:
        return {d for c in classes for d in closed.get(c, {c})}

    domain = [(p, d) for p, cs in schema.domains.items() for d in closure(cs)]
    range_ = [(p, d) for p, cs in schema.ranges.items() for d in closure(cs)]
    # the stated and rule-made types were closed with the rules (run_rules); only types derived here
    # need it, and only rdf:type as an implied property (a sub-property of it) would derive any
    derives_types = any(q == RDF.type for qs in schema.implies.values() for q, _ in qs)
    pairs = [(c, d) for c, ds in schema.superclasses.items() for d in ds] if derives_types else []
    typing = []
    if domain:
        typing.append(f"VALUES (?p ?c) {{ {_values(domain)} }} ?x ?p ?o")
    if range_:
        typing.append(f"VALUES (?p ?c) {{ {_values(range_)} }} ?s ?p ?x FILTER(!isLITERAL(?x))")
    if pairs:
        typing.append(f"VALUES (?d ?c) {{ {_values(pairs)} }} ?x a ?d")
    if typing:
        where = f"SELECT DISTINCT ?x ?c WHERE {{ {_union(typing)} }}"
        _derive(store, [GRAPH_INFERRED], "?x a ?c", where, everything, base, many="", bulk=bulk)


def keep_useful(store: ox.Store) -> None:
    """Drop what the inferred graph must not hold: triples about nodes outside ``ID``, blank-node
    objects, trivial types and reflexive axioms (the reference engine's output is filtered the same).

    They are few (the closure's trivia about the ontology's own terms): found by a read-only scan and
    removed one by one, which on a disk store is several times faster than a ``DELETE ... WHERE``
    update scanning inside its transaction.
    """
    trivial = ", ".join(f"<{t}>" for t in _TRIVIAL_TYPES)
    reflexive = ", ".join(f"<{p}>" for p in _REFLEXIVE)
    found = store.query(
        f"""SELECT ?s ?p ?o WHERE {{ GRAPH <{GRAPH_INFERRED}> {{ ?s ?p ?o }}
        FILTER(!isIRI(?s) || !STRSTARTS(STR(?s), "{ID}") || isBLANK(?o)
               || (?p = <{RDF.type}> && ?o IN ({trivial})) || (?p IN ({reflexive}) && sameTerm(?s, ?o))) }}"""
    )
    assert isinstance(found, ox.QuerySolutions)
    graph = ox.NamedNode(GRAPH_INFERRED)
    for quad in [ox.Quad(row["s"], row["p"], row["o"], graph) for row in found]:
        store.remove(quad)


def run_rules(store: ox.Store, rules: list[tuple[str, str]], base: list[str], *, bulk: bool = False) -> int:
    """Each CONSTRUCT rule, in name order, over ``base`` + what earlier rules made; into the inferred graph.

    Returns the number of triples the rules made. Then the types validation sees are settled (the stated
    ones and those the rules made, closed under ``rdfs:subClassOf``, never those from domains and ranges:
    see :mod:`kzgraph.validate`): ``GRAPH_TYPES`` gets the rules' types and the closure's new types, which
    also go to the inferred graph (they are OWL 2 RL's cax-sco too).
    """
    graphs = graph_list([*base, GRAPH_INFERRED])
    for name, text in rules:
        try:
            # written and read back as N-Triples inside pyoxigraph: no Python object per triple
            made = store.query(text, default_graph=graphs)
            assert isinstance(made, ox.QueryTriples)
            _load_triples(store, made, [GRAPH_INFERRED], bulk=bulk)
        except (SyntaxError, ValueError, OSError, AssertionError) as exc:  # a broken rule: a packaging error
            raise KzError(f"rule {name}: {exc}") from None
    # what a rule made that is asserted too is not news: one anti-join per source graph, after all rules
    # (a later rule sees the union of asserted and inferred either way)
    for g in base:
        store.update(
            f"DELETE {{ GRAPH <{GRAPH_INFERRED}> {{ ?s ?p ?o }} }} "
            f"WHERE {{ GRAPH <{GRAPH_INFERRED}> {{ ?s ?p ?o }} GRAPH <{g}> {{ ?s ?p ?o }} }}"
        )
    made_by_rules = graph_size(store, GRAPH_INFERRED)
    _add(store, [GRAPH_TYPES], "?x a ?c", f"GRAPH <{GRAPH_INFERRED}> {{ ?x a ?c }}", [], [], bulk)
    # (the sub-class closure is computed here, small, so that the update is one join with a table)
    sub_class: dict[str, set[str]] = {}
    for a, b in _rows(store, f"SELECT ?a ?b WHERE {{ ?a <{RDFS.subClassOf}> ?b }}", base):
        sub_class.setdefault(a, set()).add(b)
    pairs = [(c, d) for c in sub_class for d in _closure(sub_class, c) if d != c]
    if pairs:
        where = f"VALUES (?c ?d) {{ {_values(pairs)} }} ?x a ?c"
        _derive(
            store, [GRAPH_TYPES, GRAPH_INFERRED], "?x a ?d", where, [*base, GRAPH_INFERRED],
            [*base, GRAPH_INFERRED], many="", bulk=bulk,
        )  # fmt: skip
    return made_by_rules


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


def reason(
    store: ox.Store, rules: list[tuple[str, str]], engine: str = "fast", *, bulk: bool = False
) -> Inference:
    """Fill ``GRAPH_INFERRED`` (emptied first) with the rules' output and the OWL 2 RL closure.

    ``bulk``: the store is on disk; what is derived is bulk loaded rather than inserted by updates, whose
    transactions are held in memory whole (see ``_add``).
    """
    if engine not in ENGINES:
        raise KzError(f"unknown reasoner {engine!r} (use one of {', '.join(ENGINES)})")
    store.update(f"DROP SILENT GRAPH <{GRAPH_INFERRED}> ; DROP SILENT GRAPH <{GRAPH_TYPES}>")
    base = [GRAPH_ONTOLOGY, *data_graphs(store)]
    from_rules = run_rules(store, rules, base, bulk=bulk)
    if engine == "owlrl":
        from kzgraph.oracle import owlrl_closure

        owlrl_closure(store, base)
        schema = read_schema_lenient(store, base)
    else:
        schema = read_schema(store, base)
        owl_closure(store, schema, base, bulk=bulk)
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
