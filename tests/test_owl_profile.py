"""The ontology as a knowledge engineer's tools see it (issue 16): inside OWL 2 DL and OWL 2 RL by the
OWL API's own profile checkers, and W3C ORG terms used as ORG defines them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kzgraph.resources import ontology_dir

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def checked() -> list[str]:
    path = ontology_dir() / "kzgraph.ttl"
    done = subprocess.run(
        [sys.executable, str(HERE / "owl_profile.py"), str(path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def test_the_checker_really_read_the_ontology(checked: list[str]) -> None:
    axioms = int(next(line for line in checked if line.startswith("axioms: ")).split()[1])
    assert axioms > 1000
    assert "checked: OWL 2 DL" in checked and "checked: OWL 2 RL" in checked


def test_the_ontology_is_inside_owl2_dl_and_rl(checked: list[str]) -> None:
    violations = [line for line in checked if line.startswith("violation: ")]
    assert violations == []


def test_the_checker_catches_what_the_ontology_used_to_do(tmp_path: Path) -> None:
    """Regression: rdfs:range rdf:Property, an xsd:date range and a data property under skos:altLabel
    (all three in the ontology before issue 16) are each reported."""
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix : <https://example.org/o#> .\n"
        "<https://example.org/o> a owl:Ontology .\n"
        ":relation a owl:ObjectProperty ; rdfs:range rdf:Property .\n"
        ":day a owl:DatatypeProperty ; rdfs:range xsd:date .\n"
        "skos:altLabel a owl:AnnotationProperty .\n"
        ":abbreviation a owl:DatatypeProperty ; rdfs:subPropertyOf skos:altLabel .\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(HERE / "owl_profile.py"), str(bad)], capture_output=True, text=True, timeout=300
    )
    kinds = {line.split(": ")[2] for line in done.stdout.splitlines() if line.startswith("violation: ")}
    assert {"UseOfReservedVocabularyForClassIRI", "UseOfIllegalDataRange", "IllegalPunning"} <= kinds


def test_org_role_points_only_to_org_roles(ask: Callable[[str], bool], store: object) -> None:
    """In W3C ORG, org:role points to an org:Role; kz:post (a Post) is no longer a sub-property of it."""
    from kzgraph.store import LocalStore

    assert isinstance(store, LocalStore)
    found = store.ox.query(
        "PREFIX org: <http://www.w3.org/ns/org#> ASK { ?m org:role ?r FILTER NOT EXISTS { ?r a org:Role } }",
        default_graph=store.default_graphs(inferred=True),
    )
    assert not bool(found)


def test_org_queries_find_massimov_as_org_promises(store: object) -> None:
    """POLITICAL SYSTEM > The Prime Minister: Karim Masimov is Prime Minister, head of the Council of
    Ministers. In ORG: a membership of that organisation, and a post in it that he holds."""
    from kzgraph.store import LocalStore

    assert isinstance(store, LocalStore)
    org = "PREFIX org: <http://www.w3.org/ns/org#> PREFIX person: <https://w3id.org/kzgraph/id/person/> "
    graphs = store.default_graphs(inferred=True)
    posts = store.ox.query(
        org + "SELECT ?post ?o WHERE { ?post a org:Post ; org:heldBy person:karim-massimov ; org:postIn ?o }",
        default_graph=graphs,
    )
    pairs = {(r["post"].value.rsplit("/", 1)[-1], r["o"].value.rsplit("/", 1)[-1]) for r in posts}  # type: ignore[union-attr]
    assert ("prime-minister-of-kazakhstan", "council-of-ministers") in pairs
    members = store.ox.query(
        org + "SELECT ?o WHERE { ?m a org:Membership ; org:member person:karim-massimov ;"
        " org:organization ?o }",
        default_graph=graphs,
    )
    assert "council-of-ministers" in {r["o"].value.rsplit("/", 1)[-1] for r in members}  # type: ignore[union-attr]
