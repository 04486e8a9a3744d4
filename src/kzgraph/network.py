"""The relationship network: the knowledge graph projected into a networkx graph.

Nodes are the actors and bodies (people, parties and movements, state bodies, companies and media,
international organisations, countries, educational institutions) plus elections and sectors; posts,
tenures, memberships, relationships, results and events become typed edges carrying their dates and the
profile sections that state them. The HTML explorer, the GraphML/GEXF/CSV exports, ``kzgraph path`` and
``kzgraph stats`` all use this one projection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx
import pyoxigraph as ox

from kzgraph import facts
from kzgraph.dates import BOUNDS, Interval
from kzgraph.namespaces import KZ, RDF, RDFS, SKOS, shorten
from kzgraph.text import printable
from kzgraph.view import GraphView, Term

N = ox.NamedNode
#: Node kinds, most specific class first; the first match names the node's kind.
NODE_KINDS: list[tuple[str, str]] = [
    (KZ.Person, "person"),
    (KZ.PersonGroup, "group"),
    (KZ.PoliticalParty, "party"),
    (KZ.ElectoralCoalition, "movement"),
    (KZ.PoliticalMovement, "movement"),
    (KZ.Country, "country"),
    (KZ.InternationalOrganisation, "international organisation"),
    (KZ.Programme, "international organisation"),
    (KZ.MediaOutlet, "media"),
    (KZ.Company, "company"),
    (KZ.EducationalInstitution, "education"),
    (KZ.StateBody, "state body"),
    (KZ.NonGovernmentalOrganisation, "organisation"),
    (KZ.Organisation, "organisation"),
    (KZ.Election, "election"),
    (KZ.EconomicSector, "sector"),
]

KINDS = sorted({k for _, k in NODE_KINDS})

#: Edge categories by the relation they come from (kinship is read from the ontology: see family()).
ASSOCIATION = {KZ.campaignManagerOf, KZ.associateOf, KZ.allyOf}
CONTROL = {KZ.controls, KZ.influenceIn}
INTERNATIONAL = {KZ.borders, KZ.bilateralRelationWith, KZ.diplomaticRelationsWith, KZ.embassyIn}

CHANGE_WORDS = [
    (KZ.Merger, "merged into"),
    (KZ.Split, "split into"),
    (KZ.Renaming, "renamed"),
    (KZ.Founding, "basis of"),
]

RELATIONS = [
    "family",
    "office",
    "party role",
    "membership",
    "control",
    "association",
    "international",
    "education",
    "election",
    "organisational change",
    "event",
    "claim",
    "structure",
]


def family(view: GraphView) -> set[str]:
    """The kinship properties: every sub-property of kz:relativeOf, as the ontology declares them."""
    found = {KZ.relativeOf}
    todo = [N(KZ.relativeOf)]
    while todo:
        for sub in view.subjects(N(RDFS.subPropertyOf), todo.pop()):
            if isinstance(sub, ox.NamedNode) and sub.value not in found:
                found.add(sub.value)
                todo.append(sub)
    return found


@dataclass(frozen=True)
class Edge:
    """One typed tie, with what it rests on."""

    source: str
    target: str
    relation: str
    label: str
    start: str = ""
    end: str = ""
    sources: tuple[str, ...] = ()
    fact: str = ""


def node_kind(view: GraphView, node: Term) -> str | None:
    """The network kind of a node, or None when it is not a network node."""
    types = {t.value for t in view.objects(node, N(RDF.type)) if isinstance(t, ox.NamedNode)}
    for cls, kind in NODE_KINDS:
        if cls in types:
            return kind
    return None


def _date(view: GraphView, node: Term, *props: str) -> str:
    for p in props:
        v = view.value(node, N(p))
        if v is not None:
            return v.value
    return ""


class _G:
    """rdflib-like access used by the projection below, on a view (IRIs in, terms out)."""

    def __init__(self, view: GraphView) -> None:
        self.view = view

    def value(self, s: Term | None, p: str) -> Term | None:
        return self.view.value(s, N(p)) if s is not None else None

    def subjects(self, p: str, o: str) -> list[Term]:
        return sorted(self.view.subjects(N(p), N(o)), key=str)

    def objects(self, s: Term, p: str) -> list[Term]:
        return self.view.objects(s, N(p))

    def subject_objects(self, p: str) -> list[tuple[Term, Term]]:
        return [(t[0], t[2]) for t in self.view.triples(None, N(p), None)]

    def has_type(self, s: Term, cls: str) -> bool:
        return self.view.has(s, N(RDF.type), N(cls))


def _edges(view: GraphView) -> Iterable[Edge]:
    g = _G(view)
    kin = family(view)

    def src(_: object, node: Term) -> tuple[str, ...]:
        return facts.sources(view, node)

    def lab(_: object, node: Term) -> str:
        return facts.label(view, node)

    def sid(node: Term | None) -> str:
        return node.value if node is not None else ""

    # Offices and party roles: holder -> organisation of the post
    for t in g.subjects(RDF.type, KZ.Tenure):
        holder, post = g.value(t, KZ.holder), g.value(t, KZ.post)
        org = g.value(post, KZ.postIn) if post is not None else None
        if holder is None or post is None or org is None:
            continue
        relation = "party role" if node_kind(view, org) in ("party", "movement") else "office"
        yield Edge(
            sid(holder),
            sid(org),
            relation,
            lab(g, post),
            _date(view, t, KZ.startDate),
            _date(view, t, KZ.endDate),
            src(g, t),
            sid(t),
        )
    for m in g.subjects(RDF.type, KZ.Membership):
        member, org = g.value(m, KZ.member), g.value(m, KZ.organisation)
        if member is None or org is None:
            continue
        role = g.value(m, KZ.membershipRole)
        yield Edge(
            sid(member),
            sid(org),
            "membership",
            role.value if role is not None else "member of",
            _date(view, m, KZ.startDate),
            _date(view, m, KZ.endDate),
            src(g, m),
            sid(m),
        )
    for r in g.subjects(RDF.type, KZ.Relationship):
        a, p, b = g.value(r, KZ["from"]), g.value(r, KZ.relation), g.value(r, KZ.to)
        if a is None or p is None or b is None:
            continue
        if p.value in kin:
            relation = "family"
        elif p.value in CONTROL:
            relation = "control"
        elif p.value in ASSOCIATION:
            relation = "association"
        elif p.value in INTERNATIONAL:
            relation = "international"
        else:
            continue  # titles and legal statuses are facts about a person, not ties between nodes
        yield Edge(
            sid(a),
            sid(b),
            relation,
            lab(g, p),
            _date(view, r, KZ.startDate, KZ.date),
            _date(view, r, KZ.endDate),
            src(g, r),
            sid(r),
        )
    for e in g.subjects(RDF.type, KZ.Education):
        student, inst = g.value(e, KZ.student), g.value(e, KZ.institution)
        if student is None or inst is None:
            continue
        yield Edge(
            sid(student),
            sid(inst),
            "education",
            "studied at",
            _date(view, e, KZ.startDate),
            _date(view, e, KZ.endDate),
            src(g, e),
            sid(e),
        )
    for res in g.subjects(RDF.type, KZ.ElectionResult):
        who, election = g.value(res, KZ.contestant), g.value(res, KZ.election)
        if who is None or election is None:
            continue
        share = g.value(res, KZ.voteShare)
        label = f"stood ({share.value}%)" if share is not None else "stood"
        when = _date(view, election, KZ.date)
        yield Edge(sid(who), sid(election), "election", label, when, when, src(g, res), sid(res))
        party = g.value(res, KZ.representing)
        if party is not None:
            yield Edge(sid(who), sid(party), "election", "candidate of", when, when, src(g, res), sid(res))
    for ev in g.subjects(RDF.type, KZ.ChangeEvent):
        when = _date(view, ev, KZ.date, KZ.startDate)
        kind = next((w for c, w in CHANGE_WORDS if g.has_type(ev, c)), "changed")
        for new in g.objects(ev, KZ.resultingOrganisation):
            for old in g.objects(ev, KZ.originalOrganisation):
                if old != new:
                    yield Edge(
                        sid(old),
                        sid(new),
                        "organisational change",
                        f"{kind} into",
                        when,
                        when,
                        src(g, ev),
                        sid(ev),
                    )
            for founder in g.objects(ev, KZ.founder):
                yield Edge(
                    sid(founder),
                    sid(new),
                    "organisational change",
                    "founded",
                    when,
                    when,
                    src(g, ev),
                    sid(ev),
                )
    for ev in g.subjects(RDF.type, KZ.Event):
        if g.has_type(ev, KZ.ChangeEvent) or g.has_type(ev, KZ.Election):
            continue
        when = _date(view, ev, KZ.date, KZ.startDate)
        for actor in g.objects(ev, KZ.actor):
            for target in g.objects(ev, KZ.affects):
                if actor != target:
                    yield Edge(sid(actor), sid(target), "event", lab(g, ev), when, when, src(g, ev), sid(ev))
    for c in g.subjects(RDF.type, KZ.Claim):
        when = _date(view, c, KZ.date)
        for claimant in g.objects(c, KZ.claimant):
            for accused in g.objects(c, KZ.accused):
                if claimant != accused:
                    yield Edge(sid(claimant), sid(accused), "claim", "accused", when, when, src(g, c), sid(c))
    for group, member in g.subject_objects(KZ.groupMember):
        cited = facts.statement_sources(view, group, N(KZ.groupMember), member)
        yield Edge(sid(member), sid(group), "membership", "one of", sources=cited)
    for child, parent in g.subject_objects(KZ.subOrganizationOf):
        cited = facts.statement_sources(view, child, N(KZ.subOrganizationOf), parent)
        yield Edge(sid(child), sid(parent), "structure", "part of", sources=cited)


def _edtf(view: GraphView, fact: str) -> str:
    """The tie's dates in EDTF, as the rules derived them (kz:edtf), or nothing."""
    found = view.value(N(fact), N(KZ.edtf)) if fact else None
    return found.value if found is not None else ""


