"""After reasoning, queries written only in standard vocabularies find the profile's facts.

Each query below uses schema.org, FOAF, W3C ORG or OWL-Time terms and no kz: term; the expected answers
are written by hand from the profile.
"""

from __future__ import annotations

from rdflib import Graph

STD = """
PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def rows(graph: Graph, query: str) -> set[tuple[str, ...]]:
    assert "kzgraph/ontology" not in query
    return {tuple(str(v) for v in r) for r in graph.query(STD + query)}  # type: ignore[union-attr]


def test_names_and_birth_dates_in_schema_org(merged: Graph) -> None:
    # BIOGRAPHIES: Massimov born 15 June 1965, Tokayev 17 May 1953, Tuyakbay 22 November 1947, Nazarbayev 1940
    found = rows(
        merged, "SELECT ?name ?born WHERE { ?p a schema:Person ; schema:name ?name ; schema:birthDate ?born }"
    )
    assert {
        ("Karim Massimov", "1965-06-15"),
        ("Kassym-Jomart Tokayev", "1953-05-17"),
        ("Zharmakhan Aitbayuly Tuyakbay", "1947-11-22"),
        ("Nursultan Nazarbayev", "1940"),
    } <= found


def test_birth_place_in_schema_org(merged: Graph) -> None:
    # BIOGRAPHIES: Nazarbayev born in Chemolgan; Massimov in Tselinograd (now Astana)
    found = rows(
        merged,
        "SELECT ?name ?place WHERE { ?p schema:name ?name ; schema:birthPlace/schema:name ?place }",
    )
    assert {("Nursultan Nazarbayev", "Chemolgan"), ("Karim Massimov", "Astana")} <= found


def test_spouses_are_symmetric_in_schema_org(merged: Graph) -> None:
    # POLITICAL SYSTEM > The President: Dinara is married to Timur Kulibayev
    found = rows(merged, "SELECT ?a ?b WHERE { ?x schema:spouse ?y . ?x schema:name ?a . ?y schema:name ?b }")
    assert found == {("Dinara", "Timur Kulibayev"), ("Timur Kulibayev", "Dinara")}


def test_children_and_parents_in_schema_org(merged: Graph) -> None:
    # Nazarbayev's daughters Dariga and Dinara; Leila Baiseitova is Lira Baiseitova's daughter
    children = rows(
        merged, "SELECT ?p ?c WHERE { ?x schema:children ?y . ?x schema:name ?p . ?y schema:name ?c }"
    )
    assert children == {
        ("Nursultan Nazarbayev", "Dariga Nazarbayeva"),
        ("Nursultan Nazarbayev", "Dinara"),
        ("Lira Baiseitova", "Leila Baiseitova"),
    }
    parents = rows(
        merged, "SELECT ?c ?p WHERE { ?y schema:parent ?x . ?x schema:name ?p . ?y schema:name ?c }"
    )
    assert {(c, p) for p, c in children} == parents


def test_people_and_organisations_in_foaf(merged: Graph) -> None:
    people = rows(merged, "SELECT ?n WHERE { ?p a foaf:Person ; foaf:name ?n }")
    assert {("Timur Kulibayev",), ("Svetlana Nazarbayeva",), ("Sergei Duvanov",)} <= people
    orgs = rows(merged, "SELECT ?n WHERE { ?o a foaf:Organization ; foaf:name ?n }")
    assert {("Nur Otan",), ("Rukhaniyat",), ("KazMunayGaz",)} <= orgs


def test_memberships_with_dates_in_org_and_owl_time(merged: Graph) -> None:
    # International relations: UN joined 2 March 1992, OSCE admitted 30 January 1992,
    # EAPC joined March 1992, Partnership for Peace 1995.
    found = rows(
        merged,
        """SELECT ?org ?start WHERE {
             ?m a org:Membership ; org:member ?k ; org:organization ?o ; org:memberDuring ?i .
             ?k schema:name "Kazakhstan" . ?o schema:name ?org .
             ?i time:hasBeginning ?b .
             { ?b time:inXSDDate ?start } UNION { ?b time:inXSDgYearMonth ?start }
             UNION { ?b time:inXSDgYear ?start }
           }""",
    )
    assert {
        ("UN", "1992-03-02"),
        ("OSCE", "1992-01-30"),
        ("Euro-Atlantic Partnership Council", "1992-03"),
        ("Partnership for Peace programme", "1995"),
    } <= found


def test_posts_held_in_org(merged: Graph) -> None:
    # The Prime Minister: Karim Massimov; The Senate: Tokayev is its chairman
    found = rows(
        merged, "SELECT ?who ?post WHERE { ?p org:holds ?x . ?p foaf:name ?who . ?x schema:name ?post }"
    )
    assert ("Karim Massimov", "Prime Minister of Kazakhstan") in found
    assert ("Kassym-Jomart Tokayev", "Chairman of the Senate") in found
    held = rows(
        merged, "SELECT ?who WHERE { ?x schema:name 'President of Kazakhstan' ; org:heldBy/foaf:name ?who }"
    )
    assert held == {("Nursultan Nazarbayev",)}


def test_schema_member_of_and_alumni_of(merged: Graph) -> None:
    member = rows(merged, "SELECT ?o WHERE { ?k schema:name 'Kazakhstan' ; schema:memberOf/schema:name ?o }")
    assert {
        ("UN",),
        ("OSCE",),
        ("Shanghai Cooperation Organisation",),
        ("Commonwealth of Independent States",),
    } <= member
    alumni = rows(
        merged, "SELECT ?s WHERE { ?p schema:name 'Karim Massimov' ; schema:alumniOf/schema:name ?s }"
    )
    assert ("Beijing Language and Culture University",) in alumni
