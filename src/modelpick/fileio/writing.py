"""Writing the user's files: regular files replaced, or new paths created, all or none.

Every text is staged in a temporary file beside its target and synced, then all of them are
moved into place together, and a failure part of the way puts back what was there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from modelpick.errors import InputError, WriteRefused
from modelpick.fileio.reading import file_kind
from modelpick.frozen import frozen

_FORBIDDEN_IN_NAME = ("/", "\\", "\x00")

# --- names chosen by the program ------------------------------------------------------------


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


# --- checking targets -----------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_error(exc: OSError, target: Path, what: str) -> InputError:
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(f"cannot write {what}: its name or path is too long", file=str(target))
    return InputError(f"cannot write {what}: {exc.strerror or exc}", file=str(target))


def _lstat(path: Path, what: str) -> os.stat_result | None:
    """The target itself (never what a symlink points to), or None for a new path."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _write_error(exc, path, what) from None


def _refuse_in_the_way(path: Path, info: os.stat_result, *, overwrite: bool, what: str) -> None:
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        raise WriteRefused(f"refusing to write {what} through a symbolic link", file=str(path))
    if stat.S_ISDIR(mode):
        raise WriteRefused(f"cannot write {what}: a directory is in the way", file=str(path))
    if not stat.S_ISREG(mode):
        raise WriteRefused(
            f"refusing to write {what} over {file_kind(mode)}: only regular files are replaced",
            file=str(path),
        )
    if not overwrite:
        raise WriteRefused(
            f"{what} already exists", file=str(path), hint="use --force to overwrite it"
        )


def check_writable(path: Path, *, force: bool = False, what: str = "file") -> Path:
    """Refuse, before any work is done, a target that write_files would refuse.

    The one check every write makes (by lstat, so root is refused the same things): the
    target is a new path, or with `force` an existing regular file; never a symlink
    (dangling or not), a directory, a device, a FIFO or a socket. Its directory must exist.
    Returns the directory the file will be written in.
    """
    target = Path(path)
    info = _lstat(target, what)
    if info is not None:
        _refuse_in_the_way(target, info, overwrite=force, what=what)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        is_dir = stat.S_ISDIR(os.stat(directory).st_mode)
    except FileNotFoundError:
        is_dir = False
    except OSError as exc:
        if exc.errno != errno.ENOTDIR:
            raise _write_error(exc, target, what) from None
        is_dir = False
    if not is_dir:
        raise InputError(f"cannot write {what}: directory does not exist", file=str(directory))
    return directory


def _identities(path: Path) -> set[object]:
    """What makes two paths one file: the resolved path, and (device, inode) if it exists."""
    keys: set[object] = {os.path.realpath(path)}
    with contextlib.suppress(OSError, ValueError):
        info = os.stat(path)
        keys.add((info.st_dev, info.st_ino))
    return keys


def refuse_overlaps(
    outputs: Sequence[tuple[Path, str]],
    inputs: Sequence[tuple[Path | None, str]] = (),
) -> None:
    """Refuse two outputs that are one file, or an output that is (or is inside) an input.

    `outputs` and `inputs` are (path, what) pairs; an input may be a directory (a catalog or
    template directory), in which case no output may land anywhere inside it, or None (an
    option not given). Paths are
    compared resolved and by inode, so `./x.md`, `x.md`, a symlink and a hard link all count
    as the same file. Raises WriteRefused naming the output, before any work is done.
    """
    seen: list[tuple[set[object], str]] = []
    for path, what in outputs:
        keys = _identities(path)
        for other_keys, other_what in seen:
            if keys & other_keys:
                raise WriteRefused(
                    f"the {other_what} and the {what} would be the same file", file=str(path)
                )
        seen.append((keys, what))
    for source, source_what in inputs:
        if source is None:
            continue
        try:
            is_dir = source.is_dir()
        except OSError:
            continue
        real_source = Path(os.path.realpath(source))
        for path, what in outputs:
            if is_dir:
                if Path(os.path.realpath(path)).is_relative_to(real_source):
                    raise WriteRefused(
                        f"{what} would be written inside the {source_what}", file=str(path)
                    )
            elif _identities(path) & _identities(source):
                raise WriteRefused(f"{what} would overwrite the {source_what}", file=str(path))


# --- writing --------------------------------------------------------------------------------


@frozen
class Output:
    """One file a command writes."""

    path: Path
    text: str
    what: str = "file"
    overwrite: bool = False
    """It may replace an existing regular file (--force, or a record being rewritten)."""


