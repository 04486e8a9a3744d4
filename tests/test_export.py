"""Exports: every RDF format round-trips; JSON-LD through an independent processor; network formats load;
output is byte-identical across runs; a failed write leaves the old file untouched."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kzgraph.build import Build
from kzgraph.cli import main
from kzgraph.export import export
from kzgraph.files import atomic_writer, write_text
from kzgraph.namespaces import GRAPH_INFERRED, ID, KZ
from kzgraph.network import build_network
from kzgraph.popolo import popolo_errors
from kzgraph.resources import data_dir
from kzgraph.view import GraphView


def assert_isomorphic(expected: rdflib.Graph, got: rdflib.Graph) -> None:
    if not isomorphic(expected, got):
        _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        lost = sorted(only_expected.serialize(format="nt").splitlines())[:10]
        added = sorted(only_got.serialize(format="nt").splitlines())[:10]
        pytest.fail(f"not isomorphic; lost: {lost}; added: {added}")


def union_of(text: str, fmt: str) -> rdflib.Graph:
    """Every triple of a dataset export, whatever its graph."""
    ds = rdflib.Dataset()
    ds.parse(data=text, format=fmt)
    out = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        out.add((s, p, o))
    return out


@pytest.mark.parametrize(("fmt", "parse_as"), [("turtle", "turtle"), ("nt", "nt")])
def test_single_graph_formats_round_trip(built: Build, graph: rdflib.Graph, fmt: str, parse_as: str) -> None:
    """Turtle and N-Triples flatten the section graphs (the citations stay, as kz:source)."""
    text = export(built.store, fmt)[""]
    assert_isomorphic(graph, rdflib.Graph().parse(data=text, format=parse_as))


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld"])
def test_inferred_round_trip(built: Build, merged: rdflib.Graph, fmt: str) -> None:
    text = export(built.store, fmt, inferred=True)[""]
    if fmt == "jsonld":
        back = union_of(text, "json-ld")
    else:
        back = rdflib.Graph().parse(data=text, format={"turtle": "turtle", "nt": "nt"}[fmt])
    assert_isomorphic(merged, back)


@pytest.mark.parametrize(("fmt", "parse_as"), [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_datasets_keep_the_graphs_apart(
    built: Build, graph: rdflib.Graph, inferred: rdflib.Graph, fmt: str, parse_as: str
) -> None:
    """TriG, N-Quads and JSON-LD keep each section's graph, the ontology's, the derived citations and the
    inferred triples apart; together the asserted ones are the whole asserted graph."""
    text = export(built.store, fmt, inferred=True)[""]
    ds = rdflib.Dataset()
    ds.parse(data=text, format=parse_as)
    assert_isomorphic(inferred, ds.graph(rdflib.URIRef(GRAPH_INFERRED)))
    asserted = rdflib.Graph()
    for s, p, o, g in ds.quads((None, None, None, None)):
        if str(g) != GRAPH_INFERRED:
            asserted.add((s, p, o))
    assert_isomorphic(graph, asserted)
    # BIOGRAPHIES > Nursultan Nazarbayev: born in Chemolgan; no other section says where
    born = (rdflib.URIRef(f"{ID}person/nursultan-nazarbayev"), rdflib.URIRef(f"{KZ}birthPlace"), None)
    assert {str(g) for _, _, _, g in ds.quads(born)} == {f"{ID}source/bio-nazarbayev"}


def test_ntriples_and_nquads_are_sorted(built: Build) -> None:
    lines = export(built.store, "nt")[""].splitlines()
    assert lines == sorted(lines)
    lines = export(built.store, "nquads", inferred=True)[""].splitlines()
    assert lines == sorted(lines)


@pytest.mark.parametrize("fmt", ["nt", "nquads"])
def test_line_formats_written_a_line_at_a_time_equal_the_text(built: Build, tmp_path: Path, fmt: str) -> None:
    """``kg.export(fmt, path)`` streams N-Triples and N-Quads to the file (no whole text in memory): the
    file is the text export, byte for byte, provenance line included, and parses back."""
    from kzgraph.api import KnowledgeGraph

    kg = KnowledgeGraph(built.store)
    for inferred in (False, True):
        path = tmp_path / f"graph-{inferred}.{fmt}"
        assert kg.export(fmt, path, inferred=inferred) == [path]
        text = export(built.store, fmt, inferred=inferred)[""]
        assert path.read_bytes() == text.encode("utf-8")
        assert text.startswith("# ") and text.count("\n") > 5000
    if fmt == "nquads":
        assert sum(1 for _ in rdflib.Dataset().parse(path, format="nquads").quads()) > 8000
    else:
        assert len(rdflib.Graph().parse(path, format="nt")) > 8000
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"graph-False.{fmt}", f"graph-True.{fmt}"]


def test_jsonld_through_an_independent_processor(built: Build, graph: rdflib.Graph) -> None:
    """pyld expands the export and converts it to RDF; the result is the source graph."""
    from pyld import jsonld

    def no_remote(url: str, options: object = None) -> None:
        raise AssertionError(f"the export made the processor fetch {url}")

    doc = json.loads(export(built.store, "jsonld")[""])
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": no_remote})
    assert_isomorphic(graph, union_of(nquads, "nquads"))


@pytest.mark.parametrize("frame", ["person", "party", "election", "organisation", "country"])
def test_framed_jsonld_is_faithful_and_readable(merged: rdflib.Graph, built: Build, frame: str) -> None:
    from pyld import jsonld

    doc = json.loads(export(built.store, "jsonld", frame=frame)[""])
    assert doc["@graph"], frame
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    triples = set(rdflib.Graph().parse(data=nquads, format="nt"))
    extra = [t for t in triples if t not in merged]
    assert extra == [], extra[:5]


def test_framed_person_reads_as_ordinary_json(built: Build) -> None:
    doc = json.loads(export(built.store, "jsonld", frame="person")[""])
    massimov = next(n for n in doc["@graph"] if n["id"] == "person:karim-massimov")
    assert massimov["label"] == "Karim Massimov"
    assert massimov["birthDate"] == {"type": "xsd:date", "@value": "1965-06-15"}
    # BIOGRAPHIES > Karim Massimov: Prime Minister since January 2007, the seventh.
    # (in JSON-LD the post: prefix is spelled posts:, since "post" is the property's short name)
    pm = next(t for t in massimov["holderOf"] if t["post"]["id"] == "posts:prime-minister-of-kazakhstan")
    assert pm["startDate"] == {"type": "xsd:gYearMonth", "@value": "2007-01"}
    assert pm["ordinal"] == 7
    assert pm["post"]["label"] == "Prime Minister of Kazakhstan"
    assert pm["source"] and all(s.startswith("src:") for s in pm["source"])


def test_framed_objects_say_each_fact_once(built: Build) -> None:
    """Inferred standard-vocabulary copies (skos:note beside note, schema:name beside label) stay out."""
    doc = json.loads(export(built.store, "jsonld", frame="person")[""])
    baimenov = next(n for n in doc["@graph"] if n["id"] == "person:alikhan-baimenov")
    # Party profile Ak-Zhol: he led the party before the merger with Adilet and kept the post.
    (tenure,) = baimenov["holderOf"]
    assert tenure["post"]["id"] == "posts:chairman-of-ak-zhol"
    assert "note" in tenure and not [k for k in tenure if ":" in k]
    assert not [k for k in baimenov if ":" in k]


def test_graphml_and_gexf_load_in_networkx(built: Build, tmp_path: Path) -> None:
    net = build_network(GraphView(built.store.ox))
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"n.{fmt}"
        path.write_text(export(built.store, fmt)[""], encoding="utf-8")
        back = reader(path)
        assert back.number_of_nodes() == net.number_of_nodes(), fmt
        assert back.number_of_edges() == net.number_of_edges(), fmt
        naz = "https://w3id.org/kzgraph/id/person/nursultan-nazarbayev"
        assert back.nodes[naz]["kind"] == "person"
        assert back.nodes[naz]["label"] == "Nursultan Nazarbayev"
        kinds = {d["relation"] for _, _, d in back.edges(data=True)}
        assert {"family", "office", "membership", "election"} <= kinds


def test_csv_edges_match_the_network(built: Build) -> None:
    import csv
    import io

    files = export(built.store, "csv")
    net = build_network(GraphView(built.store.ox))
    nodes = list(csv.DictReader(io.StringIO(files["nodes"])))
    edges = list(csv.DictReader(io.StringIO(files["edges"])))
    assert {n["id"] for n in nodes} == set(net.nodes)
    expected = sorted((a, b, d["relation"], d["label"]) for a, b, d in net.edges(data=True))
    assert sorted((e["source"], e["target"], e["relation"], e["label"]) for e in edges) == expected
    # Every edge has a type and a source section; a family tie from the profile:
    assert all(e["relation"] and e["sources"] for e in edges)
    dinara = [e for e in edges if e["source"].endswith("/dinara") and e["relation"] == "family"]
    assert any(e["target"].endswith("/timur-kulibayev") and "The President" in e["sources"] for e in dinara)


def test_popolo_follows_the_published_popolo_schemas_and_the_profile(built: Build) -> None:
    """Checked against the Popolo Project's own JSON schemas (vendored from popolo-spec), not a schema
    written from kzgraph's output."""
    doc = json.loads(export(built.store, "popolo")[""])
    assert popolo_errors(doc) == []
    assert all(doc[key] for key in ("persons", "organizations", "posts", "memberships", "events"))
    by_id = {p["id"]: p for p in doc["persons"]}
    massimov = by_id["https://w3id.org/kzgraph/id/person/karim-massimov"]
    assert massimov["birth_date"] == "1965-06-15"
    assert {"name": "Karim Masimov"} in massimov["other_names"]
    pm = [
        m
        for m in doc["memberships"]
        if m.get("person_id") == massimov["id"]
        and m.get("post_id", "").endswith("prime-minister-of-kazakhstan")
    ]
    assert len(pm) == 1 and pm[0]["start_date"] == "2007-01"
    un = [m for m in doc["memberships"] if m["id"].endswith("/kazakhstan-un")]
    assert un[0]["member"] == {
        "@type": "Organization",
        "id": "https://w3id.org/kzgraph/id/country/kazakhstan",
    }
    assert un[0]["start_date"] == "1992-03-02"
    assert len(doc["persons"]) == 38


