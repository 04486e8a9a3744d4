"""Every subcommand, run in-process through ``kzgraph.cli.main`` as a user would type it."""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

import pytest
import rdflib
import rdflib.compare

from kzgraph.cli import build_parser, main
from kzgraph.resources import data_dir
from kzgraph.sources import Sources
from kzgraph.store import LocalStore


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """Every subcommand the CLI defines, read from its own parser (never a list kept by hand)."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


COMMANDS = sorted(subcommands())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "example:" in out
    assert f"kzgraph {command}" in out.split("example:")[1]


def test_every_command_is_listed_in_the_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    listed = set(re.findall(r"^ {4}(\w+)(?: {2,}|$)", out, re.MULTILINE))  # argparse's "    name  summary"
    assert listed == set(COMMANDS)
    # the parser is where the list comes from: the commands the issue found missing are there
    assert {"load", "path", "stats", "serve"} <= set(COMMANDS)
    parser = build_parser()
    assert parser.prog == "kzgraph"


def test_build_writes_all_outputs_that_parse_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "build", "--out", str(out_dir))
    assert code == 0, out + err
    assert "asserted" in out and "inferred" in out and "Time per stage" in out
    assert "kz:Person" in out  # entities per class
    names = {p.name for p in out_dir.iterdir()}
    digest = Sources.packaged().digest()
    assert names == {
        "kzgraph.ttl",
        "inferred.ttl",
        "kzgraph.jsonld",
        "validation-report.txt",
        "quality-report.md",
        "explorer.html",
        "manifest.json",
        "kzgraph.oxigraph",
        f"store-{digest[:16]}",
    }
    # the store the build leaves is stamped with the digest of the sources it was built from
    stored = LocalStore.open(out_dir / "kzgraph.oxigraph")
    assert stored.stamp()["digest"] == digest
    asserted = rdflib.Graph().parse(out_dir / "kzgraph.ttl", format="turtle")
    inferred = rdflib.Graph().parse(out_dir / "inferred.ttl", format="turtle")
    dataset = rdflib.Dataset()
    dataset.parse(out_dir / "kzgraph.jsonld", format="json-ld")
    jsonld = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        jsonld.add((s, p, o))
    assert len(asserted) > 1000 and len(inferred) > 1000
    assert rdflib.compare.isomorphic(asserted, jsonld)
    assert (out_dir / "validation-report.txt").read_text().strip().endswith("Conforms: no violations.")
    html = (out_dir / "explorer.html").read_text()
    assert "Nursultan Nazarbayev" in html and "http://" not in html.split("<body>")[1].split("<script>")[0]


def _broken_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(data_dir(), data)
    prefix = "@prefix kz: <https://w3id.org/kzgraph/ontology#> .\n\n"
    broken = '<https://w3id.org/kzgraph/id/person/x> kz:note "unterminated .\n'
    (data / "zz-broken.ttl").write_text(prefix + broken, encoding="utf-8")
    return data


def test_build_on_malformed_turtle_exits_2_naming_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = _broken_data(tmp_path)
    out_dir = tmp_path / "out"
    code, _out, err = run(capsys, "build", "--data", str(data), "--out", str(out_dir))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "zz-broken.ttl" in lines[0] and "line 3" in lines[0]
    assert "Traceback" not in err
    assert not out_dir.exists()


def test_failed_build_leaves_previous_outputs_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    old = out_dir / "kzgraph.ttl"
    old.write_text("previous build\n", encoding="utf-8")
    code, _, _ = run(capsys, "build", "--data", str(_broken_data(tmp_path)), "--out", str(out_dir))
    assert code == 2
    assert old.read_text(encoding="utf-8") == "previous build\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["kzgraph.ttl"]


def test_build_on_a_missing_data_folder_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "build", "--data", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert code == 2
    assert "nope" in err and "no such folder" in err


def test_validate_packaged_graph_conforms(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert "Conforms" in out


def test_validate_a_users_file_with_a_violation_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "mine.ttl"
    f.write_text(
        "@prefix kz: <https://w3id.org/kzgraph/ontology#> .\n"
        "@prefix person: <https://w3id.org/kzgraph/id/person/> .\n"
        "person:someone a kz:Person .\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(f), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["conforms"] is False
    fired = {(v["focus"], v["shape"], v["component"], v["path"]) for v in report["violations"]}
    assert ("person:someone", "kzsh:EntityShape", "MinCount", "skos:prefLabel") in fired
    assert ("person:someone", "kzsh:EntityShape", "MinCount", "kz:source") in fired


def test_validate_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "missing.ttl"))
    assert code == 2
    assert "missing.ttl: no such file" in err


def test_reason_writes_inferred_triples_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "inferred.ttl"
    code, _, err = run(capsys, "reason", "--out", str(target))
    assert code == 0
    g = rdflib.Graph().parse(target, format="turtle")
    schema = rdflib.Namespace("https://schema.org/")
    massimov = rdflib.URIRef("https://w3id.org/kzgraph/id/person/karim-massimov")
    assert (massimov, schema.name, rdflib.Literal("Karim Massimov")) in g
    assert (
        massimov,
        rdflib.SKOS.prefLabel,
        rdflib.Literal("Karim Massimov"),
    ) not in g  # asserted, not inferred
    assert "inferred triples" in err


def test_query_named_with_param_and_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", "election-results", "--format", "csv")
    assert code == 0
    rows = out.strip().splitlines()
    assert rows[0].startswith("contestant,name,party,votes,share")
    assert any("Kasymov" in r and "159036" in r for r in rows)
    code, out, _ = run(
        capsys,
        "query",
        "office-holders",
        "--param",
        "post=post:prime-minister-of-kazakhstan",
        "--format",
        "json",
    )
    assert code == 0
    # The profile names two Prime Ministers: Tokayev (three years, between his foreign-minister terms)
    # and Massimov (since January 2007); undated tenures sort first.
    assert [r["name"] for r in json.loads(out)] == ["Kassym-Jomart Tokayev", "Karim Massimov"]


def test_query_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("ASK { party:nur-otan a kz:PoliticalParty }"))
    code, out, _ = run(capsys, "query", "-")
    assert code == 0 and out.strip() == "true"


def test_query_syntax_error_is_one_line_with_position(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "bad.rq"
    f.write_text("SELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    code, _, err = run(capsys, "query", str(f))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "line 1" in err and "column" in err


def test_queries_lists_titles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "queries")
    assert code == 0
    assert "election-results" in out and "Results of an election" in out


def test_show_finds_an_entity_by_alternative_spelling(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "Karim Masimov")
    assert code == 0
    assert out.startswith("Karim Massimov")
    assert "1965-06-15" in out
    assert "BIOGRAPHIES > Karim Massimov" in out  # the source section of a fact
    # BIOGRAPHIES > Karim Massimov: adviser to the President since 2003; the end is not stated.
    assert "Adviser to the President (began 2003, stated; end unknown)" in out


def test_show_unknown_entity_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "Nobody Atall")
    assert code == 2 and "no entity called" in err


@pytest.mark.parametrize(
    ("fmt", "parse_as"),
    [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("nquads", "nquads"), ("trig", "trig")],
)
def test_export_round_trips(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, parse_as: str, graph: rdflib.Graph
) -> None:
    from kzgraph.namespaces import GRAPH_CITATIONS, GRAPH_ONTOLOGY, ID

    target = tmp_path / f"out.{fmt}"
    code, _, _ = run(capsys, "export", "--format", fmt, "-o", str(target))
    assert code == 0
    if fmt in ("nquads", "trig", "jsonld"):  # datasets: each section's statements in its own graph
        dataset = rdflib.Dataset()
        dataset.parse(target, format=parse_as)
        names = {str(g.identifier) for g in dataset.graphs() if len(g)}
        sections = {n for n in names if n.startswith(f"{ID}source/")}
        assert names == {GRAPH_ONTOLOGY, GRAPH_CITATIONS} | sections
        assert f"{ID}source/bio-nazarbayev" in sections and len(sections) > 30
        back = rdflib.Graph()
        for g in dataset.graphs():
            for t in g:
                back.add(t)
    else:  # flattened: the union, citations included
        back = rdflib.Graph().parse(target, format=parse_as)
    assert rdflib.compare.isomorphic(back, graph)


def test_viz_writes_an_offline_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "x.html"
    code, _, err = run(capsys, "viz", "-o", str(target), "--focus", "Nursultan Nazarbayev", "--depth", "1")
    assert code == 0, err
    html = target.read_text(encoding="utf-8")
    assert "Dariga Nazarbayeva" in html
    assert 'src="http' not in html and 'href="http' not in html


def test_viz_unknown_type_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "viz", "-o", str(tmp_path / "x.html"), "--include", "dragons")
    assert code == 2 and "unknown entity type" in err


def _help_examples() -> list[str]:
    """Every example line in every subcommand's --help."""
    lines = []
    for command in subcommands().values():
        epilog = command.epilog or ""
        lines += [x.strip() for x in epilog.split("example:", 1)[-1].splitlines() if x.strip()]
    return lines


