"""Hostile and broken input: nothing leaks, nothing hangs, nothing is lost.

Each defence has a test here that fails without it. Network and file access is watched with a Python
audit hook (``sys.addaudithook``): the hostile fixtures must raise kzgraph's own error and produce no
``urllib.Request`` or ``socket.connect`` event and no ``open`` of a file other than those named.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib

import kzgraph
from conftest import audit_events
from kzgraph.cli import main
from kzgraph.errors import InputError, QueryError
from kzgraph.load import Limits, load_sources
from kzgraph.namespaces import GRAPH_DATA
from kzgraph.sources import Sources
from kzgraph.store import LocalStore


def parse_file(path: Path, limits: Limits | None = None) -> int:
    """Load one data file with the packaged ontology and shapes, every check applied."""
    return load_sources(ox.Store(), Sources.packaged(data_files=[path]), limits or Limits()).counts["data"]


def tiny_store(*quads: ox.Quad) -> LocalStore:
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(GRAPH_DATA)) for q in quads)
    return LocalStore(store)


ALLOWED_PREFIXES = (
    *tuple(
        str(p) for p in {Path(sys.prefix), Path(sys.base_prefix), Path(kzgraph.__file__).parent.parent.parent}
    ),
    "/dev/",
    "/proc/",
    "/sys/",
)


@contextmanager
def audited(*named: Path) -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """Record network events and opens of files other than ``named`` and the installation's own."""
    found: list[tuple[str, tuple[Any, ...]]] = []
    try:
        with audit_events() as events:
            yield found
    finally:
        allowed = {str(p) for p in named}
        for event, args in events:
            if event == "open":
                path = str(args[0]) if args and isinstance(args[0], str | Path) else ""
                if not path or path in allowed or path.startswith(ALLOWED_PREFIXES):
                    continue
            found.append((event, args))


PREFIX = (
    "@prefix kz: <https://w3id.org/kzgraph/ontology#> .\n"
    "@prefix src: <https://w3id.org/kzgraph/id/source/> .\n"
    "@prefix person: <https://w3id.org/kzgraph/id/person/> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)
SECRET = "/etc/hostname"  # a file that exists on the machine and must never be read


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


# ----------------------------------------------------------------------------------------------------
# Network and file access from data and queries

HOSTILE_FILES = {
    "remote-context.jsonld": '{"@context": "http://192.0.2.1/context.jsonld", "@id": "http://e/a", "p": "x"}',
    "file-context.jsonld": '{"@context": "file://' + SECRET + '", "@id": "http://e/a", "p": "x"}',
    "xxe.rdf": (
        '<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file://' + SECRET + '">]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">'
        '<rdf:Description rdf:about="http://e/a"><ex:p>&x;</ex:p></rdf:Description></rdf:RDF>'
    ),
    "remote-entity.rdf": (
        '<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "http://192.0.2.1/e">]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">'
        '<rdf:Description rdf:about="http://e/a"><ex:p>&x;</ex:p></rdf:Description></rdf:RDF>'
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_files_fetch_and_read_nothing(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, HOSTILE_FILES[name])
    with audited(path) as events, pytest.raises(InputError) as info:
        parse_file(path)
    assert name in info.value.message
    assert events == []


def test_owl_imports_are_never_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        tmp_path,
        "imports.ttl",
        PREFIX + "<https://w3id.org/kzgraph/id/person/x> owl:imports <http://192.0.2.1/ontology.ttl> , "
        f"<file://{SECRET}> .\n",
    )
    with audited(path) as events:
        code = main(["validate", str(path)])
    assert code in (0, 1)
    assert events == []


HOSTILE_QUERIES = {
    "service": "SELECT * WHERE { SERVICE <http://192.0.2.1/sparql> { ?s ?p ?o } }",
    "service-lowercase": "select * where { service <http://192.0.2.1/sparql> { ?s ?p ?o } }",
    "from-file": f"SELECT * FROM <file://{SECRET}> WHERE {{ ?s ?p ?o }}",
    "from-named": "SELECT * FROM NAMED <http://192.0.2.1/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "load": f"LOAD <file://{SECRET}>",
    "load-remote": "LOAD <http://192.0.2.1/data.ttl> INTO GRAPH <http://e/g>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_QUERIES))
def test_hostile_queries_reach_nothing(name: str) -> None:
    store = tiny_store(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    with audited() as events, pytest.raises(QueryError):
        store.execute(HOSTILE_QUERIES[name])
    assert events == [], name


# ----------------------------------------------------------------------------------------------------
# Resource exhaustion

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY a "lollollollollollollollollollol">'
    + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi", strict=True))
    + ']><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">'
    '<rdf:Description rdf:about="http://e/a"><ex:p>&i;</ex:p></rdf:Description></rdf:RDF>'
)


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "lol.rdf", BILLION_LAUGHS)
    assert len(BILLION_LAUGHS) < 1000
    start = time.monotonic()
    with pytest.raises(InputError, match="DOCTYPE or ENTITY"):
        parse_file(path)
    assert time.monotonic() - start < 2


def test_property_path_over_a_long_chain_is_answered() -> None:
    p = ox.NamedNode("http://e/p")
    store = tiny_store(
        *(ox.Quad(ox.NamedNode(f"http://e/{i}"), p, ox.NamedNode(f"http://e/{i + 1}")) for i in range(1000))
    )
    result = store.execute("SELECT (COUNT(?x) AS ?n) WHERE { <http://e/0> <http://e/p>* ?x }")
    assert int(result.rows[0][0].value) == 1001  # type: ignore[union-attr]
    # and the same store still answers afterwards
    assert store.execute("ASK { <http://e/0> <http://e/p> <http://e/1> }") is True


def test_sameas_chain_is_refused(tmp_path: Path) -> None:
    chain = "".join(f"<http://e/{i}> owl:sameAs <http://e/{i + 1}> .\n" for i in range(100))
    path = write(tmp_path, "sameas.ttl", PREFIX + chain)
    start = time.monotonic()
    with pytest.raises(InputError, match="owl:sameAs"):
        load_sources(ox.Store(), Sources.packaged(data_files=[path]))
    assert time.monotonic() - start < 2


def test_huge_literal_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.ttl", PREFIX + f'<http://e/a> <http://e/p> "{"x" * 1_100_000}" .\n')
    with pytest.raises(InputError, match="over the 1000000 limit"):
        parse_file(path)


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, "big.ttl", PREFIX + "".join(f"<http://e/{i}> <http://e/p> {i} .\n" for i in range(100))
    )
    with pytest.raises(InputError, match="over the 1000-byte limit"):
        parse_file(path, Limits(file_bytes=1000))


def test_too_many_triples_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, "many.ttl", PREFIX + "".join(f"<http://e/{i}> <http://e/p> {i} .\n" for i in range(100))
    )
    with pytest.raises(InputError, match="more than 50 triples"):
        parse_file(path, Limits(triples=50))


