"""`@frozen` behaves as `@dataclass(frozen=True)` does, for everything the package uses."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelpick.frozen import frozen


@frozen
class Mine:
    name: str
    count: int = 0
    tags: list[str] = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class Theirs:
    name: str
    count: int = 0
    tags: list[str] = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)


@frozen
class Child(Mine):
    extra: float = 1.0


args = st.tuples(st.text(max_size=4), st.integers(), st.text(max_size=3))


def _pair(a: tuple[str, int, str]) -> tuple[Any, Any]:
    return Mine(a[0], a[1], note=a[2]), Theirs(a[0], a[1], note=a[2])


@given(args, args)
def test_equality_hash_and_repr_as_a_dataclass(a: Any, b: Any) -> None:
    (m1, t1), (m2, t2) = _pair(a), _pair(b)
    assert (m1 == m2) == (t1 == t2)
    assert repr(m1).replace("Mine", "Theirs") == repr(t1)
    assert dataclasses.astuple(m1) == dataclasses.astuple(t1)
    assert dataclasses.asdict(m1) == dataclasses.asdict(t1)


def test_hash_by_value_ignoring_uncompared_fields() -> None:
    @frozen
    class Key:
        a: int
        b: str = "x"
        c: str = field(default="", compare=False)

    @dataclass(frozen=True)
    class Twin:
        a: int
        b: str = "x"
        c: str = field(default="", compare=False)

    assert hash(Key(1, "y", "p")) == hash(Key(1, "y", "q")) == hash(Twin(1, "y", "q"))
    assert Key(1) != Twin(1) and Key(1) != (1, "x")
    assert {Key(1), Key(1, c="z")} == {Key(1)}


def test_assignment_and_deletion_are_refused() -> None:
    m = Mine("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.name = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del m.count  # type: ignore[misc]


def test_construction_defaults_factories_and_errors() -> None:
    assert Mine("a") == Mine(name="a", count=0, tags=[])
    first, second = Mine("a"), Mine("a")
    assert first.tags == [] and first.tags is not second.tags  # a fresh list each
    with pytest.raises(TypeError):
        Mine()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Mine("a", nope=1)  # type: ignore[call-arg]


def test_the_dataclass_functions_work() -> None:
    m = Mine("a", 2, ["t"])
    assert dataclasses.is_dataclass(m)
    assert [f.name for f in dataclasses.fields(m)] == ["name", "count", "tags", "note"]
    assert dataclasses.replace(m, count=3) == Mine("a", 3, ["t"])
    c = Child("a", extra=2.0)
    assert dataclasses.replace(c, name="b") == Child("b", extra=2.0)
    assert repr(c) == "Child(name='a', count=0, tags=[], extra=2.0)"
    assert Child("a") != Mine("a")


def test_post_init_runs_and_unsupported_fields_are_refused() -> None:
    seen: list[int] = []

    @frozen
    class Checked:
        n: int

        def __post_init__(self) -> None:
            seen.append(self.n)

    Checked(4)
    assert seen == [4]
    with pytest.raises(TypeError):
        @frozen
        class Hidden:
            n: int = field(default=0, init=False)
