"""Number formats shared by the terminal view and the Markdown report. Pure, no imports."""

from __future__ import annotations


def money(value: float | None) -> str:
    """US dollars, no cents above a hundred."""
    if value is None:
        return "n/a"
    return f"${value:,.0f}" if value >= 100 else f"${value:,.2f}"


def tokens(value: float | None) -> str:
    """A token count in words people read: 2.0B, 350M."""
    if value is None:
        return "never"
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= size:
            return f"{value / size:,.1f}{suffix}"
    return f"{value:,.0f}"


def per_mtok(value: float) -> str:
    """A price per million tokens, to a tenth of a cent."""
    return f"${value:,.3f}"


def count(value: float) -> str:
    """A whole number with thousands separators."""
    return f"{value:,.0f}"
