"""Tables as CSV and XLSX downloads that are safe to open in a spreadsheet.

`guard_cell` is the one guard every cell passes on its way out of the app, in every
spreadsheet format (the pages' downloads, `export` as CSV or XLSX, the data behind the
briefing charts), as the last step: it first removes the control characters a workbook
cannot hold, then defuses text that a spreadsheet would run as a formula (= + - @, also
after leading spaces or in their full-width forms) with a leading apostrophe, which shows
the text as typed. Cleaning after the check would let `\x01=HYPERLINK(...)` through.
"""

import io
import re

import pandas as pd

MAX_DOWNLOAD_ROWS = 100_000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters an XLSX cell cannot hold (XML 1.0), which openpyxl refuses with an exception.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What makes a spreadsheet run a cell as a formula: these starts, also in full width (＝ ＋ － ＠).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def guard_cell(value):
    """A cell value a spreadsheet shows as written and never runs as a formula."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    if value.lstrip(" \u00a0").startswith(FORMULA_START):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and column name) through `guard_cell`."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(guard_cell)
    safe.columns = [guard_cell(str(column)) for column in safe.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    # utf-8-sig: Excel then reads Cyrillic text correctly.
    return spreadsheet_safe(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        spreadsheet_safe(frame).to_excel(writer, index=False, sheet_name=sheet)
    return buffer.getvalue()
