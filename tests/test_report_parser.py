import dataclasses
import hashlib
import json
from datetime import date

import pytest

from dashboard.report_parser import ReportError, decode_report, find_places, parse_report, read_report
from tests.conftest import FOUNDING_REPORT, TEST_DATA

GOLDEN_KEYS = [
    "title",
    "date",
    "region",
    "city",
    "moderator",
    "participants_total",
    "participants_women",
    "participants_men",
    "language",
    "event_type",
    "proposals",
]
EXPECTED = sorted((TEST_DATA / "reports").glob("*.expected.json"))


def _source_of(expected_path):
    name = expected_path.name.replace(".expected.json", ".txt")
    local = expected_path.with_name(name)
    return local if local.exists() else FOUNDING_REPORT.parent / name


def test_there_are_golden_reports_beyond_the_founding_one():
    assert len(EXPECTED) >= 16
    languages = {json.loads(path.read_text(encoding="utf-8"))["language"] for path in EXPECTED}
    assert {"en", "ru"} <= languages


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: path.name.split(".")[0])
def test_golden_parse(expected_path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    record = read_report(_source_of(expected_path))
    got = {
        "title": record.title,
        "date": record.date.isoformat() if record.date else None,
        "region": record.region,
        "city": record.city,
        "moderator": record.moderator,
        "participants_total": record.participants_total,
        "participants_women": record.participants_women,
        "participants_men": record.participants_men,
        "language": record.language,
        "event_type": record.event_type,
        "proposals": record.proposals,
    }
    assert got == {key: expected[key] for key in GOLDEN_KEYS}


def test_founding_report_details():
    record = read_report(FOUNDING_REPORT)
    assert record.topic == "SPECIAL STATUS OF BATKEN REGION"
    assert record.venue == 'conference hall, the "Aigul-Too" hotel'
    assert [speaker.name for speaker in record.speakers] == [
        "Ulan Nasirdinovich Shamshiev",
        "Almaz Ashyrkulovich Asanov",
    ]
    assert record.speakers[1].role.startswith("head of the migration policy department")
    assert record.presentations == [
        "On the status of the Batken region",
        "Batken. Migration and Prospects",
        "Results of Monitoring Survey of Batken Oblast",
    ]
    assert {"state_bodies", "civil_society", "media", "international", "experts"} <= set(record.participant_categories)
    assert record.purpose.startswith("Building interaction between local and state bodies")


def test_russian_labelled_counts_and_dates():
    text = (
        "Открытая диалоговая площадка в Лейлекском районе\n"
        "Дата и место проведения: 8 июля 2021 г., с. Исфана, актовый зал.\n"
        "Модератор: Айгуль Тологоновна Садыкова, председатель общественного совета.\n"
        "Количество участников: 50, из них 22 женщины и 28 мужчин.\n"
        "Предложения:\n1. усилить охрану границы;\n2. построить школу.\n"
    )
    record = parse_report(text)
    assert record.date == date(2021, 7, 8)
    assert record.region == "Batken"
    assert record.city == "Исфана"
    assert record.moderator == "Айгуль Тологоновна Садыкова"
    assert (record.participants_total, record.participants_women, record.participants_men) == (50, 22, 28)
    assert record.proposals == ["усилить охрану границы", "построить школу"]
    assert record.language == "ru"


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 40 participants attended.",
        "About 60 people took part.",
        "Около 60 человек приняли участие.",
        "Over 100 participants came.",
        "40+ participants attended.",
    ],
)
def test_approximate_counts_are_not_exact_totals(sentence):
    record = parse_report(f"Round table in Naryn\n\nThe round table was held in Naryn. {sentence}\n")
    assert record.participants_total is None


def test_unstated_facts_stay_null():
    record = parse_report("Meeting notes\n\nPeople discussed roads.\n")
    assert (record.date, record.region, record.moderator, record.participants_total) == (None, None, None, None)
    assert record.proposals == []


def test_publication_date_is_not_the_event_date():
    text = (
        "Published: 20 March 2023\nPublic hearing in Uzgen\n\nThe public hearing was held on 16 March 2023 in Uzgen.\n"
    )
    record = parse_report(text)
    assert record.title == "Public hearing in Uzgen"
    assert record.date == date(2023, 3, 16)
    assert record.region == "Osh"


def test_described_moderator_is_not_a_name():
    record = parse_report("Round table\nModerator: the chairman of the district public council\n")
    assert record.moderator is None


def test_impossible_labelled_date_is_an_error_with_its_line():
    with pytest.raises(ReportError) as error:
        parse_report("Round table in Naryn\nDate: 31.02.2021\n")
    assert str(error.value) == "line 2, field date: impossible date '31.02.2021'"


def test_women_and_men_more_than_total_keeps_the_report_without_counts():
    record = parse_report("Round table\nNumber of participants: 30, out of which 22 are women and 28 are men.\n")
    assert (record.participants_total, record.participants_women, record.participants_men) == (None, None, None)
    assert record.warnings == [
        "participants left empty: women (22) + men (28) is more than the total (30) in line 2: "
        '"30, out of which 22 are women and 28 are men."'
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Number of participants: -50 (women 20, men 30)", "line 2, field participants_count: negative count '-50'"),
        ("Participants: −12 young people", "line 2, field participants: negative count '−12'"),
        ("Количество участников: много", "line 2, field participants_count: count is not a number: 'много'"),
    ],
)
def test_negative_or_non_numeric_labelled_count_is_an_error_naming_the_line(line, message):
    with pytest.raises(ReportError) as error:
        parse_report(f"Round table in Talas\n{line}\n")
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\n ", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not a text report"),
    ],
)
def test_unreadable_files(data, message):
    with pytest.raises(ReportError, match=message):
        decode_report(data)


def test_encodings_bom_and_line_endings_do_not_change_the_record():
    text = FOUNDING_REPORT.read_text(encoding="utf-8")
    variants = [
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
        text.encode("utf-16"),
    ]
    records = [parse_report(decode_report(data)) for data in variants]
    assert len({record.content_hash for record in records}) == 1
    assert len({record.fingerprint for record in records}) == 1


def test_the_content_hash_is_the_one_stores_hold():
    """Made as it was first defined (every fact but the file's name and text, dataclasses.asdict, sorted
    JSON): events stored before compare unchanged."""
    founding = read_report(FOUNDING_REPORT)
    other = dataclasses.replace(founding, proposal_spans=[None, (3, 9)], date=None, presentations=["A; B"])
    for record in (founding, other):
        assert record.speakers and record.proposals
        facts = dataclasses.asdict(record)
        del facts["source_file"], facts["source_text"]
        expected = hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()[:32]
        assert record.content_hash == expected
    assert founding.content_hash != other.content_hash


def test_windows_1251_russian_report_is_read():
    text = "Круглый стол в г. Нарын\nКоличество участников: 12, из них 5 женщин и 7 мужчин.\n"
    record = parse_report(decode_report(text.encode("cp1251")))
    assert (record.participants_total, record.participants_women, record.participants_men) == (12, 5, 7)
    assert record.region == "Naryn"


def test_gazetteer_prefers_the_longest_place():
    assert [mention.place.region for mention in find_places("held in Osh region")] == ["Osh"]
    assert [mention.place.region for mention in find_places("held in Osh city")] == ["Osh city"]
    assert [mention.place.region for mention in find_places("в Баткенской области")] == ["Batken"]
