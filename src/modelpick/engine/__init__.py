"""The decision engine: pure functions from answers and a catalog to an Advice."""

from modelpick.engine.answers import Answers, ResolvedAnswers, resolve
from modelpick.engine.result import Advice
from modelpick.engine.tree import advise

__all__ = ["Advice", "Answers", "ResolvedAnswers", "advise", "resolve"]
