"""The query library itself: headers, parameters, and that every query runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzgraph.errors import QueryError
from kzgraph.query import named_queries, parse_header, qc_queries
from kzgraph.resources import queries_dir

QUERY_FILES = sorted(queries_dir().glob("*.rq")) + sorted((queries_dir() / "qc").glob("*.rq"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_every_query_has_a_header(path: Path) -> None:
    title, question, _ = parse_header(path, path.read_text(encoding="utf-8"))
    assert title.strip() and question.strip().endswith("?")


def test_a_query_without_a_header_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: Something\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="question"):
        named_queries(tmp_path)


def test_library_size() -> None:
    assert len(named_queries()) >= 30
    assert len(qc_queries()) >= 5


@pytest.mark.parametrize("name", sorted(named_queries()), ids=str)
def test_every_named_query_runs_with_its_defaults(run_named, name: str) -> None:  # type: ignore[no-untyped-def]
    rows = run_named(name)
    assert rows, f"{name} returns nothing with its default parameters"
