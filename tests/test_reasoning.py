"""OWL 2 RL reasoning: the inferences that matter, written by hand from the profile, and consistency.

The profile states: Dariga and Dinara are Nazarbayev's daughters; Dariga's former husband is Rakhat
Aliyev; Dinara is married to Timur Kulibayev; Svetlana Nazarbayeva is the President's sister-in-law;
Leila Baiseitova is Lira Baiseitova's daughter. Everything else below follows by reasoning.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace, URIRef

from conftest import Parts, audit_events
from kzgraph.build import Build, compute
from kzgraph.oracle import inferred_triples, rdflib_graph
from kzgraph.resources import data_dir
from kzgraph.sources import Sources
from kzgraph.view import GraphView

ID = "https://w3id.org/kzgraph/id/"
KZ = Namespace("https://w3id.org/kzgraph/ontology#")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OWL_IMPORTS = URIRef("http://www.w3.org/2002/07/owl#imports")


def p(slug: str) -> URIRef:
    return URIRef(ID + "person/" + slug)


NAZARBAYEV, DARIGA, DINARA = p("nursultan-nazarbayev"), p("dariga-nazarbayeva"), p("dinara")
ALIYEV, KULIBAYEV, SVETLANA = p("rakhat-aliyev"), p("timur-kulibayev"), p("svetlana-nazarbayeva")
LEILA, LIRA = p("leila-baiseitova"), p("lira-baiseitova")

DERIVED_FAMILY = [
    # inverse of the stated daughterOf
    (NAZARBAYEV, KZ.hasDaughter, DARIGA),
    (NAZARBAYEV, KZ.parentOf, DINARA),
    (DINARA, KZ.childOf, NAZARBAYEV),
    (LIRA, KZ.parentOf, LEILA),
    # symmetric ties
    (KULIBAYEV, KZ.spouseOf, DINARA),
    (ALIYEV, KZ.formerSpouseOf, DARIGA),
    (NAZARBAYEV, KZ.siblingInLawOf, SVETLANA),
    # in-laws by property chains (parentOf o spouseOf, spouseOf o childOf, and the former ones)
    (NAZARBAYEV, KZ.parentInLawOf, KULIBAYEV),
    (KULIBAYEV, KZ.childInLawOf, NAZARBAYEV),
    (NAZARBAYEV, KZ.formerParentInLawOf, ALIYEV),
    (ALIYEV, KZ.formerChildInLawOf, NAZARBAYEV),
    # every tie is a family tie, both ways
    (KULIBAYEV, KZ.relativeOf, NAZARBAYEV),
    (SVETLANA, KZ.relativeOf, NAZARBAYEV),
]

STANDARD = [
    (NAZARBAYEV, SCHEMA.children, DARIGA),
    (DARIGA, SCHEMA.parent, NAZARBAYEV),
    (DINARA, SCHEMA.spouse, KULIBAYEV),
    (KULIBAYEV, RDF.type, FOAF.Person),
    (KULIBAYEV, RDF.type, SCHEMA.Person),
    (KULIBAYEV, RDF.type, PROV.Agent),
    (URIRef(ID + "party/nur-otan"), RDF.type, ORG.Organization),
    (URIRef(ID + "tenure/massimov-prime-minister"), RDF.type, ORG.Membership),
    (URIRef(ID + "tenure/massimov-prime-minister"), ORG.member, p("karim-massimov")),
    (p("karim-massimov"), ORG.holds, URIRef(ID + "post/prime-minister-of-kazakhstan")),
    (p("karim-massimov"), SCHEMA.birthPlace, URIRef(ID + "place/astana")),
]


@pytest.mark.parametrize(
    "triple", DERIVED_FAMILY, ids=lambda t: f"{t[0].split('/')[-1]}-{t[1].split('#')[-1]}"
)
def test_derived_family_ties_are_inferred_not_stored(
    inferred: Graph, kg: Parts, triple: tuple[URIRef, URIRef, URIRef]
) -> None:
    assert triple in inferred
    assert triple not in kg.data


@pytest.mark.parametrize(
    "triple", STANDARD, ids=lambda t: f"{t[0].split('/')[-1]}-{t[1].split('/')[-1]}-{t[2].split('/')[-1]}"
)
def test_standard_vocabulary_triples_are_inferred(
    inferred: Graph, triple: tuple[URIRef, URIRef, URIRef]
) -> None:
    assert triple in inferred


def test_no_relative_of_oneself(inferred: Graph) -> None:
    assert not [s for s, o in inferred.subject_objects(KZ.relativeOf) if s == o]


def test_inferred_graph_repeats_nothing_asserted(inferred: Graph, graph: Graph) -> None:
    assert not [t for t in inferred if t in graph]


def test_fast_engine_infers_exactly_what_owlrl_infers(built: Build) -> None:
    """owlrl is the reference; kzgraph's engine (SPARQL updates in the store) must match it exactly."""
    reference = compute(reasoner="owlrl")
    assert built.inference.engine == "fast" and reference.inference.engine == "owlrl"
    fast, slow = inferred_triples(built.store.ox), inferred_triples(reference.store.ox)
    assert len(fast) > 8000
    assert not slow - fast, sorted(slow - fast)[:10]
    assert not fast - slow, sorted(fast - slow)[:10]


