"""Writing files safely: a temporary file in the same directory, then an atomic rename."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from modelpick.errors import InputError, WriteRefused

_FORBIDDEN_IN_NAME = ("/", "\\", "\x00")


def safe_child(directory: Path, name: str, *, what: str = "file") -> Path:
    """The path of `name` inside `directory`, refusing anything that could land elsewhere.

    For commands that choose a file name (from a title or a workload name) and write it into a
    directory the user named: the name must be a plain file name (no separators, no `..`, not
    absolute, no NUL or control characters), the directory must not be a symbolic link, and
    the resolved parent of the result must be the resolved directory.
    """
    directory = Path(directory)
    if (
        not name
        or name in (".", "..")
        or any(bad in name for bad in _FORBIDDEN_IN_NAME)
        or (os.altsep and os.altsep in name)
        or any(ord(ch) < 32 or ord(ch) == 127 for ch in name)
        or Path(name).is_absolute()
    ):
        raise WriteRefused(
            f"refusing {what} name {name!r}: it must be a plain file name", file=str(directory)
        )
    if directory.is_symlink():
        raise WriteRefused(
            f"refusing to write {what} through a directory that is a symbolic link",
            file=str(directory),
        )
    child = directory / name
    if child.is_symlink():
        raise WriteRefused(f"refusing to write {what} through a symbolic link", file=str(child))
    try:
        inside = child.resolve().parent == directory.resolve()
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise WriteRefused(f"{what} would land outside {directory}", file=str(child))
    return child


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_writable(path: Path, *, force: bool = False, what: str = "file") -> Path:
    """Refuse, before any work is done, a target that write_atomic would refuse.

    Returns the directory the file will be written in.
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
    return directory


def write_atomic(path: Path, text: str, *, force: bool = False, what: str = "file") -> None:
    """Write `text` to `path` so that it is either wholly there or not there at all.

    Refuses to overwrite an existing file unless `force`, and refuses to write through a
    symlink (it could point anywhere). Whatever interrupts it, KeyboardInterrupt included,
    the temporary file is removed and the target is either untouched or complete.
    """
    target = Path(path)
    directory = check_writable(target, force=force, what=what)
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            fd = -1
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes 0600: keep a replaced file's mode, else the usual one.
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        if force:
            os.replace(tmp, target)
        else:
            _place_new(tmp, target, what)
        tmp = ""
    except OSError as exc:
        raise InputError(
            f"cannot write {what}: {exc.strerror or exc}", file=str(target)
        ) from None
    finally:
        # `finally`, not `except OSError`: Ctrl-C in the middle must not leave a temp file.
        if fd != -1:
            with contextlib.suppress(OSError):
                os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _place_new(tmp: str, target: Path, what: str) -> None:
    """Move `tmp` to `target` only if `target` does not exist, atomically where possible."""
    try:
        os.link(tmp, target)  # fails if the target appeared meanwhile: no clobbering race
    except FileExistsError:
        raise WriteRefused(
            f"{what} appeared while writing", file=str(target), hint="use --force"
        ) from None
    except OSError:
        # No hard links here (some network and FAT file systems): check, then rename.
        if target.exists():
            raise WriteRefused(
                f"{what} appeared while writing", file=str(target), hint="use --force"
            ) from None
        os.replace(tmp, target)
        return
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