def _stated(start: str, end: str) -> str:
    """A phrase for a tie dated only through another node (a result, by its election's date)."""
    if start and start == end:
        return f"on {start}"
    if start or end:
        return f"from {start or 'an unknown date'}, until {end or 'an unknown date'}"
    return ""


def build_network(view: GraphView) -> nx.MultiDiGraph:
    """Project the graph (asserted + inferred) into a directed multigraph of typed, dated, cited ties."""
    net = nx.MultiDiGraph()
    subjects = {t[0] for t in view.triples(None, N(SKOS.prefLabel), None) if isinstance(t[0], ox.NamedNode)}
    for s in sorted(subjects, key=lambda n: n.value):
        kind = node_kind(view, s)
        if kind is None:
            continue
        names = sorted(n.value for n in view.objects(s, N(SKOS.altLabel)) if isinstance(n, ox.Literal))
        net.add_node(
            s.value,
            label=facts.label(view, s),
            kind=kind,
            short=shorten(s.value),
            names="; ".join(names),
            sources="; ".join(facts.sources(view, s)),
        )
    for e in sorted(set(_edges(view)), key=lambda e: (e.source, e.target, e.relation, e.label, e.fact)):
        if e.source in net and e.target in net:
            # when the tie held: stated dates, the derived bounds (open ones empty) and a phrase that
            # says which is which ("from no earlier than 2006-09-10"), never a bound as a plain date
            span = facts.interval(view, N(e.fact)) if e.fact else Interval()
            net.add_edge(
                e.source,
                e.target,
                key=e.fact or f"{e.relation}:{e.label}",
                relation=e.relation,
                label=e.label,
                start=e.start,
                end=e.end,
                when=span.phrase() or _stated(e.start, e.end),
                edtf=_edtf(view, e.fact),
                **{name: span.day(name) or "" for name in BOUNDS},
                sources="; ".join(e.sources),
                fact=shorten(e.fact) if e.fact else "",
            )
    return net


