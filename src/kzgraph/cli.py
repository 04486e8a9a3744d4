"""The ``kzgraph`` command: argument parsing only; the work is done by the library stages.

Exit codes: 0 success (the data conforms), 1 the data does not conform (SHACL violations, an OWL
inconsistency or a failed quality check), 2 an error (a missing or malformed file, a bad query, an
unknown entity or format, input over a size limit), 3 stopped for running past the time budget,
130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from kzgraph import __version__
from kzgraph.budget import time_budget
from kzgraph.errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, KzError

GRAPH_NAMES = "<https://w3id.org/kzgraph/graph/asserted> and <https://w3id.org/kzgraph/graph/inferred>"

Handler = Callable[[argparse.Namespace], int]


def _out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _err(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def _load(args: argparse.Namespace, files: Sequence[Path] | None = None):  # type: ignore[no-untyped-def]
    from kzgraph.load import load

    return load(files, data_dir=getattr(args, "data", None))


def _store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The store named by --store, or None for the default in-memory pipeline."""
    from kzgraph.store import open_store

    return open_store(getattr(args, "store", "memory") or "memory")


def _stored_graphs(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Asserted and inferred graphs: read from the store, or loaded and reasoned here."""
    store = _store(args)
    if store is not None:
        asserted, inferred = store.graphs()
        store.close()
        if len(asserted) == 0:
            raise KzError(
                f"{store.name} holds no graph yet: fill it with 'kzgraph load --store {args.store}'"
            )
        return asserted, inferred
    from kzgraph.reason import reason

    kg = _load(args)
    asserted = kg.asserted()
    return asserted, reason(kg, asserted, args.reasoner).graph


def _graphs(args: argparse.Namespace, *, inferred: bool):  # type: ignore[no-untyped-def]
    """The asserted graph, and the graph to work on: the asserted one, or asserted + inferred."""
    if not inferred and _store(args) is None:
        asserted = _load(args).asserted()
        return asserted, asserted
    asserted, extra = _stored_graphs(args)
    if not inferred:
        return asserted, asserted
    from kzgraph.load import new_graph

    merged = new_graph()
    for t in asserted:
        merged.add(t)
    for t in extra:
        merged.add(t)
    return asserted, merged


def _kg_from_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The packaged ontology and shapes with the data held in the store (to validate what is stored)."""
    from kzgraph.load import load, new_graph

    asserted, _ = _stored_graphs(args)
    kg = load([])
    data = new_graph()
    for t in asserted:
        if t not in kg.ontology:
            data.add(t)
    kg.data = data
    return kg


def _write_or_print(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":
        _out(text)
    else:
        from kzgraph.export import write_text

        write_text(output, text)
        _err(f"wrote {output}")


# --------------------------------------------------------------------------------------------------
# Commands


def cmd_build(args: argparse.Namespace) -> int:
    from kzgraph.build import run_build

    store = _store(args)
    kg = _load(args)
    build = run_build(Path(args.out), kg, args.reasoner)
    _out(build.summary())
    if store is not None:
        store.replace(build.asserted, build.inference.graph)
        store.close()
        _out(f"Stored the asserted and inferred graphs in {store.name}\n")
    return EXIT_OK if build.conforms else EXIT_VIOLATIONS


def cmd_load(args: argparse.Namespace) -> int:
    from kzgraph.build import compute

    store = _store(args)
    if store is None:
        raise KzError("kzgraph load needs a store: --store oxigraph:PATH or --store sparql:URL")
    build = compute(_load(args), reasoner=args.reasoner)
    if not build.conforms and not args.force:
        _out(build.report.text() + build.problems())
        _err("kzgraph: the data does not conform; nothing was loaded (use --force to load it anyway)")
        return EXIT_VIOLATIONS
    store.replace(build.asserted, build.inference.graph)
    store.close()
    _out(
        f"Loaded {len(build.asserted)} asserted and {len(build.inference.graph)} inferred triples into "
        f"{store.name} (named graphs {GRAPH_NAMES})\n"
    )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from kzgraph.build import compute

    store = _store(args)
    if store is not None and not args.files:
        kg = _kg_from_store(args)
    else:
        kg = _load(args, [Path(f) for f in args.files] if args.files else None)
    build = compute(kg, reasoner=args.reasoner)
    report = build.report
    if args.format == "json":
        _out(report.json())
    elif args.format == "turtle":
        _out(report.turtle())
    else:
        _out(report.text() + build.problems())
    return EXIT_OK if build.conforms else EXIT_VIOLATIONS


def cmd_reason(args: argparse.Namespace) -> int:
    from kzgraph.export import to_turtle
    from kzgraph.reason import reason

    kg = _load(args)
    inference = reason(kg, engine=args.reasoner)
    _write_or_print(to_turtle(inference.graph), args.out)
    _err(f"reasoner: {inference.engine}")
    counts = f"{inference.from_rules} by rules, {inference.from_owl} by OWL 2 RL"
    _err(f"{len(inference.graph)} inferred triples ({counts})")
    for kind, n in inference.kinds().most_common():
        _err(f"  {n:>6}  {kind}")
    for problem in inference.inconsistencies:
        _err(f"Inconsistent: {problem}")
    return EXIT_VIOLATIONS if inference.inconsistencies else EXIT_OK


def _parse_params(items: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise KzError(f"bad --param {item!r}: write name=value")
        params[key.strip()] = value
    return params


def cmd_query(args: argparse.Namespace) -> int:
    from kzgraph.oxi import store_from
    from kzgraph.query import NamedQuery, bindings_for, find_query, format_result, run_oxigraph

    if args.query == "-":
        text = sys.stdin.read()
        nq = NamedQuery("stdin", Path("-"), "stdin", "", (), text)
    else:
        nq = find_query(args.query)
    bindings = bindings_for(nq, _parse_params(args.param)) if nq.params or args.param else {}
    store = _store(args)
    if store is not None:
        # A store answers by itself: nothing is loaded or reasoned in this process.
        result = store.query(nq.text, bindings, inferred=not args.asserted)
        store.close()
    else:
        # The named queries are written for, and tested on, the reasoned graph (inverse links, derived
        # family ties, standard vocabularies), so that is what every query sees unless told otherwise.
        _, graph = _graphs(args, inferred=not args.asserted)
        # Oxigraph answers the same queries as rdflib's engine (tested for every named query), 10 to
        # 1000 times faster; copying the graph into it costs a tenth of a second.
        result = run_oxigraph(store_from(graph), nq.text, bindings)
    _write_or_print(format_result(result, args.format), args.output)
    return EXIT_OK


def cmd_queries(args: argparse.Namespace) -> int:
    from kzgraph.query import named_queries

    for name, q in named_queries().items():
        params = ", ".join(f"{p.name}={p.default}" for p in q.params)
        _out(f"{name}\n  {q.title}\n  {q.question}\n" + (f"  params: {params}\n" if params else ""))
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from kzgraph.facts import profile, resolve

    asserted, graph = _graphs(args, inferred=True)
    _out(profile(graph, resolve(graph, args.entity), asserted).text())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from kzgraph.export import export, write_files

    network_formats = ("graphml", "gexf", "csv", "popolo")
    if args.inferred or args.frame or args.format in network_formats or _store(args) is not None:
        asserted, inferred = _stored_graphs(args)
        if not (args.inferred or args.frame or args.format in network_formats):
            inferred = None
    else:
        asserted, inferred = _load(args).asserted(), None
    files = export(args.format, asserted, inferred, frame=args.frame)
    if args.format == "csv":
        if args.output is None:
            raise KzError("--format csv writes two files: give a folder with -o")
        targets = {Path(args.output) / f"{name}.csv": text for name, text in files.items()}
        write_files(targets)
        _err("wrote " + ", ".join(str(t) for t in targets))
        return EXIT_OK
    _write_or_print(files[""], args.output)
    return EXIT_OK


def cmd_viz(args: argparse.Namespace) -> int:
    from kzgraph.export import write_text
    from kzgraph.facts import resolve
    from kzgraph.network import KINDS, build_network, subnetwork
    from kzgraph.viz import render_html

    for kind in [*args.include, *args.exclude]:
        if kind not in KINDS:
            raise KzError(f"unknown entity type {kind!r} (types: {', '.join(KINDS)})")
    asserted, graph = _graphs(args, inferred=True)
    net = build_network(graph)
    focus = str(resolve(graph, args.focus)) if args.focus else None
    if focus is not None and focus not in net:
        raise KzError(f"{args.focus!r} is not a node of the network (it is not a person or organisation)")
    net = subnetwork(net, focus=focus, depth=args.depth, include=args.include, exclude=args.exclude)
    size = f"{net.number_of_nodes()} entities, {net.number_of_edges()} ties"
    html = render_html(net, graph, asserted=asserted, subtitle=size)
    write_text(Path(args.output), html)
    _err(f"wrote {args.output} ({net.number_of_nodes()} entities, {net.number_of_edges()} ties)")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from kzgraph.serve import ServeConfig, serve

    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.public:
        raise KzError(f"refusing to listen on {args.host} without --public (the default is 127.0.0.1)")
    config = ServeConfig(
        host=args.host, port=args.port, timeout=args.timeout, max_rows=args.max_rows, workers=args.workers
    )
    store = _store(args)
    graphs = _stored_graphs(args) if store is not None else None
    serve(config, reasoner=args.reasoner, data_dir=args.data, announce=_err, graphs=graphs)
    return EXIT_OK


def cmd_path(args: argparse.Namespace) -> int:
    from kzgraph.facts import resolve
    from kzgraph.network import build_network, chains, describe_chain

    _, graph = _graphs(args, inferred=True)
    net = build_network(graph)
    ends = []
    for name in (args.source, args.target):
        iri = str(resolve(graph, name))
        if iri not in net:
            raise KzError(f"{name!r} is not a node of the network (it is not a person or organisation)")
        ends.append(iri)
    found = chains(net, ends[0], ends[1], args.max)
    if not found:
        _out(f"No chain of ties links {net.nodes[ends[0]]['label']} and {net.nodes[ends[1]]['label']}.\n")
        return EXIT_OK
    for i, chain in enumerate(found, start=1):
        _out(f"{i}. ({len(chain)} tie{'s' if len(chain) != 1 else ''}) {describe_chain(net, chain)}\n")
        for hop in chain:
            if hop.sources:
                pair = f"{net.nodes[hop.source]['label']} / {net.nodes[hop.target]['label']}"
                _out(f"     {pair}: {hop.sources}\n")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from kzgraph.network import build_network, network_stats

    _, graph = _graphs(args, inferred=True)
    net = build_network(graph)
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
    parser = argparse.ArgumentParser(
        prog="kzgraph",
        description="A validated, reasoned knowledge graph of Kazakhstan's political system.",
        epilog="exit codes: 0 ok, 1 the data does not conform, 2 error, 3 over the time budget, "
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
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data", type=Path, metavar="DIR", help="read the data from this folder instead of the packaged data"
    )
    data.add_argument(
        "--store",
        default="memory",
        metavar="STORE",
        help="where the graph lives: memory (default: load and reason here), oxigraph:PATH (an embedded "
        "store on disk, filled by 'kzgraph load') or sparql:URL (a SPARQL 1.1 server)",
    )
    data.add_argument(
        "--reasoner",
        choices=["auto", "fast", "owlrl"],
        default="auto",
        help="OWL 2 RL engine: fast (reasonable + chain rules), owlrl (reference), auto (fast if installed)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = _command(
        sub,
        "build",
        cmd_build,
        "Load, reason, validate, and write the graph, its exports, the report and the explorer.",
        "kzgraph build --out build",
        [data],
    )
    p.add_argument("--out", default="build", metavar="DIR", help="output folder (default: build)")

    p = _command(
        sub,
        "load",
        cmd_load,
        "Load, reason and validate, then put the asserted and inferred graphs into a store.",
        "kzgraph load --store oxigraph:kzgraph.db\nkzgraph load --store sparql:http://127.0.0.1:7878/query",
        [data],
    )
    p.add_argument("--force", action="store_true", help="load even when the data does not conform")

    p = _command(
        sub,
        "validate",
        cmd_validate,
        "Validate the packaged graph, or your own Turtle files, against the shapes.",
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
        "Write the inferred triples only (rules and OWL 2 RL), and count them by kind.",
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
        choices=["table", "csv", "tsv", "json", "srj", "srx", "turtle", "nt", "jsonld"],
        help="result format (srj/srx: W3C SPARQL results JSON/XML)",
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
        "Export the graph or its relationship network; the output is byte-identical across runs.",
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
        "curl -H 'Accept: text/csv' --data-urlencode 'query=ASK { ?s ?p ?o }' http://127.0.0.1:7878/sparql",
        [data],
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    p.add_argument(
        "--timeout", type=float, default=10.0, metavar="SECONDS", help="per-query time limit (default 10)"
    )
    p.add_argument(
        "--max-rows", type=int, default=10_000, metavar="N", help="largest result returned (default 10000)"
    )
    p.add_argument("--workers", type=int, default=2, metavar="N", help="query worker processes (default 2)")
    p.add_argument("--public", action="store_true", help="allow listening on an address other than loopback")

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
    """Run the CLI; returns the exit code (see the module docstring)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 for --help
        return int(exc.code or 0)
    handler: Handler = args.handler
    try:
        if args.command == "serve":  # a server runs until stopped; its queries have their own budget
            return handler(args)
        with time_budget(args.timeout, f"kzgraph {args.command}"):
            return handler(args)
    except KzError as exc:
        _err(f"kzgraph: error: {exc.message}")
        return exc.exit_code
    except KeyboardInterrupt:
        _err("kzgraph: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # an internal error: one line, unless --debug
        if args.debug:
            raise
        _err(f"kzgraph: internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
