"""Reason stage: kzgraph's rules, then the OWL 2 RL closure, kept apart from the asserted graph.

Two steps, in order:

1. the rules in ``ontology/rules/*.rq`` (SPARQL CONSTRUCT): they turn cited relationship nodes into plain
   triples, give every date a comparable xsd:date key, build OWL-Time intervals and readable labels for
   dated facts; OWL 2 RL cannot express these;
2. the OWL 2 RL closure of ontology + data + step 1: inverses, symmetric and transitive properties,
   property chains (in-laws), domains, ranges, and the alignment to schema.org, FOAF, W3C ORG,
   OWL-Time and PROV-O.

Two engines compute step 2. ``owlrl`` (pure Python) is the reference. ``fast`` uses the Rust reasoner
``reasonable`` (about 50x faster), which does not implement property chains (rule prp-spo2) and types
plain strings as xsd:string; kzgraph normalises the strings and applies the ontology's chain axioms
itself, alternating with ``reasonable`` until nothing new follows. The test suite checks that the fast
engine infers every triple owlrl infers. ``auto`` picks ``fast`` when ``reasonable`` is installed.

The result is only what is *new* about the graph's own nodes: the inferred graph never repeats an
asserted triple, and keeps only triples whose subject is an instance (``https://w3id.org/kzgraph/id/``).
owlrl's schema-level closure (domains and ranges of every subproperty, reflexive axioms) and its
generalised-RDF leftovers (literals as subjects, ``x owl:sameAs x``, ``x a owl:Thing``) are dropped before
anything else sees them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kzgraph.errors import KzError
from kzgraph.load import KnowledgeGraph, new_graph
from kzgraph.namespaces import ID, KZ
from kzgraph.oxi import Triple

_TRIVIAL_OBJECTS = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}
_REFLEXIVE = {OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty}


class InconsistencyError(KzError):
    """The OWL 2 RL closure found a contradiction (disjoint classes shared, owl:Nothing populated)."""


@dataclass
class Inference:
    """The inferred triples and what kinds they are."""

    graph: Graph
    from_rules: int
    from_owl: int
    inconsistencies: list[str] = field(default_factory=list)
    engine: str = "owlrl"
    ruled: set[Triple] = field(default_factory=set)

    def kinds(self) -> Counter[str]:
        """Count inferred triples by predicate (``rdf:type`` split by class), for the build summary."""
        counts: Counter[str] = Counter()
        for _, p, o in self.graph:
            key = (
                f"a {o.n3(self.graph.namespace_manager)}"
                if p == RDF.type
                else p.n3(self.graph.namespace_manager)
            )
            counts[key] += 1
        return counts


def run_rules(source: Graph | set[Triple], rules: list[tuple[str, str]]) -> set[Triple]:
    """Run each CONSTRUCT rule (in name order) over ``source`` plus earlier rules' output, on Oxigraph.

    Returns only the new triples.
    """
    import pyoxigraph as ox

    from kzgraph.oxi import construct, store_from, to_ox

    triples = source if isinstance(source, set) else set(source)
    store = store_from(triples)
    out: set[Triple] = set()
    for name, text in rules:
        try:
            made = construct(store, text)
        except (SyntaxError, ValueError, OSError) as exc:  # a broken rule is a packaging error
            raise KzError(f"rule {name}: {exc}") from None
        fresh = made - triples - out
        out |= fresh
        store.extend(
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph())  # type: ignore[arg-type]
            for s, p, o in fresh
        )
    return out


def _useful(s: object, p: object, o: object) -> bool:
    if not isinstance(s, URIRef) or not str(s).startswith(ID) or not isinstance(p, URIRef):
        return False
    if isinstance(o, BNode):
        return False
    if p in _REFLEXIVE and s == o:
        return False
    return not (p == RDF.type and o in _TRIVIAL_OBJECTS)


def _inconsistencies(closure: set[Triple]) -> list[str]:
    """Individuals typed owl:Nothing, or typed with two classes declared disjoint."""
    members: dict[Node, set[Node]] = {}
    disjoint: list[tuple[Node, Node]] = []
    for s, p, o in closure:
        if p == RDF.type:
            members.setdefault(o, set()).add(s)
        elif p == OWL.disjointWith and s != o:
            disjoint.append((s, o))
    problems = [f"{x} is inferred to be owl:Nothing" for x in sorted(members.get(OWL.Nothing, ()), key=str)]
    for a, b in sorted(set(disjoint), key=str):
        both = members.get(a, set()) & members.get(b, set())
        problems.extend(f"{x} is both {a} and {b}, which are disjoint" for x in sorted(both, key=str))
    return problems


def owl_closure(triples: set[Triple]) -> set[Triple]:
    """The OWL 2 RL closure computed by owlrl, the reference engine."""
    import owlrl

    closure = Graph()
    for t in triples:
        closure.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(
        closure
    )
    return set(closure)


ENGINES = ("auto", "fast", "owlrl")


def fast_available() -> bool:
    """True when the Rust reasoner ``reasonable`` can be imported."""
    try:
        import reasonable  # noqa: F401
    except ImportError:
        return False
    return True


def _chain_axioms(triples: set[Triple]) -> list[tuple[Node, list[Node]]]:
    """Every ``P owl:propertyChainAxiom (P1 ... Pn)`` among ``triples``."""
    first = {s: o for s, p, o in triples if p == RDF.first}
    rest = {s: o for s, p, o in triples if p == RDF.rest}
    chains = []
    for prop, p, head in triples:
        if p != OWL.propertyChainAxiom:
            continue
        steps: list[Node] = []
        node: Node | None = head
        while node is not None and node != RDF.nil and node in first:
            steps.append(first[node])
            node = rest.get(node)
        if len(steps) >= 2:
            chains.append((prop, steps))
    return chains


def _apply_chains(closure: set[Triple], chains: list[tuple[Node, list[Node]]]) -> set[Triple]:
    """Triples that the chain axioms derive from ``closure`` and that it lacks (rule prp-spo2)."""
    by_pred: dict[Node, dict[Node, list[Node]]] = {}
    wanted = {step for _, steps in chains for step in steps}
    for s, p, o in closure:
        if p in wanted:
            by_pred.setdefault(p, {}).setdefault(s, []).append(o)
    new: set[Triple] = set()
    for prop, steps in chains:
        pairs = {(s, o) for s, objs in by_pred.get(steps[0], {}).items() for o in objs}
        for step in steps[1:]:
            index = by_pred.get(step, {})
            pairs = {(a, c) for a, b in pairs for c in index.get(b, ())}
        new.update((a, prop, c) for a, c in pairs if (a, prop, c) not in closure)
    return new


def _plain(term: Node) -> Node:
    if isinstance(term, Literal) and term.datatype == XSD.string and term.language is None:
        return Literal(str(term))
    return term


def fast_closure(triples: set[Triple]) -> set[Triple]:
    """The OWL 2 RL closure by ``reasonable``, completed with the ontology's property chains."""
    import reasonable

    closure = set(triples)
    chains = _chain_axioms(closure)
    while True:
        reasoner = reasonable.PyReasoner()
        reasoner.from_graph(list(closure))
        closure.update((_plain(s), p, _plain(o)) for s, p, o in reasoner.reason())
        chained = _apply_chains(closure, chains)
        if not chained:  # reasonable's closure is complete and no chain adds anything: a fixpoint
            return closure
        closure |= chained


