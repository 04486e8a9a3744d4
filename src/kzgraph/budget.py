"""Time budgets: every command stops, with a clear error, when it runs past its budget.

A watchdog thread waits for the budget to run out. It first interrupts the main thread, which stops
pure-Python work (rdflib, owlrl, pyshacl) at once and lets the usual clean-up run: the atomic writers
remove their temporary files. Work inside native code (Oxigraph, the Rust reasoner) cannot be
interrupted, so if the command has not stopped two seconds later the watchdog removes any temporary
output file still registered and ends the process. Either way no partial output is left, and the
command exits with :data:`EXIT_BUDGET`.
"""

from __future__ import annotations

import _thread
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from kzgraph.errors import BudgetError

#: The exit code of a command stopped for running past its time budget.
EXIT_BUDGET = 3
#: How long the watchdog waits, after interrupting, before it ends the process.
GRACE_SECONDS = 1.5

_temporary: set[Path] = set()
_lock = threading.Lock()


def register_temporary(path: Path) -> None:
    """Remember a temporary output file, so a hard stop (here or by the supervisor) can remove it."""
    from kzgraph.supervise import report_temporary

    with _lock:
        _temporary.add(path)
    report_temporary(path, True)


def release_temporary(path: Path) -> None:
    """Forget a temporary file once it has been renamed or removed."""
    from kzgraph.supervise import report_temporary

    with _lock:
        _temporary.discard(path)
    report_temporary(path, False)


def _remove_temporaries() -> None:
    with _lock:
        for path in list(_temporary):
            with contextlib.suppress(OSError):
                path.unlink()
        _temporary.clear()


def _interrupt_main() -> None:
    """Deliver a real SIGINT to the main thread, so a blocking call (sleep, I/O) wakes up too.

    ``_thread.interrupt_main`` only sets Python's flag, which a thread blocked in a system call
    would not see until the call returned.
    """
    main = threading.main_thread().ident
    if hasattr(signal, "pthread_kill") and main is not None:
        signal.pthread_kill(main, signal.SIGINT)
    else:  # pragma: no cover - platforms without pthread_kill
        _thread.interrupt_main()


class Watchdog:
    """Interrupts the main thread when ``seconds`` have passed, and ends the process if it must."""

    def __init__(self, seconds: float, what: str) -> None:
        self.seconds = seconds
        self.what = what
        self.fired = threading.Event()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="kzgraph-watchdog", daemon=True)

    def _watch(self) -> None:
        if self.done.wait(self.seconds):
            return
        self.fired.set()
        _interrupt_main()
        if self.done.wait(GRACE_SECONDS):
            return
        # Still inside native code: clean up and stop the process.
        _remove_temporaries()
        sys.stderr.write(f"kzgraph: error: {self.message()}\n")
        sys.stderr.flush()
        os._exit(EXIT_BUDGET)

    def message(self) -> str:
        """The one-line error for a stopped command."""
        return f"{self.what} stopped after its {self.seconds:g} s time budget (raise it with --timeout)"

    def start(self) -> Watchdog:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.done.set()


@contextlib.contextmanager
def time_budget(seconds: float | None, what: str) -> Iterator[Watchdog | None]:
    """Run the body under a time budget; raise :class:`BudgetError` if it runs out.

    Only the main thread can be interrupted, so elsewhere (and for ``seconds`` of None or 0) the body
    runs without a budget.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield None
        return
    # The watchdog interrupts with SIGINT, so the budget owns SIGINT's handler while it runs: another
    # library (an event loop, a test runner) may have installed one that does not raise, and the main
    # thread then slept on until the hard stop ended the whole process.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    dog = Watchdog(seconds, what).start()
    try:
        yield dog
    except KeyboardInterrupt:
        if dog.fired.is_set():
            raise BudgetError(dog.message()) from None
        raise
    finally:
        dog.stop()
        if previous is not None:  # (None: installed outside Python, and not restorable from it)
            signal.signal(signal.SIGINT, previous)
