"""No query reaches the network, however it is written: a generated corpus of SERVICE, LOAD, FROM and
FROM NAMED spellings (issue 14, problem 1), through every way a query gets in.

Every spelling names a listening socket of this test (``http://127.0.0.1:PORT/...``). Each must be refused
(a syntax error where the spelling is not SPARQL at all), and two witnesses must see nothing: the socket
itself, which records every connection made to it by anyone (Oxigraph's native HTTP client included), and,
in this process, a Python audit hook recording ``socket.connect`` and ``urllib.Request``. The corpus runs
through the Python API on every store (the built store, ``oxigraph:PATH``, memory, ``sparql:URL``), the
command line (the whole corpus in one supervised process, and a sample as typed), and the endpoint (GET,
and POST both ways). A last test goes past the guard to the engine itself: there, too, no connection.
"""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import kzgraph
from conftest import audit_events, oxigraph_server, running_endpoint
from kzgraph.errors import QueryError

# ----------------------------------------------------------------------------------------------------
# The corpus: every query names the listener as @PORT@

SERVICE = r"SERVICE is refused"
FROM = r"FROM and FROM NAMED are refused"
UPDATE = r"updates are refused"
ANY = r"."  # not SPARQL as written, or refused for what it hides: any refusal will do


@dataclass(frozen=True)
class Variant:
    name: str
    text: str  # with @PORT@ where the listener's port goes
    expect: str  # a pattern the one-line refusal must match

    def query(self, port: int) -> str:
        return self.text.replace("@PORT@", str(port))


TARGET = "<http://127.0.0.1:@PORT@/sparql>"
PATTERN = "{ ?s ?p ?o }"

KEYWORDS = [
    "SERVICE",
    "service",
    "Service",
    "sErViCe",
    "SERVICE SILENT",
    "service silent",
    "Service Silent",
    "SERVICE\tSILENT",
    "SERVICE\r\nSILENT",
    "SERVICE # c\rSILENT",
    "SERVICE #c\nSILENT",
    "SERVICE\rSILENT",
]

#: What may stand between the tokens: SPARQL's whitespace, and comments ending at \r, \n or \r\n.
SEPARATORS = [
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "",
    "  \t\r\n  ",
    " # c\r",
    " # c\n",
    " # c\r\n",
    "#\r",
    " # SERVICE <http://e/> { } FROM\r",
    "\n# }\r",
]

#: (prologue, IRI): the listener's address written every way SPARQL allows.
TARGETS = [
    ("", TARGET),
    ("", "<HTTP://127.0.0.1:@PORT@/sparql>"),
    ("", "<http://localhost:@PORT@/sparql>"),
    ("", "<http://127.0.0.1:@PORT@>"),
    ("", "<http://127.0.0.1:@PORT@/sparql?query=ASK%7B%7D#f>"),
    ("", "<http://127.0.0.1:@PORT@/%73parql>"),
    ("", "<http://127.0.0.1:@PORT@/\\u0073parql>"),
    ("", "<\\u0068ttp://127.0.0.1:@PORT@/sparql>"),
    ("", "<http:\\u002F\\u002F127.0.0.1:@PORT@/sparql>"),
    ("", "<\\U00000068ttp://127.0.0.1:@PORT@/sparql>"),
    ("PREFIX ex: <http://127.0.0.1:@PORT@/>\n", "ex:sparql"),
    ("PREFIX : <http://127.0.0.1:@PORT@/>\n", ":sparql"),
    ("prefix ex: <http://127.0.0.1:@PORT@/>\r", "ex:sparql"),
    ("PREFIX ex:<http://127.0.0.1:@PORT@/> # c\r", "ex:"),
    ("BASE <http://127.0.0.1:@PORT@/>\n", "<sparql>"),
    ("base <http://127.0.0.1:@PORT@/x/>\r\n", "<../sparql>"),
]

