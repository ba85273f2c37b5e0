"""Writing files safely: a temporary file in the same directory, then an atomic rename."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from modelpick.errors import InputError, WriteRefused


def write_atomic(path: Path, text: str, *, force: bool = False, what: str = "file") -> None:
    """Write `text` to `path` so that it is either wholly there or not there at all.

    Refuses to overwrite an existing file unless `force`, and refuses to write through a
    symlink (it could point anywhere).
    """
    target = Path(path)
    if target.is_symlink():
        raise WriteRefused(f"refusing to write {what} through a symbolic link", file=str(target))
    if target.exists() and target.is_dir():
        raise WriteRefused(f"cannot write {what}: a directory is in the way", file=str(target))
    if target.exists() and not force:
        raise WriteRefused(
            f"{what} already exists", file=str(target), hint="use --force to overwrite it"
        )
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"cannot write {what}: directory does not exist", file=str(directory))
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            fd = -1
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and target.exists():
            raise WriteRefused(
                f"{what} appeared while writing", file=str(target), hint="use --force"
            )
        os.replace(tmp, target)
        tmp = ""
    except OSError as exc:
        raise InputError(
            f"cannot write {what}: {exc.strerror or exc}", file=str(target)
        ) from None
    finally:
        if fd != -1:
            os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_atomic_many(files: dict[Path, str], *, what: str = "file") -> None:
    """Replace several existing files so that each is either wholly old or wholly new.

    Every new text is written to a temporary file beside its target and synced first; only
    when all of them are on disk are they renamed into place. A failure before the renames
    leaves every target untouched. Symlinks and directories in the way are refused up front.
    """
    targets = [Path(p) for p in files]
    for target in targets:
        if target.is_symlink():
            raise WriteRefused(
                f"refusing to write {what} through a symbolic link", file=str(target)
            )
        if target.is_dir():
            raise WriteRefused(f"cannot write {what}: a directory is in the way", file=str(target))
        if not target.parent.is_dir():
            raise InputError(
                f"cannot write {what}: directory does not exist", file=str(target.parent)
            )
    staged: list[tuple[str, Path]] = []
    current = targets[0] if targets else None
    try:
        for target, text in zip(targets, files.values(), strict=True):
            current = target
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((tmp, target))
            if target.exists():  # keep the replaced file's permissions, not mkstemp's 0600
                os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, target in staged:
            current = target
            os.replace(tmp, target)
    except OSError as exc:
        raise InputError(
            f"cannot write {what}: {exc.strerror or exc}", file=str(current)
        ) from None
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
