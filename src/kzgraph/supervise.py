"""The ``kzgraph`` command runs in a child process that this one watches: its time, its memory, its end.

Native code (Oxigraph's parser and engine) holds the interpreter while it works, so a watchdog thread in
the same process cannot always run when a budget is spent, and a crash there (a stack overflow, an abort
on a failed allocation) would end the process without a word. So the command forks: the child does the
work, and the parent, which does nothing else, checks every 50 ms whether

- the time budget (``--timeout``) is spent: the child is given a moment to stop itself cleanly (its own
  watchdog interrupts it), then killed;
- the memory budget (``--memory-limit``) is exceeded by the child's resident memory: the child is killed;
- the child died of a signal: a crash.

Each ends with one line on standard error, exit code 3 (a budget) or 2 (a crash), and no partial output
file: the child reports every temporary output file it opens, and the parent removes those left behind.
In-process callers (tests, the library) use :func:`kzgraph.cli.main` directly and are not supervised.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

#: Seconds the child gets after its time budget to stop itself before it is killed.
GRACE_SECONDS = 1.0
POLL_SECONDS = 0.05
#: Environment variable through which the child reports its temporary files.
REPORT_FD = "KZGRAPH_SUPERVISOR_FD"


def _physical_mb() -> int:
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 / 1024)
    except (ValueError, OSError, AttributeError):
        return 16384


#: The default memory budget: 8 GB, or three quarters of the machine's memory if that is less.
DEFAULT_MEMORY_MB = min(8192, int(_physical_mb() * 0.75))


def resident_mb(pid: int) -> float:
    """Resident memory of a process, in MB (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def _options(argv: Sequence[str]) -> tuple[str | None, float, int]:
    """The command name, time budget and memory budget in ``argv`` (parsed as the CLI parses them)."""
    from kzgraph.cli import build_parser

    try:
        args, _ = build_parser().parse_known_args(list(argv))
    except SystemExit:
        return None, 0.0, 0
    return getattr(args, "command", None), float(args.timeout or 0), int(args.memory_limit or 0)


def supervised(main: Callable[[Sequence[str]], int], argv: Sequence[str]) -> int:
    """Run ``main(argv)`` in a watched child process; its exit code, or 3 / 2 / 130 as above."""
    if not hasattr(os, "fork") or any(a in ("-h", "--help", "--version") for a in argv):
        return main(argv)
    command, timeout, memory_mb = _options(argv)
    if command in (None, "serve"):  # a server has no budget; its queries run in watched workers
        return main(argv)
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: do the work
        os.close(read_end)
        os.environ[REPORT_FD] = str(write_end)
        code = 2
        try:
            code = main(argv)
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
            with contextlib.suppress(Exception):
                sys.stderr.flush()
            os._exit(code)
    os.close(write_end)
    return _watch(pid, read_end, command, timeout, memory_mb)


def _watch(pid: int, pipe: int, command: str, timeout: float, memory_mb: int) -> int:
    temporaries: set[str] = set()
    buffer = b""
    interrupted: list[float] = []
    previous = signal.signal(signal.SIGINT, lambda *_: interrupted.append(time.monotonic()))
    start = time.monotonic()
    verdict: tuple[int, str] | None = None
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            ready, _, _ = select.select([pipe], [], [], POLL_SECONDS)
            if ready:
                chunk = os.read(pipe, 65536)
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    name = line[1:].decode("utf-8", "surrogateescape")
                    (temporaries.add if line.startswith(b"+") else temporaries.discard)(name)
            now = time.monotonic()
            if timeout and now - start > timeout + GRACE_SECONDS:
                verdict = (
                    3,
                    f"kzgraph {command} stopped after its {timeout:g} s time budget "
                    "(raise it with --timeout)",
                )
            elif memory_mb and resident_mb(pid) > memory_mb:
                verdict = (
                    3,
                    f"kzgraph {command} stopped: it used more than its {memory_mb} MB memory budget "
                    "(raise it with --memory-limit)",
                )
            elif interrupted and now - interrupted[0] > 2 * GRACE_SECONDS:
                verdict = (130, "kzgraph: interrupted")
            if verdict is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
                break
    finally:
        signal.signal(signal.SIGINT, previous)
        os.close(pipe)
    for name in temporaries:
        path = Path(name)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
    if verdict is not None:
        code, message = verdict
        sys.stderr.write(message + "\n" if code == 130 else f"kzgraph: error: {message}\n")
        return code
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        if sig == signal.SIGINT:
            return 130
        sys.stderr.write(f"kzgraph: error: kzgraph {command} crashed ({name}); nothing was written\n")
        return 2
    return os.WEXITSTATUS(status)


def report_temporary(path: Path, added: bool) -> None:
    """Tell the supervising parent (if any) about a temporary output file or folder, so it can clean up
    after a kill."""
    fd = os.environ.get(REPORT_FD)
    if fd is None:
        return
    with contextlib.suppress(OSError, ValueError):
        os.write(int(fd), (b"+" if added else b"-") + os.fsencode(path) + b"\n")
