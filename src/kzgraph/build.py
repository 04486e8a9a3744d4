"""The build: load, reason, validate and check quality in one Oxigraph store; then write the outputs and
leave the store itself in the output folder, stamped with the digest of its sources.

Reading commands (``query``, ``show``, ``path``, ``stats``, ``viz``, ``export``, ``serve``) open that store
(:func:`ensure_store`) when its stamp matches the sources they would build from, and rebuild it when it
does not, saying so in one line. Stores are kept per digest (``store-<digest>/``), so a build from
other data never overwrites the packaged one, and ``kzgraph.oxigraph`` links to the newest.

Nothing is written until every output has been computed, and each file is written atomically, so a
failure at any stage leaves the output folder as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kzgraph import __version__
from kzgraph.errors import InputError
from kzgraph.load import DEFAULT_LIMITS, Limits, Loaded, load_sources
from kzgraph.namespaces import KZ, shorten
from kzgraph.quality import QualityReport, quality_report
from kzgraph.reason import Inference, read_rules, reason
from kzgraph.sources import Sources
from kzgraph.store import LocalStore, write_stamp
from kzgraph.supervise import report_temporary
from kzgraph.validate import ValidationReport, validate

T = TypeVar("T")

#: Output files of a build, by role.
OUTPUTS = {
    "asserted": "kzgraph.ttl",
    "inferred": "inferred.ttl",
    "jsonld": "kzgraph.jsonld",
    "report": "validation-report.txt",
    "quality": "quality-report.md",
    "html": "explorer.html",
    "manifest": "manifest.json",
}
#: The comment syntax of each output, by suffix (see :func:`kzgraph.export.with_header`).
_HEADER_FORMATS = {".ttl": "turtle", ".txt": "text", ".md": "markdown", ".html": "html"}
#: The link, in an output folder, to the newest built store.
STORE_LINK = "kzgraph.oxigraph"
#: How many built stores an output folder keeps: the most recently built or used (a store for other data,
#: ``--data``, does not push out the one that is read every day).
KEEP_STORES = 3


@dataclass
class Build:
    """The result of a build: the store, what each stage found, the timings and the files written."""

    store: LocalStore
    sources: Sources
    digest: str
    loaded: Loaded
    inference: Inference
    report: ValidationReport
    quality: QualityReport
    timings: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when SHACL finds no violation, the closure is consistent and no quality check fails."""
        return self.report.conforms and not self.inference.inconsistencies and self.quality.ok

    def problems(self) -> str:
        """Every reason the data does not conform, one per line, after the SHACL lines."""
        lines = [f"Inconsistent: {p}" for p in self.inference.inconsistencies]
        lines += [f"Quality check failed: {f}" for f in self.quality.failures()]
        return "".join(line + "\n" for line in lines)

    def entity_counts(self) -> Counter[str]:
        """Instances per kz class, counting each node once under each class the data gives it."""
        counts: Counter[str] = Counter()
        for row in self.store.select(
            f'SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c FILTER(STRSTARTS(STR(?c), "{KZ}")) '
            f'FILTER(STRSTARTS(STR(?s), "https://w3id.org/kzgraph/id/")) }} GROUP BY ?c',
            inferred=False,
        ):
            counts[shorten(row["c"].value)] = int(row["n"].value)
        return counts

    def summary(self) -> str:
        """The short report printed by ``kzgraph build``."""
        ontology = self.loaded.counts.get("ontology", 0)
        data = self.loaded.counts.get("data", 0)
        lines = [
            f"Triples: {ontology + data} asserted ({data} data, {ontology} ontology), "
            f"{self.inference.total} inferred ({self.inference.from_rules} by rules, "
            f"{self.inference.from_owl} by OWL 2 RL)",
            "Entities per class:",
        ]
        counts = self.entity_counts()
        width = max((len(c) for c in counts), default=10)
        lines += [
            f"  {cls:<{width}} {n:>5}" for cls, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        nviol = len([v for v in self.report.violations if v.severity == "Violation"])
        warnings = len(self.report.violations) - nviol
        verdict = "conforms" if self.report.conforms else f"{nviol} violations"
        lines.append(f"Validation: {verdict}" + (f" ({warnings} warnings)" if warnings else ""))
        checks = len(self.quality.violations)
        failed = len(self.quality.failures())
        lines.append(
            f"Quality checks: {checks - failed} of {checks} pass; {len(self.quality.reports)} reports written"
        )
        lines.extend(self.problems().splitlines())
        lines.append("Time per stage: " + ", ".join(f"{k} {v:.2f} s" for k, v in self.timings.items()))
        if self.written:
            lines.append("Wrote: " + ", ".join(str(p) for p in self.written))
        return "\n".join(lines) + "\n"


@contextmanager
def timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    """Add the time spent in the block to ``timings[stage]``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def _stage(timings: dict[str, float], stage: str, fn: Callable[[], T]) -> T:
    with timed(timings, stage):
        return fn()


def compute(
    sources: Sources | None = None,
    *,
    reasoner: str = "fast",
    limits: Limits = DEFAULT_LIMITS,
    timings: dict[str, float] | None = None,
    after_reasoning: Callable[[LocalStore], object] | None = None,
) -> Build:
    """Load, reason, validate and check quality in a new in-memory store (nothing written to disk).

    ``after_reasoning`` is called with the store once the graph is complete, before validation (the
    build starts the processes that write the JSON-LD and the explorer there).
    """
    timings = {} if timings is None else timings
    sources = sources if sources is not None else Sources.packaged()
    store = ox.Store()
    digest = sources.digest()
    loaded = _stage(timings, "load", lambda: load_sources(store, sources, limits))
    inference = _stage(timings, "reason", lambda: reason(store, read_rules(sources.rules), reasoner))
    local = LocalStore(store)
    if after_reasoning is not None:
        after_reasoning(local)
    report = _stage(timings, "validate", lambda: validate(store))
    quality = _stage(timings, "validate", lambda: quality_report(local))
    build = Build(local, sources, digest, loaded, inference, report, quality, timings)
    write_stamp(
        store,
        {
            "digest": digest,
            "version": __version__,
            "conforms": build.conforms,
            "asserted": loaded.counts.get("ontology", 0) + loaded.counts.get("data", 0),
            "inferred": inference.total,
            "reasoner": reasoner,
        },
    )
    return build


def _jsonld(store: LocalStore, out: Path) -> dict[Path, str | bytes]:
    from kzgraph.export import quads_of, to_jsonld

    return {out / OUTPUTS["jsonld"]: to_jsonld(quads_of(store, False, named=True))}


def _explorer(store: LocalStore, out: Path) -> dict[Path, str | bytes]:
    return {out / OUTPUTS["html"]: explorer(store)}


def start_children(store: LocalStore, out: Path) -> list[_Child]:
    """Fork the processes that make the JSON-LD and the explorer (none where processes cannot fork)."""
    if not hasattr(os, "fork"):
        return []
    return [_Child(lambda: _jsonld(store, out)), _Child(lambda: _explorer(store, out))]


def outputs(
    build: Build,
    out: Path,
    *,
    parallel: bool = True,
    stage: Callable[[], object] | None = None,
    children: list[_Child] | None = None,
) -> dict[Path, str | bytes]:
    """Every output file of a build, keyed by the path it goes to (nothing written yet).

    The JSON-LD and the explorer are each made in a child process (``children``, already started, or
    started here when ``parallel``) while this one writes the Turtle and the reports, and runs ``stage``.
    """
    files: dict[Path, str | bytes] = {}
    if children is None:
        children = start_children(build.store, out) if parallel else []
    try:
        files.update(own_outputs(build, out))
        if stage is not None:  # (the store is copied to disk while the children work)
            with timed(build.timings, "write"):
                stage()
        with timed(build.timings, "render"):
            if children:
                for child in children:
                    files.update(child.result())
            else:
                files.update(_jsonld(build.store, out))
                files.update(_explorer(build.store, out))
    finally:
        for child in children:
            child.stop()
    files = marked(build, out, files)
    names = list(OUTPUTS.values())
    return dict(sorted(files.items(), key=lambda kv: names.index(kv[0].name)))


def marked(build: Build, out: Path, files: dict[Path, str | bytes]) -> dict[Path, str | bytes]:
    """Each file with a first comment saying what made it (kzgraph's version, the sources' SHA-256 and
    whether the graph conforms), where its format has comments, and ``manifest.json``, which says the
    same of every file with its size and SHA-256 (JSON-LD has no comments)."""
    import hashlib
    import json

    from kzgraph import __version__
    from kzgraph.export import provenance, with_header

    stamp = {"version": __version__, "digest": build.digest, "conforms": str(build.conforms).lower()}
    line = provenance(stamp)
    done: dict[Path, str | bytes] = {}
    for path, content in files.items():
        fmt = _HEADER_FORMATS.get(path.suffix)
        done[path] = with_header(fmt, content, line) if fmt and isinstance(content, str) else content
    manifest = {
        "generator": f"kzgraph {__version__}",
        "version": __version__,
        "sources_sha256": build.digest,
        "conforms": build.conforms,
        "files": {
            path.name: {
                "bytes": len(data := content.encode("utf-8") if isinstance(content, str) else content),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            for path, content in sorted(done.items())
        },
    }
    done[out / OUTPUTS["manifest"]] = json.dumps(manifest, indent=2) + "\n"
    return done


def own_outputs(build: Build, out: Path) -> dict[Path, str | bytes]:
    """The Turtle files and the reports."""
    from kzgraph.turtle import to_turtle

    with timed(build.timings, "export"):
        asserted: list[ox.Quad] = []
        inferred: list[ox.Quad] = []
        for role, q in build.store.graph_quads(True):
            (asserted if role == "asserted" else inferred).append(q)
        return {
            out / OUTPUTS["asserted"]: to_turtle(asserted),
            out / OUTPUTS["inferred"]: to_turtle(inferred),
            out / OUTPUTS["report"]: build.report.text() + build.problems(),
            out / OUTPUTS["quality"]: build.quality.markdown(),
        }


def _die_with_parent(parent: int) -> None:
    """In a forked child: have Linux kill it when its parent ends. A budget's hard stop ends the parent
    by ``os._exit`` or SIGKILL, which run no clean-up; without this the child went on working, an
    orphan holding the parent's output pipes open (regression: a stopped build's caller waited on them).
    """
    import signal

    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)


class _Child:
    """Work done in a forked child process; its result comes back through a pipe."""

    def __init__(self, work: Callable[[], dict[Path, str | bytes]]) -> None:
        import pickle
        import signal

        read_end, write_end = os.pipe()
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # the child: compute, send, and leave without running the parent's clean-up
            _die_with_parent(parent)
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                payload = pickle.dumps(("ok", work()))
            except BaseException as exc:  # handed to the parent, which raises it
                payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
            with contextlib.suppress(OSError), os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(0)
        os.close(write_end)
        self.pipe = os.fdopen(read_end, "rb")
        self.done = False

    def result(self) -> dict[Path, str | bytes]:
        import pickle

        data = self.pipe.read()
        os.waitpid(self.pid, 0)
        self.done = True
        kind, value = pickle.loads(data) if data else ("error", "the process ended without a result")
        if kind != "ok":
            raise InputError(f"writing the JSON-LD and the explorer failed: {value}")
        outputs: dict[Path, str | bytes] = dict(value)  # type: ignore[arg-type]
        return outputs

    def stop(self) -> None:
        """Close the pipe; kill the child if its result was never read (the build failed meanwhile)."""
        import signal

        self.pipe.close()
        if not self.done:
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)


def explorer(store: LocalStore) -> str:
    """The whole relationship explorer for a store."""
    from kzgraph.network import build_network
    from kzgraph.view import GraphView
    from kzgraph.viz import render_html

    view = GraphView(store.ox)
    net = build_network(view)
    return render_html(net, view, subtitle=f"{net.number_of_nodes()} entities, {net.number_of_edges()} ties")


def store_path(folder: Path, digest: str) -> Path:
    """Where the store built from sources with this digest lives in an output folder."""
    return Path(folder) / f"store-{digest[:16]}"


def persist(build: Build, folder: Path) -> Path:
    """Copy the build's store into ``folder`` (atomically: a reader sees the old store or the new one)."""
    return commit_store(build, Path(folder), stage_store(build, Path(folder)))