def test_deep_blank_node_chain_exports(tmp_path: Path) -> None:
    from kzgraph.export import to_jsonld
    from kzgraph.turtle import to_turtle

    quads = []
    node: ox.NamedNode | ox.BlankNode = ox.NamedNode("http://e/a")
    for _ in range(1500):
        b = ox.BlankNode()
        quads.append(ox.Quad(node, ox.NamedNode("http://e/p"), b))
        node = b
    text = to_turtle(quads)  # no recursion limit: deep nesting is written with labels
    assert len(rdflib.Graph().parse(data=text, format="turtle")) == 1500
    # JSON-LD is written flat (one object per node), so depth costs nothing there either
    assert len(rdflib.Graph().parse(data=to_jsonld(quads), format="json-ld")) == 1500


CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_expensive_query_in_process_is_stopped_and_the_next_one_runs(store: LocalStore) -> None:
    """The budget interrupts the caller at once; the abandoned query finishes on its own, and the next
    query runs on a fresh query thread without waiting for it."""
    from kzgraph.budget import time_budget
    from kzgraph.errors import BudgetError

    start = time.monotonic()
    with pytest.raises(BudgetError, match="query stopped after its 2 s time budget"), time_budget(2, "query"):
        store.execute(CARTESIAN)
    assert time.monotonic() - start < 2 + 2
    start = time.monotonic()
    assert store.execute("ASK { ?s ?p ?o }") is True
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("handler", ["quiet", "ignored"])
def test_a_budget_stops_a_query_whatever_handles_sigint_meanwhile(store: LocalStore, handler: str) -> None:
    """Regression: the watchdog interrupts with SIGINT, which a process started in the background
    (``nohup kzgraph ... &``, a CI runner) ignores, and which an event loop's handler may swallow; the
    caller slept on until the hard stop ended the whole process."""
    from kzgraph.budget import time_budget
    from kzgraph.errors import BudgetError

    swallowed: list[int] = []

    def quiet(signum: int, frame: object) -> None:
        swallowed.append(signum)

    installed = quiet if handler == "quiet" else signal.SIG_IGN
    previous = signal.signal(signal.SIGINT, installed)
    try:
        start = time.monotonic()
        with pytest.raises(BudgetError, match="stopped after its 1 s time budget"), time_budget(1, "query"):
            store.execute(CARTESIAN)
        assert time.monotonic() - start < 1 + 2
        assert signal.getsignal(signal.SIGINT) is installed and swallowed == []
    finally:
        signal.signal(signal.SIGINT, previous)