def test_fast_engine_matches_owlrl_on_every_shape_fixture_at_once(tmp_path: Path) -> None:
    """Both engines on one graph holding every shape fixture (their broken data included)."""
    files = [
        data_dir() / "sources.trig",
        *sorted((Path(__file__).parent / "fixtures" / "shapes").glob("*.ttl")),
    ]
    sources = Sources.packaged(data_files=files)
    fast, slow = compute(sources), compute(sources, reasoner="owlrl")
    a, b = inferred_triples(fast.store.ox), inferred_triples(slow.store.ox)
    assert len(a) > 500
    assert not b - a, sorted(b - a)[:10]
    assert not a - b, sorted(a - b)[:10]
    assert fast.inference.inconsistencies == slow.inference.inconsistencies


def test_bulk_reasoning_on_a_disk_store_infers_what_the_memory_store_infers(tmp_path: Path) -> None:
    """The disk path (CONSTRUCT, then bulk loading, no update transactions) against the memory path, on
    the packaged graph with every shape fixture: the same inferred and validation-type graphs."""
    import pyoxigraph as ox

    from kzgraph.load import DEFAULT_LIMITS, load_sources
    from kzgraph.namespaces import GRAPH_TYPES
    from kzgraph.reason import read_rules, reason

    fixtures = sorted((Path(__file__).parent / "fixtures" / "shapes").glob("*.ttl"))
    sources = Sources.packaged(data_files=[*sorted(data_dir().glob("*.trig")), *fixtures])
    results = []
    for store, bulk in ((ox.Store(), False), (ox.Store(str(tmp_path / "disk")), True)):
        load_sources(store, sources, DEFAULT_LIMITS)
        inference = reason(store, read_rules(sources.rules), bulk=bulk)
        types = {q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH_TYPES))}
        results.append((inferred_triples(store), types, inference.from_rules, inference.inconsistencies))
    (memory, memory_types, *memory_rest), (disk, disk_types, *disk_rest) = results
    assert len(memory) > 8000 and len(memory_types) > 1000
    assert not memory ^ disk, sorted(memory ^ disk)[:10]
    assert memory_types == disk_types
    assert memory_rest == disk_rest


