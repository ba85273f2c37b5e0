"""The one error handler: each exception becomes its exit code and at most one stderr line."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
import typer

from modelpick import errors
from modelpick.errors import (
    CatalogError,
    CheckFailed,
    InputError,
    ModelpickError,
    NoCandidate,
    Terminated,
    WriteRefused,
)

cli_main = importlib.import_module("modelpick.cli.main")  # the module; `cli.main` is the function


def _run(monkeypatch: pytest.MonkeyPatch, raised: BaseException | None = None,
         returned: Any = None) -> int:
    def app(**_: Any) -> Any:
        if raised is not None:
            raise raised
        return returned

    monkeypatch.setattr(cli_main, "app_for", lambda argv: app)
    with pytest.raises(SystemExit) as done:
        cli_main.main()
    code = done.value.code
    assert isinstance(code, int)
    return code


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (InputError("bad answer", file="a.yaml", line=3, key="task"), 2),
        (CatalogError("broken catalog"), 2),
        (WriteRefused("exists"), 2),
        (CheckFailed("prices drifted"), 1),
        (NoCandidate("nothing fits"), 3),
    ],
)
def test_an_error_is_its_class_code_and_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    error: ModelpickError, code: int,
) -> None:
    assert _run(monkeypatch, error) == code == type(error).exit_code
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"modelpick: error: {error.render()}\n"


@pytest.mark.parametrize("error", [CheckFailed("findings above", reported=True),
                                   InputError("workloads above", reported=True)])
def test_a_reported_error_adds_no_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], error: ModelpickError
) -> None:
    assert _run(monkeypatch, error) == type(error).exit_code
    assert capsys.readouterr().err == ""


def test_a_bug_is_70_with_one_line_asking_for_a_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MODELPICK_DEBUG", raising=False)
    assert _run(monkeypatch, ZeroDivisionError("a bug\nin two lines")) == errors.EXIT_INTERNAL
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("modelpick: internal error: ZeroDivisionError: a bug\\nin two")
    assert "please report it" in lines[0] and "MODELPICK_DEBUG=1" in lines[0]


@pytest.mark.parametrize(
    ("raised", "code", "message"),
    [
        (KeyboardInterrupt(), 130, "modelpick: interrupted"),
        (Terminated(), 143, "modelpick: terminated"),
        (typer.Abort(), 130, "modelpick: interrupted"),
    ],
)
def test_signals_are_130_and_143(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    raised: BaseException, code: int, message: str,
) -> None:
    assert _run(monkeypatch, raised) == code
    assert capsys.readouterr().err.strip() == message


def test_end_of_input_at_a_prompt_is_bad_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    abort = typer.Abort()
    abort.__cause__ = EOFError()
    assert _run(monkeypatch, abort) == errors.EXIT_BAD_INPUT
    assert "end of input while waiting for an answer" in capsys.readouterr().err


@pytest.mark.parametrize(("returned", "code"), [(None, 0), (0, 0), (130, 130)])
def test_what_the_app_returns_is_the_code(
    monkeypatch: pytest.MonkeyPatch, returned: Any, code: int
) -> None:
    assert _run(monkeypatch, returned=returned) == code


def test_every_error_class_carries_its_code() -> None:
    expected = {
        ModelpickError: 2, InputError: 2, CatalogError: 2, WriteRefused: 2,
        CheckFailed: 1, NoCandidate: 3, Terminated: 143,
    }
    assert {cls: cls.exit_code for cls in expected} == expected
    assert (errors.EXIT_OK, errors.EXIT_CHECK_FAILED, errors.EXIT_BAD_INPUT,
            errors.EXIT_NO_CANDIDATE, errors.EXIT_INTERNAL, errors.EXIT_INTERRUPTED,
            errors.EXIT_TERMINATED) == (0, 1, 2, 3, 70, 130, 143)


def _subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *_subclasses(direct)}}


def test_no_error_class_claims_a_code_main_keeps_for_itself() -> None:
    importlib.import_module("modelpick.catalog.loader")  # the modules that define errors
    codes = {cls: cls.exit_code for cls in _subclasses(ModelpickError)}
    assert set(codes.values()) <= {1, 2, 3}, codes


@pytest.mark.parametrize(
    ("cause", "code", "message"),
    [(Terminated(), 143, "modelpick: terminated"),
     (KeyboardInterrupt(), 130, "modelpick: interrupted")],
)
def test_a_signal_a_library_rewrapped_is_still_the_signal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    cause: BaseException, code: int, message: str,
) -> None:
    """pydantic's serializer turns an exception raised in a callback (a signal handler's) into
    its own error: that is the signal, never an internal error."""
    wrapped = ValueError("Error serializing to JSON: Terminated")
    wrapped.__context__ = cause
    assert _run(monkeypatch, wrapped) == code
    err = capsys.readouterr().err
    assert message in err and "internal error" not in err
