"""Country and region codes in answers: ISO 3166-1 alpha-2, or a group the catalog defines."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

from modelpick.engine.iso3166 import ALPHA_2, ALPHA_3, EXCEPTIONALLY_RESERVED, NAMES, SAME_AS

_CODE = re.compile(r"^[A-Z]{2,8}$")
"""What a region group's name may be (the catalog's `Region`)."""


class UnknownRegion(ValueError):
    """A code that is neither an ISO 3166-1 alpha-2 code nor a group the catalog defines."""

    def __init__(self, message: str, hint: str | None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def region_code(text: str, groups: Collection[str] | None) -> str:
    """`text` as a code (`us` is `US`), if it is an ISO 3166-1 alpha-2 code or one of `groups`.

    `groups` are the catalog's region group names; None (no catalog at hand) checks only that a
    code that is not a country could be a group's name.
    """
    code = text.strip().upper()
    if code in ALPHA_2 or (groups is not None and code in groups):
        return code
    if groups is None and _CODE.match(code):
        return code
    known = sorted(groups or ())
    shown = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    where = shown if known else "it defines none"
    reserved = EXCEPTIONALLY_RESERVED.get(code)
    if reserved:
        message = (
            f"{text.strip()!r} is reserved in ISO 3166-1 ({reserved}), not assigned to a "
            f"country, and is not a region group of the catalog ({where})"
        )
    else:
        message = (
            f"{text.strip()!r} is neither an ISO 3166-1 alpha-2 country code nor a region "
            f"group of the catalog ({where})"
        )
    raise UnknownRegion(message, _suggest(code, known))


def _suggest(code: str, groups: list[str]) -> str | None:
    """The code most likely meant: `UK` is `GB`, `USA` is `US`, `Norway` is `NO`, `Europe` `EU`."""
    if code in SAME_AS:
        target = SAME_AS[code]
        return f"did you mean '{target}' for {NAMES[target]}?"
    if code in ALPHA_3:
        target = ALPHA_3[code]
        return f"did you mean '{target}' for {NAMES[target]}?"
    by_name = {name.upper(): alpha2 for alpha2, name in NAMES.items()}
    if code in by_name:
        return f"did you mean '{by_name[code]}'?"
    for group in sorted(groups, key=len, reverse=True):
        if code.startswith(group) or (len(code) > 2 and group.startswith(code)):
            return f"did you mean '{group}'?"
    if len(code) > 3:
        starting = [alpha2 for name, alpha2 in by_name.items() if name.startswith(code)]
        if len(starting) == 1:
            return f"did you mean '{starting[0]}' for {NAMES[starting[0]]}?"
        close = difflib.get_close_matches(code, list(by_name), n=1, cutoff=0.8)
        if close:
            return f"did you mean '{by_name[close[0]]}' for {NAMES[by_name[close[0]]]}?"
    return None
