"""Reason stage: kzgraph's rules, then the OWL 2 RL closure, kept apart from the asserted graph.

Two steps, in order:

1. the rules in ``ontology/rules/*.rq`` (SPARQL CONSTRUCT): they turn cited relationship nodes into plain
   triples, give every date a comparable xsd:date key, build OWL-Time intervals and readable labels for
   dated facts; OWL 2 RL cannot express these;
2. the OWL 2 RL closure (owlrl) of ontology + data + step 1: inverses, symmetric and transitive
   properties, property chains (in-laws), domains, ranges, and the alignment to schema.org, FOAF,
   W3C ORG, OWL-Time and PROV-O.

The result is only what is *new* about the graph's own nodes: the inferred graph never repeats an
asserted triple, and keeps only triples whose subject is an instance (``https://w3id.org/kzgraph/id/``).
owlrl's schema-level closure (domains and ranges of every subproperty, reflexive axioms) and its
generalised-RDF leftovers (literals as subjects, ``x owl:sameAs x``, ``x a owl:Thing``) are dropped before
anything else sees them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef

from kzgraph.errors import KzError
from kzgraph.load import KnowledgeGraph, new_graph
from kzgraph.namespaces import ID, KZ

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


def run_rules(source: Graph, rules: list[tuple[str, str]]) -> Graph:
    """Run each CONSTRUCT rule over ``source`` (in name order) and return the new triples only."""
    out = new_graph()
    work = Graph()
    for t in source:
        work.add(t)
    for name, text in rules:
        try:
            result = work.query(text)
        except Exception as exc:  # a broken rule is a packaging error worth a clear message
            raise KzError(f"rule {name}: {exc}") from None
        for triple in result:
            assert isinstance(triple, tuple)
            s, p, o = triple
            if (s, p, o) not in work:
                out.add((s, p, o))
                work.add((s, p, o))
    return out


def _useful(s: object, p: object, o: object) -> bool:
    if not isinstance(s, URIRef) or not str(s).startswith(ID) or not isinstance(p, URIRef):
        return False
    if isinstance(o, BNode):
        return False
    if p in _REFLEXIVE and s == o:
        return False
    return not (p == RDF.type and o in _TRIVIAL_OBJECTS)


def _inconsistencies(closure: Graph) -> list[str]:
    """Individuals typed owl:Nothing, or typed with two classes declared disjoint."""
    problems = [f"{s} is inferred to be owl:Nothing" for s in closure.subjects(RDF.type, OWL.Nothing)]
    for a, b in closure.subject_objects(OWL.disjointWith):
        if a == b:
            continue
        both = set(closure.subjects(RDF.type, a)) & set(closure.subjects(RDF.type, b))
        problems.extend(f"{x} is both {a} and {b}, which are disjoint" for x in sorted(both, key=str))
    return problems


def owl_closure(graph: Graph) -> Graph:
    """The OWL 2 RL closure of ``graph`` computed by owlrl (a new graph; ``graph`` is not changed)."""
    import owlrl

    closure = Graph()
    for t in graph:
        closure.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(
        closure
    )
    return closure


def reason(kg: KnowledgeGraph, asserted: Graph | None = None) -> Inference:
    """Compute the inferred graph of ``kg``: rule output plus OWL 2 RL closure, minus what is asserted."""
    base = asserted if asserted is not None else kg.asserted()
    ruled = run_rules(base, kg.rules)
    work = Graph()
    for t in base:
        work.add(t)
    for t in ruled:
        work.add(t)
    closure = owl_closure(work)
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
    )


__all__ = ["KZ", "InconsistencyError", "Inference", "owl_closure", "reason", "run_rules"]
