"""Render the relationship network as one self-contained, offline HTML file (pyvis's vis-network).

pyvis supplies vis-network (the JavaScript network library it bundles, version 9.1.2); kzgraph's own
template replaces pyvis's page, because pyvis's links Bootstrap and tom-select from a CDN even with inline
resources, writes its heading unescaped and switches to ``innerHTML`` popups. The node and edge records
are pyvis's (vis-network's) record format, built directly: ``import pyvis.network`` would pull in IPython
(a quarter of a second) for lists kzgraph fills itself. Here every script and style is inlined, the page
carries a Content-Security-Policy that forbids any network access, and data reaches the page only as
JSON and is shown only through ``textContent``.

Layout is computed in Python, so the page draws at once with physics off and the same graph always gives
the same picture: each connected group of entities gets a seeded spring layout, then is spread until no
two labels overlap (people's and parties' labels are drawn larger, readable in the first view; the others
appear as one zooms in); the smaller groups sit in rows below the largest one, and the entities with no
ties at all in a grid below them.
"""

from __future__ import annotations

import datetime
import importlib.util
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pyoxigraph as ox

from kzgraph import __version__, facts
from kzgraph.dates import PROFILE_DATE
from kzgraph.errors import KzError
from kzgraph.namespaces import KZ, RDF, SCHEMA, SKOS
from kzgraph.network import family
from kzgraph.resources import template_path
from kzgraph.view import GraphView

_C1 = re.compile("[\u0080-\u009f]")

KIND_STYLE: dict[str, tuple[str, str]] = {
    "person": ("#e15759", "dot"),
    "group": ("#e15759", "ellipse"),
    "party": ("#4e79a7", "diamond"),
    "movement": ("#76b7b2", "triangle"),
    "country": ("#59a14f", "square"),
    "international organisation": ("#edc948", "star"),
    "state body": ("#b07aa1", "hexagon"),
    "company": ("#ff9da7", "triangleDown"),
    "media": ("#9c755f", "square"),
    "education": ("#bab0ac", "triangle"),
    "organisation": ("#86bcb6", "dot"),
    "election": ("#f28e2b", "diamond"),
    "sector": ("#d4a6c8", "star"),
}

#: Okabe and Ito's palette for colour-blind readers (yellow left out: too pale for a line on white).
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#e69f00",
    "sky blue": "#56b4e9",
    "bluish green": "#009e73",
    "blue": "#0072b2",
    "vermillion": "#d55e00",
    "reddish purple": "#cc79a7",
}

#: Each relation's colour and arrowhead (vis-network's arrow types): seven colours for thirteen relations,
#: so relations that share a colour differ in their arrowhead, and none is told apart by colour alone.
RELATION_STYLE: dict[str, tuple[str, str]] = {
    "family": (OKABE_ITO["vermillion"], "circle"),
    "claim": (OKABE_ITO["vermillion"], "bar"),
    "office": (OKABE_ITO["blue"], "arrow"),
    "party role": (OKABE_ITO["blue"], "diamond"),
    "membership": (OKABE_ITO["bluish green"], "arrow"),
    "structure": (OKABE_ITO["bluish green"], "box"),
    "control": (OKABE_ITO["reddish purple"], "vee"),
    "association": (OKABE_ITO["reddish purple"], "circle"),
    "international": (OKABE_ITO["sky blue"], "arrow"),
    "education": (OKABE_ITO["sky blue"], "inv_triangle"),
    "election": (OKABE_ITO["orange"], "arrow"),
    "organisational change": (OKABE_ITO["black"], "arrow"),
    "event": (OKABE_ITO["black"], "crow"),
}

RELATION_COLOURS: dict[str, str] = {r: c for r, (c, _) in RELATION_STYLE.items()}

#: The kinds whose labels the first view shows (larger type): people, groups of people and parties; the
#: others' labels appear as one zooms in.
PROMINENT_KINDS = frozenset({"person", "group", "party"})
#: Label font size in layout units, and the widest line before a label wraps (vis's widthConstraint).
FONT = {True: 16, False: 8}
WRAP = {True: 130, False: 90}
#: A label is drawn once its size on screen reaches this many pixels (vis's scaling.label.drawThreshold);
#: with FONT above, people's and parties' labels show from a scale of 0.5, the rest from 0.8.
LABEL_THRESHOLD = 9
EDGE_LABEL_THRESHOLD = 13
#: Shapes that carry their label inside; the others have it below.
LABEL_INSIDE = frozenset({"ellipse", "box", "circle", "database", "text"})
#: How much of the smaller labels' size the layout keeps clear (see _box).
OTHER_ROOM = 0.5

OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "interaction": {
        "hover": True,
        "tooltipDelay": 150,
        "navigationButtons": False,
        "multiselect": False,
        "keyboard": {"enabled": True, "bindToWindow": False},
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
        "arrowStrikethrough": False,
        "smooth": False,
        "font": {"size": 9, "color": "#333", "strokeWidth": 3, "align": "middle"},
        # a tie's label shows from closer up than an entity's (from a scale of about 1.4; in the family
        # tree, where it is drawn larger, at once): its relation and dates are on hover and in the panel
        "scaling": {"label": {"drawThreshold": EDGE_LABEL_THRESHOLD}},
        "width": 1.4,
    },
    "nodes": {
        "font": {"size": FONT[False], "face": "system-ui, sans-serif"},
        "borderWidth": 1,
        "widthConstraint": {"maximum": WRAP[False]},
        "scaling": {"label": {"drawThreshold": LABEL_THRESHOLD}},
    },
    "layout": {"improvedLayout": False},
}

#: Above this many nodes in one group the force layout (dense, quadratic memory) gives way to a circle,
#: and labels are no longer spread apart.
MAX_FORCE_LAYOUT = 499
#: Room left between two labels, and between the groups of the layout (layout units).
GAP = 5.0
GROUP_GAP = 40.0


def _text_width(text: str, size: float) -> float:
    """Roughly how wide ``text`` is in a sans-serif face at ``size`` (erring wide)."""
    width = 0.0
    for ch in text:
        if ch in "il.,:;'|!ftjI()[] ":
            width += 0.34
        elif ch.isupper() or ch in "mwMW@%":
            width += 0.74
        else:
            width += 0.6
    return width * size


def _wrap(label: str, size: float, limit: float) -> list[str]:
    """``label`` broken into lines at spaces, each at most ``limit`` wide where a word allows."""
    lines: list[str] = []
    for word in label.split():
        if lines and _text_width(lines[-1] + " " + word, size) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _box(label: str, kind: str, radius: float, whole: bool = False) -> tuple[float, float, float]:
    """The room a node takes with its label when labels are spread apart: width, height, and how far the
    box's centre lies below the node's centre (layout units). People's and parties' labels count whole;
    the others' (smaller, shown only from closer up) count at OTHER_ROOM of their size, so that the
    first view stays large enough to read; ``whole``: count them whole too."""
    prominent = kind in PROMINENT_KINDS
    size = FONT[prominent]
    lines = _wrap(label, size, WRAP[prominent])
    room = 1.0 if prominent or whole else OTHER_ROOM
    text_w = max(_text_width(line, size) for line in lines) * room
    text_h = len(lines) * size * 1.2 * room
    if KIND_STYLE.get(kind, ("", "dot"))[1] in LABEL_INSIDE:  # vis-network's ellipse around its label
        return text_w + text_h + 10, 2 * text_h + 10, 0.0
    width, height = max(2 * radius, text_w), 2 * radius + 4 + text_h
    return width, height, (text_h + 4) / 2


