"""The Data page through AppTest: uploads into the store and the review queue's corrections."""

import csv
import io

import duckdb
import pytest

from dashboard import auth
from dashboard.table_import import COLUMN_NAMES
from tests.conftest import open_page

PAGE = "dashboard/pages/data.py"
ROW = {
    "title": "Round table on irrigation water",
    "date": "2022-05-01",
    "region": "Talas",
    "event_type": "round_table",
    "participants_total": "30",
    "participants_women": "12",
    "participants_men": "18",
    "proposals": 'to repair irrigation canals | =HYPERLINK("http://example.com")',
}


PASSWORD = "editors only, please"


@pytest.fixture(autouse=True)
def editor_password(monkeypatch):
    monkeypatch.setenv(auth.ENV_VARIABLE, auth.hash_password(PASSWORD))
    auth.THROTTLE.reset()  # the server-wide count of failed sign-ins lives in this process
    yield
    auth.THROTTLE.reset()


def open_signed_in(params=None, name="Aida", password=PASSWORD):
    at = open_page(PAGE, params)
    at.text_input[0].set_value(name)
    at.text_input[1].set_value(password)
    next(button for button in at.button if button.label == "Sign in").click().run()
    return at


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _save_button(at):
    return next(button for button in at.button if button.label == "Save corrections")


def _ok(at):
    assert not at.exception, [exception.message for exception in at.exception]
    return at


def test_an_uploaded_table_adds_an_event_seen_on_the_events_page(app_store):
    at = _ok(open_signed_in())
    assert at.file_uploader[0].accept_multiple_files
    at.file_uploader[0].set_value(
        [
            ("events.csv", _csv([ROW]), "text/csv"),
            ("broken.csv", b"title,date\nno region,2022-01-01\n", "text/csv"),
        ]
    ).run()
    next(button for button in at.button if button.label == "Add to the store").click().run()
    _ok(at)
    assert [message.value for message in at.success] == ["events.csv: 1 added"]
    assert [message.value for message in at.error] == ["broken.csv: error: row 1: missing required columns: region"]
    at.switch_page("dashboard/pages/events.py").run()
    titles = _ok(at).dataframe[0].value["title"].tolist()
    assert titles == [
        "Round table on irrigation water",
        'Open dialogue platform in Batken region on the topic "SPECIAL STATUS OF BATKEN REGION"',
    ]


def test_uploading_the_same_report_again_changes_nothing(app_store):
    from tests.conftest import FOUNDING_REPORT

    at = _ok(open_signed_in())
    at.file_uploader[0].set_value((FOUNDING_REPORT.name, FOUNDING_REPORT.read_bytes(), "text/plain")).run()
    next(button for button in at.button if button.label == "Add to the store").click().run()
    assert [message.value for message in _ok(at).success] == [f"{FOUNDING_REPORT.name}: 1 unchanged"]


def test_the_review_queue_shows_current_labels(app_store):
    at = _ok(open_signed_in())
    queue = at.data_editor[0].value
    assert len(queue) == 5
    second = queue[queue["proposal"].str.contains("migration")].iloc[0]
    assert bool(second["Migration"]) and not bool(second["Health"])
    assert second["evidence"] == "Migration: migra* (1)"
    assert second["source"] == "rule"
    assert _save_button(at).disabled


