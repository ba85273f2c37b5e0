"""Reading answers and portfolio files into the engine's types (the engine does no I/O)."""
