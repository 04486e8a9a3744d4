"""``kzgraph site``: the graph as a static website, read from the store in one pass.

A page per entity (its facts grouped as ``show`` groups them, each with its dates and its own
sections, a timeline, a drawing of its direct ties, and its own Turtle and JSON-LD beside it), a page per
section of the profile (what it states), per ontology class and property (with the shapes that
constrain it), per named query (with its answer), the data-quality report, the downloads, and an index
that searches every spelling offline. Pages work from ``file://`` and any static host: no script or
style comes from elsewhere, and each page's Content-Security-Policy allows no remote origin.

Paths follow the IRIs (:func:`page_of`), so ``https://w3id.org/kzgraph/id/person/karim-massimov`` is
``id/person/karim-massimov.html`` (and ``.ttl``, ``.jsonld``): a w3id.org redirect, or ``kzgraph serve
--site``, maps one to the other.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kzgraph import __version__, facts
from kzgraph.errors import InputError
from kzgraph.namespaces import GRAPH_ONTOLOGY, GRAPH_SHAPES, ID, KZ, PREFIXES, shorten
from kzgraph.store import LocalStore
from kzgraph.view import GraphView

N = ox.NamedNode
BASE = "https://w3id.org/kzgraph/"
ONTOLOGY = "https://w3id.org/kzgraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SH = "http://www.w3.org/ns/shacl#"

#: Which classes get a page, and the browse list each belongs to (first match wins).
BROWSE: list[tuple[str, str]] = [
    ("Person", "people"),
    ("PersonGroup", "people"),
    ("PoliticalParty", "parties"),
    ("ElectoralCoalition", "parties"),
    ("PoliticalMovement", "parties"),
    ("Post", "posts"),
    ("Election", "elections"),
    ("Country", "countries"),
    ("Organisation", "organisations"),
    ("Claim", "claims"),
    ("Event", "events"),
    ("Conflict", "conflicts"),
    ("Place", "places"),
    ("Concept", "concepts"),
    ("Rule", "rules and laws"),
    ("LegalInstrument", "rules and laws"),
    ("Document", "documents"),
    ("SourceSection", "sections of the profile"),
]

#: The site's one policy: nothing from any other origin, inline styles and scripts of its own only.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fff}
header.site{background:#24364b;color:#fff;padding:.5em 1.2em}header.site a{color:#fff;margin-right:1.2em}
main{max-width:1100px;margin:0 auto;padding:1em 1.2em}a{color:#0b57a4}h1{margin:.3em 0 .1em}
.kind{color:#555;font-size:.9em}.names{color:#333}table{border-collapse:collapse;margin:.5em 0}
td,th{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
.src{color:#555;font-size:.85em}.dates{color:#444}pre{background:#f5f5f7;padding:.8em;overflow:auto}
.tl{position:relative;height:14px;background:#f0f0f0;min-width:320px}
.tl span{position:absolute;top:2px;height:10px;background:#4e79a7}.tl span.maybe{background:#a9c1dc}
#results li{margin:.15em 0}.muted{color:#666}svg a text{fill:#111}svg text{font-size:11px}
footer{color:#666;font-size:.85em;padding:1em 1.2em;border-top:1px solid #ddd;margin-top:2em}
"""


#: The part of an entity IRI after ``ID`` that gets a page (the pattern of kzsh:EntityShape).
_ENTITY_PATH = re.compile(r"[a-z]+/[a-z0-9][a-z0-9-]*")


def page_of(iri: str) -> str | None:
    """The page path (relative to the site's root) of an IRI kzgraph publishes, or None.

    >>> page_of("https://w3id.org/kzgraph/id/person/karim-massimov")
    'id/person/karim-massimov.html'
    >>> page_of("https://w3id.org/kzgraph/ontology#Tenure")
    'ontology/class/Tenure.html'
    >>> page_of("https://example.org/x") is None
    True
    """
    if iri.startswith(ID):
        rest = iri[len(ID) :]
        # only IRIs of the form kzsh:EntityShape asks for: anything else (a '#', '%', '..') has no page
        return f"id/{rest}.html" if _ENTITY_PATH.fullmatch(rest) else None
    if iri.startswith(ONTOLOGY):
        name = iri[len(ONTOLOGY) :]
        kind = "class" if name[:1].isupper() else "property"
        return f"ontology/{kind}/{name}.html" if name.replace("_", "").isalnum() else None
    return None