@pytest.mark.slow
def test_exports_are_byte_identical_across_processes(tmp_path: Path) -> None:
    """Two fresh interpreters with different hash seeds write the same bytes for every format."""
    formats = ["turtle", "nt", "nquads", "trig", "jsonld", "graphml", "gexf", "popolo"]
    script = (
        "import sys\nfrom kzgraph.build import compute\nfrom kzgraph.export import export\n"
        "b = compute()\nfor f in sys.argv[2:]:\n"
        "    text = export(b.store, f, inferred=True)['']\n"
        "    open(sys.argv[1] + '/' + f, 'w', encoding='utf-8').write(text)\n"
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(out), *formats], check=True, env=env)
        outputs.append(out)
    for f in formats:
        assert (outputs[0] / f).read_bytes() == (outputs[1] / f).read_bytes(), f


def test_one_fact_change_is_a_one_line_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(data_dir(), data)
    before = tmp_path / "before.ttl"
    after = tmp_path / "after.ttl"
    assert main(["export", "--data", str(data), "--format", "turtle", "-o", str(before)]) == 0
    people = data / "people.trig"
    people.write_text(
        people.read_text(encoding="utf-8").replace(
            'kz:occupation "journalist" ;', 'kz:occupation "reporter" ;', 1
        )
    )
    assert main(["export", "--data", str(data), "--format", "turtle", "-o", str(after)]) == 0
    # (the first line, which names the sources' SHA-256, changes with them: it is left out here)
    diff = [
        line
        for line in difflib.unified_diff(before.read_text().splitlines(), after.read_text().splitlines(), n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---", "+# Generated", "-# Generated"))
    ]
    assert (
        len([d for d in diff if d.startswith("-")]) == 1 and len([d for d in diff if d.startswith("+")]) == 1
    ), diff


def test_a_failure_while_writing_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "kzgraph.ttl"
    write_text(target, "the previous, good export\n")
    good = target.read_bytes()
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write("half of a new export ...")
        raise RuntimeError("disk full, say")
    assert target.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kzgraph.ttl"]  # no temporary left behind


def test_export_failure_through_the_cli_keeps_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("previous\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> str:
        raise MemoryError("serialiser ran out of memory")

    monkeypatch.setattr("kzgraph.export.to_turtle", broken)
    with pytest.raises(MemoryError):
        main(["--debug", "export", "--format", "turtle", "-o", str(target)])
    assert target.read_text(encoding="utf-8") == "previous\n"


def test_csv_needs_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["export", "--format", "csv"]) == 2
    assert "folder" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "-o", str(tmp_path / "net")]) == 0
    assert (tmp_path / "net" / "nodes.csv").exists() and (tmp_path / "net" / "edges.csv").exists()


@pytest.mark.parametrize(
    ("key", "item", "error"),
    [
        ("persons", {"id": "p", "name": 7}, "persons[0].name: 7 is not of type"),
        ("persons", {"id": "p", "name": "A", "birth_date": "5 April 2011"}, "persons[0].birth_date:"),
        ("memberships", {"person_id": "p", "start_date": "2011-4"}, "memberships[0].start_date:"),
        ("posts", {"id": "x", "label": ["a"]}, "posts[0].label:"),
    ],
)
def test_the_popolo_check_catches_what_the_published_schemas_forbid(key: str, item: dict, error: str) -> None:  # type: ignore[type-arg]
    found = popolo_errors({key: [item]})
    assert any(e.startswith(error) for e in found), found