#: Examples that cannot run as they stand in a test: a server that runs until stopped, a store on a
#: server, a file of the user's own, and the example's curl line.
NOT_RUNNABLE = ("kzgraph serve", "curl ", "sparql:http", "mydata.ttl")


def _runnable(example: str) -> bool:
    return not any(x in example for x in NOT_RUNNABLE)


@pytest.mark.parametrize("example", [e for e in _help_examples() if _runnable(e)])
def test_every_help_example_runs(
    example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user copies an example from --help: it must work as printed."""
    import shlex

    monkeypatch.chdir(tmp_path)
    argv = shlex.split(example)
    assert argv[0] == "kzgraph"
    assert main(argv[1:]) == 0, capsys.readouterr().err


def test_help_examples_cover_every_command() -> None:
    """Every command has an example that runs here, but ``serve``, which runs until stopped."""
    examples = _help_examples()
    runnable = [e for e in examples if _runnable(e)]
    assert len(runnable) >= 15

    def shows(command: str, lines: list[str]) -> bool:
        return any(e.startswith(f"kzgraph {command} ") or e == f"kzgraph {command}" for e in lines)

    for command in COMMANDS:
        assert shows(command, examples), command
        if command != "serve":
            assert shows(command, runnable), command


def test_queries_see_the_reasoned_graph_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    """The named queries are written for the reasoned graph: the in-laws are derived, not stated."""
    code, out, _ = run(capsys, "query", "family-of", "--format", "csv")
    assert code == 0
    relatives = {line.split(",")[1] for line in out.splitlines()[1:]}
    # POLITICAL SYSTEM > The President: daughters Dariga and Dinara; IMPORTANT POLITICAL ISSUES > Media:
    # sister-in-law Svetlana; the sons-in-law Rakhat Aliyev (former) and Timur Kulibayev, by reasoning.
    assert relatives == {
        "Dariga Nazarbayeva",
        "Dinara",
        "Svetlana Nazarbayeva",
        "Rakhat Aliyev",
        "Timur Kulibayev",
    }
    code, out, _ = run(capsys, "query", "family-of", "--asserted", "--format", "csv")
    assert code == 0 and out.splitlines()[1:] == []  # the ties are relationship nodes until reasoning


def test_syntax_error_position_counts_the_users_own_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """kzgraph adds PREFIX lines for known prefixes; the position still points into the user's text."""
    f = tmp_path / "bad.rq"
    f.write_text("SELECT ?x WHERE {\n  ?x kz:holder ?y .\n  FILTER(?x = ) }\n", encoding="utf-8")
    code, _, err = run(capsys, "query", str(f))
    assert code == 2
    assert err.startswith("kzgraph: error: SPARQL syntax error at line 3, column ")


@pytest.mark.parametrize(
    ("good", "typo"),
    [("kz:endDate ", "kz:endDat "), ("kz:birthPlace ", "kz:birthplace ")],
)
def test_regression_an_undeclared_kz_term_fails_validation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: str, typo: str
) -> None:
    """A misspelt kzgraph term in a copy of the data used to validate as conforming (exit 0): it is now
    refused with one line naming the term, the file and the line."""
    name = "people.trig" if "birth" in good else "offices.trig"
    source = Path(__file__).resolve().parent.parent / "data" / name
    text = source.read_text(encoding="utf-8")
    assert good in text
    copy = tmp_path / source.name
    copy.write_text(text.replace(good, typo, 1), encoding="utf-8")
    line = text[: text.index(good)].count("\n") + 1
    code, out, err = run(capsys, "validate", str(copy))
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0
    assert f"{copy}: line {line}," in err and f"{typo.strip()} is not a term of the kzgraph ontology" in err