def cli_with(
    patch: str, how: str, argv: list[str], cwd: Path
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the CLI in its own process with one step replaced by a runaway one ("spin": Python work;
    "sleep": a blocking call). A stop may end the whole process, so it never runs inside pytest's."""
    code = (
        "import importlib, sys, time\n"
        f"module, name = {patch!r}.rsplit('.', 1)\n"
        "def spin(*a, **k):\n"
        "    n = 0\n"
        "    while True:\n"
        "        n += 1\n"
        "def sleep(*a, **k):\n"
        "    time.sleep(600)\n"
        f"setattr(importlib.import_module(module), name, {how})\n"
        "from kzgraph.cli import main\n"
        f"sys.exit(main({argv!r}))\n"
    )
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120)
    return done, time.monotonic() - start


#: Allowance for the interpreter's start-up in a fresh process, on top of budget + 2 s.
STARTUP = 1.5


def test_expensive_query_from_the_command_line_is_stopped(tmp_path: Path) -> None:
    kz = [sys.executable, "-m", "kzgraph"]
    start = time.monotonic()
    done = subprocess.run(
        [*kz, "--timeout", "4", "query", "-"], input=CARTESIAN, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 3, done.stderr
    assert time.monotonic() - start < 4 + 2 + STARTUP
    assert done.stderr.strip().splitlines() == [
        "kzgraph: error: kzgraph query stopped after its 4 s time budget (raise it with --timeout)"
    ]


def test_expensive_query_on_an_oxigraph_store_is_stopped(tmp_path: Path) -> None:
    """Native code cannot be interrupted: the watchdog ends the process, with the same error, in time."""
    store = tmp_path / "kz.db"
    assert main(["load", "--store", f"oxigraph:{store}"]) == 0
    kz = [sys.executable, "-m", "kzgraph"]
    start = time.monotonic()
    done = subprocess.run(
        [*kz, "--timeout", "2", "query", "--store", f"oxigraph:{store}", "-"],
        input=CARTESIAN,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3
    assert time.monotonic() - start < 2 + 2 + 1.5  # budget + 2 s, plus the interpreter's start-up
    assert done.stderr.strip().splitlines() == [
        "kzgraph: error: kzgraph query stopped after its 2 s time budget (raise it with --timeout)"
    ]
    again = subprocess.run(
        [*kz, "query", "--store", f"oxigraph:{store}", "-"],
        input="ASK { ?s ?p ?o }",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 0 and again.stdout.strip() == "true"


def test_a_build_child_dies_with_its_parent_on_a_hard_stop() -> None:
    """Regression: a budget's hard stop (``os._exit``, or the supervisor's SIGKILL) runs no clean-up, and
    the build's forked child went on as an orphan, holding the caller's pipes open for minutes."""
    code = (
        "import os, time\n"
        "from kzgraph.build import _Child\n"
        "child = _Child(lambda: time.sleep(600) or {})\n"
        "print(child.pid, flush=True)\n"
        "os._exit(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    pid = int(done.stdout.strip())
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:  # (a killed orphan may stay a zombie until its new parent reaps it: that is dead too)
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            break
        if state in ("Z", "X"):
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail(f"the build's child {pid} outlived its parent")


def test_a_stopped_build_leaves_no_partial_output(tmp_path: Path) -> None:
    """Stopped while blocked in its last stage (a real SIGINT wakes the blocking call), the build
    leaves the previous output as it was and no temporary file."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "kzgraph.ttl").write_text("previous\n", encoding="utf-8")
    done, elapsed = cli_with(
        "kzgraph.viz.render_html", "sleep", ["--timeout", "6", "build", "--out", str(out)], tmp_path
    )
    assert done.returncode == 3, done.stderr
    assert elapsed < 6 + 2 + STARTUP
    assert sorted(p.name for p in out.iterdir()) == ["kzgraph.ttl"]
    assert (out / "kzgraph.ttl").read_text(encoding="utf-8") == "previous\n"


@pytest.mark.parametrize(
    ("argv", "slow_step"),
    [
        (["load", "--store", "oxigraph:{tmp}/kz.db"], "kzgraph.build.reason"),
        (["reason", "--out", "{tmp}/out"], "kzgraph.build.reason"),
        (["validate"], "kzgraph.build.validate"),
        (["export", "--format", "graphml", "-o", "{tmp}/out"], "kzgraph.network.build_network"),
        (["viz", "-o", "{tmp}/out"], "kzgraph.network.build_network"),
        (["stats"], "kzgraph.network.network_stats"),
    ],
    ids=lambda v: v[0] if isinstance(v, list) else "",
)
def test_every_command_stops_within_its_budget(tmp_path: Path, argv: list[str], slow_step: str) -> None:
    """Python work running away (as owlrl or pyshacl do on bad input) is stopped, with one line."""
    work = tmp_path / "work"
    work.mkdir()
    args = ["--timeout", "4", *(a.replace("{tmp}", str(work)) for a in argv)]
    done, elapsed = cli_with(slow_step, "spin", args, tmp_path)
    assert done.returncode == 3, done.stderr
    assert elapsed < 4 + 2 + STARTUP
    assert done.stderr.strip().splitlines() == [
        f"kzgraph: error: kzgraph {argv[0]} stopped after its 4 s time budget (raise it with --timeout)"
    ]
    assert [p.name for p in work.iterdir() if p.name != "kz.db"] == []


# ----------------------------------------------------------------------------------------------------
# Faults while writing: every output is written through a temporary file and renamed


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "turtle", "-o", "{out}"],
        ["export", "--format", "popolo", "-o", "{out}"],
        ["reason", "--out", "{out}"],
        ["query", "election-results", "-o", "{out}"],
        ["viz", "-o", "{out}"],
    ],
    ids=lambda a: a[0] + "-" + a[2],
)
def test_a_crash_while_writing_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    target = tmp_path / "output"
    target.write_text("the previous, good output\n", encoding="utf-8")

    def crash(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kzgraph.files.os.fsync", crash)
    assert main([a.replace("{out}", str(target)) for a in argv]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "the previous, good output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_crash_while_writing_build_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.is_symlink()}
    entries = sorted(p.name for p in out.iterdir())
    calls = {"n": 0}
    real_replace = os.replace

    def flaky(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr("kzgraph.files.os.replace", flaky)
    assert main(["build", "--out", str(out)]) == 2
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.is_symlink()}
    assert sorted(p.name for p in out.iterdir()) == entries  # no temporary file or store left behind
    # builds are byte-identical, so every file, old or rewritten, holds exactly what it held
    assert after == before


# ----------------------------------------------------------------------------------------------------
# Malformed input of every kind: one line naming the file (and position), exit 2, no traceback

MALFORMED: dict[str, tuple[str, bytes | str, str]] = {
    "syntax": ("bad.ttl", PREFIX + "<http://e/a> <http://e/p> .\n", "line 7"),
    "unterminated": ("bad.ttl", PREFIX + '<http://e/a> <http://e/p> "x .\n', "line 7"),
    "latin-1": (
        "latin.ttl",
        (PREFIX + '<http://e/a> <http://e/p> "Nazarbaev \xe9" .\n').encode("latin-1"),
        "UTF-8",
    ),
    "utf-16": ("wide.ttl", (PREFIX + "<http://e/a> <http://e/p> 1 .\n").encode("utf-16"), "UTF-8"),
    "unknown-format": ("data.xlsx", b"PK\x03\x04", "unknown RDF file type"),
    "empty": ("empty.ttl", b"", "empty"),
    "only-prefixes": ("prefixes.ttl", PREFIX, "no RDF triples"),
    "invalid-iri": ("iri.ttl", "<http://e/a b> <http://e/p> 1 .\n", "line 1"),
    "relative-iri": ("rel.ttl", "<a> <http://e/p> 1 .\n", "line 1"),
    "bad-date": ("date.ttl", PREFIX + '<http://e/a> <http://e/p> "2011-02-30"^^xsd:date .\n', "2011-02-30"),
    "bad-year": ("year.ttl", PREFIX + '<http://e/a> <http://e/p> "20111"^^xsd:gYearMonth .\n', "gYearMonth"),
    "bad-integer": ("int.ttl", PREFIX + '<http://e/a> <http://e/p> "12x"^^xsd:integer .\n', "xsd:integer"),
    "bad-jsonld": ("bad.jsonld", '{"@id": "http://e/a", ', "bad.jsonld"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_input_gets_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    name, content, expected = MALFORMED[case]
    path = write(tmp_path, name, content)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert name in lines[0] and expected in lines[0], lines[0]
    assert "Traceback" not in err


def test_a_folder_or_missing_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["validate", str(tmp_path / "nope.ttl")]) == 2
    assert "nope.ttl: no such file" in capsys.readouterr().err


# ----------------------------------------------------------------------------------------------------
# Markup from data stays text in every HTML or Markdown output


def test_quality_report_keeps_markup_in_a_fence() -> None:
    from kzgraph.quality import QualityReport
    from kzgraph.query import NamedQuery
    from kzgraph.results import Rows

    q = NamedQuery("x", Path("x.rq"), "Title", "Question?", (), "")
    hostile = ox.Literal("```\n<script>alert(1)</script>")
    report = QualityReport(reports={"x": (q, Rows(["v"], [(hostile,)]))})
    text = report.markdown()
    fence_open = next(line for line in text.splitlines() if line.endswith("text"))
    fence = fence_open[: -len("text")]
    assert len(fence) > 3  # longer than the backticks in the data, so the data cannot close it
    body = text.split(fence_open, 1)[1].split("\n" + fence + "\n", 1)[0]
    assert "<script>" in body
