"""What the loader and the checks report: a finding, its severity, and the order they print in.

Its own module because both the loader (yaml, schema) and the checks (meaning) make findings,
and the checks sit on top of the loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in a catalog, named by the check that found it."""

    check: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    key: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "check": self.check,
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "key": self.key,
            "message": self.message,
        }


def sort_key(finding: Finding) -> tuple[str, int, int, str, str, str]:
    """Findings in file, line order; ties broken so the order never depends on chance."""
    return (
        finding.file or "",
        finding.line or 0,
        finding.column or 0,
        finding.check,
        finding.key or "",
        finding.message,
    )