def test_an_unreadable_built_store_is_named_then_rebuilt(tmp_path: Path) -> None:
    """Regression: a store folder that could not be opened was rebuilt without a word about why."""
    from kzgraph.build import ensure_store, store_path

    sources = Sources.packaged()
    broken = store_path(tmp_path, sources.digest())
    broken.mkdir()
    (broken / "CURRENT").write_text("not a RocksDB store\n", encoding="utf-8")
    said: list[str] = []
    store = ensure_store(tmp_path, sources, announce=said.append)
    assert len(said) == 2, said
    assert (
        said[0].startswith(f"kzgraph: cannot read the store in {broken} (") and "building it again" in said[0]
    )
    assert said[1].startswith("kzgraph: built the store in")
    assert store.stamp()["digest"] == sources.digest()
    store.close()


def test_a_damaged_store_named_by_store_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: RocksDB reports a damaged store as a RuntimeError, which ended in a traceback."""
    broken = tmp_path / "broken.db"
    broken.mkdir()
    (broken / "CURRENT").write_text("not a RocksDB store\n", encoding="utf-8")
    assert main(["query", "--store", f"oxigraph:{broken}", "prime-ministers"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{broken}: cannot open the Oxigraph store (" in err[0], err


def test_stores_for_other_data_do_not_push_out_the_one_in_use(tmp_path: Path) -> None:
    """Regression: an output folder keeps three stores, the newest built; commands on other data (each
    its own store) pushed out the packaged graph's store, read in between, which was then rebuilt."""
    from kzgraph.build import KEEP_STORES, ensure_store, store_path

    packaged = Sources.packaged()
    ensure_store(tmp_path, packaged).close()
    for i in range(KEEP_STORES + 1):
        extra = tmp_path / f"extra-{i}.ttl"
        extra.write_text(
            "@prefix kz: <https://w3id.org/kzgraph/ontology#> .\n"
            f"<https://w3id.org/kzgraph/id/person/extra-{i}> a kz:Person .\n",
            encoding="utf-8",
        )
        ensure_store(
            tmp_path, Sources.packaged(data_files=[*sorted(data_dir().glob("*.trig")), extra])
        ).close()
        said: list[str] = []
        ensure_store(tmp_path, packaged, announce=said.append).close()  # read in between: kept
        assert said == [], (i, said)
    assert store_path(tmp_path, packaged.digest()).is_dir()
    assert len(list(tmp_path.glob("store-*"))) == KEEP_STORES
