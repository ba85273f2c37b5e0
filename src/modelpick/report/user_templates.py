"""Users' own report templates (`advise --template DIR`): sandboxed, confined and bounded.

A user's template is code we did not write. It runs in jinja2's immutable sandbox, unable to
reach Python internals or change the data; it loads only files inside its directory (never
through a symlink out of it, never a FIFO or a device, never more than a capped number of
bytes); its rendering is bounded in time, output and memory; and every way it can fail is
one `InputError` naming the template file and line, so the command exits 2 and writes nothing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Collection, Generator, Iterator, Mapping
from pathlib import Path, PurePosixPath
from types import FrameType
from typing import Any

import jinja2
import jinja2.exceptions
import jinja2.parser
import jinja2.sandbox

from modelpick.errors import InputError, ModelpickError, require_text
from modelpick.fileio import read_text

TEMPLATE_NAME = "report.md.j2"
"""The file `--template DIR` must hold: the report's top-level template."""
TEMPLATE_MAX_BYTES = 1_000_000
"""The largest template file read (each of the top-level file and what it includes)."""
RENDER_MAX_SECONDS = 5.0
"""Wall time for loading, compiling and rendering a user's template."""
RENDER_MAX_CHARS = 5_000_000
"""The longest report a user's template may produce, in characters."""
RENDER_MAX_MEMORY_BYTES = 512 * 2**20
"""Address space rendering may add on Linux: one huge string or list fails at once."""
MAX_INT_BITS = 100_000
"""The largest integer `*` or `**` may produce in a template (far beyond printable ones)."""
_MESSAGE_MAX = 300


class RenderLimit(Exception):
    """A user's template went past one of the limits above."""


# --- reading -------------------------------------------------------------------------------


def read_template_file(path: Path, *, limit: int = TEMPLATE_MAX_BYTES) -> str:
    """A template file's text, read as every user file is (fileio.read_text).

    A regular file only, at most `limit` bytes counted as read (its size is not trusted), UTF-8.
    """
    return read_text(path, max_bytes=limit, what="template")


class DirectoryLoader(jinja2.BaseLoader):
    """Templates from one directory only: every name must resolve to a file inside it.

    `{% include %}`, `{% import %}` and `{% extends %}` all load through here, so `../x`, an
    absolute name or a symlink that leads out of the directory is refused wherever it appears.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.root = directory.resolve()
        self.files: set[str] = set()
        """The file names given to jinja2: its rewritten traceback frames carry them."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """The text of `template`, read from inside the directory."""
        pieces = [p for p in template.split("/") if p not in ("", ".")]
        shown = str(self.directory.joinpath(*pieces))
        outside = f"template {template!r} is outside the template directory {self.directory}"
        if PurePosixPath(template).is_absolute() or ".." in pieces or "\0" in template:
            raise jinja2.TemplateNotFound(template, outside)
        try:
            real = self.root.joinpath(*pieces).resolve()
        except (OSError, RuntimeError):  # a symlink loop
            message = f"cannot resolve template {shown} (a symlink loop)"
            raise jinja2.TemplateNotFound(template, message) from None
        if not real.is_relative_to(self.root):
            raise jinja2.TemplateNotFound(template, f"{outside} (through a symlink)")
        if not os.path.lexists(real):
            raise jinja2.TemplateNotFound(
                template, f"no template {template!r} in {self.directory}"
            )
        try:
            source = read_template_file(real)
        except ModelpickError as exc:
            raise InputError(exc.message, file=shown, line=exc.line) from None
        self.files.add(shown)
        return source, shown, lambda: True


# --- the sandbox ---------------------------------------------------------------------------


def _int(value: object) -> bool:
    return isinstance(value, int)


def _refuse_huge(operator: str, left: Any, right: Any) -> None:
    """Refuse a `*` or `**` whose result alone would blow the limits (it is one C call)."""
    if operator == "**":
        huge = _int(left) and _int(right) and right > 0 and abs(left) > 1 and (
            right > MAX_INT_BITS or right * abs(left).bit_length() > MAX_INT_BITS
        )
        if huge:
            raise RenderLimit(f"`**` would make an integer of more than {MAX_INT_BITS:,} bits")
        return
    if _int(left) and _int(right):
        if abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
            raise RenderLimit(f"`*` would make an integer of more than {MAX_INT_BITS:,} bits")
        return
    sequence, times = (left, right) if _int(right) else (right, left)
    if (
        isinstance(sequence, (str, list, tuple))
        and _int(times)
        and len(sequence) * times > RENDER_MAX_CHARS
    ):
        raise RenderLimit(f"`*` would make more than {RENDER_MAX_CHARS:,} items")


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The immutable sandbox, with `*` and `**` checked before they run (and not folded)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        _refuse_huge(operator, left, right)
        return super().call_binop(context, operator, left, right)


def check_template_dir(template_dir: Path) -> Path:
    """A `--template` directory that holds TEMPLATE_NAME, or an InputError naming it.

    Checked before any work, whatever the output format: a mistyped --template is an
    error even when no report is rendered.
    """
    directory = Path(template_dir)
    if not directory.is_dir():
        what = "is not a directory" if os.path.lexists(directory) else "does not exist"
        raise InputError(f"template directory {what}", file=directory)
    if not os.path.lexists(directory / TEMPLATE_NAME):
        raise InputError(
            f"the template directory has no {TEMPLATE_NAME} (the report template "
            "--template renders)",
            file=directory,
        )
    return directory


def sandboxed_environment(template_dir: Path, **options: Any) -> jinja2.Environment:
    """The environment for a user's directory of templates; it must hold TEMPLATE_NAME."""
    return _Sandbox(loader=DirectoryLoader(check_template_dir(template_dir)), **options)


