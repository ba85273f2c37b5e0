"""The catalog: schema, loader and consistency checks."""
