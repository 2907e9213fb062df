"""Hostile files: the parser and the table import answer with a clear error or a record,
never another exception, and within seconds."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import config
from dashboard.ingest import ingest_file
from dashboard.report_parser import ReportError, decode_report, parse_report, read_report
from tests.conftest import FOUNDING_REPORT, run_cli

SECONDS = 5
FOUNDING = FOUNDING_REPORT.read_text(encoding="utf-8")
RUSSIAN = (
    "Диалоговая площадка в Баткенской области\n"
    "Дата и место проведения: 08.07.2021, г. Баткен\n"
    "Количество участников: 50, из них 22 женщин и 28 мужчин.\n"
    "Предложения:\n1. создать концепцию развития региона;\n2. поднять кадровые вопросы.\n"
)
HOSTILE = settings(
    max_examples=150, deadline=SECONDS * 1000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def bounded(call, *args):
    """The call's result or ReportError, checked to take under SECONDS."""
    started = time.perf_counter()
    try:
        return call(*args)
    except ReportError as error:
        assert str(error), "a ReportError says what is wrong"
        return error
    finally:
        assert time.perf_counter() - started < SECONDS


@HOSTILE
@given(st.binary(max_size=4000))
def test_random_bytes_decode_and_parse(data):
    text = bounded(decode_report, data)
    if isinstance(text, str):
        bounded(parse_report, text)


@HOSTILE
@given(st.text(max_size=4000))
def test_random_text_parses_or_is_refused(text):
    bounded(parse_report, text)


@HOSTILE
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60), min_size=1, max_size=8))
def test_random_labelled_lines(values):
    """Real labels with random values reach the date, count and place code paths."""
    labels = ["Date and venue:", "Number of participants:", "Moderator:", "Participants:", "Suggestions made:", "1."]
    text = "Title\n" + "\n".join(f"{label} {value}" for label, value in zip(labels * 2, values, strict=False))
    bounded(parse_report, text)


@HOSTILE
@given(st.lists(st.text(max_size=40), min_size=3, max_size=3))
def test_random_csv_cells(tmp_path_factory, con, cells):
    path = tmp_path_factory.mktemp("csv") / "events.csv"
    body = ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)
    path.write_text("title,date,region\n" + body + "\n", encoding="utf-8")
    result = bounded(ingest_file, con, path)
    assert result.error or sum(result.outcomes.values()) == 1