#: Where the SERVICE clause (@X@) may stand.
WRAPPERS = [
    "SELECT * WHERE { @X@ }",
    "SELECT * { @X@ }",
    "select * where { ?a ?b ?c . @X@ }",
    "SELECT * WHERE { # c\r @X@ }",
    "SELECT * WHERE { OPTIONAL { @X@ } }",
    "SELECT * WHERE { { ?a ?b ?c } UNION { @X@ } }",
    "SELECT * WHERE { { @X@ } UNION { ?a ?b ?c } }",
    "SELECT * WHERE { ?a ?b ?c MINUS { @X@ } }",
    "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { @X@ } }",
    "SELECT * WHERE { ?a ?b ?c FILTER NOT EXISTS { @X@ } }",
    "SELECT * WHERE { ?a ?b ?c FILTER(?a != ?c || EXISTS { @X@ }) }",
    "SELECT * WHERE { BIND(EXISTS { @X@ } AS ?e) }",
    "SELECT * WHERE { { SELECT * WHERE { @X@ } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { { SELECT * WHERE { @X@ } LIMIT 1 } } } }",
    "SELECT * WHERE { GRAPH ?g { @X@ } }",
    "SELECT * WHERE { { { { @X@ } } } }",
    "SELECT * WHERE { OPTIONAL { ?a ?b ?c MINUS { { SELECT * WHERE { @X@ } } UNION { ?x ?y ?z } } } }",
    "SELECT (COUNT(*) AS ?n) WHERE { @X@ } GROUP BY ?s HAVING (COUNT(*) > 0)",
    "ASK { @X@ }",
    "ASK WHERE { @X@ }",
    "CONSTRUCT { ?s ?p ?o } WHERE { @X@ }",
    "DESCRIBE ?s WHERE { @X@ }",
    "SELECT * WHERE { @X@ } VALUES ?s { UNDEF }",
    "SELECT * WHERE { @X@ @X@ }",
]


def service(
    keyword: str = "SERVICE", sep: str = " ", target: tuple[str, str] = ("", TARGET)
) -> tuple[str, str]:
    """(prologue, clause): one SERVICE clause."""
    prologue, iri = target
    return prologue, f"{sep}{keyword}{sep}{iri}{sep}{PATTERN}{sep}"


def wrap(wrapper: str, clause: tuple[str, str]) -> str:
    prologue, x = clause
    return prologue + wrapper.replace("@X@", x)


def service_variants() -> list[Variant]:
    out: list[Variant] = []
    base = WRAPPERS[0]
    for i, keyword in enumerate(KEYWORDS):
        out.append(Variant(f"service-keyword-{i}", wrap(base, service(keyword)), SERVICE))
    for i, sep in enumerate(SEPARATORS):
        out.append(Variant(f"service-space-{i}", wrap(base, service(sep=sep)), SERVICE))
    for i, target in enumerate(TARGETS):
        out.append(Variant(f"service-iri-{i}", wrap(base, service(target=target)), SERVICE))
    for i, wrapper in enumerate(WRAPPERS):
        out.append(Variant(f"service-nested-{i}", wrap(wrapper, service()), SERVICE))
    # a deterministic mix: every wrapper with several keyword / separator / IRI spellings
    for i, wrapper in enumerate(WRAPPERS):
        for j in range(4):
            clause = service(
                KEYWORDS[(i + j) % len(KEYWORDS)],
                SEPARATORS[(3 * i + j) % len(SEPARATORS)],
                TARGETS[(5 * i + j) % len(TARGETS)],
            )
            out.append(Variant(f"service-mix-{i}-{j}", wrap(wrapper, clause), SERVICE))
    # the service named by a variable, bound every way a query can bind it
    iri = "http://127.0.0.1:@PORT@/sparql"
    for i, (binding, var) in enumerate(
        [
            (f"VALUES ?svc {{ <{iri}> }}", "?svc"),
            (f"VALUES $svc {{ <{iri}> }}", "$svc"),
            (f'BIND(IRI("{iri}") AS ?svc)', "?svc"),
            ('BIND(IRI(CONCAT("http://127.0.0.1:", "@PORT@", "/sparql")) AS ?svc)', "?svc"),
            (f'BIND(URI(STR("{iri}")) AS ?svc)', "?svc"),
            (f"?svc a ?t . VALUES ?svc {{ <{iri}> }}", "?svc"),
            ("", "?svc"),
        ]
    ):
        for j, keyword in enumerate(["SERVICE", "service silent"]):
            text = f"SELECT * WHERE {{ {binding} {keyword} {var} {PATTERN} }}"
            out.append(Variant(f"service-variable-{i}-{j}", text, SERVICE))
    text = (
        f"SELECT * WHERE {{ {{ SELECT ?svc WHERE {{ VALUES ?svc {{ <{iri}> }} }} }} SERVICE ?svc {PATTERN} }}"
    )
    out.append(Variant("service-variable-subselect", text, SERVICE))
    text = f"SELECT * WHERE {{ SERVICE {TARGET} {{ SERVICE {TARGET} {PATTERN} }} }}"
    out.append(Variant("service-in-service", text, SERVICE))
    # CONSTRUCT WHERE takes triples only: a syntax error, never a request
    out.append(
        Variant("service-in-construct-where", f"CONSTRUCT WHERE {{ SERVICE {TARGET} {PATTERN} }}", ANY)
    )
    return out


