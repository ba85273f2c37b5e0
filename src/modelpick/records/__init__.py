"""Decision records: the MADR format, drift against the catalog, and the store on disk."""

from modelpick.records.store import (
    CheckResult,
    DriftRow,
    Skipped,
    check_records,
    printable,
    write_new_record,
)

__all__ = [
    "CheckResult",
    "DriftRow",
    "Skipped",
    "check_records",
    "printable",
    "write_new_record",
]
