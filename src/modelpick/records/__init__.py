"""Decision records: the MADR format, drift against the catalog, and the store on disk.

`format` and `drift` are pure (text and catalog in, text and rows out); `store` does all the
file I/O. The names the command line uses are re-exported here.
"""

from modelpick.records.drift import CheckResult, DriftRow
from modelpick.records.format import Skipped, printable
from modelpick.records.store import check_records, write_new_record

__all__ = [
    "CheckResult",
    "DriftRow",
    "Skipped",
    "check_records",
    "printable",
    "write_new_record",
]