def subnetwork(
    net: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """Keep the nodes of the given kinds, and only those within ``depth`` ties of ``focus``."""
    keep = set(net.nodes)
    inc, exc = set(include or ()), set(exclude or ())
    if inc:
        keep = {n for n in keep if net.nodes[n]["kind"] in inc or n == focus}
    if exc:
        keep = {n for n in keep if net.nodes[n]["kind"] not in exc or n == focus}
    sub = net.subgraph(keep)
    if focus is not None:
        near = nx.single_source_shortest_path_length(sub.to_undirected(as_view=True), focus, cutoff=depth)
        sub = sub.subgraph(near)
    return nx.MultiDiGraph(sub)


@dataclass(frozen=True)
class Hop:
    """One step of a chain: from one node to the next over one tie (in either direction)."""

    source: str
    target: str
    forward: bool
    relation: str
    label: str
    start: str
    end: str
    sources: str
    when: str = ""


def _hop(net: nx.MultiDiGraph, a: str, b: str) -> Hop:
    """The tie to show between two adjacent nodes: the first, in a stable order, of those between them."""
    ties = [(a, b, k, d, True) for k, d in (net.get_edge_data(a, b) or {}).items()]
    ties += [(b, a, k, d, False) for k, d in (net.get_edge_data(b, a) or {}).items()]
    rank = {r: i for i, r in enumerate(RELATIONS)}
    _, _, _, d, forward = min(ties, key=lambda x: (rank.get(x[3]["relation"], 99), x[3]["label"], str(x[2])))
    return Hop(
        a,
        b,
        forward,
        d["relation"],
        d["label"],
        d.get("start", ""),
        d.get("end", ""),
        d.get("sources", ""),
        d.get("when", ""),
    )


#: The most chains of one length gathered before sorting them.
MAX_TIER = 1000


def chains(net: nx.MultiDiGraph, a: str, b: str, max_paths: int = 3) -> list[list[Hop]]:
    """The shortest chains of ties between two nodes (ties followed in either direction), shortest first.

    Up to ``max_paths`` chains are returned: every chain of the shortest length first, then longer ones.
    """
    simple = nx.Graph()
    simple.add_nodes_from(net.nodes)
    simple.add_edges_from((u, v) for u, v in net.to_undirected(as_view=True).edges())
    if a not in simple or b not in simple:
        return []
    try:
        paths = nx.shortest_simple_paths(simple, a, b)
        found: list[list[str]] = []
        for path in paths:
            # Finish the length tier the last wanted chain is in, so that --max 1 is the first of
            # --max 3 (the order within a tier is by label, not by the search's order).
            if (len(found) >= max_paths and len(path) > len(found[-1])) or len(found) >= MAX_TIER:
                break
            found.append(path)
    except nx.NetworkXNoPath:
        return []
    found.sort(key=lambda p: (len(p), [net.nodes[n]["label"] for n in p]))
    return [[_hop(net, x, y) for x, y in pairwise(path)] for path in found[:max_paths]]


def describe_chain(net: nx.MultiDiGraph, chain: list[Hop]) -> str:
    """A chain as text: ``A -[label (dates)]-> B <-[label]- C``."""
    if not chain:
        return ""
    parts = [net.nodes[chain[0].source]["label"]]
    for hop in chain:
        tie = f"{hop.label} ({hop.when})" if hop.when else hop.label
        parts.append(f" -[{tie}]-> " if hop.forward else f" <-[{tie}]- ")
        parts.append(net.nodes[hop.target]["label"])
    return printable("".join(parts))


@dataclass
class NetworkStats:
    """Counts and centralities of the relationship network."""

    nodes: int
    edges: int
    kinds: dict[str, int]
    relations: dict[str, int]
    degree: list[tuple[str, float]]
    betweenness: list[tuple[str, float]]
    components: list[int]
    communities: list[list[str]]
    #: How many entities the betweenness was sampled from (0: exact, over every entity)
    sampled: int = 0

    def text(self, net: nx.MultiDiGraph) -> str:
        """A plain-text report."""

        def name(n: str) -> str:
            return str(net.nodes[n]["label"])

        lines = [f"Network: {self.nodes} entities, {self.edges} ties"]
        lines.append("Entities by type:")
        lines += [f"  {k:<28} {v:>5}" for k, v in sorted(self.kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
        lines.append("Ties by relation:")
        lines += [
            f"  {k:<28} {v:>5}" for k, v in sorted(self.relations.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        lines.append(f"Degree centrality, top {len(self.degree)}:")
        lines += [f"  {v:.3f}  {name(n)}" for n, v in self.degree]
        how = (
            f" (approximate: sampled from {self.sampled} of {self.nodes} entities, seed 1)"
            if self.sampled
            else ""
        )
        lines.append(f"Betweenness centrality, top {len(self.betweenness)}{how}:")
        lines += [f"  {v:.3f}  {name(n)}" for n, v in self.betweenness]
        sizes = ", ".join(str(s) for s in self.components[:10])
        more = ", ..." if len(self.components) > 10 else ""
        lines.append(f"Connected components: {len(self.components)} (sizes {sizes}{more})")
        lines.append(f"Communities (Louvain, seed 1): {len(self.communities)}")
        for i, members in enumerate(self.communities[:10], start=1):
            top = ", ".join(name(n) for n in members[:5])
            lines.append(f"  {i:>2}. {len(members):>3} members: {top}{', ...' if len(members) > 5 else ''}")
        return printable("\n".join(lines), keep_newlines=True) + "\n"


#: Up to this many entities, betweenness is exact; above, it is sampled from BETWEENNESS_SAMPLE sources.
EXACT_BETWEENNESS = 2000
BETWEENNESS_SAMPLE = 64


def network_stats(net: nx.MultiDiGraph, top: int = 10) -> NetworkStats:
    """Counts by type, degree and betweenness (top ``top``), components and communities."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(net.nodes))
    simple.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in net.to_undirected(as_view=True).edges()))
    kinds: dict[str, int] = {}
    for _, d in net.nodes(data=True):
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    relations: dict[str, int] = {}
    for _, _, d in net.edges(data=True):
        relations[d["relation"]] = relations.get(d["relation"], 0) + 1

    def ranked(values: dict[str, float]) -> list[tuple[str, float]]:
        return sorted(values.items(), key=lambda kv: (-kv[1], net.nodes[kv[0]]["label"]))[:top]

    degree: dict[str, float] = nx.degree_centrality(simple) if len(simple) > 1 else {}
    # exact betweenness costs (entities x ties); above EXACT_BETWEENNESS entities it is estimated from a
    # fixed, seeded sample of sources (networkx's k), and the report says so
    sampled = BETWEENNESS_SAMPLE if len(simple) > EXACT_BETWEENNESS else 0
    between: dict[str, float] = (
        nx.betweenness_centrality(simple, k=sampled or None, seed=1 if sampled else None)
        if len(simple) > 2
        else {}
    )
    components = sorted((len(c) for c in nx.connected_components(simple)), reverse=True)
    found: list[set[str]] = nx.community.louvain_communities(simple, seed=1)
    communities = [sorted(c, key=lambda n: (-simple.degree(n), net.nodes[n]["label"])) for c in found]
    communities.sort(key=lambda c: (-len(c), net.nodes[c[0]]["label"]))
    return NetworkStats(
        net.number_of_nodes(),
        net.number_of_edges(),
        kinds,
        relations,
        ranked(degree),
        ranked(between),
        components,
        communities,
        sampled,
    )
