"""Every statement cites the sections that state it: one named graph per section of the profile.

The data files are TriG; each triple sits in the graph of each section whose text states it, and
``kz:source`` is derived from those graphs. The expectations below were written by reading the profile.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kzgraph import facts
from kzgraph.load import cite_sections, section_graphs, source_graphs
from kzgraph.namespaces import GRAPH_CITATIONS, GRAPH_UNION, ID, KZ
from kzgraph.resources import data_dir
from kzgraph.store import LocalStore
from kzgraph.view import GraphView

SRC = f"{ID}source/"
PROFILE = f"{SRC}profile"
NAZARBAYEV = ox.NamedNode(f"{ID}person/nursultan-nazarbayev")
BIO = "BIOGRAPHIES > Nursultan Nazarbayev"
REPUBLIC = "POLITICAL SYSTEM > The presidential republic"
PRESIDENT = "POLITICAL SYSTEM > The President"


@pytest.fixture(scope="module")
def files() -> list[ox.Quad]:
    """The packaged data files as they are written, each quad in the graph its file names."""
    return [
        q
        for path in sorted(Path(data_dir()).glob("*.trig"))
        for q in ox.parse(path=path, format=ox.RdfFormat.TRIG)
    ]


def test_the_data_is_trig_and_nothing_else(files: list[ox.Quad]) -> None:
    assert not list(Path(data_dir()).glob("*.ttl"))
    assert len(files) > 4000


def test_every_asserted_data_triple_is_in_a_section_graph(files: list[ox.Quad]) -> None:
    sections = {
        q.subject.value
        for q in files
        if q.predicate.value.endswith("#type") and q.object == ox.NamedNode(KZ.SourceSection)
    }
    assert len(sections) == 41
    outside = [q for q in files if q.graph_name.value not in sections | {PROFILE}]  # type: ignore[union-attr]
    assert outside == []  # not even one triple in the default graph or an unknown graph
    # the profile's own graph holds only the description of the document and its sections
    about = {q.subject.value for q in files if q.graph_name == ox.NamedNode(PROFILE)}
    assert about <= sections | {PROFILE, f"{ID}organisation/european-forum-for-democracy-and-solidarity"}


def test_no_file_writes_kz_source_it_is_derived(files: list[ox.Quad], store: LocalStore) -> None:
    assert not [q for q in files if q.predicate == ox.NamedNode(KZ.source)]
    # derived: every subject of a section's graph cites that section, and nothing else is cited
    cited = {
        (q.subject, q.object)
        for q in store.ox.quads_for_pattern(
            None, ox.NamedNode(KZ.source), None, ox.NamedNode(GRAPH_CITATIONS)
        )
    }
    expected = {
        (q.subject, q.graph_name)
        for g in section_graphs(store.ox)
        for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(g))
    }
    assert cited == expected


def test_the_default_graph_is_a_set_union(store: LocalStore) -> None:
    """A triple two sections state counts once: the vote shares of 2007 add up to about 100, not twice
    that (Parliamentary elections 2007 > Election results and Overview of election results)."""
    assert store.data_graphs() == [GRAPH_UNION]
    rows = store.ox.query(
        "SELECT (SUM(?share) AS ?total) "
        "WHERE { ?r kz:election election:parliamentary-2007 ; kz:voteShare ?share }",
        prefixes={"kz": KZ, "election": f"{ID}election/"},
        default_graph=store.default_graphs(inferred=False),
    )
    total = float(next(iter(rows))["total"].value)  # type: ignore[arg-type, index]
    assert 99 < total < 101


def test_graph_names_the_sections_of_one_statement() -> None:
    from kzgraph.api import open as open_graph

    kg = open_graph(store="memory")
    rows = kg.sparql(
        "SELECT ?section WHERE { GRAPH ?section { person:nursultan-nazarbayev kz:birthDate ?d } } "
        "ORDER BY ?section"
    )
    # Overview: "(1940)" after his name; BIOGRAPHIES: born in Chemolgan in 1940
    assert [r["section"] for r in rows.values()] == [f"{SRC}bio-nazarbayev", f"{SRC}overview"]  # type: ignore[union-attr]


#: Facts about Nazarbayev and the sections that state them, read from the profile by hand.
BY_HAND = [
    ("About", "birth date", "1940", ("Overview", BIO)),
    ("About", "birth place", "Chemolgan", (BIO,)),
    ("About", "in power since", "1984", (REPUBLIC,)),
    ("About", "marital status", "married", (BIO,)),
    ("About", "number of daughters", "3", (BIO,)),
    ("About", "occupation", "metallurgical engineer", (BIO,)),
    ("About", "occupation", "economist", (BIO,)),
    ("Offices and roles", "holder", "Commander in Chief", (REPUBLIC,)),
    # the chairmanship is named in the political system; "by 1989" comes from the biography
    ("Offices and roles", "holder", "Chairman of the Council of Ministers", (REPUBLIC, BIO)),
    ("Offices and roles", "holder", "Local Communist party official", (BIO,)),
    ("Ties", "to", "Dariga Nazarbayeva daughter of", (PRESIDENT,)),
    ("Ties", "from", "has title Leader of the Nation", (PRESIDENT, BIO)),  # both say: 2010
    (
        "Ties",
        "to",
        "Sergei Tereshchenko campaign manager",
        ("PRO-GOVERNMENT PARTIES > National Democratic Party Nur Otan",),
    ),
]


@pytest.mark.parametrize(
    ("group", "prop", "value", "sections"), BY_HAND, ids=[f"{b}:{c}" for _, b, c, _ in BY_HAND]
)
def test_show_lists_each_facts_own_sources(
    view: GraphView, group: str, prop: str, value: str, sections: tuple[str, ...]
) -> None:
    profile = facts.profile(view, NAZARBAYEV)
    found = [f for f in profile.facts if f.group == group and f.prop == prop and value in f.value]
    assert len(found) == 1, [f.line() for f in profile.facts if f.group == group]
    assert found[0].sources == sections


def test_the_birth_year_no_longer_cites_every_section_of_the_person(view: GraphView) -> None:
    """Regression: the birth year 1940 used to list the eight sections citing Nazarbayev, among them
    the biography of somebody else (Karim Massimov's)."""
    line = next(f for f in facts.profile(view, NAZARBAYEV).facts if f.prop == "birth date").line()
    assert "Massimov" not in line and "Summary" not in line


def test_data_outside_any_section_keeps_its_own_citations(tmp_path: Path) -> None:
    """Turtle data that cites with kz:source (no section graphs) loads as before."""
    store = ox.Store()
    store.load(
        b"@prefix kz: <https://w3id.org/kzgraph/ontology#> . "
        b"<https://w3id.org/kzgraph/id/person/x> kz:source <https://w3id.org/kzgraph/id/source/summary> .",
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("https://w3id.org/kzgraph/graph/data"),
    )
    assert cite_sections(store) == 0
    assert source_graphs(store) == ["https://w3id.org/kzgraph/graph/data"]