FROM_FORMS = [
    "SELECT * @F@ WHERE { ?s ?p ?o }",
    "SELECT * @F@ { ?s ?p ?o }",
    "ASK @F@ { ?s ?p ?o }",
    "ASK @F@ WHERE { GRAPH ?g { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } @F@ WHERE { ?s ?p ?o }",
    "CONSTRUCT @F@ WHERE { ?s ?p ?o }",
    "DESCRIBE ?s @F@ WHERE { ?s ?p ?o }",
    "DESCRIBE <http://e/x> @F@",
    "SELECT * # c\r@F@ WHERE { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) @F@ WHERE { ?s ?p ?o }",
]
LISTENER_GRAPH = "<http://127.0.0.1:@PORT@/g>"
FROM_CLAUSES = [
    f"FROM {LISTENER_GRAPH}",
    f"from {LISTENER_GRAPH}",
    f"From {LISTENER_GRAPH}",
    f"FROM NAMED {LISTENER_GRAPH}",
    f"from named {LISTENER_GRAPH}",
    f"From Named {LISTENER_GRAPH}",
    f"FROM\tNAMED\t{LISTENER_GRAPH}",
    f"FROM # c\rNAMED {LISTENER_GRAPH}",
    f"FROM # c\r\n{LISTENER_GRAPH}",
    f"FROM # c\n{LISTENER_GRAPH}",
    f"FROM\r{LISTENER_GRAPH}",
    f"FROM{LISTENER_GRAPH}",
    "FROM <file:///etc/passwd>",
    "FROM NAMED <file:///etc/passwd>",
    "FROM <\\u0066ile:///etc/passwd>",
    "FROM <http://127.0.0.1:@PORT@/\\u0067>",
    f"FROM {LISTENER_GRAPH} FROM NAMED <http://127.0.0.1:@PORT@/h>",
    f"FROM NAMED {LISTENER_GRAPH} FROM {LISTENER_GRAPH}",
    "FROM ex:g",
    "FROM NAMED ex:g",
    "FROM <g>",
]


def from_variants() -> list[Variant]:
    out: list[Variant] = []

    def prologue(clause: str) -> str:
        if "ex:" in clause:
            return "PREFIX ex: <http://127.0.0.1:@PORT@/>\n"
        if "<g>" in clause:
            return "BASE <http://127.0.0.1:@PORT@/>\r"
        return ""

    for i, clause in enumerate(FROM_CLAUSES):
        out.append(Variant(f"from-clause-{i}", prologue(clause) + FROM_FORMS[0].replace("@F@", clause), FROM))
    for i, form in enumerate(FROM_FORMS):
        for j, clause in enumerate([FROM_CLAUSES[0], FROM_CLAUSES[3], FROM_CLAUSES[7], FROM_CLAUSES[12]]):
            out.append(Variant(f"from-form-{i}-{j}", prologue(clause) + form.replace("@F@", clause), FROM))
    # a dataset clause is not allowed in a sub-SELECT at all: a syntax error, never a fetch
    text = f"SELECT * WHERE {{ {{ SELECT * FROM {LISTENER_GRAPH} WHERE {{ ?s ?p ?o }} }} }}"
    out.append(Variant("from-in-subselect", text, ANY))
    return out


