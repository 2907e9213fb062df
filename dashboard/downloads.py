"""Tables as CSV and XLSX downloads that are safe to open in a spreadsheet.

A text cell starting with = + - @ (or a tab or carriage return) would run as a formula
in Excel or LibreOffice; such cells get a leading apostrophe, which shows the text as typed.
"""

import io

import pandas as pd

from dashboard.table_import import FORMULA_PREFIXES

MAX_DOWNLOAD_ROWS = 100_000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A cell value a spreadsheet shows as written, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every formula-like text cell (and column name) defused."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(safe_cell)
    safe.columns = [safe_cell(str(column)) for column in safe.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    # utf-8-sig: Excel then reads Cyrillic text correctly.
    return spreadsheet_safe(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        spreadsheet_safe(frame).to_excel(writer, index=False, sheet_name=sheet)
    return buffer.getvalue()
