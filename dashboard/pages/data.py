"""Data: add report files and tables to the store, review the themes of proposals, see every change.

Viewing is open; the two write actions (`store_uploads`, `save_review`) need a signed-in
editor, whose name goes into the audit log.
"""

import contextlib
import hashlib
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import reference, review, ui
from dashboard.ingest import REPORT_SUFFIXES, TABLE_SUFFIXES, ingest_paths
from dashboard.ui import page_filters, query

QUERIES = ["review_queue_by_proposal", "audit_log_recent"]
AUDIT_ROWS = 100
QUEUE_ROWS = 200
EDITOR_KEY = "review_editor"
PENDING_KEY = "review_pending"
SHOWN_KEY = "review_shown"


# ---------------------------------------------------------------- write actions


def store_uploads(uploads, editor: str) -> list[str]:
    """Ingest uploaded files under their own names; one result line per file."""
    lines = []
    with tempfile.TemporaryDirectory(prefix="dashboard-upload-") as folder:
        paths = []
        for number, upload in enumerate(uploads):
            # A folder per file: two uploads may share a name, and a name must not point outside the folder.
            target = Path(folder) / str(number) / Path(upload.name).name
            target.parent.mkdir()
            target.write_bytes(upload.getvalue())
            paths.append(target)
        try:
            with contextlib.closing(ui.cursor()) as con:
                summary = ingest_paths(con, paths, changed_by=editor)
        finally:
            ui.data_changed()  # files stored before any failure show at once
        for result in summary.results:
            if result.failed:
                lines.append(f"{result.path.name}: error: {result.error}")
            else:
                outcomes = ", ".join(f"{count} {outcome}" for outcome, count in sorted(result.outcomes.items()))
                lines.append(f"{result.path.name}: {outcomes or 'no events'}")
    return lines


def save_review(corrections: dict[int, list[str]], seen: dict[int, list[str]], editor: str) -> str:
    with contextlib.closing(ui.cursor()) as con:
        count = review.save_corrections(con, corrections, reviewed_by=editor, seen=seen)
    ui.data_changed()
    return f"Saved the themes of {count} proposal{'s' if count != 1 else ''} as manual labels."


# ---------------------------------------------------------------- page


def upload_section(editor: str | None) -> None:
    st.subheader("Add reports and tables")
    st.caption(
        "Reports as .txt, .md or .docx; tables as .csv or .xlsx in the import template "
        "(`python -m dashboard template --out FILE`). A report already stored is updated, not duplicated."
    )
    suffixes = [suffix.lstrip(".") for suffix in REPORT_SUFFIXES + TABLE_SUFFIXES]
    if editor is None:
        st.caption("Sign in above to add files.")
        return
    uploads = st.file_uploader("Report files and tables", type=suffixes, accept_multiple_files=True, key="uploads")
    if st.button("Add to the store", disabled=not uploads, type="primary"):
        with st.spinner("Reading and storing…"):
            lines = store_uploads(uploads, editor)
        st.session_state.upload_results = lines
    for line in st.session_state.get("upload_results", []):
        (st.error if ": error: " in line else st.success)(line)


