"""The CLI contract: command names, flags, JSON keys and DASHBOARD_DB, as outside checks use them."""

import json

import openpyxl

from tests.conftest import FOUNDING_REPORT, TEST_DATA, run_cli

PARSE_KEYS = {
    "title",
    "date",
    "region",
    "city",
    "venue",
    "moderator",
    "participants_total",
    "participants_women",
    "participants_men",
    "proposals",
    "language",
}


def test_help_lists_the_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("parse", "classify", "ingest", "stats", "demo", "template"):
        assert command in result.stdout


def test_parse_prints_one_json_object_and_stores_nothing(tmp_path):
    db = tmp_path / "never.duckdb"
    result = run_cli("parse", str(FOUNDING_REPORT), "--json", db=db)
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert PARSE_KEYS <= parsed.keys()
    assert parsed["date"] == "2021-07-08"
    assert parsed["region"] == "Batken"
    assert (parsed["participants_total"], parsed["participants_women"], parsed["participants_men"]) == (50, 22, 28)
    assert len(parsed["proposals"]) == 5
    assert parsed["proposals"][1]["themes"][0] == "migration"
    assert parsed["language"] == "en"
    assert not db.exists()


def test_parse_error_is_one_line_without_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Round table\nDate: 30.02.2022\n", encoding="utf-8")
    result = run_cli("parse", str(bad), "--json")
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {bad}: line 2, field date: impossible date '30.02.2022'"


def test_classify_text_and_jsonl(tmp_path):
    result = run_cli("classify", "to raise pensions and benefits for the border areas")
    assert result.returncode == 0
    assert "pensions_social" in json.loads(result.stdout)
    lines = tmp_path / "texts.jsonl"
    texts = ["to raise personnel issues", "нужно построить новую школу", "to meet again"]
    lines.write_text("\n".join(json.dumps({"text": text}, ensure_ascii=False) for text in texts), encoding="utf-8")
    result = run_cli("classify", "--jsonl", str(lines))
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == 3
    assert "personnel_governance" in outputs[0]
    assert "education_youth" in outputs[1]
    assert outputs[2] == ["other"]


def test_ingest_then_stats_then_ingest_again(tmp_path):
    db = tmp_path / "cli.duckdb"
    first = run_cli("ingest", str(FOUNDING_REPORT), db=db)
    assert first.returncode == 0, first.stderr
    assert "added 1, updated 0, unchanged 0, failed 0" in first.stdout
    stats = json.loads(run_cli("stats", "--json", db=db).stdout)
    assert {
        "events",
        "proposals",
        "participants_total",
        "participants_women",
        "participants_men",
        "proposals_by_theme",
        "demo_events",
    } <= stats.keys()
    assert (stats["events"], stats["participants_total"], stats["participants_women"]) == (1, 50, 22)
    assert stats["proposals"] == 5
    for theme in ("migration", "defense_security", "pensions_social", "personnel_governance"):
        assert stats["proposals_by_theme"][theme] >= 1
    second = run_cli("ingest", str(FOUNDING_REPORT), db=db)
    assert "added 0, updated 0, unchanged 1, failed 0" in second.stdout
    assert json.loads(run_cli("stats", "--json", db=db).stdout) == stats


def test_ingest_folder_with_a_bad_file_exits_1_and_keeps_the_rest(tmp_path):
    db = tmp_path / "cli.duckdb"
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_bytes(FOUNDING_REPORT.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    result = run_cli("ingest", str(folder), db=db)
    assert result.returncode == 1
    assert f"error: {folder / 'empty.txt'}: file is empty" in result.stderr
    assert "Traceback" not in result.stderr
    assert "added 1, updated 0, unchanged 0, failed 1" in result.stdout


def test_stats_filters(tmp_path):
    db = tmp_path / "cli.duckdb"
    run_cli("ingest", str(TEST_DATA / "reports"), str(FOUNDING_REPORT), db=db)
    everything = json.loads(run_cli("stats", "--json", db=db).stdout)
    batken = json.loads(run_cli("stats", "--json", "--region", "Batken", db=db).stdout)
    in_2021 = json.loads(run_cli("stats", "--json", "--from", "2021-01-01", "--to", "2021-12-31", db=db).stdout)
    migration = json.loads(run_cli("stats", "--json", "--theme", "migration", db=db).stdout)
    assert everything["events"] == 17
    assert batken["events"] == 3  # the founding report, Leilek and Kyzyl-Kiya
    assert in_2021["events"] == 3  # Batken, Kara-Balta, Kyzyl-Kiya
    assert 0 < migration["proposals"] < everything["proposals"]
    assert set(k for k, v in migration["proposals_by_theme"].items() if v) == {"migration"}
    bad = run_cli("stats", "--json", "--region", "Atlantis", db=db)
    assert bad.returncode == 2 and "unknown region 'Atlantis'" in bad.stderr


def test_demo_adds_flagged_events_in_every_region(tmp_path):
    db = tmp_path / "demo.duckdb"
    result = run_cli("demo", "--events", "500", "--seed", "7", db=db)
    assert result.returncode == 0, result.stderr
    stats = json.loads(run_cli("stats", "--json", db=db).stdout)
    assert stats["events"] == stats["demo_events"] == 500
    assert stats["participants_women"] + stats["participants_men"] <= stats["participants_total"]
    for region in ("Batken", "Chuy", "Issyk-Kul", "Jalal-Abad", "Naryn", "Osh", "Talas", "Bishkek", "Osh city"):
        assert json.loads(run_cli("stats", "--json", "--region", region, db=db).stdout)["events"] > 0
    real = json.loads(run_cli("stats", "--json", "--no-demo", db=db).stdout)
    assert real["events"] == 0
    again = run_cli("demo", "--events", "10", "--seed", "7", db=db)
    assert again.returncode == 2 and "seed 7 is already in the store" in again.stderr


def test_template_csv_and_xlsx(tmp_path):
    csv_path, xlsx_path = tmp_path / "t.csv", tmp_path / "t.xlsx"
    assert run_cli("template", "--out", str(csv_path)).returncode == 0
    assert run_cli("template", "--out", str(xlsx_path)).returncode == 0
    assert csv_path.read_text(encoding="utf-8").startswith("title,date,region,")
    assert openpyxl.load_workbook(xlsx_path).sheetnames == ["events", "columns"]