def test_saving_a_correction_stores_manual_labels(app_store):
    at = _ok(open_signed_in())
    queue = at.data_editor[0].value
    position = int(queue.index[queue["proposal"].str.contains("personnel issues")][0])
    proposal_id = int(queue.iloc[position]["proposal_id"])
    at.session_state[at.data_editor[0].key] = {
        "edited_rows": {position: {"Personnel and governance": False, "Law and rights": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert "1 proposal changed and not yet saved." in [caption.value for caption in _ok(at).caption]
    _save_button(at).click().run()
    _ok(at)
    assert [message.value for message in at.success] == ["Saved the themes of 1 proposal as manual labels."]
    queue = at.data_editor[0].value
    reviewed = queue[queue["proposal_id"] == proposal_id].iloc[0]
    assert (bool(reviewed["Law and rights"]), bool(reviewed["Personnel and governance"])) == (True, False)
    assert reviewed["source"] == "manual"
    assert queue.iloc[-1]["proposal_id"] == proposal_id  # reviewed proposals move to the end of the queue

    con = duckdb.connect(str(app_store))
    stored = con.execute(
        "select theme_id, source, evidence from proposal_themes where proposal_id = ?", [proposal_id]
    ).fetchall()
    status = con.execute("select status, reviewed_at is not null from proposals where proposal_id = ?", [proposal_id])
    assert status.fetchall() == [("reviewed", True)]
    con.close()
    assert stored == [("law_rights", "manual", "set by a reviewer")]

    # The event's page shows the reviewer's label as manual.
    proposals = _ok(open_page("dashboard/pages/events.py", {"event": "1"})).dataframe[3].value
    assert proposals.iloc[2][["Themes", "Evidence per theme", "Status"]].tolist() == [
        "Law and rights (manual)",
        "Law and rights: set by a reviewer",
        "reviewed",
    ]


def test_the_review_queue_follows_the_sidebar_filters(app_store):
    at = _ok(open_signed_in({"region": "Naryn"}))
    assert not at.data_editor
    assert at.info[0].value == "No proposals match these filters."
    at = _ok(open_signed_in({"theme": "migration"}))
    assert at.data_editor[0].value["proposal"].str.contains("migration").tolist() == [True]


def test_without_a_configured_password_the_page_is_read_only(app_store, monkeypatch):
    monkeypatch.delenv(auth.ENV_VARIABLE)
    at = _ok(open_page(PAGE))
    assert "no editor password is set" in at.info[0].value
    assert len(at.file_uploader) == 0
    assert not any(button.label == "Save corrections" for button in at.button)


def test_a_wrong_password_does_not_sign_in(app_store):
    at = _ok(open_signed_in(password="guess"))
    assert at.error[0].value.startswith("Name and password are both needed")
    assert len(at.file_uploader) == 0


def test_an_upload_is_in_the_change_log_with_who_did_it(app_store):
    at = _ok(open_signed_in(name="Aida"))
    at.file_uploader[0].set_value([("events.csv", _csv([ROW]), "text/csv")]).run()
    next(button for button in at.button if button.label == "Add to the store").click().run()
    log = _ok(at).dataframe[-1].value
    assert log["changed_by"].tolist()[0] == "app:Aida"
    assert log["action"].tolist()[0] == "import events.csv"
    assert log["subject"].tolist()[0].startswith("Round table on irrigation water (2022-05-01, Talas)")


def _audit_actions(db) -> list[tuple[str, str]]:
    from dashboard import ui

    con = ui.connection(str(db)).cursor()  # the app in this process holds the store
    try:
        return con.execute("select changed_by, action from audit_log order by audit_id").fetchall()
    finally:
        con.close()


def _sign_in_again(at, name, password):
    at.text_input[0].set_value(name)
    at.text_input[1].set_value(password)
    next(button for button in at.button if button.label == "Sign in").click().run()
    return _ok(at)


def test_failed_sign_ins_are_throttled_and_in_the_audit_log(app_store, monkeypatch):
    at = _ok(open_signed_in(name="Mallory", password="guess 1"))
    for guess in ("guess 2", "guess 3"):
        at = _sign_in_again(at, "Mallory", guess)
        assert at.error[0].value.startswith("Name and password are both needed")
    checked = []
    monkeypatch.setattr(auth, "verify", lambda *args: checked.append(1) or True)
    at = _sign_in_again(at, "Mallory", PASSWORD)  # right at once: still refused, the password unchecked
    assert at.error[0].value.startswith("Too many failed sign-ins: try again in")
    assert checked == [] and len(at.file_uploader) == 0
    assert _audit_actions(app_store)[-3:] == [("app:Mallory", "sign-in failed")] * 3


def test_many_failures_from_any_sessions_lock_sign_in_for_everyone(app_store):
    for attempt in range(auth.SERVER_FAILURES):
        _ok(open_signed_in(name=f"bot {attempt}", password="guess"))
    at = _ok(open_signed_in())  # a new session with the right password
    assert at.error[0].value.startswith("Too many failed sign-ins")
    assert ("app", "sign-in locked") in _audit_actions(app_store)


def test_a_password_over_72_bytes_is_a_clear_error(app_store):
    at = _ok(open_signed_in(password="ж" * 40))
    assert at.error[0].value == "Passwords are limited to 72 bytes (UTF-8); this one has 80."


def test_an_editor_can_sign_out(app_store):
    at = _ok(open_signed_in())
    assert len(at.file_uploader) == 1
    next(button for button in at.button if button.label == "Sign out").click().run()
    assert len(_ok(at).file_uploader) == 0
    assert any(button.label == "Sign in" for button in at.button)


def _another_editor_saves(db, proposal_id, themes):
    from dashboard import review, ui

    con = ui.connection(str(db)).cursor()
    try:
        review.save_corrections(con, {proposal_id: themes}, reviewed_by="app:Bakyt")
    finally:
        con.close()
    ui.data_changed()


def _tick(at, position, column, value=True):
    at.session_state[at.data_editor[0].key] = {
        "edited_rows": {position: {column: value}},
        "added_rows": [],
        "deleted_rows": [],
    }
    return _ok(at.run())


def _stored_themes(db, proposal_id):
    from dashboard import ui

    con = ui.connection(str(db)).cursor()
    try:
        rows = con.execute("select theme_id from proposal_themes where proposal_id = ? order by 1", [proposal_id])
        return [row[0] for row in rows.fetchall()]
    finally:
        con.close()


def test_an_unsaved_tick_stays_with_its_proposal_when_the_queue_reorders(app_store):
    at = _ok(open_signed_in())
    queue = at.data_editor[0].value
    ticked, moved, then_third = (int(queue.iloc[position]["proposal_id"]) for position in (2, 0, 3))
    before_third = _stored_themes(app_store, then_third)
    at = _tick(at, 2, "Health")
    # Another editor saves the first proposal meanwhile: it moves to the end, the rows below move up.
    _another_editor_saves(app_store, moved, ["migration"])
    _ok(at.run())
    assert int(at.data_editor[0].value.iloc[1]["proposal_id"]) == ticked
    assert "1 proposal changed and not yet saved." in [caption.value for caption in at.caption]
    _save_button(at).click().run()
    assert [message.value for message in _ok(at).success] == ["Saved the themes of 1 proposal as manual labels."]
    assert "health" in _stored_themes(app_store, ticked)
    assert _stored_themes(app_store, then_third) == before_third


def test_a_save_is_refused_when_the_proposal_changed_underneath(app_store):
    at = _ok(open_signed_in())
    proposal_id = int(at.data_editor[0].value.iloc[1]["proposal_id"])
    at = _tick(at, 1, "Health")
    _another_editor_saves(app_store, proposal_id, ["education_youth"])
    _ok(at.run())
    _save_button(at).click().run()
    assert _ok(at).error[0].value.startswith(f"Nothing was saved: proposal {proposal_id} changed since you ticked")
    assert _stored_themes(app_store, proposal_id) == ["education_youth"]


def test_a_malformed_workbook_is_its_own_error_line_and_the_rest_is_stored(app_store, tmp_path):
    from tests.test_inbox import malformed_xlsx

    broken = malformed_xlsx(tmp_path / "broken.xlsx").read_bytes()
    at = _ok(open_signed_in())
    at.file_uploader[0].set_value(
        [("events.csv", _csv([ROW]), "text/csv"), ("broken.xlsx", broken, "application/octet-stream")]
    ).run()
    next(button for button in at.button if button.label == "Add to the store").click().run()
    _ok(at)
    assert [message.value for message in at.success] == ["events.csv: 1 added"]
    assert [message.value for message in at.error] == [
        "broken.xlsx: error: not a readable XLSX workbook (IndexError in the sheet)"
    ]


def test_upload_errors_are_shown_in_the_interface_language(app_store):
    from dashboard import i18n

    with i18n.using("ru"):
        sign_in, add = i18n._("Sign in"), i18n._("Add to the store")
    at = open_page(PAGE, {"lang": "ru"})
    at.text_input[0].set_value("Aida")
    at.text_input[1].set_value(PASSWORD)
    next(button for button in at.button if button.label == sign_in).click().run()
    no_region = _csv([ROW]).replace(b",region,", b",district,")
    at.file_uploader[0].set_value(
        [("no_region.csv", no_region, "text/csv"), ("atlantis.csv", _csv([{**ROW, "region": "Atlantis"}]), "text/csv")]
    ).run()
    next(button for button in at.button if button.label == add).click().run()
    _ok(at)
    assert [message.value for message in at.error] == [
        "no_region.csv: ошибка: строка 1: нет обязательных столбцов: region",
        "atlantis.csv: ошибка: строка 2, поле region: неизвестный регион 'Atlantis'",
    ]
