"""The one place that reads the clock.

`SOURCE_DATE_EPOCH` (the reproducible-builds convention) fixes "now" for
every output: the "Updated" line, the PDF's dates, lint's idea of "the
future". Without it the date is today's, and the PDF timestamp falls back
to the profile's modification time, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path


def fixed_epoch() -> int | None:
    """SOURCE_DATE_EPOCH when it is set to a number of seconds, else None."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else None


def build_date() -> dt.date:
    """The date printed as "Updated ...": SOURCE_DATE_EPOCH when set, else today."""
    epoch = fixed_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    return dt.date.today()


def build_epoch(source_file: Path) -> int:
    """Seconds for a PDF's dates: SOURCE_DATE_EPOCH, else the profile's modification time."""
    epoch = fixed_epoch()
    if epoch is not None:
        return epoch
    try:
        return int(source_file.stat().st_mtime)
    except OSError:
        return 0
