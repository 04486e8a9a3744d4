"""Everything the graph says about one entity, grouped, with dates and sources.

Used by ``kzgraph show``, by the explorer's information panel and by the network projection, so that
all three say the same thing. Entities are found by IRI, prefixed name, preferred label or any
alternative spelling (case- and accent-insensitive).
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kzgraph.dates import BOUNDS, Interval, first_day, last_day
from kzgraph.errors import KzError, NotFoundError
from kzgraph.namespaces import ID, KZ, RDF, RDFS, SKOS, expand, shorten
from kzgraph.text import printable
from kzgraph.view import GraphView, Term

N = ox.NamedNode
#: The classes a dated fact can have, and the group its facts are listed under.
FACT_GROUPS: list[tuple[str, str]] = [
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
_TYPE, _PREF, _ALT, _LABEL, _SOURCE = (
    N(RDF.type),
    N(SKOS.prefLabel),
    N(SKOS.altLabel),
    N(RDFS.label),
    N(KZ.source),
)


@dataclass(frozen=True)
class Fact:
    """One line of what is known: a property and value, with dates and the sections that state it."""

    group: str
    prop: str
    value: str
    dates: str = ""
    sources: tuple[str, ...] = ()
    node: str = ""
    #: The other entities the fact names, as (label, IRI): for pages that link them.
    links: tuple[tuple[str, str], ...] = ()

    def line(self) -> str:
        """``prop: value (dates) [sources]``, escaped for a terminal."""
        dates = f" ({self.dates})" if self.dates else ""
        src = f"  [{'; '.join(self.sources)}]" if self.sources else ""
        return printable(f"{self.prop}: {self.value}{dates}{src}")


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
        """A plain-text rendering for the terminal (control characters in the data shown as escapes)."""
        lines = [printable(f"{self.label}  <{self.iri}>"), printable(f"  type: {', '.join(self.types)}")]
        if self.names:
            lines.append(printable(f"  also written: {'; '.join(self.names)}"))
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


def label(view: GraphView, node: Term) -> str:
    """The display label of a node: its preferred label, derived label, or short IRI."""
    if isinstance(node, ox.Literal):
        return node.value
    memo = view.memo.setdefault("label", {})
    found = memo.get(node)
    if found is None:
        found = memo[node] = _label(view, node)
    return str(found)


def _label(view: GraphView, node: Term) -> str:
    for prop in (_PREF, _LABEL):
        for value in view.objects(node, prop):
            if isinstance(value, ox.Literal) and value.language in (None, "", "en"):
                return value.value
    return shorten(node.value)


def sources(view: GraphView, node: Term) -> tuple[str, ...]:
    """The headings of the sections a node cites, in document order."""
    memo = view.memo.setdefault("sources", {})
    found = memo.get(node)
    if found is None:
        found = memo[node] = _sources(view, node)
    return found  # type: ignore[return-value]


def statement_sources(view: GraphView, s: Term, p: ox.NamedNode, o: Term) -> tuple[str, ...]:
    """The headings of the sections that state one triple, in document order: the sections whose graph
    holds it, or, for data that puts its triples in no section's graph, the sections its subject cites.

    >>> from kzgraph.api import open as open_graph
    >>> view = open_graph(store="memory")._view()
    >>> who = N("https://w3id.org/kzgraph/id/person/nursultan-nazarbayev")
    >>> year = ox.Literal("1940", datatype=N("http://www.w3.org/2001/XMLSchema#gYear"))
    >>> statement_sources(view, who, N(KZ.birthDate), year)
    ('Overview', 'BIOGRAPHIES > Nursultan Nazarbayev')
    """
    sections = [g for g in view.graphs_of(s, p, o) if view.has(g, _TYPE, N(KZ.SourceSection))]
    return _headings(view, sections) if sections else sources(view, s)


def _sources(view: GraphView, node: Term) -> tuple[str, ...]:
    return _headings(view, view.objects(node, _SOURCE))


def _headings(view: GraphView, sections: Iterable[Term]) -> tuple[str, ...]:
    found = []
    for section in sections:
        order = view.value(section, N(KZ.sectionOrder))
        path = view.value(section, N(KZ.headingPath))
        rank = int(order.value) if isinstance(order, ox.Literal) and order.value.lstrip("-").isdigit() else 0
        found.append((rank, path.value if path is not None else label(view, section)))
    return tuple(p for _, p in sorted(found))


#: Where each bound's stated value can come from (its first day for an earliest, last day for a latest).
_STATED_FOR = {
    "earliestBegin": (KZ.startDate, KZ.date, KZ.startNoEarlierThan),
    "latestBegin": (KZ.startDate, KZ.date, KZ.startNoLaterThan),
    "earliestEnd": (KZ.endDate, KZ.date, KZ.endNoEarlierThan, KZ.startNoLaterThan),
    "latestEnd": (KZ.endDate, KZ.date, KZ.endNoLaterThan),
}


def interval(view: GraphView, node: Term) -> Interval:
    """When a dated node held: its stated dates and its derived bounds, each with its basis."""
    memo = view.memo.setdefault("interval", {})
    found = memo.get(node)
    if not isinstance(found, Interval):
        found = memo[node] = _interval(view, node)
    return found


def _interval(view: GraphView, node: Term) -> Interval:
    def text(prop: str) -> str | None:
        value = view.value(node, N(prop))
        return value.value if isinstance(value, ox.Literal) else None

    bounds: dict[str, tuple[str, str, str]] = {}
    for name in BOUNDS:
        day = view.value(node, N(KZ[name]))
        if not isinstance(day, ox.Literal):
            continue
        basis_node = view.value(node, N(KZ[name + "Basis"]))
        basis = label(view, basis_node) if basis_node is not None else ""
        shown = day.value
        if basis == "stated":
            edge = first_day if name.startswith("earliest") else last_day
            for prop in _STATED_FOR[name]:
                stated = text(prop)
                with contextlib.suppress(KzError):
                    if stated and edge(stated) == day.value:
                        shown = stated
                        break
        bounds[name] = (day.value, basis, shown)
    status = view.value(node, N(KZ.status))
    return Interval(
        start=text(KZ.startDate),
        end=text(KZ.endDate),
        on=text(KZ.date) if not view.has(node, N(KZ.startDate)) else None,
        current=status is not None and status.value == KZ.StatusCurrent,
        bounds=bounds,
    )


def dates(view: GraphView, node: Term) -> str:
    """When a dated node held, each bound with where it comes from ("began no later than 2004-09, stated;
    ended by 2011-04-05, the profile's date"), and its status when the profile gives no end."""
    found = interval(view, node).explain()
    status = view.value(node, N(KZ.status))
    if status is not None and status.value not in (KZ.StatusCurrent, KZ.StatusEnded, KZ.StatusUnknown):
        found = f"{found}; {label(view, status)}" if found else label(view, status)
    return found


def resolve(view: GraphView, name: str) -> ox.NamedNode:
    """Find one entity by IRI, prefixed name, label or any alternative spelling.

    Raises :class:`NotFoundError` for no match, and lists the candidates when a name is ambiguous.
    """
    name = name.strip()
    if not name:
        raise NotFoundError("no entity name given")
    iri = expand(name)
    if iri is not None:
        try:
            node = N(iri)
        except ValueError:
            node = None
        if node is not None and (view.has(node) or view.has(None, None, node)):
            return node
    key = fold(name)
    matches: set[ox.NamedNode] = set()
    for prop in (SKOS.prefLabel, SKOS.altLabel, KZ.abbreviation, KZ.formerName):
        for s, _, o in view.triples(None, N(prop), None):
            if (
                isinstance(s, ox.NamedNode)
                and s.value.startswith(ID)
                and isinstance(o, ox.Literal)
                and fold(o.value) == key
            ):
                matches.add(s)
    if len(matches) == 1:
        return matches.pop()
    if len(matches) > 1:
        listed = ", ".join(sorted(f"{shorten(m.value)} ({label(view, m)})" for m in matches))
        raise NotFoundError(printable(f"{name!r} names several entities: {listed}; give the IRI instead"))
    shown = name if len(name) <= 80 else name[:77] + "..."
    raise NotFoundError(
        printable(f"no entity called {shown!r} (try a label, an alternative spelling or an IRI)")
    )


def _value(view: GraphView, node: Term) -> str:
    return node.value if isinstance(node, ox.Literal) else label(view, node)


def group_of(view: GraphView, fact: Term) -> str | None:
    """The group a dated fact or event is listed under (None for anything else)."""
    types = {t.value for t in view.objects(fact, _TYPE) if isinstance(t, ox.NamedNode)}
    for cls, group in FACT_GROUPS:
        if cls in types:
            return group
    if KZ.Event in types:
        return "Events"
    return None


def _is_dated_fact(view: GraphView, node: Term) -> bool:
    return view.has(node, _TYPE, N(KZ.DatedFact)) or group_of(view, node) not in (None, "Events")


def profile(view: GraphView, iri: ox.NamedNode) -> Profile:
    """Every fact about ``iri`` (asserted and inferred), grouped, with dates and sources.

    The entity's own properties are split into those the profile states (cited by the entity's
    sections) and those derived by reasoning (family ties, standard-vocabulary links).
    """
    if not view.has(iri) and not view.has(None, None, iri):
        raise NotFoundError(f"no entity {shorten(iri.value)} in the graph")
    types = sorted(
        {
            shorten(t.value)
            for t in view.objects(iri, _TYPE)
            if isinstance(t, ox.NamedNode) and t.value.startswith(str(KZ))
        }
    )
    names = sorted({n.value for n in view.objects(iri, _ALT) if isinstance(n, ox.Literal)})
    facts: list[Fact] = []
    for p, o in sorted(view.predicate_objects(iri), key=lambda po: (po[0].value, str(po[1]))):
        if p.value in _SKIP or not p.value.startswith(str(KZ)):
            continue
        if p.value in (KZ.beginsOn, KZ.endsOn, KZ.interval) or _is_dated_fact(view, o):
            continue  # dated facts are listed below, with their own dates and sources
        if view.asserted(iri, p, o):
            cited = statement_sources(view, iri, p, o)
            linked = (
                ((label(view, o), o.value),) if isinstance(o, ox.NamedNode) and o.value.startswith(ID) else ()
            )
            facts.append(Fact("About", label(view, p), _value(view, o), sources=cited, links=linked))
        else:
            linked = (
                ((label(view, o), o.value),) if isinstance(o, ox.NamedNode) and o.value.startswith(ID) else ()
            )
            facts.append(Fact("Derived by reasoning", label(view, p), _value(view, o), links=linked))
    seen: set[Term] = set()
    for s, p in sorted(view.subject_predicates(iri), key=lambda sp: (str(sp[0]), sp[1].value)):
        if s in seen or p.value in (RDF.type, KZ.source) or not p.value.startswith(str(KZ)):
            continue
        group = group_of(view, s)
        if group is None:
            continue
        seen.add(s)
        summary = view.value(s, N(KZ.summary))
        text = summary.value if summary is not None else label(view, s)
        origin = view.value(s, N(KZ.derivedFrom))
        if origin is not None:
            text = f"{text} (derived from {label(view, origin)})"
        node = shorten(s.value) if isinstance(s, ox.NamedNode) else ""
        others = sorted(
            {
                (label(view, o), o.value)
                for _, o in view.predicate_objects(s)
                if isinstance(o, ox.NamedNode)
                and o.value.startswith(ID)
                and o != iri
                and o != s
                and not o.value.startswith(f"{ID}source/")
            }
        )
        facts.append(
            Fact(
                group, label(view, p), text, dates(view, s), sources(view, s), node=node, links=tuple(others)
            )
        )
    return Profile(iri.value, label(view, iri), types, names, facts)
