"""Bulk import of events from CSV or XLSX tables in the documented template.

One row is one event. Proposals, participant categories and presentations are lists
in one cell, separated by `|`. `python -m dashboard template --out FILE` writes an
empty template (an XLSX one also carries a sheet that describes every column).
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dashboard import reference
from dashboard.config import MAX_TABLE_BYTES
from dashboard.i18n import N_, Message, _
from dashboard.model import EventRecord, Speaker
from dashboard.report_parser import ReportError, find_places, normalise_text

UNREADABLE_XLSX = N_("not a readable XLSX workbook ({problem})")


class TableError(ReportError):
    """A problem in a table, located by row (the header is row 1) and column."""

    unit = "row"


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str  # an English msgid; `described()` gives it in the current language

    def described(self) -> str:
        types = ", ".join(row["event_type"] for row in reference.event_types())
        return _(self.description).format(event_types=types)


COLUMNS = (
    Column("title", True, N_("Title of the event as in its report.")),
    Column("date", True, N_("Date of the event, YYYY-MM-DD (or DD.MM.YYYY).")),
    Column("region", True, N_("Region, spelled as in data/regions.csv (e.g. Batken, Osh city).")),
    Column("event_type", False, N_("One of: {event_types}.")),
    Column("city", False, N_("Town, city or district where the event was held.")),
    Column("venue", False, N_("Venue (hall, building).")),
    Column("topic", False, N_("Topic of the event.")),
    Column("organiser", False, N_("Who organised the event.")),
    Column("moderator", False, N_("Full name of the moderator.")),
    Column("purpose", False, N_("Purpose of the event as stated in the report.")),
    Column("language", False, N_("Language of the report: en, ru or ky.")),
    Column(
        "participants_total", False, N_("Number of participants, a whole number; leave empty if not stated exactly.")
    ),
    Column("participants_women", False, N_("Number of women among the participants, if stated.")),
    Column("participants_men", False, N_("Number of men among the participants, if stated.")),
    Column("participant_categories", False, N_("Groups taking part, separated by |, e.g. state_bodies|media.")),
    Column("speakers", False, N_("Speakers separated by |, each as 'Name (role)'.")),
    Column("presentations", False, N_("Presentation titles separated by |.")),
    Column("proposals", False, N_("The proposals made, separated by |.")),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
REQUIRED = tuple(column.name for column in COLUMNS if column.required)
LIST_SEPARATOR = "|"
# Larger counts are typing errors, and would overflow the store's integer columns.
MAX_COUNT = 1_000_000
# A table is refused beyond these, before its rows are read (the template has 18 columns).
MAX_TABLE_ROWS = 100_000
MAX_TABLE_COLUMNS = 100
MAX_XLSX_UNPACKED = 256 * 2**20


def write_template(path: Path) -> None:
    if path.suffix.lower() == ".xlsx":
        import openpyxl  # here, not at the top: every page's sidebar imports this module's callers

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "events"
        sheet.append(list(COLUMN_NAMES))
        # the description sheet is for people: in the chosen language (`template --lang`)
        described = workbook.create_sheet(_("columns"))
        described.append([_("column"), _("required"), _("description")])
        for column in COLUMNS:
            described.append([column.name, _("yes") if column.required else _("no"), column.described()])
        workbook.save(path)
    elif path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerow(COLUMN_NAMES)
    else:
        raise ValueError(f"{path.name}: the template is written as .csv or .xlsx")


def _rows_from_csv(data: bytes) -> list[list[str]]:
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReportError(Message(N_("binary file, not a CSV table")))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1251", errors="replace")
    text = normalise_text(text)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise ReportError(Message(N_("not a readable CSV table ({error})"), error=str(error))) from None


def check_archive(path: Path, what: str, max_total: int, max_part: int) -> None:
    """Refuse a zip container (.xlsx, .docx) that unpacks to more than the limits, before parsing it.

    The sizes are measured by unpacking (and counting), not read from the headers, which a
    crafted file can fill in as it likes."""
    import zipfile

    total = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                size = 0
                with archive.open(member) as stream:
                    while block := stream.read(1 << 20):
                        size += len(block)
                        total += len(block)
                        if size > max_part or total > max_total:
                            limit = max_part if size > max_part else max_total
                            raise ReportError(
                                Message(
                                    N_("unpacks to more than {limit} MB ({part}); {kind} files are limited to that"),
                                    limit=limit // 2**20,
                                    part=member.filename[:60],
                                    kind=what,
                                )
                            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise ReportError(
            Message(N_("not a readable {kind} file ({problem})"), kind=what, problem=type(error).__name__)
        ) from None


def _rows_from_xlsx(path: Path) -> list[list]:
    check_archive(path, "XLSX", MAX_XLSX_UNPACKED, MAX_XLSX_UNPACKED)
    import openpyxl  # ≈0.3 s to import: only when a table is read

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for broken files
        raise ReportError(Message(UNREADABLE_XLSX, problem=type(error).__name__)) from None
    try:
        sheet = workbook["events"] if "events" in workbook.sheetnames else workbook.worksheets[0]
        # Read-only sheets fill in every row and column up to the declared size: check it first.
        if (sheet.max_row or 0) > MAX_TABLE_ROWS + 1:
            raise ReportError(
                Message(
                    N_("the sheet declares {rows:,} rows; tables are limited to {limit:,}"),
                    rows=sheet.max_row,
                    limit=MAX_TABLE_ROWS,
                )
            )
        if (sheet.max_column or 0) > MAX_TABLE_COLUMNS:
            raise ReportError(
                Message(
                    N_("the sheet declares {columns:,} columns; tables are limited to {limit}"),
                    columns=sheet.max_column,
                    limit=MAX_TABLE_COLUMNS,
                )
            )
        rows = sheet.iter_rows(values_only=True, max_row=MAX_TABLE_ROWS + 2, max_col=MAX_TABLE_COLUMNS)
        return [list(row) for row in rows]
    except ReportError:
        raise
    except Exception as error:  # a broken sheet fails while it is read, not when opened
        raise ReportError(Message(UNREADABLE_XLSX, problem=f"{type(error).__name__} in the sheet")) from None
    finally:
        workbook.close()


def _text(value) -> str | None:
    if value is None:
        return None
    text = normalise_text(str(value)).strip()
    return text or None


def _count(value, row: int, field: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        number = int(str(value).strip())
    except ValueError:
        raise TableError(Message(N_("not a whole number: {value!r}"), value=str(value)[:40]), row, field) from None
    if number < 0:
        raise TableError(Message(N_("negative count {count}"), count=number), row, field)
    if number > MAX_COUNT:
        raise TableError(
            Message(N_("count {count} is more than {limit:,} people"), count=number, limit=MAX_COUNT), row, field
        )
    return number


def _date(value, row: int) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value) or ""
    if not text:
        raise TableError(Message(N_("a date is required")), row, "date")
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise TableError(
        Message(N_("impossible or unreadable date {date!r} (use YYYY-MM-DD)"), date=text[:40]), row, "date"
    )


def _list(value) -> list[str]:
    text = _text(value)
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()] if text else []


def _region_of_place(text: str) -> reference.Region | None:
    """A region written another way ('Баткенская область', 'г. Ош', 'Karakol'), through the gazetteer."""
    mentions = find_places(text)
    return reference.region_by_name(mentions[0].place.region) if mentions else None


def _categories(value, row: int) -> list[str]:
    known = reference.participant_category_labels()
    categories = _list(value)
    for category in categories:
        if category not in known:
            raise TableError(
                Message(
                    N_("unknown participant category {category!r}; known: {known}"),
                    category=category[:40],
                    known=", ".join(known),
                ),
                row,
                "participant_categories",
            )
    return categories


def _speaker(text: str) -> Speaker:
    name, _, role = text.partition("(")
    return Speaker(name=name.strip(), role=role.rstrip(")").strip() or None)


def read_table(path: Path) -> list[EventRecord]:
    """Events in a template table; raises ReportError naming the row and field of the first problem."""
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        raise ReportError(
            Message(
                N_("file is {size:.1f} MB; tables are limited to {limit} MB"),
                size=size / 2**20,
                limit=MAX_TABLE_BYTES // 2**20,
            )
        )
    if size == 0:
        raise ReportError(Message(N_("file is empty")))
    rows = _rows_from_xlsx(path) if path.suffix.lower() == ".xlsx" else _rows_from_csv(path.read_bytes())
    if len(rows) > MAX_TABLE_ROWS + 1:
        raise ReportError(
            Message(N_("the table has more than {limit:,} rows; split it into smaller files"), limit=MAX_TABLE_ROWS)
        )
    rows = [row for row in rows if any(_text(cell) for cell in row)]
    if not rows:
        raise ReportError(Message(N_("file is empty")))
    header = [(_text(cell) or "").casefold() for cell in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise TableError(Message(N_("missing required columns: {columns}"), columns=", ".join(missing)), 1)
    if len(rows) == 1:
        raise ReportError(Message(N_("the table has a header but no events")))
    records = []
    for row_number, row in enumerate(rows[1:], start=2):
        cells = {name: (row[index] if index < len(row) else None) for index, name in enumerate(header)}
        records.append(_record(cells, row_number, path.name))
    return records


def _record(cells: dict, row: int, source_file: str) -> EventRecord:
    title = _text(cells.get("title"))
    if not title:
        raise TableError(Message(N_("a title is required")), row, "title")
    region = _text(cells.get("region"))
    if not region:
        raise TableError(Message(N_("a region is required")), row, "region")
    known_region = reference.region_by_name(region) or _region_of_place(region)
    if known_region is None:
        raise TableError(Message(N_("unknown region {region!r}"), region=region[:40]), row, "region")
    event_type = _text(cells.get("event_type"))
    if event_type and event_type not in reference.event_type_labels():
        raise TableError(
            Message(N_("unknown event type {event_type!r}"), event_type=event_type[:40]), row, "event_type"
        )
    record = EventRecord(
        title=title,
        date=_date(cells.get("date"), row),
        region=known_region.name,
        city=_text(cells.get("city")),
        venue=_text(cells.get("venue")),
        topic=_text(cells.get("topic")),
        event_type=event_type,
        organiser=_text(cells.get("organiser")),
        moderator=_text(cells.get("moderator")),
        purpose=_text(cells.get("purpose")),
        language=_text(cells.get("language")),
        participants_total=_count(cells.get("participants_total"), row, "participants_total"),
        participants_women=_count(cells.get("participants_women"), row, "participants_women"),
        participants_men=_count(cells.get("participants_men"), row, "participants_men"),
        participant_categories=_categories(cells.get("participant_categories"), row),
        speakers=[_speaker(item) for item in _list(cells.get("speakers"))],
        presentations=_list(cells.get("presentations")),
        proposals=_list(cells.get("proposals")),
        source_file=source_file,
    )
    total = record.participants_total
    split = (record.participants_women or 0) + (record.participants_men or 0)
    if total is not None and split > total:
        raise TableError(
            Message(
                N_("women ({women}) + men ({men}) is more than the total ({total})"),
                women=record.participants_women,
                men=record.participants_men,
                total=total,
            ),
            row,
            "participants_total",
        )
    return record
