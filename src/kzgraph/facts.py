"""Everything the graph says about one entity, grouped, with dates and sources.

Used by ``kzgraph show``, by the explorer's information panel and by the network projection, so that
all three say the same thing. Entities are found by IRI, prefixed name, preferred label or any
alternative spelling (case- and accent-insensitive).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from kzgraph.errors import NotFoundError
from kzgraph.namespaces import ID, KZ, shorten
from kzgraph.query import parse_value

#: The classes a dated fact can have, and the group its facts are listed under.
FACT_GROUPS: list[tuple[URIRef, str]] = [
    (KZ.Tenure, "Offices and roles"),
    (KZ.Membership, "Memberships"),
    (KZ.Relationship, "Ties"),
    (KZ.Education, "Education"),
    (KZ.ElectionResult, "Election results"),
    (KZ.Observation, "Figures"),
    (KZ.Claim, "Claims"),
    (KZ.Rule, "Rules"),
    (KZ.Conflict, "Conflicts in the profile"),
    (KZ.Reading, "Conflicts in the profile"),
]

_SKIP = {RDF.type, SKOS.prefLabel, SKOS.altLabel, KZ.source, RDFS.label}


@dataclass(frozen=True)
class Fact:
    """One line of what is known: a property and value, with dates and the sections that state it."""

    group: str
    prop: str
    value: str
    dates: str = ""
    sources: tuple[str, ...] = ()
    node: str = ""

    def line(self) -> str:
        """``prop: value (dates) [sources]``."""
        dates = f" ({self.dates})" if self.dates else ""
        src = f"  [{'; '.join(self.sources)}]" if self.sources else ""
        return f"{self.prop}: {self.value}{dates}{src}"


@dataclass
class Profile:
    """An entity and its grouped facts."""

    iri: str
    label: str
    types: list[str]
    names: list[str]
    facts: list[Fact] = field(default_factory=list)

    def groups(self) -> dict[str, list[Fact]]:
        """Facts by group, groups in a stable order: stated facts first, derived ones last."""
        out: dict[str, list[Fact]] = defaultdict(list)
        for f in self.facts:
            out[f.group].append(f)
        order = ["About", *dict.fromkeys(g for _, g in FACT_GROUPS), "Events", "Derived by reasoning"]
        return {g: out[g] for g in sorted(out, key=lambda g: order.index(g) if g in order else len(order))}

    def text(self) -> str:
        """A plain-text rendering for the terminal."""
        lines = [f"{self.label}  <{self.iri}>", f"  type: {', '.join(self.types)}"]
        if self.names:
            lines.append(f"  also written: {'; '.join(self.names)}")
        for group, facts in self.groups().items():
            lines.append(f"{group}:")
            lines.extend(f"  {f.line()}" for f in facts)
        return "\n".join(lines) + "\n"


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for lookups.

    >>> fold("Nazarbáev")
    'nazarbaev'
    """
    norm = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in norm if not unicodedata.combining(c)).casefold().split())


def label(graph: Graph, node: Node) -> str:
    """The display label of a node: its preferred label, derived label, or short IRI."""
    if isinstance(node, Literal):
        return str(node)
    for prop in (SKOS.prefLabel, RDFS.label):
        for value in graph.objects(node, prop):
            if isinstance(value, Literal) and value.language in (None, "en"):
                return str(value)
    return shorten(str(node))


def sources(graph: Graph, node: Node) -> tuple[str, ...]:
    """The headings of the sections a node cites, in document order."""
    found = []
    for section in graph.objects(node, KZ.source):
        order = graph.value(section, KZ.sectionOrder)
        path = graph.value(section, KZ.headingPath)
        rank = int(order) if isinstance(order, Literal) else 0
        found.append((rank, str(path or label(graph, section))))
    return tuple(p for _, p in sorted(found))


def dates(graph: Graph, node: Node) -> str:
    """The dates or status of a dated node, as one short phrase."""
    date = graph.value(node, KZ.date)
    start = graph.value(node, KZ.startDate)
    end = graph.value(node, KZ.endDate)
    status = graph.value(node, KZ.status)
    parts = []
    if date is not None:
        parts.append(str(date))
    if start is not None or end is not None:
        parts.append(f"{start if start is not None else '?'} to {end if end is not None else ''}".rstrip())
    for prop, word in (
        (KZ.startNoLaterThan, "by"),
        (KZ.startNoEarlierThan, "from no earlier than"),
        (KZ.endNoLaterThan, "until no later than"),
    ):
        value = graph.value(node, prop)
        if value is not None:
            parts.append(f"{word} {value}")
    if status is not None:
        parts.append(label(graph, status))
    text = ", ".join(parts)
    # "2003 to" followed by its status reads "2003 to unknown", "2007-01 to current"
    return text.replace(" to,", " to", 1) if text else ""


