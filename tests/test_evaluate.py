"""`python -m dashboard evaluate`: the parser scored on labelled reports, as an NGO would run it on its own."""

import json

import pytest

from dashboard.evaluation.reports import names_match, titles_match
from tests.conftest import run_cli

EN = (
    "# source: https://example.org/en/1\n"
    "Round table on school transport in Tokmok\n\n"
    "The round table was held on 12 March 2022 in Tokmok. 40 participants took part.\n"
    "Parents urged the town council to buy a second school bus for the new district.\n"
)
RU = (
    "# source: https://example.org/ru/2\n"
    "Встреча с жителями села\n\n"
    "Жители попросили провести воду в верхнюю часть села до конца лета.\n"
)
GOLD_EN = {
    "title": "Round table on school transport in Tokmok",
    "date": "2022-03-12",
    "region": "Chuy",
    "city": "Tokmok",
    "venue": None,
    "moderator": None,
    "participants_total": 40,
    "participants_women": None,
    "participants_men": None,
    "proposals": [{"text": "urged the town council to buy a second school bus for the new district"}],
    "language": "en",
}
GOLD_RU = {
    "title": "Встреча с жителями села",
    "date": None,
    "region": None,
    "city": "Токмок",  # stated by the gold, not by the text: a field the parser misses
    "venue": None,
    "moderator": None,
    "participants_total": None,
    "participants_women": None,
    "participants_men": None,
    "proposals": [
        {"text": "провести воду в верхнюю часть села до конца лета"},
        {"text": "починить мост у школы"},
    ],
    "language": "ru",
}


@pytest.fixture
def labelled(tmp_path):
    folder = tmp_path / "labelled"
    folder.mkdir()
    for name, text, gold in (("en1", EN, GOLD_EN), ("ru2", RU, GOLD_RU)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.expected.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (folder / "notes.txt").write_text("a text without gold is not scored", encoding="utf-8")
    return folder


def _evaluate(*args, tmp_path):
    return run_cli("evaluate", *args, db=tmp_path / "unused.duckdb")


def test_scores_overall_per_language_and_per_field(labelled, tmp_path):
    done = _evaluate("--reports", str(labelled), "--json", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    reports = json.loads(done.stdout)["reports"]
    assert (reports["files"], reports["failed"]) == (2, 0)
    # en: title, date, region, city, total, language found (6 of 6); ru: title and language found, city missed.
    assert reports["stated"] == {"total": 9, "found": 8, "share": round(8 / 9, 4)}
    assert reports["by_field"]["city"]["stated"] == 2 and reports["by_field"]["city"]["found"] == 1
    assert reports["null"]["kept"] == reports["null"]["total"] == 11
    assert reports["proposals"] == {
        "gold": 3,
        "found": 2,
        "recall": round(2 / 3, 4),
        "extracted": 2,
        "correct": 2,
        "precision": 1.0,
    }
    assert reports["by_language"]["ru"]["proposals"]["recall"] == 0.5
    assert reports["by_language"]["en"]["stated"]["share"] == 1.0


def test_split_scores_held_back_sources_separately(labelled, tmp_path):
    split = tmp_path / "split.json"
    split.write_text(json.dumps({"check_sources": ["https://example.org/ru/2"]}), encoding="utf-8")
    done = _evaluate("--reports", str(labelled), "--split", str(split), "--json", tmp_path=tmp_path)
    by_split = json.loads(done.stdout)["reports"]["by_split"]
    assert by_split["development"]["files"] == by_split["held_back"]["files"] == 1
    assert list(by_split["held_back"]["by_language"]) == ["ru"]


def test_human_readable_output_names_the_figures(labelled, tmp_path):
    done = _evaluate("--reports", str(labelled), tmp_path=tmp_path)
    assert done.returncode == 0
    assert "all: 2 files, 0 failed; stated fields found  88.9% (8/9)" in done.stdout
    assert "proposals recall  66.7% (2/3), precision 100.0% (2/2)" in done.stdout


def test_a_missed_floor_exits_1_and_names_it(labelled, tmp_path):
    done = _evaluate("--reports", str(labelled), "--fail-under", "stated=0.85,recall=0.75", tmp_path=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == "evaluate: below the floor: recall 0.6667 < 0.75"
    passed = _evaluate("--reports", str(labelled), "--fail-under", "stated=0.85,null=0.97", tmp_path=tmp_path)
    assert passed.returncode == 0


def test_a_report_the_parser_refuses_counts_as_failed(labelled, tmp_path):
    (labelled / "bad.txt").write_text("Round table in Osh\nNumber of participants: -3\n", encoding="utf-8")
    (labelled / "bad.expected.json").write_text(json.dumps({"title": "Round table in Osh"}), encoding="utf-8")
    reports = json.loads(_evaluate("--reports", str(labelled), "--json", tmp_path=tmp_path).stdout)["reports"]
    assert reports["failed"] == 1
    assert reports["failures"] == [
        {"file": "bad.txt", "error": "line 2, field participants_count: negative count '-3'"}
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "error: give --reports DIR and/or --proposals FILE.jsonl"),
        (("--reports", "missing-folder"), "error: missing-folder: not a folder"),
        (("--reports", ".", "--fail-under", "speed=1"), "unknown floor 'speed'"),
    ],
)
def test_usage_errors_are_one_line(args, message, tmp_path):
    done = _evaluate(*args, tmp_path=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_proposals_are_checked_as_strictly_as_for_training(tmp_path):
    proposals = tmp_path / "proposals.jsonl"
    lines = [{"text": "Build a school", "themes": ["education_youth"]}, {"text": "Repair roads", "themes": ["roads"]}]
    proposals.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    done = _evaluate("--proposals", str(proposals), tmp_path=tmp_path)
    assert done.returncode == 2
    assert f"{proposals}: line 2: unknown themes roads" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("gold", "found", "same"),
    [
        ("Bishkek", "Бишкеке", True),
        ("Osh", "г. Ош", True),
        ("Jalal-Abad", "Джалал-Абад", True),
        ("Karakol", "Каракол шаарындагы", True),
        ("Naryn", "Talas", False),
        ("Tölönbek Abdyrov", "Толонбек Абдыров", True),
    ],
)
def test_names_match_across_scripts(gold, found, same):
    assert names_match(gold, found) is same


def test_titles_match_by_word_overlap():
    assert titles_match("Round table on water in Naryn", "Round table on water in Naryn region")
    assert not titles_match("Round table on water in Naryn", "Hearing on the budget of Talas")
