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

from dashboard import i18n, review, ui
from dashboard.i18n import N_, _, ngettext
from dashboard.ingest import REPORT_SUFFIXES, TABLE_SUFFIXES, ingest_paths
from dashboard.ui import page_filters, query

AUDIT_ROWS = 100
QUEUE_ROWS = 200
EDITOR_KEY = "review_editor"
PENDING_KEY = "review_pending"
SHOWN_KEY = "review_shown"
# What ingest did with the events of a file (FileResult.outcomes), as shown after an upload.
OUTCOMES = {"added": N_("{count} added"), "updated": N_("{count} updated"), "unchanged": N_("{count} unchanged")}


# ---------------------------------------------------------------- write actions


def store_uploads(uploads, editor: str) -> list[tuple[bool, str]]:
    """Ingest uploaded files under their own names; one (failed, result line) per file."""
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
                error = i18n.translate(result.error)  # ingest's English message, in the interface language
                lines.append((True, _("{file}: error: {error}").format(file=result.path.name, error=error)))
            else:
                outcomes = ", ".join(
                    _(OUTCOMES[outcome]).format(count=count) if outcome in OUTCOMES else f"{count} {outcome}"
                    for outcome, count in sorted(result.outcomes.items())
                )
                lines.append((False, f"{result.path.name}: {outcomes or _('no events')}"))
    return lines


def save_review(corrections: dict[int, list[str]], seen: dict[int, list[str]], editor: str) -> str:
    with contextlib.closing(ui.cursor()) as con:
        count = review.save_corrections(con, corrections, reviewed_by=editor, seen=seen)
    ui.data_changed()
    return ngettext(
        "Saved the themes of {count} proposal as manual labels.",
        "Saved the themes of {count} proposals as manual labels.",
        count,
    ).format(count=count)


# ---------------------------------------------------------------- page


def upload_section(editor: str | None) -> None:
    st.subheader(_("Add reports and tables"))
    st.caption(
        _(
            "Reports as .txt, .md or .docx; tables as .csv or .xlsx in the import template "
            "(`python -m dashboard template --out FILE`). A report already stored is updated, not duplicated."
        )
    )
    suffixes = [suffix.lstrip(".") for suffix in REPORT_SUFFIXES + TABLE_SUFFIXES]
    if editor is None:
        st.caption(_("Sign in above to add files."))
        return
    uploads = st.file_uploader(_("Report files and tables"), type=suffixes, accept_multiple_files=True, key="uploads")
    if st.button(_("Add to the store"), disabled=not uploads, type="primary"):
        with st.spinner(_("Reading and storing…")):
            lines = store_uploads(uploads, editor)
        st.session_state.upload_results = lines
    for failed, line in st.session_state.get("upload_results", []):
        (st.error if failed else st.success)(line)


def review_section(filters, editor: str | None) -> None:
    st.subheader(_("Review proposal themes"))
    st.caption(
        _(
            "Proposals under the sidebar filters, not yet reviewed first and the classifier's least certain first "
            "(at most {count}). Tick the themes that fit and press Save: the ticks replace the classifier's "
            "labels, are kept when the report is ingested again, and teach the classifier at its next "
            "`python -m dashboard train`. Labels set by a reviewer show 'manual' as their source."
        ).format(count=QUEUE_ROWS)
    )
    if message := st.session_state.pop("review_message", None):
        st.success(message)
    queue = query("review_queue_by_proposal", {**filters.params(), "limit": QUEUE_ROWS})
    if queue.empty:
        st.info(_("No proposals match these filters."))
        return
    labels = i18n.labels("theme")
    theme_columns = {labels[theme]: theme for theme in labels}
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
    base = state[SHOWN_KEY][2]
    shown = pd.DataFrame(
        {
            "proposal_id": queue["proposal_id"],
            "proposal": queue["proposal"],
            "confidence": queue["confidence"],
            **{
                column: [theme in base[int(pid)] for pid in queue["proposal_id"]]
                for column, theme in theme_columns.items()
            },
            "evidence": queue["evidence"].map(i18n.english_labels),
            "source": queue["label_source"].map(i18n.label_sources),
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
            "proposal": st.column_config.TextColumn(_("Proposal"), width="large"),
            "confidence": st.column_config.NumberColumn(
                _("Confidence"), format="%.2f", help=_("How sure the classifier is of its least certain label (0-1)")
            ),
            **{column: st.column_config.CheckboxColumn(column) for column in theme_columns},
            "evidence": st.column_config.TextColumn(_("Evidence (terms and stems)")),
            "source": st.column_config.TextColumn(_("Label source")),
            "reviewed": st.column_config.DatetimeColumn(_("Reviewed"), format="YYYY-MM-DD HH:mm"),
            "event": st.column_config.TextColumn(_("Event")),
            "date": st.column_config.DateColumn(_("Date"), format="YYYY-MM-DD"),
        },
    )
    if editor is None:
        st.caption(_("Sign in above to correct theme labels."))
        return
    current = _with_edits(state, key, theme_columns, pending)
    corrections = {pid: chosen for pid, (seen, chosen) in current.items() if chosen != seen and pid in stored}
    st.caption(
        ngettext(
            "{count} proposal changed and not yet saved.",
            "{count} proposals changed and not yet saved.",
            len(corrections),
        ).format(count=len(corrections))
    )
    if st.button(_("Save corrections"), disabled=not corrections):
        try:
            state.review_message = save_review(corrections, {pid: current[pid][0] for pid in corrections}, editor)
        except review.ReviewError as error:
            st.error(_("Nothing was saved: {error}").format(error=error))
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
    st.subheader(_("Change log"))
    st.caption(_("Every import and label correction, newest first (the latest {count}).").format(count=AUDIT_ROWS))
    changes = query("audit_log_recent", {"limit": AUDIT_ROWS})
    if changes.empty:
        st.info(_("No changes recorded yet."))
        return
    st.dataframe(
        changes,
        width="stretch",
        hide_index=True,
        column_config={
            "changed_at": st.column_config.DatetimeColumn(_("When"), format="YYYY-MM-DD HH:mm:ss"),
            "changed_by": st.column_config.TextColumn(_("Who")),
            "action": st.column_config.TextColumn(_("What")),
            "subject": st.column_config.TextColumn(_("Subject"), width="large"),
            "before_state": st.column_config.TextColumn(_("Before")),
            "after_state": st.column_config.TextColumn(_("After")),
        },
    )


def main() -> None:
    filters = page_filters()
    st.title(_("Data"))
    editor = ui.signed_in_editor()
    if editor:
        st.caption(_("Signed in as {name}.").format(name=editor.removeprefix("app:")))
    upload_section(editor)
    st.divider()
    review_section(filters, editor)
    st.divider()
    audit_section()


main()
