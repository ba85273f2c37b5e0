"""Renderers: the engine's result in, text out. Nothing here prints or writes files."""
