"""The file-system side of an export: a lock per output, files never opened through a
symlink, atomic replacement, and every ``OSError`` turned into one clear error."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from .._exceptions import ExportFileError

# O_NOFOLLOW: a symlink planted at any path an export opens is refused, never followed.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


@contextlib.contextmanager
def file_errors(path: Path | str) -> Iterator[None]:
    """Turn an ``OSError`` raised inside into an `ExportFileError` naming the file."""
    try:
        yield
    except ExportFileError:
        raise
    except OSError as err:
        name = err.filename or path
        reason = err.strerror or str(err) or type(err).__name__
        if err.errno == errno.ELOOP:
            reason = "it is a symbolic link (refused)"
        raise ExportFileError(err.errno or 0, f"{name}: {reason}", str(name)) from err


def umask_mode() -> int:
    """The mode a new file gets from the user's umask (0o644 under umask 022), as ``open``
    would give: files created under a temporary name (0o600) are set to it."""
    mask = os.umask(0o022)  # the only way to read it: set, then put back at once
    os.umask(mask)
    return 0o666 & ~mask


def create(path: Path) -> BinaryIO:
    """A new file for writing; an existing file or symlink at ``path`` is an error."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
    return os.fdopen(os.open(path, flags, 0o666), "wb")  # as the umask says


def reopen(path: Path, *, create_missing: bool = False) -> BinaryIO:
    """An existing file of this export for reading and writing, never through a symlink."""
    flags = os.O_RDWR | _NOFOLLOW | _CLOEXEC | (os.O_CREAT if create_missing else 0)
    return os.fdopen(os.open(path, flags, 0o666), "r+b")


def append(source: BinaryIO, target: BinaryIO) -> None:
    """Copy all of ``source`` (unread) to the end of ``target``: in the kernel where the
    system can (``copy_file_range``: no trip through Python, a reflink on some file
    systems), else through a buffer."""
    target.flush()
    copied, size = 0, os.fstat(source.fileno()).st_size
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not these files
        while copied < size:
            step = os.copy_file_range(source.fileno(), target.fileno(), size - copied)
            if step == 0:
                break
            copied += step
    source.seek(copied)  # what the kernel did not copy, if anything, goes through Python
    shutil.copyfileobj(source, target, 1 << 20)


def is_present(path: Path) -> bool:
    """Whether anything (a file, a directory, a symlink, even a dangling one) is at ``path``."""
    return os.path.lexists(path)


def part(output: Path, index: int) -> Path:
    """Where shard ``index`` of a sharded export writes before the join: ``<output>.partN``."""
    return output.with_name(f"{output.name}.part{index}")


def parts(output: Path) -> dict[int, Path]:
    """Every path beside ``output`` named as one of its shards' parts, by shard index."""
    pattern = re.compile(re.escape(output.name) + r"\.part(0|[1-9][0-9]*)")
    with os.scandir(output.parent) as entries:
        found = {int(m[1]): Path(e.path) for e in entries if (m := pattern.fullmatch(e.name))}
    return found


#: The most pieces one ``os.writev`` takes.
_IOV_MAX = 1024


def write_pieces(handle: BinaryIO, pieces: Sequence[bytes | bytearray]) -> None:
    """Write ``pieces`` one after another at the position of ``handle`` (a file).

    ``os.writev`` takes them straight from their memory: no joined copy of the page (on a
    fresh half-megabyte buffer the kernel's page faults cost ten times the copying), and
    no Python call per piece. A call that stops short (a signal, a nearly full disk) is
    followed by plain writes of what is left, so a page is written whole or raises.
    """
    handle.flush()  # what the handle buffered (a header) goes first
    fd = handle.fileno()
    for start in range(0, len(pieces), _IOV_MAX):
        batch = pieces[start : start + _IOV_MAX]
        done = os.writev(fd, batch)
        if done < sum(map(len, batch)):
            rest = memoryview(b"".join(batch))[done:]
            while rest:
                rest = rest[os.write(fd, rest) :]


def replace_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a new temporary file in the same directory."""
    with staged(path) as (handle, _):
        handle.write(data)


@contextlib.contextmanager
def staged(path: Path) -> Iterator[tuple[BinaryIO, Path]]:
    """A temporary file beside ``path`` (created exclusively, so never through a symlink),
    synced and renamed over ``path`` when the block ends well, removed otherwise."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        os.fchmod(fd, umask_mode())  # mkstemp's 0o600 is for the temporary name only
        with os.fdopen(fd, "wb") as handle:
            yield handle, temporary
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def remove(path: Path) -> None:
    """Remove a file of this export if it is there."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


class OutputLock:
    """An exclusive lock on one output, held for a whole export (``<output>.lock``).

    ``flock`` on a lock file beside the output: a second export or resume of the same output
    is refused at once instead of interleaving its pages. The file is removed on release; a
    lock taken on a file that was removed meanwhile is retaken on the new one.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = output.with_name(output.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        for _ in range(100):  # bounded: each retry means another process just released it
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise ExportFileError(
                    errno.EBUSY,
                    f"{self.output}: another export is writing this output "
                    f"(it holds {self.path.name}); wait for it to finish.",
                    str(self.path),
                ) from None
            except BaseException:
                os.close(fd)
                raise
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path, follow_symlinks=False).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._fd = fd
                return
            os.close(fd)  # the holder removed it as we took it: take the new one
        raise ExportFileError(errno.EBUSY, f"{self.path}: could not take the lock", str(self.path))

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            os.close(self._fd)
            self._fd = None
