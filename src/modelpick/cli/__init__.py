"""The shell: the typer app, one module per command group, console views and prompts.

The only package that imports typer, rich or questionary. `main` (in `cli.main`) is the one
place that turns an exception into a message and an exit code.
"""

from modelpick.cli.app import app
from modelpick.cli.main import main

__all__ = ["app", "main"]
