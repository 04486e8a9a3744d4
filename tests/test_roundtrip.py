"""Awkward literals survive every way out of kzgraph: each export format, ``load --store`` and ``serve``.

A copy of the packaged data gets one more file whose literals hold line breaks (LF, CR LF), quotes,
backslashes, tabs, a control character, non-Latin text with language tags and a long literal (deep
blank-node chains: test_hostile). Whatever goes out must come back the same: parsed back by pyoxigraph
or rdflib (never compared as text), or as the same SPARQL answer. The expected values are written here
by hand. (Issue 13 found N-Triples, N-Quads and TSV written by hand from ``term.n3()``, which broke on
a line break.)
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from conftest import running_endpoint
from kzgraph.api import KnowledgeGraph
from kzgraph.build import compute
from kzgraph.export import export
from kzgraph.resources import data_dir
from kzgraph.sources import Sources
from kzgraph.store import LocalStore

PERSON = "https://w3id.org/kzgraph/id/person/awkward-one"
OTHER = "https://w3id.org/kzgraph/id/person/awkward-two"
KZ = "https://w3id.org/kzgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

#: The literals, as Python strings (what every route must give back).
LABEL = 'Line one\nline "two" \\ back'
NOTE = 'Tab\there, CR LF\r\nend, bell \x07, quote \' and """ triple'
LONG = "x" * 20_000 + "\n" + "y" * 20_000
ALT_RU = "Назарбаев\nвторая строка"
ALT_KK = "Нұрсұлтан"


def _turtle_string(text: str) -> str:
    """``text`` as a Turtle string literal, every awkward character escaped (test input only)."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return '"' + escaped.replace("\x07", "\\u0007") + '"'


AWKWARD_TTL = f"""\
@prefix kz: <{KZ}> .
@prefix skos: <{SKOS}> .
@prefix src: <https://w3id.org/kzgraph/id/source/> .
@prefix person: <https://w3id.org/kzgraph/id/person/> .
@prefix rel: <https://w3id.org/kzgraph/id/relationship/> .

person:awkward-one a kz:Person ;
    skos:prefLabel {_turtle_string(LABEL)} ;
    kz:note {_turtle_string(NOTE)} , {_turtle_string(LONG)} ,
        {_turtle_string(ALT_RU)}@ru , {_turtle_string(ALT_KK)}@kk ;
    kz:source src:summary .
person:awkward-two a kz:Person ; skos:prefLabel "Two" ; kz:source src:summary .
rel:awkward a kz:Relationship ; kz:from person:awkward-one ; kz:relation kz:spouseOf ;
    kz:to person:awkward-two ; kz:source src:summary .
