"""The only module that imports questionary: ask the questions the engine says are next."""

from __future__ import annotations

import signal
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import FrameType
from typing import Any

import questionary
from prompt_toolkit.application.current import get_app_or_none
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.styles import Style

from modelpick.engine.answers import (
    QUESTIONS_BY_KEY,
    Answers,
    Question,
    next_question,
    parse_quantity,
)
from modelpick.errors import Terminated

_STYLE = Style([("qmark", "bold"), ("question", "bold"), ("instruction", "italic")])


def _progress(question: Question, known: Mapping[str, Any]) -> str:
    if question.node is not None:
        return f"[node {question.node}/5]"
    answered = sum(1 for k in QUESTIONS_BY_KEY if k in known)
    return f"[{answered + 1}/{len(QUESTIONS_BY_KEY)}]"


def _validate_integer(optional: bool):  # type: ignore[no-untyped-def]
    def check(text: str) -> bool | str:
        if not text.strip():
            return True if optional else "an answer is needed"
        try:
            value = parse_quantity(text)
        except ValueError:
            return "a whole number, e.g. 2000000000, 2_000_000_000 or 2B"
        return True if value >= 0 else "must not be negative"

    return check


def _validate_fraction(text: str) -> bool | str:
    try:
        value = float(text)
    except ValueError:
        return "a number from 0 to 1, e.g. 0.75"
    return True if 0 <= value <= 1 else "must be from 0 to 1"


def _end_of_input_on_ctrl_d(prompt: questionary.Question) -> questionary.Question:
    """A choice list ignores Ctrl-D; make it end the input as text prompts do."""
    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _eof(event: KeyPressEvent) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
    return prompt


@contextmanager
def _sigterm_ends_the_prompt() -> Iterator[None]:
    """While a prompt runs, SIGTERM ends it the way Ctrl-C does: through prompt_toolkit.

    Raised inside its event loop, the Terminated exception would be reported there as
    unhandled and the prompt would wait for Enter; asking the application to exit with it
    restores the terminal, then raises it from the prompt call, as Ctrl-C's interrupt is.
    """
    previous = signal.getsignal(signal.SIGTERM)
    if not callable(previous):  # modelpick does not handle SIGTERM here (a test, say)
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        app = get_app_or_none()
        loop = app.loop if app is not None and app.is_running else None
        if app is None or loop is None or app.future is None or app.future.done():
            previous(signum, frame)
            return

        def end() -> None:
            if app.future is not None and not app.future.done():
                app.exit(exception=Terminated(), style="class:aborting")

        loop.call_soon_threadsafe(end)  # also wakes the loop from its wait for a key

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def ask(question: Question, known: Mapping[str, Any]) -> Any:
    """Ask one question on the terminal; Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError."""
    default = Answers.model_fields[question.key].get_default(call_default_factory=True)
    message = f"{_progress(question, known)} {question.text}"
    hint = question.explanation
    if question.kind == "confirm":
        return questionary.confirm(
            message, default=bool(default), instruction=f"({hint}) ", style=_STYLE
        ).unsafe_ask()
    if question.kind == "select":
        return _end_of_input_on_ctrl_d(questionary.select(
            message, choices=list(question.choices), default=str(default), instruction=hint,
            style=_STYLE,
        )).unsafe_ask()
    shown = "" if default is None or default == [] else str(default)
    if question.kind == "integer":
        text = questionary.text(
            message, default=shown, instruction=hint,
            validate=_validate_integer(question.optional), style=_STYLE,
        ).unsafe_ask()
        return parse_quantity(text) if text.strip() else None
    if question.kind == "fraction":
        text = questionary.text(
            message, default=shown, instruction=hint, validate=_validate_fraction, style=_STYLE
        ).unsafe_ask()
        return float(text)
    if question.kind == "countries":
        text = questionary.text(message, instruction=hint, style=_STYLE).unsafe_ask()
        return [part.strip().upper() for part in text.replace(",", " ").split() if part.strip()]
    text = questionary.text(message, instruction=hint, style=_STYLE).unsafe_ask()
    return text.strip() or None


def ask_missing(given: Mapping[str, Any]) -> dict[str, Any]:
    """Ask, in tree order, every question whose answer can still change the outcome.

    A blank answer to an optional question means "none"; to any other, "the default",
    which then counts as assumed.
    """
    known = dict(given)
    asked: set[str] = set()
    while (question := next_question(known, asked)) is not None:
        asked.add(question.key)
        with _sigterm_ends_the_prompt():
            value = ask(question, known)
        if value is not None or question.optional:
            known[question.key] = value
    return known
