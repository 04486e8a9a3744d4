"""The ``kzgraph`` command: argument parsing only; the work is done by the library (:mod:`kzgraph.api`).

Exit codes: 0 success (the data conforms), 1 the data does not conform (SHACL violations, an OWL
inconsistency or a failed quality check), 2 an error (a missing or malformed file, a bad query, an
unknown entity or format, input over a size limit, a crash), 3 stopped for running past the time or
memory budget, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kzgraph import __version__
from kzgraph.budget import time_budget
from kzgraph.errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, KzError

GRAPH_NAMES = "<https://w3id.org/kzgraph/graph/asserted> and <https://w3id.org/kzgraph/graph/inferred>"
#: Longest query read from a file or standard input, in bytes.
MAX_QUERY_BYTES = 1_000_000

Handler = Callable[[argparse.Namespace], int]


def _out(text: str | bytes) -> None:
    if isinstance(text, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _err(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")
    sys.stderr.flush()


def _sources(args: argparse.Namespace, files: Sequence[Path] | None = None) -> Any:
    from kzgraph.sources import Sources

    if files:
        return Sources.packaged(data_files=files)
    return Sources.packaged(data_dir=getattr(args, "data", None))


def _graph(args: argparse.Namespace) -> Any:
    """The knowledge graph the command reads: the built store (rebuilt when stale), or --store."""
    from kzgraph.api import KnowledgeGraph
    from kzgraph.build import compute, ensure_store
    from kzgraph.store import open_store

    spec = getattr(args, "store", None) or ""
    if spec in ("", "build"):
        store = ensure_store(Path(args.build_dir), _sources(args), reasoner=args.reasoner, announce=_err)
        return KnowledgeGraph(store, _sources(args))
    if spec == "memory":
        return KnowledgeGraph(compute(_sources(args), reasoner=args.reasoner).store, _sources(args))
    if getattr(args, "data", None) is not None:
        raise KzError("--data builds from your own files; it does not go with --store " + spec)
    return KnowledgeGraph(open_store(spec))


def _write_or_print(text: str | bytes, output: Path | None) -> None:
    if output is None or str(output) == "-":
        _out(text)
    else:
        from kzgraph.files import write_text

        write_text(output, text)
        _err(f"wrote {output}")


# --------------------------------------------------------------------------------------------------
# Commands


def cmd_build(args: argparse.Namespace) -> int:
    """Loads, reasons and validates in one store, then writes the graph (Turtle and JSON-LD), the
    reports and the explorer into --out, and keeps the store there for the other commands."""
    from kzgraph.build import run_build

    build = run_build(Path(args.out), _sources(args), reasoner=args.reasoner)
    _out(build.summary())
    return EXIT_OK if build.conforms else EXIT_VIOLATIONS


def cmd_load(args: argparse.Namespace) -> int:
    """Builds the graph, then puts it into a store: an Oxigraph folder, or a SPARQL server (the asserted
    and inferred triples in two named graphs, swapped in at once)."""
    from kzgraph.build import compute
    from kzgraph.publish import publish

    if not args.store or args.store in ("build", "memory"):
        raise KzError("kzgraph load needs a store: --store oxigraph:PATH or --store sparql:URL")
    build = compute(_sources(args), reasoner=args.reasoner)
    if not build.conforms and not args.force:
        _out(build.report.text() + build.problems())
        _err("kzgraph: the data does not conform; nothing was loaded (use --force to load it anyway)")
        return EXIT_VIOLATIONS
    name = publish(build, args.store)
    asserted = build.loaded.counts.get("ontology", 0) + build.loaded.counts.get("data", 0)
    _out(
        f"Loaded {asserted} asserted and {build.inference.total} inferred triples into {name} "
        f"(named graphs {GRAPH_NAMES})\n"
    )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Validates the packaged graph, your own data files, or a store, against the packaged shapes."""
    from kzgraph.build import compute
    from kzgraph.store import LocalStore, open_store
    from kzgraph.validate import validate

    problems = ""
    if args.store and args.store not in ("build", "memory") and not args.files:
        store = open_store(args.store)
        if not isinstance(store, LocalStore):
            raise KzError(
                "validate reads a kzgraph store (oxigraph:PATH) or files; a SPARQL server holds no shapes"
            )
        report = validate(store.ox)
        conforms = report.conforms and store.stamp().get("conforms", "true") == "true"
    else:
        build = compute(_sources(args, [Path(f) for f in args.files]), reasoner=args.reasoner)
        report, conforms, problems = build.report, build.conforms, build.problems()
    if args.format == "json":
        _out(report.json())
    elif args.format == "turtle":
        _out(report.turtle())
    else:
        _out(report.text() + problems)
    return EXIT_OK if conforms else EXIT_VIOLATIONS