def write(folder, name: str, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


HOSTILE_FILES = {
    "huge.txt": b"a" * (20 << 20),
    "huge.md": b"\n" * (20 << 20),
    "utf16.txt": FOUNDING.encode("utf-16"),
    "utf16be.txt": b"\xfe\xff" + FOUNDING.encode("utf-16-be"),
    "cp1251.txt": RUSSIAN.encode("cp1251"),
    "rtl.txt": ("\u202e\u200f" + FOUNDING.replace(" ", " \u200b\u2066")).encode(),
    "zero_width_only.txt": "\u200b\u200c\u200d\ufeff\u2060".encode() * 100,
    "long_line.txt": ("word " * (1 << 18)).encode(),
    "long_digits.txt": ("1. " + "9" * (1 << 20)).encode(),
    "long_places.txt": ("Batken Osh Naryn Talas Karakol " * 15000).encode(),
    "long_quotes.txt": ("presentation «" * 100000).encode(),
    "long_names.txt": ("Speech by Ulan Nasirdinovich Shamshiev " * 30000).encode(),
    "huge_count.txt": b"Title\nNumber of participants: 99999999999999999999, 3 women\n",
    "random.txt": bytes(range(256)) * 20,
    "formula.csv": b"title,date,region,proposals\n=cmd|' /C calc'!A0,2021-07-08,Batken,=HYPERLINK(\"x\")|+1\n",
    "formula_count.csv": b"title,date,region,participants_total\n@SUM(1),2021-07-08,Batken,=1+1\n",
    "huge_count.csv": b"title,date,region,participants_total\nT,2021-07-08,Batken,99999999999999999999\n",
    "utf16.csv": "title,date,region\nT,2021-07-08,Batken\n".encode("utf-16"),
    "cp1251.csv": "title,date,region,topic\nДиалог,2021-07-08,Batken,Миграция\n".encode("cp1251"),
    "long_cell.csv": b"title,date,region\n" + b"x" * (1 << 20) + b",2021-07-08,Batken\n",
    "unterminated.csv": b'title,date,region\n"T,2021-07-08,Batken\n',
    "nul.csv": b"title,date\x00,region\n",
    "random.xlsx": bytes(range(256)) * 20,
    "random.docx": bytes(range(256)) * 20,
}


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_hostile_file_gives_a_record_or_a_clear_error(name, tmp_path, con):
    path = write(tmp_path, name, HOSTILE_FILES[name])
    result = bounded(ingest_file, con, path)
    assert result.error is None or "\n" not in result.error
    assert result.error or sum(result.outcomes.values()) == 1


def test_oversized_report_is_refused_before_reading(tmp_path):
    path = write(tmp_path, "huge.txt", b"a" * (20 << 20))
    error = bounded(read_report, path)
    assert isinstance(error, ReportError)
    assert str(error) == "file is 20.0 MB; reports are limited to 5 MB"
    assert config.MAX_REPORT_BYTES == 5 << 20


def test_encodings_and_invisible_characters_keep_the_facts(tmp_path):
    for name in ("utf16.txt", "utf16be.txt", "rtl.txt"):
        record = read_report(write(tmp_path, name, HOSTILE_FILES[name]))
        assert (record.date.isoformat(), record.region, record.participants_total) == ("2021-07-08", "Batken", 50)
        assert len(record.proposals) == 5
    russian = read_report(write(tmp_path, "cp1251.txt", HOSTILE_FILES["cp1251.txt"]))
    assert (russian.region, russian.participants_total, russian.participants_women) == ("Batken", 50, 22)
    assert russian.proposals == ["создать концепцию развития региона", "поднять кадровые вопросы"]


def test_a_count_of_twenty_digits_is_not_a_count(tmp_path, con):
    record = read_report(write(tmp_path, "huge_count.txt", HOSTILE_FILES["huge_count.txt"]))
    assert record.participants_total is None
    result = ingest_file(con, write(tmp_path, "huge_count.csv", HOSTILE_FILES["huge_count.csv"]))
    assert result.error == "row 2, field participants_total: count 99999999999999999999 is more than 1,000,000 people"


def test_formula_cells_are_stored_as_inert_text(tmp_path, con):
    result = ingest_file(con, write(tmp_path, "formula.csv", HOSTILE_FILES["formula.csv"]))
    assert result.error is None
    title, proposals = con.execute(
        "select e.title, list(p.text order by p.position) from events e join proposals p using (event_id) group by all"
    ).fetchone()
    assert title == "=cmd|' /C calc'!A0"
    assert proposals == ['=HYPERLINK("x")', "+1"]


def test_cli_never_prints_a_traceback(tmp_path, db_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name, data in HOSTILE_FILES.items():
        write(folder, name, data)
    result = run_cli("ingest", str(folder), db=db_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert "huge.txt: file is 20.0 MB; reports are limited to 5 MB" in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == int(result.stdout.split("failed ")[1].split()[0])


@pytest.fixture
def docx_of(tmp_path):
    """A .docx of `paragraphs` paragraphs of 100,000 letters each (text that compresses well)."""
    import docx

    def make(name: str, paragraphs: int, letter: str):
        document = docx.Document()
        for _ in range(paragraphs):
            document.add_paragraph(letter * 100_000)
        path = tmp_path / name
        document.save(str(path))
        return path

    return make


@pytest.fixture
def tall_xlsx(tmp_path):
    """The import template with a cell in the sheet's last row, and the sheet's declared size replaced."""
    import zipfile

    from dashboard.table_import import write_template

    def make(dimension: bytes):
        template = tmp_path / "template.xlsx"
        write_template(template)
        path = tmp_path / "tall.xlsx"
        with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for member in source.infolist():
                data = source.read(member.filename)
                if member.filename == "xl/worksheets/sheet1.xml":
                    data = data.replace(b'<dimension ref="A1:R1"/>', dimension)
                    data = data.replace(
                        b"</sheetData>", b'<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>'
                    )
                target.writestr(member.filename, data)
        return path

    return make


def test_a_docx_that_unpacks_to_many_megabytes_is_refused_quickly(docx_of, con):
    path = docx_of("bomb.docx", 400, "a")  # 40 MB of text that compresses to a few hundred KB
    assert path.stat().st_size < 1 << 20
    result = bounded(ingest_file, con, path)
    assert result.error == "unpacks to more than 32 MB (word/document.xml); .docx files are limited to that"
    assert con.execute("select count(*) from events").fetchone()[0] == 0


def test_a_docx_with_more_text_than_a_report_may_hold_is_refused(docx_of, con):
    path = docx_of("long.docx", 60, "b")  # 6 MB of text: under the unpacked limit, over the report limit
    result = bounded(ingest_file, con, path)
    assert result.error == "the document holds more than 5 MB of text; reports are limited to 5 MB"


def test_an_xlsx_declaring_a_million_rows_is_refused_before_reading(tall_xlsx, con):
    result = bounded(ingest_file, con, tall_xlsx(b'<dimension ref="A1:R1048576"/>'))
    assert result.error == "the sheet declares 1,048,576 rows; tables are limited to 100,000"


def test_an_xlsx_without_a_declared_size_is_still_bounded(tall_xlsx, con):
    result = bounded(ingest_file, con, tall_xlsx(b""))
    assert result.error == "the table has more than 100,000 rows; split it into smaller files"
