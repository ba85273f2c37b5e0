"""A user's catalog (`--catalog DIR`), validated on first use and kept as plain data.

Entries live in `$XDG_CACHE_HOME/modelpick` (`~/.cache/modelpick` without it), one file per
catalog content, named by a digest of modelpick's version, its records' fingerprint and the
catalog files' bytes: an edited catalog or another modelpick makes a new entry and never
reads an old one. The directory is created 0700 and used only while it is the user's own,
not a symbolic link and not writable by anyone else; entries are opened without following
symbolic links, and written to a temporary file that is renamed into place. An entry is JSON
(`plain`), never code, and its digest is checked when it is read: one damaged or edited by
hand is ignored, and replaced. Checks that depend on today's date run again on every use
(`loader`). Every failure to use the cache only means validating again.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from modelpick import __version__
from modelpick.catalog import schema as s
from modelpick.catalog.parse import MAX_CATALOG_FILE_BYTES, Catalog, Documents
from modelpick.catalog.plain import EntryError, content_sha256, decode, encode, schema_fingerprint
from modelpick.errors import InputError

if TYPE_CHECKING:
    from modelpick.catalog.record import Record

CACHE_HOME = "XDG_CACHE_HOME"
SUBDIRECTORY = "modelpick"
MAX_ENTRY_BYTES = 2 * len(s.FILES) * MAX_CATALOG_FILE_BYTES
"""Twice what the catalog files may hold: an entry is their validated data, and no larger."""
KEEP_ENTRIES = 8
"""Entries kept (the most recently written); older ones are removed when one is written."""
_SUFFIX = ".catalog.json"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Lookup:
    """What a catalog directory's files are, and the entry made for them if there is one."""

    key: str | None
    """The entry's name (None when the files could not all be read: nothing to cache)."""
    content_sha256: str | None
    catalog: Catalog | None = None
    files: Mapping[str, bytes] | None = field(default=None, repr=False)
    """The bytes digested, when there was no entry for them: to be parsed as they are, so
    that what is validated and kept is what the key names (`parse_catalog(files=...)`)."""


def cache_root() -> Path | None:
    """`$XDG_CACHE_HOME/modelpick`, or `~/.cache/modelpick`; None without a home."""
    base = os.environ.get(CACHE_HOME, "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is to be ignored
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            return None
    return Path(base) / SUBDIRECTORY


def read_files(directory: Path) -> dict[str, bytes] | None:
    """The catalog files' bytes, read as the parser reads them; None if any cannot be."""
    from modelpick.fileio import read_bytes

    try:
        return {
            name: read_bytes(directory / name, max_bytes=MAX_CATALOG_FILE_BYTES,
                             what="catalog file")
            for name in s.FILES
        }
    except InputError:
        return None


def entry_key(content: str) -> str:
    """The entry's name for a catalog of this content, read by this modelpick."""
    seed = f"{__version__}\0{schema_fingerprint()}\0{content}".encode()
    return hashlib.sha256(seed).hexdigest()


def lookup(directory: Path) -> Lookup:
    """The cached catalog for a directory's current files, if one was made (else its key)."""
    files = read_files(directory)
    if files is None:
        return Lookup(None, None)
    content = content_sha256(files)
    key = entry_key(content)
    blob = _read_entry(key)
    if blob is None:  # no entry: the files are parsed as they were read
        return Lookup(key, content, files=files)
    del files  # tens of megabytes for a large catalog: not kept while its entry is read

    def read() -> bytes:
        nonlocal blob
        taken, blob = blob, None  # let go of as soon as `decode` does
        assert taken is not None
        return taken

    try:
        records, _ = decode(read, expect={"catalog_sha256": content, "key": key},
                            directory=directory)
    except EntryError:
        return Lookup(key, content)
    return Lookup(key, content, Catalog.from_files(directory, records, Documents(directory)))


def store(directory: Path, found: Lookup, records: Mapping[str, Record]) -> bool:
    """Keep a validated catalog's records under their key; False if it could not be.

    Nothing is kept when the files changed since they were looked up (what was validated
    may then be neither the old content nor the new); files validated from the very bytes
    looked up (`Lookup.files`) are what the key names, and are not read again.
    """
    if found.key is None or found.content_sha256 is None:
        return False
    if found.files is None:
        now = read_files(directory)
        if now is None or content_sha256(now) != found.content_sha256:
            return False
        del now
    header = {"catalog_sha256": found.content_sha256, "key": found.key}
    blob = encode(header, records)
    try:
        with _directory(create=True) as fd:
            _write(fd, found.key + _SUFFIX, blob)
            _prune(fd)
    except OSError:
        return False
    return True


# --- the directory and its entries, by file descriptor ---------------------------------------


@contextlib.contextmanager
def _directory(*, create: bool) -> Iterator[int]:
    """The cache directory, opened without following a link and checked to be the user's own.

    Raises OSError when there is none (and `create` is false), or it may not be used.
    """
    root = cache_root()
    if root is None:
        raise OSError(errno.ENOENT, "no cache directory")
    if create:
        os.makedirs(root.parent, mode=0o700, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(root, 0o700)
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISDIR(info.st_mode) or not _owned(info) or info.st_mode & 0o022:
            raise OSError(errno.EPERM, "the cache directory is not the user's own", str(root))
        yield fd
    finally:
        os.close(fd)


def _owned(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _read_entry(key: str) -> bytes | None:
    """An entry's bytes, or None when there is none or it is not a plain file of the user's."""
    try:
        with _directory(create=False) as directory:
            fd = os.open(key + _SUFFIX, os.O_RDONLY | _NOFOLLOW | _CLOEXEC, dir_fd=directory)
            try:
                info = os.fstat(fd)
                if (not stat.S_ISREG(info.st_mode) or not _owned(info)
                        or info.st_size > MAX_ENTRY_BYTES):
                    return None
                with os.fdopen(os.dup(fd), "rb") as stream:
                    blob = stream.read(info.st_size + 1)
                return blob if len(blob) == info.st_size else None  # changed as it was read
            finally:
                os.close(fd)
    except OSError:
        return None


def _write(directory: int, name: str, blob: bytes) -> None:
    """Write an entry atomically: a new temporary file, renamed over the entry's name."""
    temp = f".{name}.{secrets.token_hex(8)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
    fd = os.open(temp, flags, 0o600, dir_fd=directory)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(blob)
        os.replace(temp, name, src_dir_fd=directory, dst_dir_fd=directory)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=directory)
        raise


def _prune(directory: int) -> None:
    """Remove all but the KEEP_ENTRIES most recently written entries."""
    entries = []
    with os.scandir(directory) as listing:
        for entry in listing:
            if entry.name.endswith(_SUFFIX) and entry.is_file(follow_symlinks=False):
                entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.name))
    for _, name in sorted(entries, reverse=True)[KEEP_ENTRIES:]:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=directory)