def reason(kg: KnowledgeGraph, asserted: Graph | None = None, engine: str = "auto") -> Inference:
    """Compute the inferred graph of ``kg``: rule output plus OWL 2 RL closure, minus what is asserted."""
    if engine not in ENGINES:
        raise KzError(f"unknown reasoner {engine!r} (use one of {', '.join(ENGINES)})")
    if engine == "auto":
        engine = "fast" if fast_available() else "owlrl"
    if engine == "fast" and not fast_available():
        raise KzError("the fast reasoner needs the 'reasonable' package: pip install reasonable")
    base = set(asserted if asserted is not None else kg.asserted())
    ruled = run_rules(base, kg.rules)
    work = base | ruled
    closure = fast_closure(work) if engine == "fast" else owl_closure(work)
    inferred = new_graph()
    from_owl = 0
    for s, p, o in closure:
        if (s, p, o) in base or not _useful(s, p, o):
            continue
        inferred.add((s, p, o))
        if (s, p, o) not in ruled:
            from_owl += 1
    return Inference(
        graph=inferred,
        from_rules=len(ruled),
        from_owl=from_owl,
        inconsistencies=_inconsistencies(closure),
        engine=engine,
        ruled=ruled,
    )


__all__ = ["KZ", "InconsistencyError", "Inference", "owl_closure", "reason", "run_rules"]