def stage_store(build: Build, folder: Path) -> Path:
    """Write the build's store to a temporary folder inside ``folder``; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{store_path(folder, build.digest).name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    report_temporary(tmp, True)
    try:
        disk = ox.Store(str(tmp))
        disk.bulk_load(build.store.ox.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        disk.flush()
        del disk
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp


def commit_store(build: Build, folder: Path, tmp: Path) -> Path:
    """Move a staged store into its place (two renames), link it as the newest, drop old ones."""
    final = store_path(folder, build.digest)
    try:
        if final.exists():
            old = folder / f".{final.name}.old-{os.getpid()}"
            os.rename(final, old)
            os.rename(tmp, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        report_temporary(tmp, False)
    _link(folder, final)
    _prune(folder, final)
    return final


def _link(folder: Path, target: Path) -> None:
    link = folder / STORE_LINK
    tmp = folder / f".{STORE_LINK}.tmp-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.symlink(target.name, tmp)
        os.replace(tmp, link)
    except OSError:  # a file system without links: the digest-named folder is still there
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _prune(folder: Path, keep: Path) -> None:
    stores = sorted(folder.glob("store-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [s for s in stores if s != keep][KEEP_STORES - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
    for left in folder.glob(".store-*.*-*"):  # staged or replaced stores of builds that were killed
        pid = left.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(left, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_build(
    out: Path = Path("build"),
    sources: Sources | None = None,
    *,
    reasoner: str = "fast",
    limits: Limits = DEFAULT_LIMITS,
) -> Build:
    """The whole build: compute everything, write every output atomically into ``out``, keep the store."""
    from kzgraph.files import write_files

    out = Path(out)
    children: list[_Child] = []
    staged: list[Path] = []
    try:
        # the JSON-LD and the explorer are made by child processes from the reasoned graph, while this
        # one validates, writes the Turtle and copies the store to disk
        build = compute(
            sources, reasoner=reasoner, limits=limits,
            after_reasoning=lambda store: children.extend(start_children(store, out)),
        )  # fmt: skip
        files = outputs(build, out, stage=lambda: staged.append(stage_store(build, out)), children=children)
        with timed(build.timings, "write"):
            write_files(files)
            commit_store(build, out, staged[0])
    except BaseException:
        for child in children:
            child.stop()
        for tmp in staged:
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    build.written = [*files, out / STORE_LINK]
    return build


def ensure_store(
    folder: Path,
    sources: Sources | None = None,
    *,
    reasoner: str = "fast",
    announce: Callable[[str], None] | None = None,
) -> LocalStore:
    """The built store in ``folder`` for these sources: opened if its stamp matches, else rebuilt there.

    When the folder cannot be written, the rebuilt store is used in memory (and ``announce`` says so).
    """
    sources = sources if sources is not None else Sources.packaged()
    digest = sources.digest()
    path = store_path(folder, digest)
    say = announce or (lambda _: None)
    if path.is_dir():
        try:
            store = LocalStore.open(path)
            if store.stamp().get("digest") == digest:
                with contextlib.suppress(OSError):  # (used now: pruning keeps the most recently used)
                    os.utime(path)
                return store
            store.close()
        except (InputError, OSError) as exc:  # (said, so that a rebuild is never a mystery)
            say(f"kzgraph: cannot read the store in {path} ({exc}); building it again")
    build = compute(sources, reasoner=reasoner)
    verdict = "" if build.conforms else " (it does not conform: run 'kzgraph validate')"
    try:
        persist(build, Path(folder))
    except OSError as exc:
        say(
            f"kzgraph: cannot keep the store in {folder} ({exc.strerror or exc}); built it in memory{verdict}"
        )
        return build.store
    say(f"kzgraph: built the store in {path} from the current sources{verdict}")
    return LocalStore.open(path)
