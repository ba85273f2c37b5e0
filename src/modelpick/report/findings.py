"""Render `catalog validate` findings as text, JSON or GitHub workflow commands.

Pure functions: a validation result in, a string out. The CLI decides where it goes.
"""

from __future__ import annotations

from modelpick.catalog.checks import Validation
from modelpick.catalog.findings import Finding, Severity
from modelpick.errors import format_location, one_line
from modelpick.report.json_text import dumps


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(result: Validation) -> str:
    """`catalog 2026.11.1: 0 errors, 1 warning (7 files, 15 models, 6 GPUs, 40 prices)`."""
    looked = [_plural(result.files, "file")]
    if result.models is not None:
        looked.append(_plural(result.models, "model"))
    if result.gpus is not None:
        looked.append(_plural(result.gpus, "GPU"))
    if result.prices is not None:
        looked.append(_plural(result.prices, "price"))
    version = result.version or "(version unknown)"
    return (
        f"catalog {version}: {_plural(result.errors, 'error')}, "
        f"{_plural(result.warnings, 'warning')} ({', '.join(looked)})"
    )


def finding_line(finding: Finding) -> str:
    """`file:line:col: error[check] key: message`."""
    where = format_location(finding.file, finding.line, finding.column)
    head = f"{where}: " if where else ""
    key = f"{finding.key}: " if finding.key else ""
    return one_line(f"{head}{finding.severity.value}[{finding.check}] {key}{finding.message}")


def format_text(result: Validation) -> str:
    """One line per finding, then the summary."""
    lines = [finding_line(f) for f in result.findings]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def format_json(result: Validation, *, strict: bool = False) -> str:
    """One JSON object: the catalog version, the verdict, counts and every finding."""
    payload = {
        "catalog_version": result.version,
        "valid": result.passed(strict=strict),
        "errors": result.errors,
        "warnings": result.warnings,
        "findings": [f.as_dict() for f in result.findings],
    }
    return dumps(payload, ascii_only=True)


def escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (GitHub's rules)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding) -> str:
    """`::error file=…,line=…,col=…,title=…::message`: an annotation on the pull request."""
    command = "error" if finding.severity is Severity.ERROR else "warning"
    props = []
    if finding.file:
        props.append(f"file={escape_property(finding.file)}")
    if finding.line is not None:
        props.append(f"line={finding.line}")
    if finding.column is not None:
        props.append(f"col={finding.column}")
    props.append(f"title={escape_property(f'modelpick {finding.check}')}")
    message = f"{finding.key}: {finding.message}" if finding.key else finding.message
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def format_github(result: Validation) -> str:
    """GitHub workflow-command annotations, then the summary as a plain line."""
    lines = [github_line(f) for f in result.findings]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"