def review_section(filters, editor: str | None) -> None:
    st.subheader("Review proposal themes")
    st.caption(
        f"Proposals under the sidebar filters, not yet reviewed first and the classifier's least certain first "
        f"(at most {QUEUE_ROWS}). Tick the themes that fit and press Save: the ticks replace the classifier's "
        "labels, are kept when the report is ingested again, and teach the classifier at its next "
        "`python -m dashboard train`. Labels set by a reviewer show 'manual' as their source."
    )
    if message := st.session_state.pop("review_message", None):
        st.success(message)
    queue = query("review_queue_by_proposal", {**filters.params(), "limit": QUEUE_ROWS})
    if queue.empty:
        st.info("No proposals match these filters.")
        return
    labels = reference.theme_labels()
    theme_columns = {labels[theme]: theme for theme in reference.theme_ids()}
    state = st.session_state
    pending = state.setdefault(PENDING_KEY, {})  # proposal id -> (themes seen, themes ticked), not yet saved
    stored = {int(pid): sorted(ids) for pid, ids in zip(queue["proposal_id"], queue["theme_ids"], strict=True)}
    # Edits are kept by proposal id, never by row: an editor is drawn for one order of rows and
    # labels (its key), and when those change its ticks are moved to the new one by id.
    key = f"{EDITOR_KEY}_{hashlib.sha1(repr(list(stored.items())).encode()).hexdigest()[:12]}"
    _fold_edits(state, key, theme_columns, pending)
    if state.get(SHOWN_KEY, (None,))[0] != key:
        state[SHOWN_KEY] = (
            key,
            list(stored),
            {pid: pending.get(pid, (None, themes))[1] for pid, themes in stored.items()},
        )
    _, _, base = state[SHOWN_KEY]
    shown = pd.DataFrame(
        {
            "proposal_id": queue["proposal_id"],
            "proposal": queue["proposal"],
            "confidence": queue["confidence"],
            **{
                column: [theme in base[int(pid)] for pid in queue["proposal_id"]]
                for column, theme in theme_columns.items()
            },
            "evidence": queue["evidence"],
            "source": queue["label_source"],
            "reviewed": queue["reviewed_at"],
            "event": queue["event_title"],
            "date": queue["date"],
        }
    )
    st.data_editor(
        shown,
        key=key,
        width="stretch",
        hide_index=True,
        num_rows="fixed",
        disabled=True if editor is None else [column for column in shown.columns if column not in theme_columns],
        column_config={
            "proposal_id": None,
            "proposal": st.column_config.TextColumn("Proposal", width="large"),
            "confidence": st.column_config.NumberColumn(
                "Confidence", format="%.2f", help="How sure the classifier is of its least certain label (0-1)"
            ),
            **{column: st.column_config.CheckboxColumn(column) for column in theme_columns},
            "evidence": st.column_config.TextColumn("Evidence (terms and stems)"),
            "source": st.column_config.TextColumn("Label source"),
            "reviewed": st.column_config.DatetimeColumn("Reviewed", format="YYYY-MM-DD HH:mm"),
            "event": st.column_config.TextColumn("Event"),
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
        },
    )
    if editor is None:
        st.caption("Sign in above to correct theme labels.")
        return
    current = _with_edits(state, key, theme_columns, pending)
    corrections = {pid: chosen for pid, (seen, chosen) in current.items() if chosen != seen and pid in stored}
    st.caption(f"{len(corrections)} proposal{'s' if len(corrections) != 1 else ''} changed and not yet saved.")
    if st.button("Save corrections", disabled=not corrections):
        try:
            state.review_message = save_review(corrections, {pid: current[pid][0] for pid in corrections}, editor)
        except review.ReviewError as error:
            st.error(f"Nothing was saved: {error}")
            return
        state[PENDING_KEY] = {pid: choice for pid, choice in current.items() if pid not in corrections}
        state.pop(SHOWN_KEY, None)
        state.pop(key, None)
        st.rerun()


def _with_edits(state, key: str, theme_columns: dict[str, str], pending: dict) -> dict:
    """Pending choices plus the ticks in the editor drawn as `key`, by proposal id."""
    shown = state.get(SHOWN_KEY)
    if not shown or shown[0] != key:
        return dict(pending)
    _, ids, base = shown
    current = dict(pending)
    for position, changes in (state.get(key) or {}).get("edited_rows", {}).items():
        proposal_id = ids[int(position)]
        chosen = set(base[proposal_id])
        for column, ticked in changes.items():
            if column in theme_columns:
                (chosen.add if ticked else chosen.discard)(theme_columns[column])
        seen = pending.get(proposal_id, (base[proposal_id], None))[0]
        current[proposal_id] = (seen, sorted(chosen))
    return current


def _fold_edits(state, key: str, theme_columns: dict[str, str], pending: dict) -> None:
    """When the rows changed (another save, an import), keep the last editor's ticks by proposal id."""
    shown = state.get(SHOWN_KEY)
    if shown and shown[0] != key:
        pending.update(_with_edits(state, shown[0], theme_columns, pending))
        state.pop(shown[0], None)


def audit_section() -> None:
    st.subheader("Change log")
    st.caption(f"Every import and label correction, newest first (the latest {AUDIT_ROWS}).")
    changes = query("audit_log_recent", {"limit": AUDIT_ROWS})
    if changes.empty:
        st.info("No changes recorded yet.")
        return
    st.dataframe(
        changes,
        width="stretch",
        hide_index=True,
        column_config={
            "changed_at": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm:ss"),
            "changed_by": st.column_config.TextColumn("Who"),
            "action": st.column_config.TextColumn("What"),
            "subject": st.column_config.TextColumn("Subject", width="large"),
            "before_state": st.column_config.TextColumn("Before"),
            "after_state": st.column_config.TextColumn("After"),
        },
    )


def main() -> None:
    filters = page_filters()
    st.title("Data")
    editor = ui.signed_in_editor()
    if editor:
        st.caption(f"Signed in as {editor.removeprefix('app:')}.")
    upload_section(editor)
    st.divider()
    review_section(filters, editor)
    st.divider()
    audit_section()


main()
