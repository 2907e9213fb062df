"""The Outcomes page, the recurring view and the status form, through Streamlit's AppTest."""

import pytest

from dashboard import store
from tests.conftest import open_page

PAGE = "dashboard/pages/outcomes.py"


def _metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_outcomes_page_on_a_demo_store_shows_statuses_and_recurring_groups(demo_store):
    at = open_page(PAGE)
    assert not at.exception, [exception.message for exception in at.exception]
    metrics = _metrics(at)
    answered = float(metrics["Share answered"].rstrip("%"))
    assert 20 < answered < 90  # the demo data gives about half the proposals a response
    assert int(metrics["Median days to first response"].replace(",", "")) > 0
    assert len(at.get("plotly_chart")) == 3
    tables = at.dataframe
    oldest, groups = tables[0].value, tables[1].value
    assert len(oldest) == 20 and oldest["days_waiting"].is_monotonic_decreasing
    assert len(groups) > 10 and (groups["events"] >= 2).all()
    assert all("No response" in text or "Implemented" in text or text for text in groups["statuses"])


def test_outcomes_page_follows_the_filters(demo_store):
    at = open_page(PAGE, {"region": "Naryn", "status": "implemented"})
    assert not at.exception, [exception.message for exception in at.exception]
    assert _metrics(at)["Share implemented"] == "100.0%"
    groups = at.dataframe[-1].value if len(at.dataframe) > 1 else None
    if groups is not None and "regions" in groups:
        assert all(regions == "Naryn" for regions in groups["regions"])


def test_outcomes_page_with_nothing_in_view_says_so(app_store):
    at = open_page(PAGE, {"region": "Naryn"})
    assert not at.exception, [exception.message for exception in at.exception]
    assert _metrics(at)["Share answered"] == "–"
    notices = " ".join(info.value for info in at.info)
    assert "Every proposal under these filters has had a response." in notices
    assert "No proposal under these filters was raised at that many events." in notices


def test_status_filter_is_in_the_sidebar_and_the_url(demo_store):
    at = open_page(PAGE, {"status": ["declined", "bogus"]})
    assert at.multiselect(key="f_statuses").value == ["declined"]
    assert "unknown status 'bogus'" in " ".join(caption.value for caption in at.caption)


@pytest.fixture
def editor(monkeypatch):
    from dashboard.auth import hash_password

    monkeypatch.setenv("DASHBOARD_PASSWORD_HASH", hash_password("correct horse"))


def test_signed_in_editor_records_a_status_on_the_event_page(app_store, editor):
    at = open_page("dashboard/pages/events.py", {"event": "1"})
    form_inputs = {widget.label: widget for widget in at.text_input}
    form_inputs["Your name (recorded in the audit log)"].input("Aida")
    form_inputs["Password"].input("correct horse")
    at.button[[button.label for button in at.button].index("Sign in")].click().run()
    assert not at.exception, [exception.message for exception in at.exception]
    status = next(box for box in at.selectbox if box.label == "Status")
    status.set_value("accepted")
    next(box for box in at.text_input if box.label == "Responsible body").input("Ministry of Labour")
    next(button for button in at.button if button.label == "Record status").click().run()
    assert not at.exception, [exception.message for exception in at.exception]
    assert any("is accepted as of" in success.value for success in at.success)
    assert "History of follow-up changes (1)" in [expander.label for expander in at.expander]
    con = store.connect(app_store)
    row = con.execute("select status, responsible_body from proposal_status where proposal_id = 1").fetchone()
    audited = con.execute("select changed_by from audit_log where action = 'status change'").fetchall()
    con.close()
    assert row == ("accepted", "Ministry of Labour")
    assert audited == [("app:Aida",)]


def test_a_refused_status_says_why_in_the_interface_language(app_store, editor):
    from datetime import date, timedelta

    from dashboard import i18n

    later = date.today() + timedelta(days=30)
    with i18n.using("ky"):  # AppTest writes the status options with the page's format function, here too
        at = open_page("dashboard/pages/events.py", {"event": "1", "lang": "ky"})
        form_inputs = {widget.label: widget for widget in at.text_input}
        form_inputs[i18n._("Your name (recorded in the audit log)")].input("Aida")
        form_inputs[i18n._("Password")].input("correct horse")
        next(button for button in at.button if button.label == i18n._("Sign in")).click().run()
        next(box for box in at.date_input if box.label == i18n._("Date of the change")).set_value(later)
        next(button for button in at.button if button.label == i18n._("Record status")).click().run()
        assert not at.exception, [exception.message for exception in at.exception]
        expected = i18n._("Not recorded: {error}").format(error=f"date талаасы: {later} келе элек күн")
    assert [message.value for message in at.error] == [expected]
