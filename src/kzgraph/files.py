"""Writing output files: whole files or none, and never a device replaced by a regular file.

Every output goes to a temporary file beside its target, is flushed to disk and renamed over the target,
so a crash, a full disk or a kill in mid-write leaves the previous file as it was. A target that is a
symbolic link is followed (the file it points at is replaced, the link stays). A target that exists but
is not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO, a ``/proc`` link to one of them) is
written directly, since renaming over it would destroy it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from kzgraph.budget import register_temporary, release_temporary
from kzgraph.errors import InputError, KzError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def special(path: Path) -> bool:
    """True when ``path`` exists and (after links) is not a regular file or folder: a device, a FIFO."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def open_regular(path: Path) -> int:
    """A read-only descriptor of ``path``, refused (one line, naming it) unless it is a regular file.

    Opened without blocking, so that a FIFO is refused rather than waited on, and checked on the open
    descriptor, so that the file cannot be swapped between the check and the read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not an RDF file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    mode = os.fstat(fd).st_mode
    if stat.S_ISREG(mode):
        return fd
    os.close(fd)
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder, not an RDF file")
    kind = (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    raise InputError(f"{path}: is {kind}; kzgraph reads only regular files")


@contextmanager
def atomic_writer(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path``, on error it vanishes."""
    path = Path(path)
    if special(path):
        with open(
            path, mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else ""
        ) as handle:
            yield handle
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{path.parent}: cannot create folder ({exc.strerror})") from None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    register_temporary(Path(tmp))
    try:
        encoding = None if "b" in mode else "utf-8"
        newline = None if "b" in mode else ""
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        release_temporary(Path(tmp))


def write_text(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` atomically (UTF-8)."""
    try:
        with atomic_writer(path, "wb" if isinstance(text, bytes) else "w") as handle:
            handle.write(text)
    except OSError as exc:
        raise KzError(f"{path}: cannot write ({exc.strerror})") from None


def write_files(files: Mapping[Path, str | bytes]) -> None:
    """Write several files, each atomically."""
    for path, text in files.items():
        write_text(path, text)
