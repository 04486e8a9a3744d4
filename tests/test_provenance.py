"""Provenance and documentation: every node cites the profile; every ontology term is labelled and defined."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from conftest import Parts as KnowledgeGraph

KZ = Namespace("https://w3id.org/kzgraph/ontology#")
ID = "https://w3id.org/kzgraph/id/"


def test_every_entity_and_dated_fact_cites_a_section(merged: Graph) -> None:
    missing = [
        str(s)
        for cls in (KZ.Entity, KZ.DatedFact)
        for s in merged.subjects(RDF.type, cls)
        if not any((sec, RDF.type, KZ.SourceSection) in merged for sec in merged.objects(s, KZ.source))
    ]
    assert missing == []


def test_every_instance_is_an_entity_a_dated_fact_or_provenance(merged: Graph, kg: KnowledgeGraph) -> None:
    allowed = {KZ.Entity, KZ.DatedFact, KZ.SourceSection, KZ.SourceDocument}
    subjects = {s for s in kg.data.subjects() if isinstance(s, URIRef) and str(s).startswith(ID)}
    stray = sorted(str(s) for s in subjects if not any((s, RDF.type, c) in merged for c in allowed))
    assert stray == []


def test_the_profile_is_described_once(graph: Graph) -> None:
    docs = list(graph.subjects(RDF.type, KZ.SourceDocument))
    assert len(docs) == 1
    profile = docs[0]
    assert graph.value(profile, URIRef("https://schema.org/dateModified")) == Literal(
        "2011-04-05", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")
    )
    publisher = graph.value(profile, DCTERMS.publisher)
    assert graph.value(publisher, SKOS.prefLabel) == Literal("European Forum for Democracy and Solidarity")


def test_every_ontology_term_has_a_label_and_a_definition(kg: KnowledgeGraph) -> None:
    o = kg.ontology
    terms = {
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in o.subjects(RDF.type, kind)
        if str(s).startswith(str(KZ))
    }
    assert len(terms) > 150
    lacking = sorted(
        str(t) for t in terms if o.value(t, RDFS.label) is None or o.value(t, SKOS.definition) is None
    )
    assert lacking == []


def test_ontology_metadata(kg: KnowledgeGraph) -> None:
    o = kg.ontology
    ont = URIRef("https://w3id.org/kzgraph/ontology")
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.creator, OWL.versionInfo):
        assert o.value(ont, prop) is not None, prop


def test_ontology_uses_only_owl2_rl_friendly_axioms(kg: KnowledgeGraph) -> None:
    # No functional properties (a second value would silently merge entities), no unions or hasSelf.
    o = kg.ontology
    assert not list(o.subjects(RDF.type, OWL.FunctionalProperty))
    assert not list(o.subject_objects(OWL.unionOf))
    assert not list(o.subject_objects(OWL.hasSelf))
    assert list(o.subject_objects(OWL.propertyChainAxiom))
    assert list(o.subjects(RDF.type, OWL.SymmetricProperty))
    assert list(o.subjects(RDF.type, OWL.TransitiveProperty))
    assert list(o.subject_objects(OWL.inverseOf))


def test_dates_of_any_precision_order_and_compare(merged: Graph) -> None:
    # Massimov: Deputy PM from January 2006 (year-month), Prime Minister from January 2007; Nazarbayev born
    # 1940 (year). The derived kz:beginsOn keys compare across precisions.
    rows = merged.query(
        """SELECT ?x ?b WHERE { VALUES ?x { person:nursultan-nazarbayev } ?x kz:birthDate ?d }""",
        initNs={"kz": KZ, "person": ID + "person/"},
    )
    assert len(list(rows)) == 1
    ordered = [
        str(r[0])  # type: ignore[index]
        for r in merged.query(
            """SELECT ?post WHERE {
                 ?t kz:holder person:karim-massimov ; kz:post/skos:prefLabel ?post ; kz:beginsOn ?b .
                 FILTER (?b >= "2001-01-01"^^xsd:date)
               } ORDER BY ?b""",
            initNs={
                "kz": KZ,
                "person": ID + "person/",
                "skos": SKOS,
                "xsd": "http://www.w3.org/2001/XMLSchema#",
            },
        )
    ]
    assert ordered[-1] == "Prime Minister of Kazakhstan"
    assert ordered.index("Deputy Prime Minister") < ordered.index("Prime Minister of Kazakhstan")
