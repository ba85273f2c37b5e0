"""Reading the user's files: regular files only, and never more than a limit.

A device, a FIFO or a socket named as an input (or reached through a symlink) is refused
without being read, and cannot hang the program or fill its memory.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from modelpick.errors import InputError

_CHUNK = 1 << 20

# --- reading --------------------------------------------------------------------------------


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, for a message: `a FIFO (named pipe)`."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _not_regular(mode: int, name: str, what: str) -> InputError:
    if stat.S_ISDIR(mode):
        return InputError(f"{what} is a directory", file=name)
    return InputError(f"{what} is {file_kind(mode)}, not a regular file", file=name)


def _read_error(exc: OSError, name: str, what: str) -> InputError:
    code = exc.errno
    if code == errno.ENOENT:
        return InputError(f"{what} not found", file=name)
    if code in (errno.EACCES, errno.EPERM):
        return InputError(f"{what} is not readable (permission denied)", file=name)
    if code == errno.ENAMETOOLONG:
        return InputError(f"cannot read {what}: its name or path is too long", file=name)
    if code == errno.ENXIO:  # open() on a socket
        return InputError(f"{what} is a socket, not a regular file", file=name)
    if code == errno.EISDIR:
        return InputError(f"{what} is a directory", file=name)
    if code == errno.ELOOP:
        return InputError(f"cannot read {what}: too many levels of symbolic links", file=name)
    if code == errno.ENOTDIR:
        return InputError(f"cannot read {what}: a part of its path is not a directory", file=name)
    return InputError(f"cannot read {what}: {exc.strerror or exc}", file=name)


def _too_big(name: str, what: str, max_bytes: int, size: int | None = None) -> InputError:
    if size is None:
        return InputError(f"{what} is larger than the limit of {max_bytes:,} bytes", file=name)
    return InputError(f"{what} is {size:,} bytes; the limit is {max_bytes:,}", file=name)


def _refuse_to_read(info: os.stat_result, name: str, what: str, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(info.st_mode, name, what)
    if info.st_size > max_bytes:
        raise _too_big(name, what, max_bytes, info.st_size)


def read_bytes(path: Path, *, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `max_bytes`; every problem is one InputError.

    The file's size is not trusted (/proc files say 0, a file can grow): at most
    `max_bytes + 1` bytes are ever read. Anything but a regular file, symlinks followed, is
    refused before it is opened, and again after (it may have been swapped): the open does
    not block, so a FIFO with no writer cannot hang the program.
    """
    name = str(path)
    try:
        _refuse_to_read(os.stat(path), name, what, max_bytes)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _read_error(exc, name, what) from None
    try:
        _refuse_to_read(os.fstat(fd), name, what, max_bytes)
        with contextlib.suppress(AttributeError, OSError):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise _too_big(name, what, max_bytes)
    except OSError as exc:
        raise _read_error(exc, name, what) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_text(path: Path, *, max_bytes: int, what: str = "file", kind: str = "text") -> str:
    """A UTF-8 text file read through read_bytes; binary or undecodable text is an InputError.

    `kind` names what the text should have been, for the message ("YAML text").
    """
    raw = read_bytes(path, max_bytes=max_bytes, what=what)
    name = str(path)
    if b"\x00" in raw:
        raise InputError(f"{what} is binary, not {kind}", file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{what} is not valid UTF-8 text", file=name, line=line) from None