FIXTURE = """@prefix kz: <https://w3id.org/kzgraph/ontology#> .
@prefix src: <https://w3id.org/kzgraph/id/source/> .
@prefix person: <https://w3id.org/kzgraph/id/person/> .
@prefix place: <https://w3id.org/kzgraph/id/place/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _compute(tmp_path: Path, body: str) -> Build:
    f = tmp_path / "fixture.ttl"
    f.write_text(FIXTURE + body, encoding="utf-8")
    return compute(Sources.packaged(data_files=[data_dir() / "sources.trig", f]))


def inferred_of(build: Build) -> Graph:
    from kzgraph.namespaces import GRAPH_INFERRED

    return rdflib_graph(build.store.ox, [GRAPH_INFERRED])


def test_domain_and_range_give_class_membership(tmp_path: Path) -> None:
    b = _compute(
        tmp_path,
        'person:x kz:birthDate "1900"^^xsd:gYear ; kz:birthPlace place:y ;\n'
        '    skos:prefLabel "X" ; kz:source src:summary .\n'
        'place:y skos:prefLabel "Y" ; kz:source src:summary .\n',
    )
    g = inferred_of(b)
    assert (URIRef(ID + "person/x"), RDF.type, KZ.Person) in g  # domain of kz:birthDate
    assert (URIRef(ID + "place/y"), RDF.type, KZ.Place) in g  # range of kz:birthPlace
    assert (URIRef(ID + "place/y"), RDF.type, SCHEMA.Place) in g  # and its alignment


def test_disjoint_classes_make_the_build_fail(tmp_path: Path) -> None:
    b = _compute(
        tmp_path,
        'person:x a kz:Person , kz:PoliticalParty ; skos:prefLabel "X" ; kz:source src:summary .\n',
    )
    assert b.inference.inconsistencies
    assert "person:x" in b.inference.inconsistencies[0]
    assert not b.conforms


def test_owl_nothing_makes_the_build_fail(tmp_path: Path) -> None:
    b = _compute(
        tmp_path,
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        'person:x a kz:Person , owl:Nothing ; skos:prefLabel "X" ; kz:source src:summary .\n',
    )
    assert any("owl:Nothing" in p or "Nothing" in p for p in b.inference.inconsistencies)
    assert not b.conforms


def test_reasoning_never_fetches_owl_imports(tmp_path: Path) -> None:
    """An owl:imports is data like any other: no connection, no request, no file opened for it.

    Three witnesses: the audit hook (Python's own network calls and file opens), a listening socket the
    import names (which any client, native code included, would have to connect to), and a file the other
    import names, whose one triple must not reach the graph.
    """
    import select
    import socket

    import pyoxigraph as ox

    imported = tmp_path / "imported.ttl"
    imported.write_text(
        "<https://w3id.org/kzgraph/id/imported> <http://e/p> <http://e/o> .\n", encoding="utf-8"
    )
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    try:
        with audit_events() as events:
            b = _compute(
                tmp_path,
                "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                f"<https://w3id.org/kzgraph/id/x> owl:imports <http://127.0.0.1:{port}/ontology.ttl> ,\n"
                f"    <{imported.as_uri()}> , <http://192.0.2.1/ontology.ttl> .\n",
            )
        pending, _, _ = select.select([listener], [], [], 0.3)  # a connection waiting to be accepted
    finally:
        listener.close()
    assert pending == [], "something connected to the imported ontology's address"
    assert [e for e in events if e[0] in ("socket.connect", "urllib.Request")] == []
    opened = [str(e[1][0]) for e in events if e[0] == "open" and e[1]]
    assert [o for o in opened if o.endswith("imported.ttl") or "192.0.2.1" in o or "127.0.0.1" in o] == []
    # the imports were read as data, the imported file's triple was not
    x, imports = ox.NamedNode("https://w3id.org/kzgraph/id/x"), ox.NamedNode(str(OWL_IMPORTS))
    assert len(list(GraphView(b.store.ox).triples(x, imports, None))) == 3  # (each once, in any graph)
    assert (
        list(b.store.ox.quads_for_pattern(ox.NamedNode("https://w3id.org/kzgraph/id/imported"), None, None))
        == []
    )
    assert b.inference.total > 0
