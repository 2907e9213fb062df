"""The signed-in form that records a follow-up status, shared by the Events and Proposals pages."""

import contextlib
from datetime import date

import streamlit as st

from dashboard import i18n, outcomes, ui
from dashboard.i18n import _


def status_form(proposals: dict[int, str], key: str) -> None:
    """A form to record one status change for one of `proposals` (id to text); needs an editor sign-in."""
    if not proposals:
        return
    note = st.session_state.pop(f"_status_note_{key}", None)
    if note:
        st.success(note, icon=":material/check:")
    with st.expander(_("Record a follow-up status"), icon=":material/edit_note:"):
        editor = ui.signed_in_editor()
        if editor is None:
            return
        with st.form(f"status_form_{key}", clear_on_submit=True):
            proposal_id = st.selectbox(
                _("Proposal"),
                list(proposals),
                format_func=lambda pid: f"{pid}: {proposals[pid][:120]}",
            )
            left, right = st.columns(2)
            status = left.selectbox(_("Status"), list(outcomes.STATUSES)[1:], format_func=i18n.status_label)
            when = right.date_input(_("Date of the change"), value=date.today(), format="YYYY-MM-DD")
            body = st.text_input(_("Responsible body"))
            response = st.text_area(_("Response or note"), max_chars=outcomes.MAX_TEXT)
            source = st.text_input(_("Source (document name or URL)"))
            if not st.form_submit_button(_("Record status")):
                return
        values = {
            "proposal_id": proposal_id,
            "status": status,
            "date": when,
            "responsible_body": body,
            "response": response,
            "source": source,
        }
        try:
            with contextlib.closing(ui.cursor()) as con:
                result = outcomes.record_status(con, values, editor)
        except outcomes.OutcomeError as error:
            st.error(_("Not recorded: {error}").format(error=i18n.translate(str(error))), icon=":material/error:")
            return
        ui.data_changed()
        st.session_state[f"_status_note_{key}"] = (
            _("Recorded: proposal {id} is {status} as of {date}.").format(
                id=proposal_id, status=i18n.status_label(status).lower(), date=i18n.long_date(when)
            )
            if result.added
            else _("This change was already recorded; nothing changed.")
        )
        st.rerun()
