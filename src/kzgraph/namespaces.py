"""Namespaces and prefixes used across the package, in one place."""

from __future__ import annotations

from rdflib import Namespace

KZ = Namespace("https://w3id.org/kzgraph/ontology#")
KZSH = Namespace("https://w3id.org/kzgraph/shapes#")
ID = "https://w3id.org/kzgraph/id/"
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

#: The named graphs of a dataset export or a store: asserted triples, and what reasoning adds.
GRAPH_ASSERTED = "https://w3id.org/kzgraph/graph/asserted"
GRAPH_INFERRED = "https://w3id.org/kzgraph/graph/inferred"

#: Instance namespaces, one per kind of node; the prefix is also the kind's short name.
INSTANCE_PREFIXES: dict[str, str] = {
    name: f"{ID}{path}/"
    for name, path in [
        ("src", "source"),
        ("person", "person"),
        ("party", "party"),
        ("inst", "institution"),
        ("intorg", "intorg"),
        ("orgn", "organisation"),
        ("country", "country"),
        ("place", "place"),
        ("concept", "concept"),
        ("post", "post"),
        ("tenure", "tenure"),
        ("membership", "membership"),
        ("rel", "relationship"),
        ("edu", "education"),
        ("election", "election"),
        ("result", "result"),
        ("event", "event"),
        ("claim", "claim"),
        ("obs", "observation"),
        ("rule", "rule"),
        ("law", "law"),
        ("doc", "document"),
        ("conflict", "conflict"),
    ]
}

#: Every prefix kzgraph writes in Turtle and SPARQL output.
PREFIXES: dict[str, str] = {
    "kz": str(KZ),
    "kzsh": str(KZSH),
    **INSTANCE_PREFIXES,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "org": str(ORG),
    "prov": str(PROV),
    "time": str(TIME),
    "sh": "http://www.w3.org/ns/shacl#",
}


def sparql_prologue() -> str:
    """PREFIX declarations for every known prefix, for queries written with prefixed names."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def shorten(iri: str) -> str:
    """Write an IRI as a prefixed name when a known prefix covers it.

    >>> shorten("https://w3id.org/kzgraph/id/person/karim-massimov")
    'person:karim-massimov'
    """
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            rest = iri[len(ns) :]
            if rest and all(c.isalnum() or c in "-_." for c in rest):
                best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri
