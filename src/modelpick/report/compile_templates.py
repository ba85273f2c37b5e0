"""Compile the shipped report templates: `python -m modelpick.report.compile_templates [--check]`.

A build step, not a command (as `modelpick.catalog.snapshot` is for the catalog): it writes
`report/compiled/*.py`, which `precompiled.ShippedLoader` runs, and with `--check` exits 1
naming a stale one. Kept apart from the loader, which the renderers import.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from modelpick.report.precompiled import COMPILED, REGENERATE, SHIPPED, header, module_name


def compiled_sources() -> dict[str, str]:
    """Each shipped template's compiled file, as the environments that render it compile it."""
    from modelpick.report.markdown import _environment
    from modelpick.report.portfolio_markdown import _environment as portfolio_environment

    out: dict[str, str] = {}
    for name in SHIPPED:
        env = portfolio_environment() if name == "portfolio.md.j2" else _environment(None)
        assert env.loader is not None
        source, filename, _ = env.loader.get_source(env, name)
        code = env.compile(source, name, filename, raw=True)
        out[module_name(name)] = header(source) + "# Generated: do not edit.\n" + code + "\n"
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Write the compiled templates, or with --check say whether they are current."""
    import argparse

    parser = argparse.ArgumentParser(prog=REGENERATE, description=main.__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    args = parser.parse_args(argv)
    wanted = compiled_sources()
    stale = [
        name for name, text in wanted.items()
        if not (COMPILED / f"{name}.py").exists()
        or (COMPILED / f"{name}.py").read_text(encoding="utf-8") != text
    ]
    if args.check:
        for name in stale:
            print(f"{COMPILED / name}.py is stale; regenerate it: {REGENERATE}", file=sys.stderr)
        return 1 if stale else 0
    COMPILED.mkdir(exist_ok=True)
    for name in stale:
        (COMPILED / f"{name}.py").write_text(wanted[name], encoding="utf-8")
        print(f"wrote {COMPILED / name}.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