# --- bounded rendering ---------------------------------------------------------------------


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise RenderLimit in the main thread after `seconds`, even inside a long loop."""
    in_main = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not in_main:  # signals reach the main thread only
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise RenderLimit(f"rendering took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
            if outer_delay:  # someone else's timer was running: give it back what is left
                left = max(outer_delay - (time.monotonic() - started), 0.001)
                signal.setitimer(signal.ITIMER_REAL, left, outer_interval)


@contextlib.contextmanager
def _memory_ceiling(extra: int) -> Iterator[None]:
    """Cap the address space at its current size plus `extra` (Linux; elsewhere no cap)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError, IndexError):
        yield
        return
    ceiling = used + extra
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    if soft != resource.RLIM_INFINITY and soft <= ceiling:
        yield  # already capped as tightly
        return
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _collect(chunks: Iterator[str], deadline: float) -> str:
    """Join the rendered chunks, stopping inside the template once a limit is passed."""
    assert isinstance(chunks, Generator)  # Template.generate is one
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > RENDER_MAX_CHARS:
            # thrown into the template so that the error carries the line that overflowed
            chunks.throw(RenderLimit(f"the report would be longer than {RENDER_MAX_CHARS:,} "
                                     "characters"))
        if time.monotonic() > deadline:
            chunks.throw(RenderLimit(f"rendering took longer than {RENDER_MAX_SECONDS:g} s"))
        out.append(chunk)
    return "".join(out)


def render_user_template(env: jinja2.Environment, context: Mapping[str, Any]) -> str:
    """Render TEMPLATE_NAME within the limits; any failure is one located InputError."""
    loader = env.loader
    assert isinstance(loader, DirectoryLoader)
    deadline = time.monotonic() + RENDER_MAX_SECONDS
    try:
        with _memory_ceiling(RENDER_MAX_MEMORY_BYTES), _alarm(RENDER_MAX_SECONDS):
            template = env.get_template(TEMPLATE_NAME)
            text = _collect(template.generate(**context), deadline)
    except Exception as exc:  # the template is the user's code: whatever fails is theirs
        raise template_error(exc, loader.files, loader.directory / TEMPLATE_NAME) from None
    try:  # a string escape such as "\ud800" renders text no file or terminal can hold
        return require_text(text)
    except InputError:
        raise InputError(
            "the template renders text that is not valid Unicode (a lone surrogate)",
            file=loader.directory / TEMPLATE_NAME,
        ) from None


# --- errors --------------------------------------------------------------------------------


def template_location(
    exc: BaseException, files: Collection[str]
) -> tuple[str | None, int | None]:
    """The innermost template file and line an error happened on.

    jinja2 rewrites the traceback of a rendering error so that each template frame carries
    the template's file name and line; a syntax error carries them itself; an error while
    parsing (nesting too deep for Python's stack) has the parser's place in the template.
    """
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename in files:
        return exc.filename, exc.lineno
    found: tuple[str | None, int | None] = (None, None)
    parsing: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name in files:
            found = (name, tb.tb_lineno)
        parser = tb.tb_frame.f_locals.get("self")
        if isinstance(parser, jinja2.parser.Parser) and parser.filename in files:
            parsing = (parser.filename, parser.stream.current.lineno)  # nested too deep to parse
        tb = tb.tb_next
    return found if found[0] is not None else parsing


def _message(exc: BaseException) -> str:
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"template refused: {exc} (templates cannot reach Python internals)"
    if isinstance(exc, RenderLimit):
        return f"template refused: {exc} (the limit)"
    if isinstance(exc, MemoryError):
        return (
            "template refused: rendering needs more than "
            f"{RENDER_MAX_MEMORY_BYTES // 2**20} MB of memory (the limit)"
        )
    if isinstance(exc, RecursionError):
        return (
            "template error: recursion too deep (a template that includes, imports or extends "
            "itself, a macro that calls itself without end, or expressions nested too deeply)"
        )
    if isinstance(exc, jinja2.TemplateError):
        return f"template error: {exc.message or type(exc).__name__}"
    text = str(exc)
    if len(text) > _MESSAGE_MAX:
        text = text[:_MESSAGE_MAX] + "…"
    return f"template error: {type(exc).__name__}: {text}" if text else (
        f"template error: {type(exc).__name__}"
    )


def template_error(exc: BaseException, files: Collection[str], top: Path) -> InputError:
    """The one error to report for a failure inside a user's template."""
    file, line = template_location(exc, files)
    if isinstance(exc, ModelpickError):  # an included file could not be read
        if exc.line is not None or file is None:
            return InputError(exc.message, file=exc.file, line=exc.line)
        return InputError(f"cannot load {exc.file}: {exc.message}", file=file, line=line)
    return InputError(_message(exc), file=file or top, line=line)


__all__ = [
    "MAX_INT_BITS",
    "RENDER_MAX_CHARS",
    "RENDER_MAX_MEMORY_BYTES",
    "RENDER_MAX_SECONDS",
    "TEMPLATE_MAX_BYTES",
    "TEMPLATE_NAME",
    "DirectoryLoader",
    "RenderLimit",
    "read_template_file",
    "render_user_template",
    "sandboxed_environment",
    "template_error",
    "template_location",
]
