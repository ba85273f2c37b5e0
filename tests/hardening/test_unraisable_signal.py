"""A signal that lands where Python cannot raise is sent again, never printed and dropped."""

from __future__ import annotations

import signal
import time
from types import FrameType, SimpleNamespace

from modelpick import signals


def test_an_interrupt_python_could_not_raise_is_delivered_again() -> None:
    seen: list[int] = []

    def record(signum: int, frame: FrameType | None) -> None:
        seen.append(signum)

    previous = signal.signal(signal.SIGINT, record)
    try:
        signals._unraisable(SimpleNamespace(exc_value=KeyboardInterrupt()))
        deadline = time.monotonic() + 2
        while not seen and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert seen == [signal.SIGINT]
