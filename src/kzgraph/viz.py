"""Render the relationship network as one self-contained, offline HTML file (pyvis's vis-network).

pyvis supplies vis-network (the JavaScript network library it bundles, version 9.1.2); kzgraph's own
template replaces pyvis's page, because pyvis's links Bootstrap and tom-select from a CDN even with inline
resources, writes its heading unescaped and switches to ``innerHTML`` popups. The node and edge records
are pyvis's (vis-network's) record format, built directly: ``import pyvis.network`` would pull in IPython
(a quarter of a second) for lists kzgraph fills itself. Here every script and style is inlined, the page
carries a Content-Security-Policy that forbids any network access, and data reaches the page only as
JSON and is shown only through ``textContent``.

Layout is computed in Python (a seeded spring layout), so the page draws at once with physics off and the
same graph always gives the same picture.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kzgraph import facts
from kzgraph.errors import KzError
from kzgraph.resources import template_path
from kzgraph.view import GraphView

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

RELATION_COLOURS: dict[str, str] = {
    "family": "#e15759",
    "office": "#7f7f7f",
    "party role": "#4e79a7",
    "membership": "#59a14f",
    "control": "#b6992d",
    "association": "#d37295",
    "international": "#499894",
    "education": "#bab0ac",
    "election": "#f28e2b",
    "organisational change": "#79706e",
    "event": "#9d7660",
    "claim": "#ff5f5f",
    "structure": "#c0c0c0",
}

OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "multiselect": False},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "smooth": False,
        "font": {"size": 9, "color": "#555", "strokeWidth": 2, "align": "middle"},
        "width": 1,
    },
    "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif"}, "borderWidth": 1},
    "layout": {"improvedLayout": False},
}


#: Above this many nodes the force layout (dense, quadratic memory) gives way to a circular one.
MAX_FORCE_LAYOUT = 499


def _layout(net: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    if net.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(net.to_undirected(as_view=True))
    simple = nx.relabel_nodes(simple, {n: str(n) for n in simple}, copy=True)
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(simple.nodes))
    ordered.add_edges_from(sorted(tuple(sorted(e)) for e in simple.edges))
    n = ordered.number_of_nodes()
    if n > MAX_FORCE_LAYOUT:
        pos = nx.circular_layout(ordered)
    else:
        pos = nx.spring_layout(ordered, seed=7, k=3.0 / max(1, n) ** 0.5, iterations=120, method="force")
    scale = 140.0 * max(1.0, simple.number_of_nodes() ** 0.5)
    return {str(n): (float(x) * scale, float(y) * scale) for n, (x, y) in pos.items()}


def _centrality(net: nx.MultiDiGraph) -> dict[str, float]:
    simple = nx.Graph(net.to_undirected(as_view=True))
    return {str(k): float(v) for k, v in nx.degree_centrality(simple).items()} if len(simple) > 1 else {}


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
    pos = _layout(net)
    central = _centrality(net)
    top = max(central.values(), default=1.0) or 1.0
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
            # area, not radius, grows with centrality, so hubs stand out without hiding their neighbours
            "size": round(8 + 22 * (central.get(str(node_id), 0.0) / top) ** 0.5, 2),
            "x": round(x, 2),
            "y": round(y, 2),
            "iri": str(node_id),
            "names": [n for n in data.get("names", "").split("; ") if n],
            "sources": [s for s in data.get("sources", "").split("; ") if s],
            "facts": _node_facts(view, str(node_id)),
        }
        nodes.append(record)
    for i, (a, b, _key, data) in enumerate(
        sorted(net.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    ):
        edges.append(
            {
                "id": f"e{i}",
                "from": str(a),
                "to": str(b),
                "label": data["label"],
                "relation": data["relation"],
                "color": RELATION_COLOURS.get(data["relation"], "#999999"),
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
        )
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
        r: {"label": r, "color": c, "shape": ""}
        for r, c in RELATION_COLOURS.items()
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
    )
    return str(page)
