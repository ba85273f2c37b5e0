"""The decision engine: pure functions from answers and a catalog to an Advice.

`decide` is the entry point; the tree it walks is declared in `tree.py`.
"""

from modelpick.engine.answers import Answers, ResolvedAnswers, resolve
from modelpick.engine.decision import decide
from modelpick.engine.result import Advice

__all__ = ["Advice", "Answers", "ResolvedAnswers", "decide", "resolve"]