LISTENER_DATA = "<http://127.0.0.1:@PORT@/data.ttl>"
LOADS = [
    f"LOAD {LISTENER_DATA}",
    f"load {LISTENER_DATA}",
    f"Load {LISTENER_DATA}",
    f"LOAD SILENT {LISTENER_DATA}",
    f"load silent {LISTENER_DATA}",
    f"LOAD {LISTENER_DATA} INTO GRAPH <http://e/g>",
    f"load {LISTENER_DATA} into graph <http://e/g>",
    f"LOAD # c\r{LISTENER_DATA}",
    f"LOAD\r\n{LISTENER_DATA}",
    f"LOAD\t{LISTENER_DATA}",
    f"LOAD{LISTENER_DATA}",
    f"LOAD {LISTENER_DATA} ;",
    f"# c\rLOAD {LISTENER_DATA}",
    "PREFIX ex: <http://127.0.0.1:@PORT@/>\nLOAD ex:data.ttl",
    "BASE <http://127.0.0.1:@PORT@/>\rLOAD <data.ttl>",
    "LOAD <file:///etc/passwd>",
    "LOAD <\\u0068ttp://127.0.0.1:@PORT@/data.ttl>",
    f"INSERT DATA {{ <http://e/a> <http://e/b> <http://e/c> }} ;\rLOAD {LISTENER_DATA}",
    f"CLEAR SILENT GRAPH <http://e/g> ; LOAD SILENT {LISTENER_DATA} INTO GRAPH <http://e/g>",
    f"LOAD {LISTENER_DATA} ; LOAD <http://127.0.0.1:@PORT@/other.ttl>",
]


def update_variants() -> list[Variant]:
    out = [Variant(f"load-{i}", text, UPDATE) for i, text in enumerate(LOADS)]
    for i, text in enumerate(
        [
            f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE {TARGET} {PATTERN} }}",
            f"DELETE {{ ?s ?p ?o }} WHERE {{ service silent {TARGET} {PATTERN} }}",
            f"WITH <http://e/g> INSERT {{ ?s ?p ?o }} USING {LISTENER_GRAPH} WHERE {{ ?s ?p ?o }}",
        ]
    ):
        out.append(Variant(f"update-service-{i}", text, f"{UPDATE}|{SERVICE}|{FROM}"))
    return out


SERVICE_ESCAPED = "".join(f"\\u{ord(c):04x}" for c in "service")


def escape_variants() -> list[Variant]:
    """Keywords written with \\u escapes (SPARQL 1.1 lets a server expand them before parsing), and
    escapes that, once expanded, end a comment and bring a hidden clause to life."""
    pattern = f"{TARGET} {PATTERN}"
    texts = [
        ("service-u", f"SELECT * WHERE {{ \\u0053ERVICE {pattern} }}", ANY),
        ("service-u-tail", f"SELECT * WHERE {{ SERVIC\\u0045 {pattern} }}", ANY),
        ("service-U", f"SELECT * WHERE {{ \\U00000053ERVICE {pattern} }}", ANY),
        (
            "service-u-all",
            f"SELECT * WHERE {{ {SERVICE_ESCAPED} {pattern} }}",
            ANY,
        ),
        ("silent-u", f"SELECT * WHERE {{ SERVICE \\u0053ILENT {pattern} }}", ANY),
        ("from-u", f"SELECT * \\u0046ROM {LISTENER_GRAPH} WHERE {PATTERN}", ANY),
        ("named-u", f"SELECT * FROM \\u004eAMED {LISTENER_GRAPH} WHERE {PATTERN}", ANY),
        ("load-u", f"\\u004cOAD {LISTENER_DATA}", ANY),
        ("brace-u", f"SELECT * WHERE \\u007b SERVICE {pattern} \\u007d", ANY),
        ("comment-cr-u", f"SELECT * WHERE {{ # c\\u000d SERVICE {pattern}\n}}", SERVICE),
        ("comment-lf-u", f"SELECT * WHERE {{ # c\\u000a SERVICE {pattern}\r}}", SERVICE),
        ("comment-U", f"SELECT * WHERE {{ # c\\U0000000D SERVICE {pattern}\r\n}}", SERVICE),
        ("from-comment-u", f"SELECT * # c\\u000d FROM {LISTENER_GRAPH}\nWHERE {PATTERN}", FROM),
        ("named-comment-u", f"ASK # c\\u000a FROM NAMED {LISTENER_GRAPH}\r{PATTERN}", FROM),
    ]
    return [Variant(f"escape-{name}", text, expect) for name, text, expect in texts]