def _separate(pos: np.ndarray, boxes: np.ndarray, rounds: int = 300) -> np.ndarray:
    """Move boxes (width, height, centre below the node) apart until none overlap: each overlapping pair
    is pushed apart along the line between their centres, by as much as the shorter way out of the
    overlap needs; ties between equal centres are broken by index, so it is deterministic."""
    pos = pos.copy()
    n = len(pos)
    if n < 2:
        return pos
    w, h, dy = boxes[:, 0], boxes[:, 1], boxes[:, 2]
    order = np.sign(np.arange(n)[:, None] - np.arange(n)[None, :]).astype(float)
    for _ in range(rounds):
        cx, cy = pos[:, 0], pos[:, 1] + dy
        ddx, ddy = cx[:, None] - cx[None, :], cy[:, None] - cy[None, :]
        ox_ = (w[:, None] + w[None, :]) / 2 + GAP - np.abs(ddx)
        oy_ = (h[:, None] + h[None, :]) / 2 + GAP - np.abs(ddy)
        clash = (ox_ > 0) & (oy_ > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        ddx = np.where((ddx == 0) & (ddy == 0), order, ddx)
        dist = np.hypot(ddx, ddy)
        dist[dist == 0] = 1.0
        # how far along the centre line the pair must move to stop overlapping
        need = np.minimum(
            np.where(ddx != 0, ox_ * dist / np.maximum(np.abs(ddx), 1e-9), np.inf),
            np.where(ddy != 0, oy_ * dist / np.maximum(np.abs(ddy), 1e-9), np.inf),
        )
        push = np.where(clash, np.minimum(need, ox_ + oy_) / dist / 2, 0.0)
        pos[:, 0] += (push * ddx).sum(axis=1) * 0.5
        pos[:, 1] += (push * ddy).sum(axis=1) * 0.5
    return pos


def _component_layout(
    sub: nx.Graph, boxes: dict[str, tuple[float, float, float]]
) -> dict[str, tuple[float, float]]:
    """One connected group: a seeded spring layout, sized to its labels, then spread until no two
    labels overlap."""
    names = sorted(sub.nodes)
    n = len(names)
    if n == 1:
        return {names[0]: (0.0, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(names)
    ordered.add_edges_from(sorted(tuple(sorted(e)) for e in sub.edges))
    box = np.array([boxes[x] for x in names])
    area = float((box[:, 0] * box[:, 1]).sum())
    if n > MAX_FORCE_LAYOUT:
        pos = nx.circular_layout(ordered)
        radius = max(1.0, math.sqrt(area / math.pi) * 1.6)
        return {x: (float(pos[x][0]) * radius, float(pos[x][1]) * radius) for x in names}
    pos = nx.spring_layout(ordered, seed=7, k=2.2 / n**0.5, iterations=200, method="force")
    # as large as the labels need, a little wider than high (labels are wide), then spread
    radius = math.sqrt(area / math.pi / 1.8)
    raw = np.array([[pos[x][0] * radius * 1.65, pos[x][1] * radius] for x in names])
    spread = _separate(raw, box)
    return {x: (float(p[0]), float(p[1])) for x, p in zip(names, spread, strict=True)}


def _extent(
    pos: Mapping[str, tuple[float, float]], boxes: Mapping[str, tuple[float, float, float]]
) -> tuple[float, float, float, float]:
    """The bounding box (left, top, right, bottom) of some nodes with their labels."""
    lefts, tops, rights, bottoms = [], [], [], []
    for x, (px, py) in pos.items():
        w, h, dy = boxes[x]
        lefts.append(px - w / 2)
        rights.append(px + w / 2)
        tops.append(py + dy - h / 2)
        bottoms.append(py + dy + h / 2)
    return min(lefts), min(tops), max(rights), max(bottoms)


def _layout(net: nx.MultiDiGraph, sizes: Mapping[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """Where each node is drawn: the largest connected group first, the other groups in rows below it,
    and the entities with no ties in a grid below those (each row of the grid sorted by kind and label).
    ``sizes``: each node's radius (the default is vis-network's 10)."""
    return _arrange(net, sizes or {})[0]


def _arrange(
    net: nx.MultiDiGraph, sizes: Mapping[str, float]
) -> tuple[dict[str, tuple[float, float]], dict[str, Any] | None, list[float]]:
    """The layout; where the grid of entities with no ties sits (its caption's place), if any; and the
    bounding box of it all, labels included (left, top, right, bottom), for the first view."""
    if net.number_of_nodes() == 0:
        return {}, None, [0.0, 0.0, 0.0, 0.0]
    simple = nx.Graph(net.to_undirected(as_view=True))
    simple = nx.relabel_nodes(simple, {n: str(n) for n in simple}, copy=True)
    boxes = {
        str(n): _box(str(d.get("label", n)), str(d.get("kind", "")), sizes.get(str(n), 10.0))
        for n, d in net.nodes(data=True)
    }
    groups = sorted(
        (sorted(c) for c in nx.connected_components(simple) if len(c) > 1), key=lambda c: (-len(c), c[0])
    )
    alone = sorted(
        (str(n) for n in simple if simple.degree(n) == 0),
        key=lambda n: (str(net.nodes[n].get("kind", "")), str(net.nodes[n].get("label", "")), n),
    )
    out: dict[str, tuple[float, float]] = {}
    width = 0.0
    bottom = 0.0
    row_x, row_top, row_bottom = 0.0, 0.0, 0.0
    for i, members in enumerate(groups):
        pos = _component_layout(simple.subgraph(members), boxes)
        left, top, right, low = _extent(pos, boxes)
        if i == 0:  # the largest group, its top left corner at the origin
            shift = (-left, -top)
            width, bottom = right - left, low - top
            row_x, row_top, row_bottom = 0.0, bottom + GROUP_GAP, bottom + GROUP_GAP
        else:  # the others in rows below it, left to right
            if row_x > 0 and row_x + (right - left) > max(width, right - left):
                row_x, row_top = 0.0, row_bottom + GROUP_GAP
            shift = (row_x - left, row_top - top)
            row_x += right - left + GROUP_GAP
            row_bottom = max(row_bottom, row_top + low - top)
            width = max(width, row_x - GROUP_GAP)
        out.update({x: (px + shift[0], py + shift[1]) for x, (px, py) in pos.items()})
    top = row_bottom + GROUP_GAP if groups else 0.0
    caption: dict[str, Any] | None = None
    caption_y = top
    if alone:
        # a table: as many columns as fit the width of the groups above, each as wide as its widest
        # label (labels count whole here), every row as high as the highest
        full = {
            x: _box(
                str(net.nodes[x].get("label", x)), str(net.nodes[x].get("kind", "")), sizes.get(x, 10.0), True
            )
            for x in alone
        }
        cell_h = max(full[x][1] for x in alone) + GAP * 2
        limit = max(width, max(full[x][0] for x in alone))
        # from as many columns as the average width allows, fewer until the widest of each fit
        average = sum(full[x][0] for x in alone) / len(alone) + GAP * 3
        columns = max(1, min(len(alone), int(limit // average)))
        while columns > 1:
            widths = [max(full[x][0] for x in alone[c::columns]) + GAP * 3 for c in range(columns)]
            if sum(widths) <= limit:
                break
            columns -= 1
        if not groups:  # a graph with no ties at all: a square-ish table
            columns = max(1, math.ceil(math.sqrt(len(alone) * 2)))
        widths = [max(full[x][0] for x in alone[c::columns]) + GAP * 3 for c in range(columns)]
        lefts = [sum(widths[:c]) for c in range(columns)]
        reach = max(sizes.get(x, 10.0) for x in alone)
        caption = {"text": "No ties in this network", "x": 0.0, "y": top}
        top += 24.0
        for k, x in enumerate(alone):
            row, col = divmod(k, columns)
            # node centres in line along each row, their labels below them
            out[x] = (lefts[col] + widths[col] / 2, top + row * cell_h + GAP + reach)
            boxes[x] = full[x]
    layout = {x: (round(px, 2), round(py, 2)) for x, (px, py) in out.items()}
    bounds = [round(v, 2) for v in _extent(layout, boxes)]
    if caption is not None:
        bounds[1] = min(bounds[1], caption_y - 20.0)
    return layout, caption, bounds


def _centrality(net: nx.MultiDiGraph) -> dict[str, float]:
    simple = nx.Graph(net.to_undirected(as_view=True))
    return {str(k): float(v) for k, v in nx.degree_centrality(simple).items()} if len(simple) > 1 else {}


#: Up to this many entities betweenness is exact; above, it is estimated from a seeded sample.
EXACT_BETWEENNESS = 2000


def start_here(net: nx.MultiDiGraph, count: int = 4) -> list[str]:
    """The ``count`` most central people (betweenness: who lies on the most shortest chains of ties),
    ties broken by degree, then by name: where the explorer suggests one starts."""
    simple = nx.Graph(net.to_undirected(as_view=True))
    people = [n for n, d in net.nodes(data=True) if d.get("kind") == "person" and simple.degree(n) > 0]
    if not people:
        return []
    sample = 64 if len(simple) > EXACT_BETWEENNESS else None
    between = nx.betweenness_centrality(simple, k=sample, seed=1 if sample else None)
    ranked = sorted(
        people, key=lambda n: (-between.get(n, 0.0), -simple.degree(n), net.nodes[n]["label"], str(n))
    )
    return [str(n) for n in ranked[:count]]


#: How a kinship property places its two people in a family tree: the generation of the tie's target
#: less its source's (a parent is one generation above the child), and whether it is a marriage, current
#: or former. Keyed by the property's local name in the ontology.
KINSHIP: dict[str, tuple[int, str]] = {
    "childOf": (-1, ""),
    "daughterOf": (-1, ""),
    "parentOf": (1, ""),
    "hasDaughter": (1, ""),
    "spouseOf": (0, "current"),
    "formerSpouseOf": (0, "former"),
    "siblingOf": (0, ""),
    "siblingInLawOf": (0, ""),
    "parentInLawOf": (1, ""),
    "childInLawOf": (-1, ""),
    "formerParentInLawOf": (1, ""),
    "formerChildInLawOf": (-1, ""),
    "relativeOf": (0, ""),
}
#: The same by the properties' English labels, for a network rendered without its graph.
KINSHIP_LABELS: dict[str, str] = {
    "child of": "childOf",
    "daughter of": "daughterOf",
    "parent of": "parentOf",
    "has daughter": "hasDaughter",
    "spouse of": "spouseOf",
    "former spouse of": "formerSpouseOf",
    "sibling of": "siblingOf",
    "sibling-in-law of": "siblingInLawOf",
    "parent-in-law of": "parentInLawOf",
    "child-in-law of": "childInLawOf",
    "former parent-in-law of": "formerParentInLawOf",
    "former child-in-law of": "formerChildInLawOf",
    "relative of": "relativeOf",
}


def _kinship_by_label(view: GraphView | None) -> dict[str, tuple[int, str]]:
    """Each family tie's label to its place in a tree (the labels are the kinship properties' own)."""
    found = {label: KINSHIP[name] for label, name in KINSHIP_LABELS.items()}
    if view is not None:
        for prop in family(view):
            name = prop.rsplit("#", 1)[-1]
            if name in KINSHIP:
                found[facts.label(view, ox.NamedNode(prop))] = KINSHIP[name]
    return found


def family_root(net: nx.MultiDiGraph) -> str | None:
    """The person with the most family ties (then the most ties of any kind): the family tree's default."""
    counts: dict[str, int] = {}
    for a, b, d in net.edges(data=True):
        if d.get("relation") == "family":
            for x in (a, b):
                counts[str(x)] = counts.get(str(x), 0) + 1
    people = [n for n in counts if net.nodes[n].get("kind") == "person"]
    if not people:
        return None
    return min(people, key=lambda n: (-counts[n], -net.degree(n), net.nodes[n]["label"], n))


def source_caption(view: GraphView | None) -> dict[str, str]:
    """The source profile's title and date, for the exports' caption (the packaged profile's when the
    graph does not say)."""
    title, day = "Political profile of Kazakhstan", PROFILE_DATE.isoformat()
    if view is not None:
        docs = sorted(view.subjects(ox.NamedNode(RDF.type), ox.NamedNode(KZ.SourceDocument)), key=str)
        for doc in docs:
            name = view.value(doc, ox.NamedNode(SKOS.prefLabel))
            when = view.value(doc, ox.NamedNode(SCHEMA.dateModified))
            if name is not None:
                title = name.value
            if when is not None:
                day = when.value
            break
    try:
        parsed = datetime.date.fromisoformat(day)
        spoken = f"{parsed.day} {parsed.strftime('%B')} {parsed.year}"
    except ValueError:
        spoken = day
    return {"title": title, "date": day, "date_text": spoken, "version": __version__}


def _node_facts(view: GraphView | None, iri: str) -> list[dict[str, Any]]:
    if view is None:
        return []
    prof = facts.profile(view, ox.NamedNode(iri))
    return [
        {
            "group": f.group,
            "prop": f.prop,
            "value": f.value,
            "dates": f.dates,
            "sources": list(f.sources),
            "derived": f.group == "Derived by reasoning",
        }
        for group in prof.groups().values()
        for f in group
    ]


def pyvis_templates() -> Path:
    """pyvis's template folder (with the vis-network it bundles), found without importing pyvis."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise KzError("the explorer needs pyvis: pip install pyvis")
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def render_html(
    net: nx.MultiDiGraph,
    view: GraphView | None = None,
    *,
    title: str = "kzgraph: Kazakhstan's political network",
    subtitle: str = "",
) -> str:
    """The explorer page for ``net``; ``view`` (asserted + inferred) supplies each node's facts."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    central = _centrality(net)
    top = max(central.values(), default=1.0) or 1.0
    # area, not radius, grows with centrality, so hubs stand out without hiding their neighbours
    sizes = {str(n): round(7 + 18 * (central.get(str(n), 0.0) / top) ** 0.5, 2) for n in net.nodes}
    pos, caption, bounds = _arrange(net, sizes)
    # Fill pyvis's records directly: Network.add_node / from_nx scan lists and are quadratic.
    for node_id, data in sorted(net.nodes(data=True), key=lambda nd: str(nd[0])):
        colour, shape = KIND_STYLE.get(data["kind"], ("#999999", "dot"))
        x, y = pos.get(str(node_id), (0.0, 0.0))
        record = {
            "id": str(node_id),
            "label": data["label"],
            "kind": data["kind"],
            "color": colour,
            "shape": shape,
            "size": sizes[str(node_id)],
            "x": x,
            "y": y,
            "iri": str(node_id),
            "names": [n for n in data.get("names", "").split("; ") if n],
            "sources": [s for s in data.get("sources", "").split("; ") if s],
            "facts": _node_facts(view, str(node_id)),
        }
        prominent = data["kind"] in PROMINENT_KINDS
        if prominent:
            record["font"] = {"size": FONT[True]}
        # a word wider than the wrapping width widens it (vis-network would break the word)
        wrap = max(
            [WRAP[prominent]] + [math.ceil(_text_width(w, FONT[prominent])) for w in data["label"].split()]
        )
        if prominent or wrap != WRAP[prominent]:
            record["widthConstraint"] = {"maximum": wrap}
        nodes.append(record)
    kin = _kinship_by_label(view)
    for i, (a, b, _key, data) in enumerate(
        sorted(net.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    ):
        colour, arrow = RELATION_STYLE.get(data["relation"], ("#777777", "arrow"))
        record = {
            "id": f"e{i}",
            "from": str(a),
            "to": str(b),
            "label": data["label"],
            "relation": data["relation"],
            "color": colour,
            "start": data.get("start", ""),
            "end": data.get("end", ""),
            # when the tie held, for the date control and the timelines: the derived bounds
            # (empty when open) and the phrase that tells a bound from a date
            "when": data.get("when", ""),
            "eb": data.get("earliestBegin", ""),
            "lb": data.get("latestBegin", ""),
            "ee": data.get("earliestEnd", ""),
            "le": data.get("latestEnd", ""),
            "sources": [s for s in data.get("sources", "").split("; ") if s],
            "fact": data.get("fact", ""),
        }
        if arrow != "arrow":
            record["arrows"] = {"to": {"enabled": True, "type": arrow}}
        if data["relation"] == "family":
            # its place in a family tree: the generation step from source to target, and marriages
            step, couple = kin.get(data["label"], (0, ""))
            record["step"] = step
            if couple:
                record["couple"] = couple
        edges.append(record)
    env = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(str(template_path("explorer.html").parent)),
                FileSystemLoader(str(pyvis_templates())),
            ]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    kinds: Mapping[str, Mapping[str, str]] = {
        k: {"label": k, "color": c, "shape": s}
        for k, (c, s) in KIND_STYLE.items()
        if any(n["kind"] == k for n in nodes)
    }
    relations = {
        r: {"label": r, "color": c, "arrow": a}
        for r, (c, a) in RELATION_STYLE.items()
        if any(e["relation"] == r for e in edges)
    }
    page = env.get_template("explorer.html").render(
        title=title,
        subtitle=subtitle,
        nodes=nodes,
        edges=edges,
        options=OPTIONS,
        kinds=kinds,
        relations=relations,
        start=start_here(net),
        family_root=family_root(net),
        source=source_caption(view),
        version=__version__,
        caption=caption,
        bounds=bounds,
        prominent=sorted(PROMINENT_KINDS),
    )
    # C1 control characters (U+0080 to U+009F) are HTML5 parse errors even inside a script: the inlined
    # vis-network holds two U+0085; they only occur inside scripts here, where \u escapes mean the same
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", str(page))