def rdf_of(iri: str, suffix: str) -> str | None:
    """The path of an entity's own RDF file (``.ttl`` or ``.jsonld``) beside its page."""
    page = page_of(iri)
    return page[: -len(".html")] + suffix if page and page.startswith("id/") else None


def relative(from_page: str, to_page: str) -> str:
    """A link from one page to another, relative (up to the root, then down), so that the site works
    from any folder and any host.

    >>> relative("id/person/a.html", "id/post/b.html")
    '../../id/post/b.html'
    >>> relative("index.html", "browse/people.html")
    'browse/people.html'
    """
    return "../" * from_page.count("/") + to_page


@dataclass
class Site:
    """What was written, for the benchmark and the command's summary."""

    out: Path
    pages: int = 0
    files: int = 0
    bytes: int = 0
    largest: tuple[str, int] = ("", 0)
    seconds: float = 0.0
    kinds: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        return (
            f"Wrote {self.pages} pages ({self.files} files, {self.bytes / 1e6:.1f} MB; largest "
            f"{self.largest[0]}, {self.largest[1] / 1e3:.0f} kB) to {self.out} in {self.seconds:.2f} s"
        )


class _Writer:
    """Collects files in memory; written only when every page has been made (no half-built site)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def put(self, path: str, content: str | bytes) -> None:
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


def _env() -> Any:
    from jinja2 import DictLoader, Environment, select_autoescape

    from kzgraph.resources import template_path

    folder = template_path("site.html").parent
    loader = DictLoader({"site.html": (folder / "site.html").read_text(encoding="utf-8")})
    env = Environment(loader=loader, autoescape=select_autoescape(default=True, default_for_string=True))
    return env


def _ontology_terms(store: ox.Store) -> dict[str, dict[str, list[str]]]:
    """Every kz: term of the ontology with its properties (predicate IRI -> values)."""
    terms: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for q in store.quads_for_pattern(None, None, None, N(GRAPH_ONTOLOGY)):
        s = q.subject
        if isinstance(s, ox.NamedNode) and s.value.startswith(ONTOLOGY) and len(s.value) > len(ONTOLOGY):
            o = q.object
            if isinstance(o, ox.Literal) and o.language not in (None, "", "en"):
                continue
            terms[s.value][q.predicate.value].append(_text(o))
    return terms


class _Builder:
    def __init__(self, store: LocalStore) -> None:
        from kzgraph.network import build_network

        self.store = store
        self.ox = store.ox
        self.view = GraphView(store.ox)
        self.net = build_network(self.view)
        self.env = _env()
        self.template = self.env.get_template("site.html")
        self.w = _Writer()
        self.pages: dict[str, tuple[str, str]] = {}  # iri -> (label, browse list)
        self.stamp = store.stamp()
        self.has_downloads = True

    # -- helpers -----------------------------------------------------------------------------------

    def label(self, iri: str) -> str:
        return facts.label(self.view, N(iri))

    def link(self, here: str, iri: str, text: str | None = None) -> dict[str, str]:
        """A link to ``iri``'s page when it has one, else plain text."""
        target = page_of(iri)
        label = text if text is not None else self.label(iri)
        if target and (iri in self.pages or target.startswith("ontology/")):
            return {"text": label, "href": relative(here, target)}
        return {"text": label, "href": ""}

    def render(self, path: str, kind: str, title: str, **context: Any) -> None:
        root = relative(path, "index.html")[: -len("index.html")] or "./"
        page = self.template.render(
            csp=CSP,
            style=STYLE,
            root=root,
            title=title,
            kind=kind,
            version=__version__,
            digest=self.stamp.get("digest", ""),
            has_downloads=self.has_downloads,
            **context,
        )
        self.w.put(path, page)

    def section_links(self, here: str, headings: Iterable[str]) -> list[dict[str, str]]:
        return [
            self.link(here, self.sections[h], h) if h in self.sections else {"text": h, "href": ""}
            for h in headings
        ]

    # -- the parts ---------------------------------------------------------------------------------

    def collect(self) -> None:
        """Which nodes get a page: those of the browse classes, with a label."""
        for cls, group in BROWSE:
            for s in self.view.subjects(N(RDF_TYPE), N(ONTOLOGY + cls)):
                if isinstance(s, ox.NamedNode) and page_of(s.value) and s.value not in self.pages:
                    self.pages[s.value] = (self.label(s.value), group)
        self.sections: dict[str, str] = {}
        for iri, (_, group) in self.pages.items():
            if group == "sections of the profile":
                path = self.view.value(N(iri), N(KZ.headingPath))
                if path is not None:
                    self.sections[path.value] = iri

    def entity(self, iri: str, label: str, group: str) -> None:
        here = page_of(iri)
        assert here is not None
        node = N(iri)
        profile = facts.profile(self.view, node)
        groups = []
        for name, items in profile.groups().items():
            rows = []
            for f in items:
                rows.append(
                    {
                        "prop": f.prop,
                        "value": f.value,
                        "dates": f.dates,
                        "links": [self.link(here, i, t) for t, i in f.links],
                        "sources": self.section_links(here, f.sources),
                    }
                )
            groups.append({"name": name, "rows": rows})
        timeline = self.timeline(profile)
        svg = self.ties_svg(here, iri)
        statements = []
        if group == "sections of the profile":
            statements = self.section_statements(here, iri)
        types = [self.link(here, ONTOLOGY + t.split(":", 1)[1], t) for t in profile.types]
        self.render(
            here,
            "entity",
            label,
            entity={"iri": iri, "label": label, "types": types, "names": profile.names},
            groups=groups,
            timeline=timeline,
            svg=svg,
            statements=statements,
            ttl=relative(here, rdf_of(iri, ".ttl") or ""),
            jsonld=relative(here, rdf_of(iri, ".jsonld") or ""),
        )
        self.entity_rdf(iri)

    def timeline(self, profile: facts.Profile) -> dict[str, Any]:
        """Bars for the dated facts on a shared scale: pale from the earliest begin to the latest end (an
        open bound runs to the edge), dark from the latest begin to the earliest end, where it surely held."""
        items = []
        for f in profile.facts:
            if not f.node:
                continue
            span = facts.interval(self.view, N(expand_short(f.node)))
            eb, lb, ee, le = (
                span.day(b) for b in ("earliestBegin", "latestBegin", "earliestEnd", "latestEnd")
            )
            if eb or lb or ee or le:
                items.append((eb, lb, ee, le, f))
        if not items:
            return {"rows": []}
        years = [int(d[:4]) for it in items for d in it[:4] if d]
        lo, hi = min(years), max(max(years), min(years) + 1)
        scale = hi + 1 - lo

        def x(day: str | None, open_end: float) -> float:
            if not day:
                return open_end
            y, m, d = (int(p) for p in day.split("-"))
            return round(100 * ((y - lo) + (m - 1) / 12 + (d - 1) / 365) / scale, 2)

        rows = []
        for eb, lb, ee, le, f in sorted(items, key=lambda it: (it[0] or it[1] or "", it[4].value)):
            left, right = x(eb, 0.0), x(le, 100.0)
            outer = (left, round(max(right - left, 0.6), 2))
            inner = (0.0, 0.0)
            if lb and ee and lb <= ee:
                inner = (x(lb, 0.0), round(max(x(ee, 100.0) - x(lb, 0.0), 0.6), 2))
            rows.append({"text": f"{f.value}", "dates": f.dates, "outer": outer, "inner": inner})
        return {"rows": rows, "from": lo, "to": hi}

    def ties_svg(self, here: str, iri: str) -> str:
        """The entity and its direct ties, drawn as a ring (kinds coloured as in the explorer)."""
        from kzgraph.viz import KIND_STYLE, RELATION_COLOURS

        if iri not in self.net:
            return ""
        # (the direct neighbours only: a subgraph of the whole network per page would be quadratic)
        near = {iri, *self.net.predecessors(iri), *self.net.successors(iri)}
        sub = self.net.subgraph(near)
        others = sorted(n for n in sub.nodes if n != iri)[:40]
        if not others:
            return ""
        # a ring of radius 190 in the middle of a 760 x 520 box: labels of up to 24 characters (longer ones
        # cut, whole in their title) fit on either side
        width, height, r = 760, 520, 190
        c, cy = width / 2, height / 2
        name = html.escape(self.label(iri))
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="group" aria-label="{name} and its direct ties">'
        ]
        pos = {}
        for i, n in enumerate(others):
            a = 2 * math.pi * i / len(others) - math.pi / 2
            pos[n] = (c + r * math.cos(a), cy + r * math.sin(a))
        for n in others:
            rels = sorted(
                {d["relation"] for u, v, d in sub.edges(data=True) if n in (u, v) and iri in (u, v)}
            )
            labels = sorted({d["label"] for u, v, d in sub.edges(data=True) if n in (u, v) and iri in (u, v)})
            colour = RELATION_COLOURS.get(rels[0], "#999") if rels else "#999"
            x, y = pos[n]
            line = f'<line x1="{c}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="1.5">'
            parts.append(f"{line}<title>{html.escape('; '.join(labels))}</title></line>")
        for n in [iri, *others]:
            x, y = (c, cy) if n == iri else pos[n]
            colour = KIND_STYLE.get(self.net.nodes[n]["kind"], ("#999", ""))[0]
            whole = self.net.nodes[n]["label"]
            short = whole if len(whole) <= 24 else whole[:23].rstrip() + "\u2026"
            circle = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{9 if n == iri else 6}" fill="{colour}"/>'
            anchor = "middle" if n == iri or abs(x - c) < 30 else ("start" if x > c else "end")
            dx = 0 if anchor == "middle" else (9 if anchor == "start" else -9)
            dy = -12 if n == iri else (4 if anchor != "middle" else (14 if y > cy else -10))
            label = (
                f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">'
                f"<title>{html.escape(whole)}</title>{html.escape(short)}</text>"
            )
            target = page_of(n)
            if n != iri and target and n in self.pages:
                parts.append(f'<a href="{html.escape(relative(here, target))}">{circle}{label}</a>')
            else:
                parts.append(circle + label)
        parts.append("</svg>")
        return "".join(parts)

    def section_statements(self, here: str, iri: str) -> list[dict[str, Any]]:
        """What a section states: the triples of its graph, by subject."""
        by_subject: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for q in self.ox.quads_for_pattern(None, None, None, N(iri)):
            o = q.object
            if not isinstance(q.subject, ox.NamedNode):
                continue
            value = (
                self.link(here, o.value) if isinstance(o, ox.NamedNode) else {"text": _text(o), "href": ""}
            )
            by_subject[q.subject.value].append({"prop": shorten(q.predicate.value), "value": value})
        out = []
        for subject in sorted(by_subject, key=self.label):
            rows = sorted(by_subject[subject], key=lambda r: (str(r["prop"]), str(r["value"]["text"])))
            out.append({"subject": self.link(here, subject), "rows": rows})
        return out

    def index_triples(self) -> None:
        """Every triple of the default graph (ontology aside), by subject and by IRI object, read in one
        pass: each entity's RDF file is then a lookup."""
        self.by_subject: dict[ox.NamedNode, set[ox.Triple]] = defaultdict(set)
        self.by_object: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
        for graph in self.store.default_graphs(inferred=True):
            if getattr(graph, "value", "") == GRAPH_ONTOLOGY:
                continue
            for q in self.ox.quads_for_pattern(None, None, None, graph):
                s, o = q.subject, q.object
                if isinstance(s, ox.NamedNode) and not isinstance(o, ox.BlankNode):
                    self.by_subject[s].add(ox.Triple(s, q.predicate, o))
                    if isinstance(o, ox.NamedNode):
                        self.by_object[o].add(s)

    def entity_rdf(self, iri: str) -> None:
        """The entity's own triples (asserted and inferred) and those of the facts that name it."""
        node = N(iri)
        triples = set(self.by_subject.get(node, ()))
        for fact in self.by_object.get(node, ()):
            if fact.value.startswith(ID) and fact.value not in self.pages:
                triples |= self.by_subject.get(fact, set())
        ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        ttl = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)) or b""
        jsonld = ox.serialize(ordered, format=ox.RdfFormat.JSON_LD) or b""
        self.w.put(rdf_of(iri, ".ttl") or "", ttl)
        self.w.put(rdf_of(iri, ".jsonld") or "", jsonld)

    def ontology(self) -> None:
        terms = _ontology_terms(self.ox)
        shapes = self.shapes()
        usage = self.usage()
        index = []
        for iri in sorted(terms, key=lambda t: t.lower()):
            props = terms[iri]
            here = page_of(iri)
            if here is None:
                continue
            types = set(props.get(RDF_TYPE, []))
            is_class = OWL + "Class" in types
            name = iri[len(ONTOLOGY) :]

            def links(
                pred: str, props: dict[str, list[str]] = props, here: str = here
            ) -> list[dict[str, str]]:
                return [self.link(here, v, shorten(v)) for v in sorted(props.get(pred, [])) if v]

            rows = [
                ("label", [{"text": v, "href": ""} for v in props.get(RDFS + "label", [])]),
                ("definition", [{"text": v, "href": ""} for v in props.get(SKOS + "definition", [])]),
                ("kind", [{"text": shorten(t), "href": ""} for t in sorted(types)]),
                (
                    "sub-class of" if is_class else "sub-property of",
                    links(RDFS + ("subClassOf" if is_class else "subPropertyOf")),
                ),
                ("equivalent to", links(OWL + ("equivalentClass" if is_class else "equivalentProperty"))),
                ("disjoint with", links(OWL + "disjointWith")),
                ("domain", links(RDFS + "domain")),
                ("range", links(RDFS + "range")),
                ("inverse of", links(OWL + "inverseOf")),
                ("close match", links(SKOS + "closeMatch")),
                ("deprecated", [{"text": v, "href": ""} for v in props.get(OWL + "deprecated", [])]),
            ]
            sub = [
                self.link(here, s, shorten(s))
                for s, p in sorted((s, p) for s, p in self.children(terms, iri, is_class))
            ]
            if sub:
                rows.append(("sub-classes" if is_class else "sub-properties", sub))
            count, examples = usage.get(iri, (0, []))
            self.render(
                here,
                "term",
                f"kz:{name}",
                term={"iri": iri, "name": f"kz:{name}", "is_class": is_class},
                rows=[(k, v) for k, v in rows if v],
                count=count,
                examples=[self.example(here, s, p, o) for s, p, o in examples],
                shapes=shapes.get(iri, []),
            )
            definition = (props.get(SKOS + "definition") or [""])[0]
            index.append(
                {
                    "name": f"kz:{name}",
                    "href": here,
                    "is_class": is_class,
                    "definition": definition,
                    "count": count,
                }
            )
        # the ontology itself beside its pages, for readers and for the w3id.org redirect of /ontology
        triples = sorted(
            (q.triple for q in self.ox.quads_for_pattern(None, None, None, N(GRAPH_ONTOLOGY))),
            key=lambda t: (str(t.subject), str(t.predicate), str(t.object)),
        )
        self.w.put(
            "ontology/kzgraph.ttl",
            ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)) or b"",
        )
        self.w.put("ontology/kzgraph.jsonld", ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"")
        self.render(
            "ontology/index.html",
            "ontology",
            "The kzgraph ontology",
            terms=[{**t, "href": relative("ontology/index.html", str(t["href"]))} for t in index],
        )

    def example(self, here: str, s: str, p: str, o: str) -> dict[str, Any]:
        value = self.link(here, o) if o.startswith("http") else {"text": o, "href": ""}
        return {"s": self.link(here, s), "p": shorten(p), "o": value}

    def children(
        self, terms: dict[str, dict[str, list[str]]], iri: str, is_class: bool
    ) -> list[tuple[str, str]]:
        pred = RDFS + ("subClassOf" if is_class else "subPropertyOf")
        return [(t, pred) for t, props in terms.items() if iri in props.get(pred, [])]

    def usage(self) -> dict[str, tuple[int, list[tuple[str, str, str]]]]:
        """How many times each class has instances and each property is used, with three examples."""
        out: dict[str, tuple[int, list[tuple[str, str, str]]]] = {}
        graphs = self.store.default_graphs(inferred=True)
        rows = self.ox.query(
            "SELECT ?t (COUNT(*) AS ?n) WHERE { { ?s a ?t } UNION { ?s ?t ?o } "
            f'FILTER(STRSTARTS(STR(?t), "{ONTOLOGY}")) }} GROUP BY ?t',
            default_graph=graphs,
        )
        for row in rows:  # type: ignore[union-attr]
            out[row["t"].value] = (int(row["n"].value), [])
        data = [g for g in graphs if getattr(g, "value", "") != GRAPH_ONTOLOGY]

        def three(
            pattern: Iterable[ox.Quad], how: Any, within: list[Any] = data
        ) -> list[tuple[str, str, str]]:
            """Three distinct examples, those about entities with a page first."""
            paged: list[tuple[str, str, str]] = []
            other: list[tuple[str, str, str]] = []
            for q in pattern:
                if q.graph_name not in within or not isinstance(q.subject, ox.NamedNode):
                    continue
                triple = how(q)
                bucket = paged if q.subject.value in self.pages else other
                if triple not in paged and triple not in other:
                    bucket.append(triple)
                if len(paged) >= 3:
                    break
            return sorted((paged + other)[:3])

        for iri in list(out):
            found = three(
                self.ox.quads_for_pattern(None, N(iri), None, None),
                lambda q, iri=iri: (q.subject.value, iri, _text(q.object)),
            )
            if not found:
                found = three(
                    self.ox.quads_for_pattern(None, N(RDF_TYPE), N(iri), None),
                    lambda q, iri=iri: (q.subject.value, RDF_TYPE, iri),
                    graphs,  # (the ontology's own individuals too: the statuses, the date bases)
                )
            out[iri] = (out[iri][0], found)
        return out

    def shapes(self) -> dict[str, list[dict[str, Any]]]:
        """The SHACL shapes by the term they constrain: each node shape under the class it targets (or the
        property whose subjects or objects it targets), each property shape also under its path; with
        each constraint's message (SPARQL constraints included) and severity."""
        g = N(GRAPH_SHAPES)
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)

        def one(node: object, pred: str) -> str:
            return next((_text(x.object) for x in self.ox.quads_for_pattern(node, N(SH + pred), None, g)), "")  # type: ignore[arg-type]

        words = [
            ("minCount", "at least {} value(s)"), ("maxCount", "at most {} value(s)"),
            ("datatype", "of type {}"), ("class", "each a {}"), ("nodeKind", "each a {}"),
            ("minInclusive", "at least {}"), ("maxInclusive", "at most {}"),
            ("minLength", "at least {} characters"), ("pattern", "matching {}"), ("hasValue", "including {}"),
        ]  # fmt: skip

        def describe(node: object) -> str:
            """A shape's constraints in words, for one without a message of its own."""
            said = []
            for pred, phrase in words:
                value = one(node, pred)
                if value:
                    said.append(phrase.format(shorten(value) if value.startswith("http") else value))
            return "; ".join(said).capitalize() + "." if said else ""

        targets = ("targetClass", "targetSubjectsOf", "targetObjectsOf")
        for target in targets:
            for q in self.ox.quads_for_pattern(None, N(SH + target), None, g):
                shape = q.subject
                parts = []
                props = [x.object for x in self.ox.quads_for_pattern(shape, N(SH + "property"), None, g)]
                sparql = [x.object for x in self.ox.quads_for_pattern(shape, N(SH + "sparql"), None, g)]
                for p in [shape, *props, *sparql]:
                    if not isinstance(p, ox.NamedNode | ox.BlankNode):
                        continue
                    path, msg = one(p, "path"), one(p, "message") or describe(p)
                    if not msg:
                        continue
                    part = {
                        "name": shorten(p.value) if isinstance(p, ox.NamedNode) else "",
                        "path": shorten(path) if path else "",
                        "message": msg,
                    }
                    parts.append(part)
                    if path.startswith(ONTOLOGY):  # the property's own page shows it too
                        out[path].append(
                            {
                                "name": part["name"] or shorten(_text(shape)),
                                "severity": "",
                                "constraints": [part],
                            }
                        )
                severity = one(shape, "severity") or SH + "Violation"
                name = shorten(shape.value) if isinstance(shape, ox.NamedNode) else ""
                out[_text(q.object)].append(
                    {"name": name, "severity": severity.rsplit("#", 1)[-1], "constraints": parts}
                )
        return out

    def queries(self) -> None:
        from kzgraph.api import KnowledgeGraph
        from kzgraph.query import named_queries
        from kzgraph.results import Rows

        kg = KnowledgeGraph(self.store, None)
        listing = []
        for name, q in named_queries().items():
            here = f"queries/{name}.html"
            try:
                result = kg.query(name)
            except Exception as exc:  # (a query that fails is shown failing, not hidden)
                result = None
                error = str(exc)
            else:
                error = ""
            header: list[str] = []
            rows: list[list[dict[str, str]]] = []
            if isinstance(result, Rows):
                header = list(result.variables)
                for row in result.rows:
                    cells = []
                    for t in row:
                        if t is None:
                            cells.append({"text": "", "href": ""})
                        elif isinstance(t, ox.NamedNode):
                            cells.append(self.link(here, t.value, shorten(t.value)))
                        else:
                            cells.append({"text": _text(t), "href": ""})
                    rows.append(cells)
            self.render(
                here,
                "query",
                q.title,
                query={
                    "name": name,
                    "title": q.title,
                    "question": q.question,
                    "params": [f"{p.name}={p.default}" for p in q.params],
                    "text": q.text,
                },
                header=header,
                rows=rows,
                error=error,
            )
            listing.append(
                {
                    "name": name,
                    "title": q.title,
                    "question": q.question,
                    "href": f"{name}.html",
                    "rows": len(rows),
                }
            )
        self.render("queries/index.html", "queries", "Questions the graph answers", listing=listing)

    def quality(self) -> None:
        from kzgraph.quality import quality_report

        report = quality_report(self.store)
        self.render("quality.html", "quality", "Data-quality report", text=report.markdown())

    def downloads(self) -> dict[str, str | bytes]:
        """Every export format and the explorer, and the page that lists them with their sizes."""
        from kzgraph.build import explorer
        from kzgraph.export import export

        out: dict[str, str | bytes] = {}
        files = []
        for fmt, name, what in [
            ("turtle", "kzgraph.ttl", "Turtle: the asserted graph (sections flattened)"),
            ("trig", "kzgraph.trig", "TriG: a named graph per section, the citations, the inferred triples"),
            ("nquads", "kzgraph.nq", "N-Quads: as TriG"),
            ("nt", "kzgraph.nt", "N-Triples: the asserted graph"),
            ("jsonld", "kzgraph.jsonld", "JSON-LD: a graph per section"),
            ("graphml", "kzgraph.graphml", "GraphML: the relationship network"),
            ("gexf", "kzgraph.gexf", "GEXF: the relationship network"),
            ("popolo", "popolo.json", "Popolo JSON"),
        ]:
            text = export(self.store, fmt, inferred=fmt in ("trig", "nquads"))[""]
            out[f"downloads/{name}"] = text
            files.append({"name": name, "href": name, "what": what, "bytes": len(text.encode("utf-8"))})
        page = explorer(self.store)
        out["downloads/explorer.html"] = page
        what = "The interactive relationship explorer (one offline file)"
        files.append(
            {"name": "explorer.html", "href": "explorer.html", "what": what, "bytes": len(page.encode())}
        )
        self.render("downloads/index.html", "downloads", "Downloads", files=files)
        out["downloads/index.html"] = self.w.files.pop("downloads/index.html")
        return out

    def index(self) -> None:
        lists: dict[str, list[dict[str, str]]] = defaultdict(list)
        search = []
        for iri, (label, group) in sorted(self.pages.items(), key=lambda kv: facts.fold(kv[1][0])):
            target = page_of(iri) or ""
            names = sorted({n.value for n in self.view.objects(N(iri), N(SKOS + "altLabel"))} - {label})
            lists[group].append({"text": label, "href": target})
            search.append({"l": label, "n": names, "k": group, "h": target})
        order = list(dict.fromkeys(g for _, g in BROWSE))
        groups = [(g, len(lists[g])) for g in order if lists.get(g)]
        for g, _ in groups:
            here = _browse(g)
            self.render(
                here,
                "browse",
                g.capitalize(),
                items=[{**i, "href": relative(here, i["href"])} for i in lists[g]],
            )
        # the search index is JSON inside a script element: "<" escaped so no label can end the element
        blob = json.dumps(search, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        self.render(
            "index.html",
            "index",
            "kzgraph: Kazakhstan's political system",
            groups=[{"name": g, "count": n, "href": _browse(g)} for g, n in groups],
            search_index=blob,
            entities=len(self.pages),
        )


def _text(term: object) -> str:
    """The value of an IRI or literal (a blank node or quoted triple has none here)."""
    value = getattr(term, "value", "")
    return value if isinstance(value, str) else ""


def _browse(group: str) -> str:
    return f"browse/{group.replace(' ', '-')}.html"


def expand_short(short: str) -> str:
    """A shortened IRI (``tenure:x``) back to the full IRI."""
    from kzgraph.namespaces import expand

    return str(expand(short))


def build_site(store: LocalStore, out: Path, *, downloads: bool = True) -> Site:
    """Write the whole site into ``out`` (replaced only when every page is ready)."""
    import shutil
    import tempfile

    from kzgraph.build import _Child

    start = time.perf_counter()
    b = _Builder(store)
    b.has_downloads = downloads
    # the downloads (every export and the explorer) are made by a child process meanwhile
    child = None
    if downloads and hasattr(os, "fork"):
        child = _Child(lambda: {Path(k): v for k, v in b.downloads().items()})
    try:
        b.collect()
        b.index_triples()
        for iri, (label, group) in sorted(b.pages.items()):
            b.entity(iri, label, group)
        b.ontology()
        b.queries()
        b.quality()
        made = (
            child.result()
            if child is not None
            else ({Path(k): v for k, v in b.downloads().items()} if downloads else {})
        )
        for made_path, data in made.items():
            b.w.put(str(made_path), data)
        b.index()
    finally:
        if child is not None:
            child.stop()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    site = Site(out)
    try:
        for rel, data in b.w.files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            site.files += 1
            site.bytes += len(data)
            if rel.endswith(".html"):
                site.pages += 1
                if len(data) > site.largest[1]:
                    site.largest = (rel, len(data))
        old = out.with_name(f".{out.name}.old")
        if out.exists():
            out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    site.kinds = Counter(group for _, group in b.pages.values())
    site.seconds = time.perf_counter() - start
    return site


__all__ = ["Site", "build_site", "page_of", "rdf_of", "relative"]