@dataclass
class _Placed:
    target: Path
    backup: str | None
    """The replaced file, kept until every target is in place; None for a new file."""
    inode: tuple[int, int]


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while files are moved into place (milliseconds).

    A signal that arrives meanwhile is delivered afterwards, once every target is complete,
    so an interrupted run leaves all files old or all files new. Python runs signal handlers
    in the main thread whichever thread the kernel picks, so the handlers are swapped for a
    recorder (a signal mask would only hold the signals for this one thread).
    """
    held = (signal.SIGINT, signal.SIGTERM)
    pending: list[int] = []

    def defer(signum: int, frame: FrameType | None) -> None:
        pending.append(signum)

    previous: dict[int, Any] = {}
    try:
        for held_signal in held:
            handler = signal.getsignal(held_signal)
            if handler is None:  # installed outside Python: leave it alone
                continue
            signal.signal(held_signal, defer)
            previous[held_signal] = handler
    except ValueError:  # not the main thread, where handlers run anyway
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(pending):
            signal.raise_signal(number)


def _temp_prefix(target: Path) -> str:
    return f".{target.name[:80]}."  # room for the random part within NAME_MAX


def _stage(output: Output, directory: Path, temps: list[str]) -> str:
    """Write and sync `output.text` to a temporary file beside its target."""
    import tempfile  # here, with secrets and shutil: a command that writes nothing needs none

    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(output.path), suffix=".tmp", dir=directory)
    temps.append(tmp)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(output.text)
        handle.flush()
        os.fsync(handle.fileno())
    # mkstemp makes 0600: keep a replaced file's mode, else the usual one.
    try:
        mode = stat.S_IMODE(os.stat(output.path).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    os.chmod(tmp, mode)
    return tmp


def _backup(target: Path, temps: list[str]) -> str:
    """Keep the file about to be replaced: a hard link to it, or else a copy."""
    import secrets
    import shutil
    import tempfile

    directory = target.parent if str(target.parent) else Path(".")
    for _ in range(100):
        name = str(directory / f"{_temp_prefix(target)}{secrets.token_hex(4)}.old.tmp")
        try:
            os.link(target, name)
        except FileExistsError:
            continue
        except OSError:
            break  # no hard links on this file system: copy it instead
        temps.append(name)
        return name
    fd, name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".old.tmp", dir=directory)
    temps.append(name)
    os.close(fd)
    shutil.copy2(target, name)
    return name


def _place(output: Output, tmp: str, temps: list[str]) -> _Placed:
    """Move one staged file onto its target; what is needed to undo it."""
    target = output.path
    info = _lstat(target, output.what)
    if info is not None:  # checked before staging, but it may have changed since
        _refuse_in_the_way(target, info, overwrite=output.overwrite, what=output.what)
        if not output.overwrite:
            raise WriteRefused(
                f"{output.what} appeared while writing", file=str(target), hint="use --force"
            )
        backup = _backup(target, temps)
        os.replace(tmp, target)
    else:
        backup = None
        _place_new(tmp, target, output.what)
    temps.remove(tmp)
    placed = os.lstat(target)
    return _Placed(target, backup, (placed.st_dev, placed.st_ino))


def _place_new(tmp: str, target: Path, what: str) -> None:
    """Link `tmp` to `target` only if `target` does not exist, atomically where possible."""
    try:
        os.link(tmp, target)  # fails if the target appeared meanwhile: no clobbering race
    except FileExistsError:
        raise WriteRefused(
            f"{what} appeared while writing", file=str(target), hint="use --force"
        ) from None
    except OSError:
        # No hard links here (some network and FAT file systems): check, then rename.
        if os.path.lexists(target):
            raise WriteRefused(
                f"{what} appeared while writing", file=str(target), hint="use --force"
            ) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def _undo(placed: Sequence[_Placed], temps: list[str]) -> None:
    """Put back, latest first, what was there before each placed file."""
    for entry in reversed(placed):
        if entry.backup is not None:
            # Restored or not, the kept file is no longer a temporary one to remove: if it
            # cannot be moved back, it is the only copy left of what the user had.
            temps.remove(entry.backup)
            with contextlib.suppress(OSError):
                os.replace(entry.backup, entry.target)
            continue
        with contextlib.suppress(OSError):
            now = os.lstat(entry.target)
            if (now.st_dev, now.st_ino) == entry.inode:  # still ours: remove it
                os.unlink(entry.target)


def write_files(outputs: Sequence[Output]) -> None:
    """Write several files all or nothing: every target ends wholly new, or as it was.

    Every target is checked first (check_writable's rules; two outputs may not be one file),
    then every text is staged beside its target and synced; only then are they moved into
    place, one by one, with SIGINT and SIGTERM held. If placing one fails, those already
    placed are undone: new files removed, replaced files restored from a kept link. Whatever
    interrupts it, KeyboardInterrupt included, no temporary file is left behind.
    """
    refuse_overlaps([(o.path, o.what) for o in outputs])
    directories = [check_writable(o.path, force=o.overwrite, what=o.what) for o in outputs]
    temps: list[str] = []
    current = outputs[0] if outputs else None
    try:
        staged = []
        for output, directory in zip(outputs, directories, strict=True):
            current = output
            staged.append(_stage(output, directory, temps))
        with _signals_held():
            placed: list[_Placed] = []
            try:
                for output, tmp in zip(outputs, staged, strict=True):
                    current = output
                    placed.append(_place(output, tmp, temps))
            except BaseException:
                _undo(placed, temps)
                raise
    except OSError as exc:
        assert current is not None
        error = _write_error(exc, current.path, current.what)
        if len(outputs) > 1:
            error = InputError(f"{error.message}; nothing was written", file=error.file)
        raise error from None
    finally:
        # `finally`, not `except OSError`: Ctrl-C in the middle must not leave a temp file.
        for name in temps:
            with contextlib.suppress(OSError):
                os.unlink(name)


def write_atomic(path: Path, text: str, *, force: bool = False, what: str = "file") -> None:
    """Write `text` to `path` so that it is either wholly there or not there at all.

    Refuses to overwrite an existing file unless `force`, and then only a regular file;
    refuses to write through a symlink (it could point anywhere).
    """
    write_files([Output(Path(path), text, what=what, overwrite=force)])


def write_atomic_many(files: dict[Path, str], *, what: str = "file") -> None:
    """Replace (or create) several files all or nothing: see write_files."""
    write_files([Output(Path(p), text, what=what, overwrite=True) for p, text in files.items()])