"""

#: Every literal the data gives the awkward person, as (property, text, language); reasoning copies them
#: under standard names (foaf:name, skos:note), which these tests leave aside.
EXPECTED = {
    (SKOS + "prefLabel", LABEL, None),
    (KZ + "note", ALT_RU, "ru"),
    (KZ + "note", ALT_KK, "kk"),
    (KZ + "note", NOTE, None),
    (KZ + "note", LONG, None),
}


@pytest.fixture(scope="module")
def awkward_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("awkward-data")
    for f in data_dir().glob("*.trig"):
        shutil.copy(f, folder / f.name)
    (folder / "awkward.ttl").write_text(AWKWARD_TTL, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def awkward(awkward_data: Path) -> LocalStore:
    build = compute(Sources.packaged(data_dir=awkward_data))
    assert build.conforms, build.report.text()
    return build.store


PROPERTIES = {p for p, _, _ in EXPECTED}


def literals_of(graph: rdflib.Graph) -> set[tuple[str, str, str | None]]:
    return {
        (str(p), str(o), o.language)
        for p, o in graph.predicate_objects(rdflib.URIRef(PERSON))
        if isinstance(o, rdflib.Literal) and str(p) in PROPERTIES
    }


def test_the_store_holds_the_literals_as_written(awkward: LocalStore) -> None:
    found = {
        (q.predicate.value, q.object.value, q.object.language)
        for q in awkward.ox.quads_for_pattern(ox.NamedNode(PERSON), None, None, None)
        if isinstance(q.object, ox.Literal) and q.predicate.value in PROPERTIES
    }
    assert found == EXPECTED


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"),
    [("turtle", "turtle"), ("nt", "nt"), ("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")],
)
def test_every_rdf_export_gives_the_literals_back(awkward: LocalStore, fmt: str, rdflib_format: str) -> None:
    text = export(awkward, fmt, inferred=True)[""]
    if rdflib_format in ("nquads", "trig", "json-ld"):  # datasets: a graph per section, and more
        ds = rdflib.Dataset()
        ds.parse(data=text, format=rdflib_format)
        graph = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            graph.add((s, p, o))
    else:
        graph = rdflib.Graph().parse(data=text, format=rdflib_format)
    assert literals_of(graph) == EXPECTED
    # and pyoxigraph reads the same export (each line-based format line by line)
    ox_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                 "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}[fmt]  # fmt: skip
    parsed = list(ox.parse(text.encode("utf-8"), format=ox_format))
    assert len({(q.subject, q.predicate, q.object) for q in parsed}) == len(graph)


def test_framed_json_ld_keeps_the_label(awkward: LocalStore) -> None:
    framed = json.loads(export(awkward, "jsonld", frame="person")[""])
    person = next(n for n in framed["@graph"] if n.get("id", "").endswith("awkward-one"))
    assert person["label"] == LABEL


def test_network_exports_keep_the_label_xml_safe(awkward: LocalStore) -> None:
    """GraphML and GEXF are XML 1.0, which cannot hold a bell character (U+FFFD stands in for one) and
    the files stay well-formed; the label here has none and comes back whole. CSV keeps it whole too
    (quoted), line breaks included."""
    for fmt in ("graphml", "gexf"):
        root = ET.fromstring(export(awkward, fmt)[""].encode("utf-8"))
        texts = {el.text for el in root.iter()} | {v for el in root.iter() for v in el.attrib.values()}
        assert LABEL in texts, fmt
    nodes = export(awkward, "csv")["nodes"]
    rows = list(csv.DictReader(io.StringIO(nodes)))
    assert LABEL in {r.get("label") for r in rows}


def _kz(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kzgraph", *argv], cwd=cwd, capture_output=True, text=True, timeout=300
    )


SELECT_NOTES = f"SELECT ?p ?v WHERE {{ VALUES ?p {{ <{SKOS}prefLabel> <{KZ}note> }} <{PERSON}> ?p ?v }}"


def _from_srj(data: bytes) -> set[tuple[str, str, str | None]]:
    out = set()
    for row in ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON):  # type: ignore[union-attr]
        v = row["v"]
        out.add((row["p"].value, v.value, v.language))
    return out


def test_load_into_an_oxigraph_store_and_query_it_back(awkward_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "kz.db"
    done = _kz("load", "--data", str(awkward_data), "--store", f"oxigraph:{db}", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with KnowledgeGraph(LocalStore.open(db)) as kg:
        raw = kg.store.execute(SELECT_NOTES, fmt="srj")
    assert isinstance(raw, bytes)
    assert _from_srj(raw) == EXPECTED
    # the command line's TSV answer parses back to the same terms, and CSV (values only, by its
    # definition) to the same texts: one row per literal, line breaks inside the values
    for fmt in ("tsv", "csv"):
        done = subprocess.run(
            [sys.executable, "-m", "kzgraph", "query", "--store", f"oxigraph:{db}", "--format", fmt, "-"],
            input=SELECT_NOTES.encode("utf-8"), cwd=tmp_path, capture_output=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        if fmt == "tsv":  # (bytes throughout: a text-mode pipe would turn CR LF into LF)
            rows = ox.parse_query_results(done.stdout, format=ox.QueryResultsFormat.TSV)
            assert {(r["p"].value, r["v"].value, r["v"].language) for r in rows} == EXPECTED  # type: ignore[union-attr]
        else:  # (pyoxigraph does not read CSV results back: they are lossy by definition)
            rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"), newline="")))
            assert {(r["p"], r["v"]) for r in rows} == {(p, v) for p, v, _ in EXPECTED}


def test_regression_closing_a_read_only_store(awkward_data: Path, tmp_path: Path) -> None:
    """Closing a store opened read-only raised RuntimeError ("Flush is only possible on read-write
    instances") instead of closing quietly."""
    db = tmp_path / "kz.db"
    ox.Store(str(db)).flush()
    store = LocalStore.open(db)
    store.close()
    store.close()


@pytest.fixture(scope="module")
def endpoint(awkward_data: Path) -> Iterator[str]:
    with running_endpoint(awkward_data) as url:
        yield url


@pytest.mark.parametrize(
    ("accept", "results_format"),
    [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ],
)
def test_the_endpoint_answers_with_the_literals(endpoint: str, accept: str, results_format: object) -> None:
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": SELECT_NOTES})
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=60) as response:
        data = response.read()
    rows = ox.parse_query_results(data, format=results_format)  # type: ignore[arg-type]
    found = {(r["p"].value, r["v"].value, r["v"].language) for r in rows}  # type: ignore[union-attr]
    # XML 1.0 cannot carry the bell character: the XML results replace it with U+FFFD, as documented
    expected = EXPECTED
    if results_format == ox.QueryResultsFormat.XML:
        expected = {(p, v.replace("\x07", "\ufffd"), lang) for p, v, lang in EXPECTED}
    assert found == expected


def test_the_endpoint_constructs_the_literals_as_n_triples(endpoint: str) -> None:
    query = SELECT_NOTES.replace("SELECT ?p ?v", f"CONSTRUCT {{ <{PERSON}> ?p ?v }}")
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=60) as response:
        graph = rdflib.Graph().parse(data=response.read().decode("utf-8"), format="nt")
    assert literals_of(graph) == EXPECTED
