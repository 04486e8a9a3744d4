"""The SPARQL endpoint over real HTTP, with a standard SPARQL client (SPARQLWrapper)."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from conftest import running_endpoint

PREFIXES = """PREFIX kz: <https://w3id.org/kzgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX person: <https://w3id.org/kzgraph/id/person/>
"""
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with running_endpoint(timeout=TIMEOUT, max_rows=2000) as url:
        yield url


def client(endpoint: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    s = SPARQLWrapper(endpoint + "/sparql")
    s.setQuery(PREFIXES + query)
    s.setReturnFormat(fmt)
    return s


def count_triples(endpoint: str) -> int:
    res = client(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").queryAndConvert()
    return int(res["results"]["bindings"][0]["n"]["value"])  # type: ignore[index,call-overload]


def test_select_json(endpoint: str) -> None:
    # Presidential elections 2011 > Results: four candidates.
    q = """SELECT ?name ?votes WHERE {
             ?r kz:election <https://w3id.org/kzgraph/id/election/presidential-2011> ;
                kz:contestant/skos:prefLabel ?name ; kz:votes ?votes } ORDER BY DESC(?votes)"""
    res = client(endpoint, q).queryAndConvert()
    rows = [(b["name"]["value"], int(b["votes"]["value"])) for b in res["results"]["bindings"]]  # type: ignore[index]
    assert rows == [
        ("Nursultan Nazarbayev", 7850958),
        ("Gani E. Kasymov", 159036),
        ("Zhambyl Akhmetbekov", 111924),
        ("Mels Eleusizov", 94452),
    ]


def test_select_xml_and_csv(endpoint: str) -> None:
    q = 'SELECT ?p WHERE { ?p skos:prefLabel "Karim Massimov" }'
    xml = client(endpoint, q, XML).queryAndConvert()
    assert "person/karim-massimov" in xml.toxml()  # type: ignore[union-attr]
    csv = client(endpoint, q, CSV).queryAndConvert()
    assert csv.decode().splitlines() == ["p", "https://w3id.org/kzgraph/id/person/karim-massimov"]  # type: ignore[union-attr]


def test_ask(endpoint: str) -> None:
    # The reasoned graph: Timur Kulibayev is Nazarbayev's son-in-law (derived by a property chain).
    q = "ASK { person:nursultan-nazarbayev kz:parentInLawOf person:timur-kulibayev }"
    assert client(endpoint, q).queryAndConvert()["boolean"] is True  # type: ignore[index]
    q = "ASK { person:timur-kulibayev kz:parentInLawOf person:nursultan-nazarbayev }"
    assert client(endpoint, q).queryAndConvert()["boolean"] is False  # type: ignore[index]


@pytest.mark.parametrize(("fmt", "parse_as"), [(TURTLE, "turtle"), (JSONLD, "json-ld")])
def test_construct_in_two_formats(endpoint: str, fmt: str, parse_as: str) -> None:
    q = "CONSTRUCT { ?a schema:spouse ?b } WHERE { ?a schema:spouse ?b }"
    raw = client(endpoint, q, fmt).query().response.read()
    g = rdflib.Graph().parse(data=raw, format=parse_as)
    dinara = rdflib.URIRef("https://w3id.org/kzgraph/id/person/dinara")
    timur = rdflib.URIRef("https://w3id.org/kzgraph/id/person/timur-kulibayev")
    spouse = rdflib.URIRef("https://schema.org/spouse")
    assert set(g) == {(dinara, spouse, timur), (timur, spouse, dinara)}


def test_update_is_refused_and_data_unchanged(endpoint: str) -> None:
    before = count_triples(endpoint)
    s = SPARQLWrapper(endpoint + "/sparql", updateEndpoint=endpoint + "/sparql")
    s.setMethod("POST")
    s.setQuery("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    with pytest.raises(urllib.error.HTTPError) as info:
        s.query()
    assert info.value.code == 403
    req = urllib.request.Request(
        endpoint + "/sparql",
        data=urllib.parse.urlencode({"query": "DROP ALL"}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req)
    assert info.value.code == 403
    assert count_triples(endpoint) == before


def test_service_is_refused_without_any_outbound_request(endpoint: str) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    q = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryBadFormed, match="SERVICE is refused"):
        client(endpoint, q).query()
    with pytest.raises(TimeoutError):
        listener.accept()  # nobody ever connected
    listener.close()


def test_from_and_dataset_parameters_are_refused(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed, match="FROM"):
        client(endpoint, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }").query()
    url = (
        endpoint
        + "/sparql?"
        + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }", "default-graph-uri": "file:///etc/passwd"})
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(url)
    assert info.value.code == 400


def test_expensive_query_is_stopped_and_a_cheap_one_then_succeeds(endpoint: str) -> None:
    start = time.monotonic()
    url = (
        endpoint
        + "/sparql?"
        + urllib.parse.urlencode(
            {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}
        )
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(url)
    elapsed = time.monotonic() - start
    assert info.value.code == 503
    assert "timeout" in info.value.read().decode()
    assert elapsed < TIMEOUT + 2
    assert client(endpoint, "ASK { person:karim-massimov a kz:Person }").queryAndConvert()["boolean"] is True  # type: ignore[index]


def test_result_cap_is_an_error_not_a_truncation(endpoint: str) -> None:
    url = endpoint + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(url)
    assert info.value.code == 413
    assert "2000" in info.value.read().decode()


def test_bad_query_is_a_400_with_position(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed):
        client(endpoint, "SELECT ?x WHERE { ?x ?y }").query()


def test_named_query_over_http(endpoint: str) -> None:
    url = endpoint + "/queries/election-results?election=election:parliamentary-2007"
    req = urllib.request.Request(url, headers={"Accept": "text/csv"})
    body = urllib.request.urlopen(req).read().decode()
    assert body.splitlines()[1].startswith("https://w3id.org/kzgraph/id/party/nur-otan,Nur Otan")


def test_query_page_is_offline_and_lists_named_queries(endpoint: str) -> None:
    page = urllib.request.urlopen(endpoint + "/").read().decode()
    assert "<textarea" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://cdn" not in page
    import json

    items = json.loads(urllib.request.urlopen(endpoint + "/api/queries").read())
    assert {"election-results", "office-holders"} <= {i["name"] for i in items}
