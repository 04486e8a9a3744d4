"""Run store queries where no network connection can be opened, on a thread with a deep stack.

The query guard (:mod:`kzgraph.sparql.guard`) refuses ``SERVICE`` before a query runs. This is the second
wall: Oxigraph can send HTTP requests of its own for ``SERVICE``, and the only way to be sure it never
does, however a query is written, is to make opening a network socket impossible where queries run.
On Linux (x86-64 and ARM64) the query thread installs a seccomp filter, as an unprivileged process may,
that makes ``socket()`` fail for the Internet families (IPv4, IPv6, packet) and refuses ``io_uring``.
The filter holds for that thread alone, so the rest of the process (a web server, the caller's own
code) keeps its network. Elsewhere the guard is the only wall; :func:`network_blocked` says which.

The thread also has a 256 MB stack, so that a query deep enough to pass the guard's limits has room to
spare in a native recursive parser or evaluator.

>>> run_sandboxed(lambda: 1 + 1)
2
"""

from __future__ import annotations

import ctypes
import errno
import platform
import queue
import struct
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

#: Stack size of the query thread.
STACK_BYTES = 256 * 1024 * 1024

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
#: (audit architecture, socket syscall, io_uring_setup syscall, x32 bit) by machine
_ARCH = {
    "x86_64": (0xC000003E, 41, 425, 0x40000000),
    "aarch64": (0xC00000B7, 198, 425, 0),
}
_BLOCKED_FAMILIES = (2, 10, 17)  # AF_INET, AF_INET6, AF_PACKET


def _filter_program() -> bytes | None:
    arch = _ARCH.get(platform.machine())
    if arch is None or not sys.platform.startswith("linux"):
        return None
    audit, nr_socket, nr_uring, x32 = arch

    def stmt(code: int, k: int) -> bytes:
        return struct.pack("HBBI", code, 0, 0, k)

    def jump(k: int, true: int, false: int) -> bytes:
        return struct.pack("HBBI", 0x15, true, false, k)  # BPF_JMP | BPF_JEQ | BPF_K

    load_arch, load_nr, load_arg0 = 0x20, 0x20, 0x20  # BPF_LD | BPF_W | BPF_ABS
    deny = stmt(0x06, _RET_ERRNO | errno.EACCES)  # BPF_RET | BPF_K
    allow = stmt(0x06, _RET_ALLOW)
    families = len(_BLOCKED_FAMILIES)
    program = [
        stmt(load_arch, 4),  # seccomp_data.arch
        jump(audit, 1, 0),
        deny,  # another architecture's calling convention: refuse outright
        stmt(load_nr, 0),  # seccomp_data.nr
    ]
    if x32:
        program += [struct.pack("HBBI", 0x45, 0, 1, x32), deny]  # BPF_JSET: the x32 ABI, refused
    program += [
        jump(nr_uring, 0, 1),
        deny,
        jump(nr_socket, 0, families + 1),
        stmt(load_arg0, 16),  # seccomp_data.args[0], low word: the address family
    ]
    for i, family in enumerate(_BLOCKED_FAMILIES):
        program.append(jump(family, families - i, 0))
    program += [allow, deny]
    return b"".join(program)


def block_network() -> bool:
    """Make this thread (and threads it starts) unable to open Internet sockets; True if it worked."""
    program = _filter_program()
    if program is None:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    buffer = ctypes.create_string_buffer(program)

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = SockFprog(len(program) // 8, ctypes.addressof(buffer))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return bool(libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0)


class _QueryThread:
    """One daemon thread, network blocked, deep stack, running submitted calls one at a time."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = queue.SimpleQueue()
        self.blocked = threading.Event()
        self.ready = threading.Event()
        self.abandoned = False
        old = threading.stack_size()
        threading.stack_size(STACK_BYTES)
        try:
            self.thread = threading.Thread(target=self._loop, name="kzgraph-query", daemon=True)
            self.thread.start()
        finally:
            threading.stack_size(old)
        self.ready.wait()

    def _loop(self) -> None:
        if block_network():
            self.blocked.set()
        self.ready.set()
        while not self.abandoned:
            fn, future = self.jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as exc:  # handed to the caller, which re-raises it
                future.set_exception(exc)

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        self.jobs.put((fn, future))
        return future


_thread: _QueryThread | None = None
_lock = threading.Lock()


def _query_thread() -> _QueryThread:
    global _thread
    with _lock:
        if _thread is None or not _thread.thread.is_alive():
            _thread = _QueryThread()
        return _thread


def run_sandboxed(fn: Callable[[], T]) -> T:
    """Run ``fn`` on the query thread and return its result (or raise its exception).

    Everything that makes a store evaluate a query (the call, and reading a lazy result) must happen
    inside ``fn``.
    """
    worker = _query_thread()
    future = worker.submit(fn)
    try:
        return future.result()
    except BaseException:
        if not future.done():  # the caller gave up (a time budget, Ctrl-C): the query still runs there,
            with _lock:  # so later queries get a thread of their own instead of waiting behind it
                global _thread
                worker.abandoned = True
                if _thread is worker:
                    _thread = None
        raise


def network_blocked() -> bool:
    """True when the query thread cannot open network sockets (Linux, x86-64 or ARM64)."""
    return _query_thread().blocked.is_set()
