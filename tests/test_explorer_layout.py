"""The explorer's precomputed layout and the data it is given, without a browser.

Written by hand from the profile: POLITICAL SYSTEM > The President (Nazarbayev's daughters Dariga, whose
former husband is Rakhat Aliyev, and Dinara, married to Timur Kulibayev); the summary box (the profile's
date, 5 April 2011).
"""

from __future__ import annotations

import json
import re
from typing import Any

import networkx as nx
import pytest

from kzgraph import __version__
from kzgraph.network import build_network
from kzgraph.viz import (
    PROMINENT_KINDS,
    _box,
    _kinship_by_label,
    _layout,
    family_root,
    render_html,
    source_caption,
    start_here,
)

ID = "https://w3id.org/kzgraph/id/"
NAZARBAYEV = ID + "person/nursultan-nazarbayev"


@pytest.fixture(scope="module")
def net(view: Any) -> Any:
    return build_network(view)


def test_layout_is_the_same_every_time(net: Any) -> None:
    assert _layout(net) == _layout(net)
    assert _layout(net.copy()) == _layout(net)


def test_entities_without_ties_form_a_grid_below_the_rest(net: Any) -> None:
    pos = _layout(net)
    alone = [n for n in net if net.degree(n) == 0]
    assert {ID + "person/putin", ID + "person/sergei-duvanov"} <= set(alone)  # named, tied to no one
    tied_bottom = max(y for n, (_, y) in pos.items() if n not in alone)
    assert min(pos[n][1] for n in alone) > tied_bottom
    # rows and columns: a few distinct heights, each row read left to right in (kind, label) order
    rows = sorted({pos[n][1] for n in alone})
    assert 1 < len(rows) <= 5
    reading = sorted(alone, key=lambda n: (rows.index(pos[n][1]), pos[n][0]))
    assert reading == sorted(alone, key=lambda n: (net.nodes[n]["kind"], net.nodes[n]["label"], n))
    first_row = [pos[n][0] for n in reading if pos[n][1] == rows[0]]
    for row in rows[1:]:  # every later row's entities sit in the first row's columns
        assert {pos[n][0] for n in alone if pos[n][1] == row} <= set(first_row)


def test_labels_of_people_and_parties_do_not_overlap(net: Any) -> None:
    pos = _layout(net)
    boxes = {
        n: _box(d["label"], d["kind"], 10.0) for n, d in net.nodes(data=True) if d["kind"] in PROMINENT_KINDS
    }
    placed = []
    for n, (w, h, dy) in boxes.items():
        x, y = pos[n]
        placed.append((x - w / 2, y + dy - h / 2, x + w / 2, y + dy + h / 2))
    clashes = [
        (a, b)
        for i, a in enumerate(placed)
        for b in placed[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]
    assert clashes == []


def test_graphs_with_nothing_or_no_ties() -> None:
    assert _layout(nx.MultiDiGraph()) == {}
    lonely = nx.MultiDiGraph()
    for i in range(7):
        lonely.add_node(f"n{i}", label=f"Entity {i}", kind="person")
    pos = _layout(lonely)
    assert len(set(pos.values())) == 7  # a grid: no two in the same place
    assert len({y for _, y in pos.values()}) in (2, 3)


def test_start_here_and_the_family_tree_default(net: Any) -> None:
    # the President, the opposition's 2005 candidate, the Prime Minister, the President's eldest daughter
    assert start_here(net) == [
        NAZARBAYEV,
        ID + "person/zharmakhan-tuyakbay",
        ID + "person/karim-massimov",
        ID + "person/dariga-nazarbayeva",
    ]
    assert family_root(net) == NAZARBAYEV  # two daughters and a sister-in-law


def test_kinship_places_people_in_generations(view: Any) -> None:
    kin = _kinship_by_label(view)
    assert kin["daughter of"] == (-1, "")  # her father is one generation up
    assert kin["spouse of"] == (0, "current")
    assert kin["former spouse of"] == (0, "former")
    assert kin["sibling-in-law of"] == (0, "")
    assert _kinship_by_label(None)["daughter of"] == (-1, "")


def test_caption_names_the_profile_its_date_and_the_version(view: Any) -> None:
    assert source_caption(view) == {
        "title": "Political profile of Kazakhstan",
        "date": "2011-04-05",
        "date_text": "5 April 2011",
        "version": __version__,
    }


def test_page_data(net: Any, view: Any) -> None:
    html = render_html(net, view)
    edges = json.loads(re.search(r"const edgeRecords = (\[.*?\]);\n", html, re.S).group(1))  # type: ignore[union-attr]
    former = [e for e in edges if e["label"] == "former spouse of"]
    assert [(e["from"], e["to"], e["step"], e["couple"]) for e in former] == [
        (ID + "person/dariga-nazarbayeva", ID + "person/rakhat-aliyev", 0, "former")
    ]
    # every relation has its arrowhead; none but the plain arrow is left to vis-network's default
    assert {e["arrows"]["to"]["type"] for e in edges if "arrows" in e} >= {"circle", "bar", "diamond", "box"}
    assert 'const VERSION = "' + __version__ + '";' in html  # for the exports' caption
    # one file, nothing from elsewhere: no external script, style, font or image
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    assert "default-src 'none'" in csp and "http" not in csp and "connect-src 'none'" in csp