def cmd_reason(args: argparse.Namespace) -> int:
    """Writes the inferred triples only (rules and OWL 2 RL), and counts them by kind."""
    from kzgraph.build import compute
    from kzgraph.reason import kinds
    from kzgraph.turtle import to_turtle

    build = compute(_sources(args), reasoner=args.reasoner)
    inferred = [q for role, q in build.store.graph_quads(True) if role == "inferred"]
    _write_or_print(to_turtle(inferred), args.out)
    inference = build.inference
    _err(f"reasoner: {inference.engine}")
    _err(
        f"{inference.total} inferred triples "
        f"({inference.from_rules} by rules, {inference.from_owl} by OWL 2 RL)"
    )
    for kind, n in kinds(build.store.ox).most_common():
        _err(f"  {n:>6}  {kind}")
    for problem in inference.inconsistencies:
        _err(f"Inconsistent: {problem}")
    return EXIT_VIOLATIONS if inference.inconsistencies else EXIT_OK


def _parse_params(items: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise KzError(f"bad --param {item[:80]!r}: write name=value")
        params[key.strip()] = value
    return params


def _read_stdin() -> str:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (as in tests): read characters, bounded the same way
        text = sys.stdin.read(MAX_QUERY_BYTES + 1)
        if len(text) > MAX_QUERY_BYTES:
            raise KzError(f"the query on standard input is over {MAX_QUERY_BYTES} bytes")
        return str(text)
    raw = stream.read(MAX_QUERY_BYTES + 1)
    if len(raw) > MAX_QUERY_BYTES:
        raise KzError(f"the query on standard input is over {MAX_QUERY_BYTES} bytes")
    try:
        return str(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise KzError("the query on standard input is not valid UTF-8") from None


def cmd_query(args: argparse.Namespace) -> int:
    """Runs a named query, a .rq file, or a query read from standard input (-), on the reasoned graph."""
    from kzgraph.query import NamedQuery, bindings_for, find_query
    from kzgraph.results import text_result

    if args.query == "-":
        nq = NamedQuery("stdin", Path("-"), "stdin", "", (), _read_stdin())
    else:
        nq = find_query(args.query)
    bindings = bindings_for(nq, _parse_params(args.param)) if nq.params or args.param else {}
    kg = _graph(args)
    own = args.format in ("table", "json")
    result = kg.store.execute(nq.text, bindings, inferred=not args.asserted, fmt=None if own else args.format)
    _write_or_print(text_result(result, args.format) if own else result, args.output)
    return EXIT_OK


def cmd_asof(args: argparse.Namespace) -> int:
    """Prints the political system on a day: the top posts, the parties in the Mazhilis and their posts, the
    registered parties and Kazakhstan's memberships, each row with its certainty and sources."""
    from kzgraph.dates import period
    from kzgraph.query import bindings_for, find_query
    from kzgraph.results import text_result

    period(args.date)
    nq = find_query("state-on")
    kg = _graph(args)
    own = args.format in ("table", "json")
    bindings = bindings_for(nq, {"date": args.date.strip()})
    result = kg.store.execute(nq.text, bindings, fmt=None if own else args.format)
    _write_or_print(text_result(result, args.format) if own else result, args.output)
    return EXIT_OK


def cmd_queries(args: argparse.Namespace) -> int:
    """Lists the named queries with their titles, questions and parameters."""
    from kzgraph.query import named_queries

    for name, q in named_queries().items():
        params = ", ".join(f"{p.name}={p.default}" for p in q.params)
        _out(f"{name}\n  {q.title}\n  {q.question}\n" + (f"  params: {params}\n" if params else ""))
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """Prints every fact about one entity, grouped, each with its dates and the sections that state it."""
    _out(_graph(args).show(args.entity).text())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Exports the graph or its relationship network; the output is byte-identical across runs."""
    kg = _graph(args)
    if args.format == "csv":
        if args.output is None:
            raise KzError("--format csv writes two files: give a folder with -o")
        written = kg.export("csv", args.output, inferred=args.inferred)
        _err("wrote " + ", ".join(str(t) for t in written))
        return EXIT_OK
    if args.output is not None and str(args.output) != "-":
        kg.export(args.format, args.output, inferred=args.inferred, frame=args.frame)
        _err(f"wrote {args.output}")
        return EXIT_OK
    _write_or_print(kg.export(args.format, inferred=args.inferred, frame=args.frame), args.output)
    return EXIT_OK


def cmd_viz(args: argparse.Namespace) -> int:
    """Writes the interactive relationship explorer: one HTML file that works offline."""
    from kzgraph.files import write_text
    from kzgraph.network import KINDS, subnetwork
    from kzgraph.viz import render_html

    for kind in [*args.include, *args.exclude]:
        if kind not in KINDS:
            raise KzError(f"unknown entity type {kind!r} (types: {', '.join(KINDS)})")
    kg = _graph(args)
    view = kg._view()
    net = kg.network()
    focus = kg.resolve(args.focus) if args.focus else None
    if focus is not None and focus not in net:
        raise KzError(f"{args.focus!r} is not a node of the network (it is not a person or organisation)")
    net = subnetwork(net, focus=focus, depth=args.depth, include=args.include, exclude=args.exclude)
    size = f"{net.number_of_nodes()} entities, {net.number_of_edges()} ties"
    write_text(Path(args.output), render_html(net, view, subtitle=size))
    _err(f"wrote {args.output} ({size})")
    return EXIT_OK


def cmd_site(args: argparse.Namespace) -> int:
    """Writes the static website: a page per entity, section, ontology term and named query."""
    site = _graph(args).site(Path(args.out))
    _err(site.summary())
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serves the graph as a read-only SPARQL 1.1 endpoint with a query page (with --site, a website too)."""
    from kzgraph.serve import ServeConfig, check_site, serve

    config = ServeConfig(
        host=args.host,
        port=args.port,
        timeout=args.query_timeout,
        max_rows=args.max_rows,
        workers=args.workers,
        public=args.public,
        allowed_hosts=tuple(args.allow_host),
        site=Path(args.site) if args.site is not None else None,
    )
    if config.site is not None:
        check_site(config.site)  # before the graph is opened (or built)
    serve(config, _graph(args).store, announce=_err)
    return EXIT_OK


def cmd_path(args: argparse.Namespace) -> int:
    """Prints the shortest chains of ties between two entities, with dates and the section behind each."""
    kg = _graph(args)
    found = kg.path(args.source, args.target, args.max)
    if not found:
        a, b = kg.show(args.source).label, kg.show(args.target).label
        _out(f"No chain of ties links {a} and {b}.\n")
        return EXIT_OK
    from kzgraph.text import printable

    net = kg.network()
    for i, chain in enumerate(found, start=1):
        n = len(chain.hops)
        _out(f"{i}. ({n} tie{'s' if n != 1 else ''}) {chain.text}\n")
        for hop in chain.hops:
            if hop.sources:
                pair = f"{net.nodes[hop.source]['label']} / {net.nodes[hop.target]['label']}"
                _out(printable(f"     {pair}: {hop.sources}") + "\n")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    """Prints counts by type, the most central entities, connected components and communities."""
    from kzgraph.network import network_stats

    net = _graph(args).network()
    _out(network_stats(net, top=args.top).text(net))
    return EXIT_OK


# --------------------------------------------------------------------------------------------------
# Parser


def _command(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    handler: Handler,
    summary: str,
    example: str,
    parents: Sequence[argparse.ArgumentParser] = (),
) -> argparse.ArgumentParser:
    doc = textwrap.dedent(handler.__doc__ or "").strip()
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help=summary,
        description=summary + ("\n\n" + doc if doc else ""),
        epilog="example:\n  " + example.replace("\n", "\n  "),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=list(parents),
    )
    p.set_defaults(handler=handler)
    return p


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand (each has --help with an example)."""
    from kzgraph.supervise import DEFAULT_MEMORY_MB

    parser = argparse.ArgumentParser(
        prog="kzgraph",
        description="A validated, reasoned knowledge graph of Kazakhstan's political system.",
        epilog="exit codes: 0 ok, 1 the data does not conform, 2 error, 3 over the time or memory budget, "
        "130 interrupted\n"
        "example:\n  kzgraph build --out build",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kzgraph {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    parser.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="time budget of the command; past it the command stops with exit code 3 (default 300, 0: none)",
    )
    parser.add_argument(
        "--memory-limit",
        type=int,
        default=DEFAULT_MEMORY_MB,
        metavar="MB",
        help="memory budget of the command; past it the command stops with exit code 3 "
        f"(default {DEFAULT_MEMORY_MB}, 0: none)",
    )
    parser.add_argument(
        "--build-dir",
        default=os.environ.get("KZGRAPH_BUILD_DIR", "build"),
        metavar="DIR",
        help="where the built store is read from (and rebuilt into when stale); default: build, or "
        "$KZGRAPH_BUILD_DIR",
    )
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data", type=Path, metavar="DIR", help="read the data from this folder instead of the packaged data"
    )
    data.add_argument(
        "--store",
        default="",
        metavar="STORE",
        help="where the graph lives: the built store in --build-dir (default; rebuilt when the sources "
        "changed), "
        "memory (built in this process, nothing kept), oxigraph:PATH (a store filled by 'kzgraph load') or "
        "sparql:URL (a SPARQL 1.1 server)",
    )
    data.add_argument(
        "--reasoner",
        choices=["fast", "owlrl"],
        default="fast",
        help="OWL 2 RL engine: fast (kzgraph's, in the store; default) or owlrl (the reference, slow)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = _command(
        sub,
        "build",
        cmd_build,
        "Build the graph, its exports, the reports, the explorer and the store.",
        "kzgraph build --out build",
        [data],
    )
    p.add_argument("--out", default="build", metavar="DIR", help="output folder (default: build)")

    p = _command(
        sub,
        "load",
        cmd_load,
        "Build the graph, then put it into a store.",
        "kzgraph load --store oxigraph:kzgraph.db\nkzgraph load --store sparql:http://127.0.0.1:7878/query",
        [data],
    )
    p.add_argument("--force", action="store_true", help="load even when the data does not conform")

    p = _command(
        sub,
        "validate",
        cmd_validate,
        "Validate the packaged graph, or your own data files, against the shapes.",
        "kzgraph validate\nkzgraph validate mydata.ttl --format json",
        [data],
    )
    p.add_argument(
        "files", nargs="*", metavar="FILE", help="data files to validate instead of the packaged data"
    )
    p.add_argument("--format", choices=["text", "turtle", "json"], default="text", help="report format")

    p = _command(
        sub,
        "reason",
        cmd_reason,
        "Write the inferred triples only (rules and OWL 2 RL), and count them.",
        "kzgraph reason --out inferred.ttl",
        [data],
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="write here instead of standard output")

    p = _command(
        sub,
        "query",
        cmd_query,
        "Run a named query, a .rq file, or a query on standard input (-).",
        "kzgraph query election-results --param election=election:presidential-2011\n"
        "kzgraph query office-holders --param post=post:prime-minister-of-kazakhstan --format csv",
        [data],
    )
    p.add_argument("query", metavar="NAME|FILE|-")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="set a query parameter")
    p.add_argument(
        "--asserted",
        action="store_true",
        help="query only what the data states, not the reasoned graph (asserted + inferred, the default)",
    )
    p.add_argument(
        "--format",
        default="table",
        choices=["table", "csv", "tsv", "json", "srj", "srx", "turtle", "nt", "jsonld", "rdfxml"],
        help="result format (srj/srx/csv/tsv: the W3C SPARQL results formats; json: a plain list)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of standard output")

    p = _command(
        sub,
        "asof",
        cmd_asof,
        "The political system on a day, each row with its certainty and source.",
        "kzgraph asof 2008-01-01\nkzgraph asof 1995 --format csv",
        [data],
    )
    p.add_argument("date", metavar="DATE", help="a day (YYYY-MM-DD), or a month or year: its whole period")
    p.add_argument(
        "--format",
        default="table",
        choices=["table", "csv", "tsv", "json", "srj", "srx"],
        help="result format (srj/srx/csv/tsv: the W3C SPARQL results formats; json: a plain list)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of standard output")

    _command(
        sub,
        "queries",
        cmd_queries,
        "List the named queries with their titles and questions.",
        "kzgraph queries",
    )

    p = _command(
        sub,
        "show",
        cmd_show,
        "Every fact about one entity, grouped, with dates and the profile section of each.",
        'kzgraph show "Karim Masimov"\nkzgraph show party:nur-otan',
        [data],
    )
    p.add_argument("entity", metavar="ENTITY", help="an IRI, prefixed name, label or alternative spelling")

    p = _command(
        sub,
        "export",
        cmd_export,
        "Export the graph or its relationship network.",
        "kzgraph export --format jsonld -o kzgraph.jsonld\n"
        "kzgraph export --format jsonld --frame person -o people.json\n"
        "kzgraph export --format graphml -o network.graphml\n"
        "kzgraph export --format csv -o network/",
        [data],
    )
    p.add_argument(
        "--format",
        required=True,
        choices=["turtle", "nt", "nquads", "trig", "jsonld", "graphml", "gexf", "csv", "popolo"],
        help="export format (nquads/trig keep asserted and inferred triples in separate named graphs)",
    )
    p.add_argument("--inferred", action="store_true", help="include the inferred triples")
    p.add_argument(
        "--frame",
        choices=["person", "party", "election", "organisation", "country"],
        help="with --format jsonld: one readable object per entity of this kind, facts embedded",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write here instead of standard output (a folder for csv)",
    )

    p = _command(
        sub,
        "path",
        cmd_path,
        "The shortest chains of ties between two entities, with relation labels, dates and sources.",
        'kzgraph path "Bakhytzhhan Zhumagulov" "Nursultan Nazarbayev"\nkzgraph path Masimov Tokayev --max 5',
        [data],
    )
    p.add_argument("source", metavar="A", help="an entity: IRI, label or alternative spelling")
    p.add_argument("target", metavar="B", help="another entity")
    p.add_argument("--max", type=int, default=3, metavar="N", help="how many chains to show (default 3)")

    p = _command(
        sub,
        "stats",
        cmd_stats,
        "Counts by type, the most central entities, connected components and communities of the network.",
        "kzgraph stats\nkzgraph stats --top 20",
        [data],
    )
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many central entities to list")

    p = _command(
        sub,
        "serve",
        cmd_serve,
        "Serve the reasoned graph as a read-only SPARQL 1.1 endpoint, with a query page.",
        "kzgraph serve --port 7878\n"
        "curl -H 'Accept: text/csv' --data-urlencode 'query=ASK { ?s ?p ?o }' http://127.0.0.1:7878/sparql\n"
        "kzgraph site && kzgraph serve --site build/site\n"
        "curl -H 'Accept: text/turtle' http://127.0.0.1:7878/id/person/karim-massimov",
        [data],
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    p.add_argument(
        "--query-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="per-query time limit (default 10)",
    )
    p.add_argument(
        "--max-rows", type=int, default=10_000, metavar="N", help="largest result returned (default 10000)"
    )
    p.add_argument("--workers", type=int, default=2, metavar="N", help="query worker processes (default 2)")
    p.add_argument("--public", action="store_true", help="allow listening on an address other than loopback")
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="accept requests whose Host header names NAME (default: loopback names only)",
    )
    p.add_argument(
        "--site",
        metavar="DIR",
        help="also serve the static site written by 'kzgraph site' in DIR: / is its index (the query page "
        "moves to /query), /id/KIND/SLUG and /ontology answer HTML, Turtle or JSON-LD by the Accept header "
        "(default: the endpoint only)",
    )

    p = _command(
        sub,
        "site",
        cmd_site,
        "Write the graph as a static website that works offline and from any static host.",
        "kzgraph site\nkzgraph site --out public",
        [data],
    )
    p.add_argument(
        "--out", default=str(Path("build") / "site"), metavar="DIR", help="output folder (default build/site)"
    )

    p = _command(
        sub,
        "viz",
        cmd_viz,
        "Write the interactive relationship explorer: one offline HTML file.",
        'kzgraph viz -o explorer.html\nkzgraph viz --focus "Nursultan Nazarbayev" --depth 2 -o family.html',
        [data],
    )
    p.add_argument("-o", "--output", default="explorer.html", metavar="FILE", help="output HTML file")
    p.add_argument("--focus", metavar="ENTITY", help="show only this entity's neighbourhood")
    p.add_argument(
        "--depth", type=int, default=2, metavar="N", help="neighbourhood depth with --focus (default 2)"
    )
    p.add_argument("--include", nargs="+", default=[], metavar="TYPE", help="entity types to keep")
    p.add_argument("--exclude", nargs="+", default=[], metavar="TYPE", help="entity types to drop")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI in this process; returns the exit code (see the module docstring)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 for --help
        return int(exc.code or 0)
    handler: Handler = args.handler
    try:
        if args.command == "serve":  # a server runs until stopped; its queries have their own budget
            if args.host not in ("127.0.0.1", "localhost", "::1") and not args.public:
                raise KzError(
                    f"refusing to listen on {args.host} without --public (the default is 127.0.0.1)"
                )
            return handler(args)
        with time_budget(args.timeout, f"kzgraph {args.command}"):
            return handler(args)
    except KzError as exc:
        from kzgraph.text import printable

        _err(f"kzgraph: error: {printable(exc.message)}")
        return exc.exit_code
    except KeyboardInterrupt:
        _err("kzgraph: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except MemoryError:
        if args.debug:
            raise
        _err(f"kzgraph: error: kzgraph {args.command} ran out of memory")
        return 3
    except Exception as exc:  # an internal error: one line, unless --debug
        if args.debug:
            raise
        from kzgraph.text import printable

        _err(
            f"kzgraph: internal error: {type(exc).__name__}: {printable(' '.join(str(exc).split()))} "
            "(rerun with --debug for details)"
        )
        return EXIT_ERROR


def run() -> None:
    """The console entry point: the command runs in a watched child process (:mod:`kzgraph.supervise`)."""
    from kzgraph.supervise import supervised

    sys.exit(supervised(main, sys.argv[1:]))


if __name__ == "__main__":
    run()