def corpus() -> list[Variant]:
    seen: set[str] = set()
    out = []
    for v in service_variants() + from_variants() + update_variants() + escape_variants():
        if v.text not in seen:
            seen.add(v.text)
            out.append(v)
    return out


CORPUS = corpus()


def test_the_corpus_is_large_and_varied() -> None:
    assert len(CORPUS) >= 200, len(CORPUS)
    texts = [v.text for v in CORPUS]
    needles = ["\r", "\r\n", "# c\r", "\\u", "\\U", "ex:", "BASE", "SILENT", "?svc", "OPTIONAL", "UNION"]
    needles += ["MINUS", "EXISTS", "SELECT * WHERE { {", "FROM NAMED", "LOAD", "load", "sErViCe"]
    for needle in needles:
        assert any(needle in t for t in texts), needle
    assert all("@PORT@" in v.text or "/etc/passwd" in v.text or "?svc" in v.text for v in CORPUS)


# ----------------------------------------------------------------------------------------------------
# The witnesses


class Listener:
    """A TCP socket on 127.0.0.1 that records every connection made to it, then hangs up."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(512)
        self.sock.settimeout(0.1)
        self.port = int(self.sock.getsockname()[1])
        self.hits: list[bytes] = []
        self.lock = threading.Lock()
        self.stopping = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopping:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(0.3)
            try:
                first = conn.recv(300)
            except OSError:
                first = b""
            conn.close()
            with self.lock:
                self.hits.append(first or b"(connected, sent nothing)")

    def count(self) -> int:
        with self.lock:
            return len(self.hits)

    def since(self, n: int, wait: float = 0.0) -> list[bytes]:
        """The connections after the first ``n`` (waiting ``wait`` seconds for late ones)."""
        if wait:
            time.sleep(wait)
        with self.lock:
            return self.hits[n:]

    def close(self) -> None:
        self.stopping = True
        self.thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    ear = Listener()
    yield ear
    late = ear.since(0, wait=0.5)
    ear.close()
    assert late == [], f"connections reached the listener: {late[:3]}"


def outbound(events: list[tuple[str, tuple[Any, ...]]], port: int | None = None) -> list[str]:
    """The network events among ``events``: all of them, or those addressed to ``port``."""
    found = []
    for event, args in events:
        if event == "socket.connect":
            address = args[1] if len(args) > 1 else None
            target = address[1] if isinstance(address, tuple) and len(address) > 1 else None
        elif event == "urllib.Request":
            try:
                target = urllib.parse.urlsplit(str(args[0])).port
            except ValueError:
                target = None
        else:
            continue
        if port is None or target == port:
            found.append(f"{event} {repr(args)[:200]}")
    return found


def check_refusal(v: Variant, message: str) -> str | None:
    """None if ``message`` is the one-line refusal ``v`` expects, else what is wrong."""
    if "\n" in message.strip():
        return f"{v.name}: more than one line: {message!r}"
    if not re.search(v.expect, message):
        return f"{v.name}: expected /{v.expect}/, got {message!r}"
    return None


# ----------------------------------------------------------------------------------------------------
# The Python API, on every store


@pytest.fixture(scope="module")
def built_kg(build_dir: Path) -> Iterator[kzgraph.KnowledgeGraph]:
    """``kzgraph.open()``: the built store (the session's, which the tests point KZGRAPH_BUILD_DIR at)."""
    kg = kzgraph.open(build_dir=build_dir)
    yield kg
    kg.close()


@pytest.mark.parametrize("variant", CORPUS, ids=[v.name for v in CORPUS])
def test_api_refuses_and_connects_nowhere(
    built_kg: kzgraph.KnowledgeGraph, listener: Listener, variant: Variant
) -> None:
    before = listener.count()
    with audit_events() as events, pytest.raises(QueryError) as info:
        built_kg.sparql(variant.query(listener.port))
    assert check_refusal(variant, info.value.message) is None, check_refusal(variant, info.value.message)
    assert outbound(events) == []
    assert listener.since(before) == []


def test_api_control_the_witnesses_see_a_connection(listener: Listener) -> None:
    """The witnesses are not blind: a connection from Python is seen by both, one from Oxigraph's own
    HTTP client (outside kzgraph's guard and sandbox) by the listener."""
    before = listener.count()
    with audit_events() as events, socket.create_connection(("127.0.0.1", listener.port), timeout=2):
        pass
    assert outbound(events, listener.port)
    store = ox.Store()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    with contextlib.suppress(OSError):  # the listener hangs up
        list(store.query(query))  # type: ignore[call-overload]
    deadline = time.monotonic() + 2
    while len(listener.since(before)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    hits = listener.since(before)
    assert len(hits) == 2 and hits[1].startswith(b"POST /sparql"), hits
    with listener.lock:  # these two were ours: the module's final check is for everything else
        del listener.hits[before:]


@pytest.fixture(scope="module")
def sparql_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real SPARQL server (KZGRAPH_TEST_SPARQL_URL, or Oxigraph's started here, as test_stores does)."""
    with oxigraph_server(tmp_path_factory.mktemp("ssrf-oxigraph-server")) as url:
        yield url


@pytest.mark.parametrize("kind", ["oxigraph", "memory", "sparql"])
def test_every_store_refuses_the_corpus_and_connects_nowhere(
    kind: str,
    build_dir: Path,
    store: Any,
    listener: Listener,
    request: pytest.FixtureRequest,
) -> None:
    if kind == "oxigraph":
        kg = kzgraph.open(store=f"oxigraph:{build_dir / 'kzgraph.oxigraph'}")
    elif kind == "memory":
        kg = kzgraph.KnowledgeGraph(store)
    else:
        kg = kzgraph.open(store=f"sparql:{request.getfixturevalue('sparql_server')}")
    # the store answers an honest query (and, for a server, the audit hook sees kzgraph's own request)
    with audit_events() as honest:
        assert kg.sparql("ASK { }") is True
    assert bool(outbound(honest)) == (kind == "sparql")
    before = listener.count()
    problems = []
    with audit_events() as events:
        for v in CORPUS:
            try:
                kg.sparql(v.query(listener.port))
            except QueryError as exc:
                problem = check_refusal(v, exc.message)
                if problem:
                    problems.append(problem)
            else:
                problems.append(f"{v.name}: answered")
    kg.close()
    assert problems == []
    # nothing at all left this process: the guard refused before any request, even to the server
    assert outbound(events) == []
    assert listener.since(before, wait=0.2) == []


# ----------------------------------------------------------------------------------------------------
# The command line


def check_cli(v: Variant, code: int, out: str, err: str) -> str | None:
    if code != 2:
        return f"{v.name}: exit {code}, stderr {err!r}"
    if out:
        return f"{v.name}: wrote {out[:80]!r}"
    lines = err.strip().splitlines()
    if len(lines) != 1 or not lines[0].startswith("kzgraph: error: "):
        return f"{v.name}: stderr {err!r}"
    return check_refusal(v, lines[0])


def test_cli_refuses_the_whole_corpus_and_connects_nowhere(
    listener: Listener,
    sparql_server: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every variant through ``kzgraph query -`` in this process (the command's code: standard input, the
    store, the one-line error), with the audit hook. The store is a SPARQL server, which costs nothing to
    open; the sample below runs as typed, in processes of its own, on the built store and oxigraph:PATH."""
    import io

    from kzgraph.cli import main

    before = listener.count()
    problems = []
    with audit_events() as events:
        for v in CORPUS:
            monkeypatch.setattr("sys.stdin", io.StringIO(v.query(listener.port)))
            code = main(["query", "--store", f"sparql:{sparql_server}", "-"])
            out, err = capsys.readouterr()
            if problem := check_cli(v, code, out, err):
                problems.append(problem)
    assert problems == []
    assert outbound(events) == []
    assert listener.since(before, wait=0.2) == []


#: A sample run exactly as typed, ``kzgraph query -`` with the query's bytes on standard input.
SAMPLE = CORPUS[:: max(1, len(CORPUS) // 20)]


@pytest.mark.parametrize("where", ["built", "oxigraph"])
def test_cli_as_typed_refuses_a_sample(listener: Listener, build_dir: Path, where: str) -> None:
    kzgraph_command = Path(sys.executable).parent / "kzgraph"
    command = [str(kzgraph_command)] if kzgraph_command.exists() else [sys.executable, "-m", "kzgraph"]
    options = ["--store", f"oxigraph:{build_dir / 'kzgraph.oxigraph'}"] if where == "oxigraph" else []
    before = listener.count()

    def run(v: Variant) -> str | None:
        done = subprocess.run(
            [*command, "query", *options, "-"],
            input=v.query(listener.port).encode(),
            capture_output=True,
            timeout=60,
        )
        return check_cli(v, done.returncode, done.stdout.decode(), done.stderr.decode())

    with ThreadPoolExecutor(4) as pool:
        problems = [p for p in pool.map(run, SAMPLE) if p]
    assert len(SAMPLE) >= 20
    assert problems == []
    assert listener.since(before, wait=0.2) == []


# ----------------------------------------------------------------------------------------------------
# The endpoint


@pytest.fixture(scope="module")
def endpoint(build_dir: Path) -> Iterator[str]:
    with running_endpoint(timeout=5.0) as url:
        yield url


#: Refusals of queries that are not SPARQL as written: a syntax error (400) or an update refused (403).
ANY_STATUS = {400, 403}


def http(url: str, data: bytes | None = None, ctype: str | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, data=data, headers={"Content-Type": ctype} if ctype else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def test_endpoint_refuses_the_whole_corpus_and_connects_nowhere(endpoint: str, listener: Listener) -> None:
    assert http(endpoint + "/sparql?" + urllib.parse.urlencode({"query": "ASK { }"}))[0] == 200
    before = listener.count()
    problems = []
    with audit_events() as events:
        for v in CORPUS:
            q = v.query(listener.port)
            ways = {
                "GET": (endpoint + "/sparql?" + urllib.parse.urlencode({"query": q}), None, None),
                "POST query": (endpoint + "/sparql", q.encode(), "application/sparql-query"),
                "POST form": (
                    endpoint + "/sparql",
                    urllib.parse.urlencode({"query": q}).encode(),
                    "application/x-www-form-urlencoded",
                ),
            }
            if v.expect == UPDATE:
                ways["POST update"] = (endpoint + "/sparql", q.encode(), "application/sparql-update")
                ways["POST form update"] = (
                    endpoint + "/sparql",
                    urllib.parse.urlencode({"update": q}).encode(),
                    "application/x-www-form-urlencoded",
                )
            for how, (url, data, ctype) in ways.items():
                status, body = http(url, data, ctype)
                expected = (
                    {403} if v.expect == UPDATE else {400} if v.expect in (SERVICE, FROM) else ANY_STATUS
                )
                if status not in expected:
                    problems.append(f"{v.name} {how}: {status} {body[:100]!r}")
                elif problem := check_refusal(v, body):
                    problems.append(f"{how}: {problem}")
    assert problems == []
    assert outbound(events, listener.port) == []
    assert listener.since(before, wait=0.3) == []


# ----------------------------------------------------------------------------------------------------
# The second wall: past the guard, the engine itself cannot open a connection


def test_the_query_thread_cannot_connect_whatever_the_engine_is_asked(listener: Listener) -> None:
    """Oxigraph run directly on kzgraph's query thread, the guard skipped, with every query of the corpus
    (and every update, through the store's update method): no connection, however it is written."""
    from kzgraph.sandbox import network_blocked, run_sandboxed

    if not network_blocked():
        pytest.fail(
            "this system cannot block network access on the query thread (seccomp, Linux x86-64/ARM64)"
        )
    store = ox.Store()
    before = listener.count()

    def attempt(text: str) -> str:
        """Run ``text`` as a query, else as an update; what happened (results never leave the thread)."""
        try:
            result = store.query(text)
            if not isinstance(result, ox.QueryBoolean):
                list(result)  # type: ignore[call-overload]
            del result
            return "answered"
        except SyntaxError:
            pass
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"
        try:
            store.update(text)
            return "updated"
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"

    outcomes = {v.name: run_sandboxed(lambda v=v: attempt(v.query(listener.port))) for v in CORPUS}  # type: ignore[misc]
    assert listener.since(before, wait=0.3) == []
    # and the engine did try: the requests it wanted to make were refused by the system
    assert any("Permission denied" in o for o in outcomes.values()), outcomes
