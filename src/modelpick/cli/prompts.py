"""The only module that imports questionary: ask the questions the engine says are next."""

from __future__ import annotations

import signal
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from types import FrameType
from typing import Any, assert_never

import questionary
from prompt_toolkit.application.current import get_app_or_none
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.styles import Style

from modelpick.catalog.schema import Policy
from modelpick.engine.answers import Answers, check_answer
from modelpick.engine.questions import QUESTIONS_BY_KEY, Question, next_question
from modelpick.engine.tree import TREE
from modelpick.errors import InputError, Terminated
from modelpick.inputs.answers import parse_typed

_STYLE = Style([("qmark", "bold"), ("question", "bold"), ("instruction", "italic")])


def _progress(question: Question, known: Mapping[str, Any]) -> str:
    if question.node is not None:
        return f"[node {question.node}/{len(TREE)}]"
    answered = sum(1 for k in QUESTIONS_BY_KEY if k in known)
    return f"[{answered + 1}/{len(QUESTIONS_BY_KEY)}]"


def _typed(question: Question, text: str, groups: Collection[str] | None) -> Any:
    """The value typed, checked as a file's would be; blank is "none" or "the default".

    A blank answer to an optional question is its "none" value; to any other, None: the key
    then takes its default and counts as assumed.
    """
    value = parse_typed(question.key, text) if text.strip() else None
    if value is None:
        if question.optional:
            return Answers.default_of(question.key)
        return None
    return check_answer(question.key, value, origin="prompt", groups=groups)


def _validator(
    question: Question, groups: Collection[str] | None
) -> Callable[[str], bool | str]:
    """The prompt's `validate=`: True, or modelpick's message, shown until the answer is good."""

    def check(text: str) -> bool | str:
        try:
            _typed(question, text, groups)
        except InputError as exc:
            return exc.message
        return True

    return check


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


def ask(
    question: Question, known: Mapping[str, Any], groups: Collection[str] | None = None
) -> Any:
    """Ask one question on the terminal; Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError.

    A typed answer is checked as it is typed, by the check files and `--set` get, and asked
    again until it passes.
    """
    default = Answers.default_of(question.key)
    message = f"{_progress(question, known)} {question.text}"
    hint = question.explanation
    match question.kind:
        case "confirm":
            return questionary.confirm(
                message, default=bool(default), instruction=f"({hint}) ", style=_STYLE
            ).unsafe_ask()
        case "select":
            return _end_of_input_on_ctrl_d(questionary.select(
                message, choices=list(question.choices), default=str(default),
                instruction=hint, style=_STYLE,
            )).unsafe_ask()
        case "integer" | "fraction" | "number":
            prefilled = default is not None
        case "text" | "countries":
            prefilled = False
        case _:
            assert_never(question.kind)
    text = questionary.text(
        message, default=str(default) if prefilled else "", instruction=hint,
        validate=_validator(question, groups), style=_STYLE,
    ).unsafe_ask()
    return _typed(question, text, groups)


def ask_missing(
    given: Mapping[str, Any], *, policy: Policy, groups: Collection[str] | None = None
) -> dict[str, Any]:
    """Ask, in tree order, every question whose answer can still change the outcome.

    A blank answer to an optional question means "none"; to any other, "the default",
    which then counts as assumed. `groups` are the catalog's region groups; its `policy`
    says whether node 3 can still matter once node 1 or 2 has chosen.
    """
    known = dict(given)
    asked: set[str] = set()
    while (question := next_question(known, policy, asked)) is not None:
        asked.add(question.key)
        with _sigterm_ends_the_prompt():
            value = ask(question, known, groups)
        if value is not None or question.optional:
            known[question.key] = value
    return known
