"""Namespaces, prefixes and graph names used across the package, in one place."""

from __future__ import annotations


class Namespace(str):
    """An IRI prefix whose attributes and items are full IRIs (plain strings, no RDF library needed).

    >>> KZ.Person
    'https://w3id.org/kzgraph/ontology#Person'
    >>> KZ["from"]
    'https://w3id.org/kzgraph/ontology#from'
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return str(self) + name

    def __getitem__(self, name: str) -> str:  # type: ignore[override]
        return str(self) + name


KZ = Namespace("https://w3id.org/kzgraph/ontology#")
KZSH = Namespace("https://w3id.org/kzgraph/shapes#")
ID = "https://w3id.org/kzgraph/id/"
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SH = Namespace("http://www.w3.org/ns/shacl#")

GRAPH = "https://w3id.org/kzgraph/graph/"
#: The named graphs of a store. ``asserted`` (ontology and data together) and ``inferred`` are what
#: ``kzgraph load`` puts in an outside store and what dataset exports hold; a kzgraph store keeps the
#: parts apart as well, and adds the shapes and what validation reads.
GRAPH_ASSERTED = GRAPH + "asserted"
GRAPH_INFERRED = GRAPH + "inferred"
GRAPH_ONTOLOGY = GRAPH + "ontology"
GRAPH_DATA = GRAPH + "data"
#: ``?x kz:source ?section`` for every subject of a section's graph: derived when the data is loaded.
GRAPH_CITATIONS = GRAPH + "citations"
#: The set union of every data graph and the citations, made when data names graphs: the default graph
#: for queries, reasoning and validation (a union of overlapping graphs would repeat shared triples).
GRAPH_UNION = GRAPH + "data-union"
GRAPH_SHAPES = GRAPH + "shapes"
#: Asserted types closed under rdfs:subClassOf: the types SHACL sees (see :mod:`kzgraph.validate`).
GRAPH_TYPES = GRAPH + "validation-types"

#: Instance namespaces, one per kind of node; the prefix is also the kind's short name.
INSTANCE_PREFIXES: dict[str, str] = {
    name: f"{ID}{path}/"
    for name, path in [
        ("src", "source"),
        ("person", "person"),
        ("group", "group"),
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


def expand(name: str) -> str | None:
    """The IRI of a prefixed name or an ``<IRI>`` (None when it is neither).

    >>> expand("person:karim-massimov")
    'https://w3id.org/kzgraph/id/person/karim-massimov'
    """
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    if name.startswith(("http://", "https://", "urn:")):
        return name
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return None
