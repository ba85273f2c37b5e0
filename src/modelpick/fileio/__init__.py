"""The user's files, read and written safely (`reading`, `writing`).

Reading takes regular files only, and never more than a limit: a device, a FIFO or a socket
named as an input (or reached through a symlink) is refused without being read, and cannot
hang the program or fill its memory. Writing replaces only regular files, or creates new
paths: every text is staged in a temporary file beside its target and synced, then all of
them are moved into place together, and a failure part of the way puts back what was there.
"""

from modelpick.fileio.reading import file_kind, read_bytes, read_text
from modelpick.fileio.writing import (
    Output,
    check_writable,
    refuse_overlaps,
    safe_child,
    write_atomic,
    write_atomic_many,
    write_files,
)

__all__ = [
    "Output",
    "check_writable",
    "file_kind",
    "read_bytes",
    "read_text",
    "refuse_overlaps",
    "safe_child",
    "write_atomic",
    "write_atomic_many",
    "write_files",
]