def resolve(graph: Graph, name: str) -> URIRef:
    """Find one entity by IRI, prefixed name, label or any alternative spelling.

    Raises :class:`NotFoundError` for no match, and lists the candidates when a name is ambiguous.
    """
    name = name.strip()
    if not name:
        raise NotFoundError("no entity name given")
    term = parse_value(name)
    if isinstance(term, URIRef) and (term, None, None) in graph:
        return term
    key = fold(name)
    matches: set[URIRef] = set()
    for prop in (SKOS.prefLabel, SKOS.altLabel, KZ.abbreviation, KZ.formerName):
        for s, o in graph.subject_objects(prop):
            if isinstance(s, URIRef) and str(s).startswith(ID) and fold(str(o)) == key:
                matches.add(s)
    if len(matches) == 1:
        return matches.pop()
    if len(matches) > 1:
        listed = ", ".join(sorted(f"{shorten(str(m))} ({label(graph, m)})" for m in matches))
        raise NotFoundError(f"{name!r} names several entities: {listed}; give the IRI instead")
    shown = name if len(name) <= 80 else name[:77] + "..."
    raise NotFoundError(f"no entity called {shown!r} (try a label, an alternative spelling or an IRI)")


def _value(graph: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return str(node)
    return label(graph, node)


def _group_of(graph: Graph, fact: Node) -> str | None:
    types = set(graph.objects(fact, RDF.type))
    for cls, group in FACT_GROUPS:
        if cls in types:
            return group
    if KZ.Event in types or any((t, RDFS.subClassOf, KZ.Event) in graph for t in types):
        return "Events"
    return None


def _is_dated_fact(graph: Graph, node: Node) -> bool:
    return (node, RDF.type, KZ.DatedFact) in graph or _group_of(graph, node) not in (None, "Events")


def profile(graph: Graph, iri: URIRef, asserted: Graph | None = None) -> Profile:
    """Every fact about ``iri`` in ``graph`` (asserted plus inferred), grouped, with dates and sources.

    With ``asserted``, the entity's own properties are split into those the profile states (cited by the
    entity's sections) and those derived by reasoning (family ties, standard-vocabulary links).
    """
    if (iri, None, None) not in graph and (None, None, iri) not in graph:
        raise NotFoundError(f"no entity {shorten(str(iri))} in the graph")
    own_sources = sources(graph, iri)
    types = sorted({shorten(str(t)) for t in graph.objects(iri, RDF.type) if str(t).startswith(str(KZ))})
    names = sorted({str(n) for n in graph.objects(iri, SKOS.altLabel)})
    facts: list[Fact] = []
    # Direct properties of the entity itself: cited by the entity's own sections, or derived.
    for p, o in sorted(graph.predicate_objects(iri), key=lambda po: (str(po[0]), str(po[1]))):
        if p in _SKIP or not str(p).startswith(str(KZ)):
            continue
        if p in (KZ.beginsOn, KZ.endsOn, KZ.interval) or _is_dated_fact(graph, o):
            continue  # dated facts are listed below, with their own dates and sources
        if asserted is not None and (iri, p, o) not in asserted:
            facts.append(Fact("Derived by reasoning", label(graph, p), _value(graph, o)))
        else:
            facts.append(Fact("About", label(graph, p), _value(graph, o), sources=own_sources))
    # Dated facts and events that point at the entity.
    seen: set[Node] = set()
    for s, p in sorted(graph.subject_predicates(iri), key=lambda sp: (str(sp[0]), str(sp[1]))):
        if s in seen or p in (RDF.type, KZ.source) or not str(p).startswith(str(KZ)):
            continue
        group = _group_of(graph, s)
        if group is None:
            continue
        seen.add(s)
        summary = graph.value(s, KZ.summary)
        text = str(summary) if summary is not None else label(graph, s)
        facts.append(
            Fact(group, label(graph, p), text, dates(graph, s), sources(graph, s), node=shorten(str(s)))
        )
    return Profile(str(iri), label(graph, iri), types, names, facts)
