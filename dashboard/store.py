"""The DuckDB store: opening it, keeping its schema current, and writing events into it.

Every statement lives in queries/ (see dashboard.sql); this module decides which to
run and in what order. Writers wrap each file's records in `transaction()` so a
file is stored whole or not at all.
"""

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from dashboard import reference
from dashboard.classifier import ThemeLabel, classify
from dashboard.config import DATA_DIR, SCHEMA_DIR, database_path
from dashboard.filters import FilterError, region_name
from dashboard.i18n import N_, Message
from dashboard.model import EventRecord
from dashboard.sql import execute, fetch_all, fetch_one, run_script


class StoreError(Exception):
    """A record the store refuses, with the field that is wrong."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        if self.field:  # a Message: the app shows it in the interface language
            return Message(N_("field {field}: {message}"), field=self.field, message=self.message)
        return self.message


# Definitions (macros, views) over the tables, applied in this order after the migrations on
# every connect: changing one costs no schema version. Each file may use those before it.
MACRO_FILES = ("macros/derived_views", "macros/filters", "macros/theme_counts", "macros/outcomes", "macros/metrics")

# Migrations that fill what they add from the derived tables a store of the version before has:
# an upgrade made of these alone needs no backfill (one of every derived table takes a quarter of
# an hour at 1,000,000 events).
FILLED_BY_THEIR_SCRIPT = {16, 17}


def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(SCHEMA_DIR.glob("*.sql")):
        match = re.match(r"(\d+)_", path.name)
        if match:
            found.append((int(match.group(1)), path))
    return found


def latest_schema_version() -> int:
    return migrations()[-1][0]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    execute(con, "write/create_schema_version")
    return fetch_one(con, "schema_version_current")[0]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the schema, or upgrade an older store in place; then (re)define the macros and views,
    add new reference rows and, after an upgrade, backfill the derived tables.

    All of it commits at once: a store whose upgrade is stopped part-way (a killed process, a full
    disk) keeps its old version and is upgraded again on the next start, rather than being left at
    the new version with derived tables never filled."""
    current = schema_version(con)
    pending = [(version, path) for version, path in migrations() if version > current]
    with transaction(con):
        for version, path in pending:
            run_script(con, path.read_text(encoding="utf-8"))
            execute(con, "write/insert_schema_version", {"version": version})
        for name in MACRO_FILES:
            execute(con, name)
        _load_reference_data(con)
        if any(version not in FILLED_BY_THEIR_SCRIPT for version, _ in pending):
            refresh_derived(con)  # backfills an upgraded store; cheap for a new one


def refresh_derived(con: duckdb.DuckDBPyConnection, event_ids: list[int] | None = None) -> None:
    """Bring the derived tables in line with the base tables for these events (all when None).

    Every writer calls this inside its own transaction, after its changes."""
    params = {"event_ids": None if event_ids is None else sorted(set(event_ids))}
    execute(con, "derived/refresh", params)
    execute(con, "derived/refresh_words", params)
    execute(con, "derived/refresh_outcome_cells", params)


def _load_reference_data(con: duckdb.DuckDBPyConnection) -> None:
    for name, csv_name in (
        ("write/insert_reference_regions", "regions.csv"),
        ("write/insert_reference_themes", "themes.csv"),
        ("write/insert_reference_event_types", "event_types.csv"),
    ):
        execute(con, name, {"path": str(DATA_DIR / csv_name)})


def connect(path: Path | str | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the store (DASHBOARD_DB by default), creating or upgrading its schema when writable."""
    path = Path(path) if path is not None else database_path()
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        ensure_schema(con)
    return con


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("begin transaction")
    try:
        yield
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def _region_id(region: str | None) -> str | None:
    if region is None:
        return None
    try:
        name = region_name(region)
    except FilterError as error:
        raise StoreError(str(error), "region") from None
    return reference.region_by_name(name).region_id


def validate(record: EventRecord) -> None:
    """Refuse what the schema would refuse, with a message a person can act on."""
    if not record.title.strip():
        raise StoreError(Message(N_("an event needs a title")), "title")
    for field in ("participants_total", "participants_women", "participants_men"):
        value = getattr(record, field)
        if value is not None and value < 0:
            raise StoreError(Message(N_("negative count {count}"), count=value), field)
    total = record.participants_total
    split = (record.participants_women or 0) + (record.participants_men or 0)
    if total is not None and split > total:
        raise StoreError(
            Message(
                N_("women ({women}) + men ({men}) is more than the total ({total})"),
                women=record.participants_women,
                men=record.participants_men,
                total=total,
            ),
            "participants_total",
        )
    if record.event_type and record.event_type not in reference.event_type_labels():
        raise StoreError(
            Message(
                N_("unknown event type {event_type!r}; known: {known}"),
                event_type=record.event_type,
                known=", ".join(reference.event_type_labels()),
            ),
            "event_type",
        )


def check(record: EventRecord) -> None:
    """Everything `save_event` would refuse in a record without the store: its fields and region.
    Bulk import runs it in the processes that read the files, before anything is written."""
    validate(record)
    _region_id(record.region)


def save_event(
    con: duckdb.DuckDBPyConnection,
    record: EventRecord,
    labeller: Callable[[str], list[ThemeLabel]] = classify,
) -> str:
    """Store one event; 'added', 'updated' or 'unchanged'. The caller owns the transaction."""
    outcome, event_id = write_event(con, record, labeller)
    if outcome != "unchanged":
        refresh_derived(con, [event_id])
    return outcome


def write_event(
    con: duckdb.DuckDBPyConnection,
    record: EventRecord,
    labeller: Callable[[str], list[ThemeLabel]] = classify,
) -> tuple[str, int | None]:
    """`save_event` without refreshing the derived tables: (outcome, event id). A caller that
    writes many events refreshes them once, with these ids, in the same transaction."""
    validate(record)
    region_id = _region_id(record.region)
    existing = fetch_one(con, "event_by_fingerprint", {"fingerprint": record.fingerprint})
    if not existing:
        return "added", write_new_events(con, [record], labeller)[0]
    event_id = existing[0]
    if existing[1] == record.content_hash:
        return "unchanged", event_id
    execute(con, "write/update_event", {**_event_fields(record, region_id), "event_id": event_id})
    execute(con, "write/delete_event_details", {"event_id": event_id})
    _save_details(con, [event_id], [record])
    _save_proposals(con, event_id, record.proposals, labeller)
    if record.proposals:
        spans = _spans(record)
        params = {
            "event_id": event_id,
            "positions": list(range(1, len(record.proposals) + 1)),
            "starts": [span[0] if span else None for span in spans],
            "ends": [span[1] if span else None for span in spans],
        }
        execute(con, "write/update_proposal_spans", params)
    return "updated", event_id


def _event_fields(record: EventRecord, region_id: str | None) -> dict:
    return {
        "content_hash": record.content_hash,
        "title": record.title,
        "topic": record.topic,
        "event_type": record.event_type,
        "event_date": record.date,
        "region_id": region_id,
        "city": record.city,
        "venue": record.venue,
        "organiser": record.organiser,
        "moderator": record.moderator,
        "purpose": record.purpose,
        "language": record.language,
        "source_file": record.source_file,
        "source_text": record.source_text,
        "is_demo": record.is_demo,
        "warnings": "\n".join(record.warnings) or None,
    }


def _spans(record: EventRecord) -> list[tuple[int, int] | None]:
    return [*record.proposal_spans, *[None] * (len(record.proposals) - len(record.proposal_spans))]


def new_fingerprints(con: duckdb.DuckDBPyConnection, records: list[EventRecord]) -> bool:
    """True when none of these records' events is stored yet and no two are the same event."""
    fingerprints = [record.fingerprint for record in records]
    if len(set(fingerprints)) < len(fingerprints):
        return False
    return not fetch_all(con, "events_by_fingerprints", {"fingerprints": fingerprints})


def write_new_events(
    con: duckdb.DuckDBPyConnection, records: list[EventRecord], labeller: Callable[[str], list[ThemeLabel]] = classify
) -> list[int]:
    """`write_event` for many events none of which is stored (see `new_fingerprints`), with one
    statement per table for all of them: their ids, in order. The caller owns the transaction
    and refreshes the derived tables."""
    if not records:
        return []
    rows = []
    for record in records:
        validate(record)
        rows.append({**_event_fields(record, _region_id(record.region)), "fingerprint": record.fingerprint})
    columns = {
        "fingerprints": "fingerprint", "content_hashes": "content_hash", "titles": "title", "topics": "topic",
        "event_types": "event_type", "event_dates": "event_date", "region_ids": "region_id", "cities": "city",
        "venues": "venue", "organisers": "organiser", "moderators": "moderator", "purposes": "purpose",
        "languages": "language", "source_files": "source_file", "source_texts": "source_text",
        "is_demo": "is_demo", "warnings": "warnings",
    }  # fmt: skip
    params = {name: [row[column] for row in rows] for name, column in columns.items()}
    id_of = {fingerprint: event_id for event_id, fingerprint in fetch_all(con, "write/insert_events", params)}
    ids = [id_of[record.fingerprint] for record in records]

    _save_details(con, ids, records)
    proposals = [
        (event_id, position, text, span)
        for event_id, record in zip(ids, records, strict=True)
        for position, (text, span) in enumerate(zip(record.proposals, _spans(record), strict=True), start=1)
    ]
    if proposals:
        params = {
            "event_ids": [row[0] for row in proposals],
            "positions": [row[1] for row in proposals],
            "texts": [row[2] for row in proposals],
            "starts": [row[3][0] if row[3] else None for row in proposals],
            "ends": [row[3][1] if row[3] else None for row in proposals],
        }
        proposal_ids = {
            (event_id, position): proposal_id
            for proposal_id, event_id, position in fetch_all(con, "write/insert_proposals_of_events", params)
        }
        labelled = [
            (proposal_ids[event_id, position], label)
            for event_id, position, text, _ in proposals
            for label in labeller(text)
        ]
        save_rule_labels(con, labelled)
    return ids


def _counted(record: EventRecord) -> bool:
    counts = (record.participants_total, record.participants_women, record.participants_men)
    return any(count is not None for count in counts)


def _save_details(con: duckdb.DuckDBPyConnection, ids: list[int], records: list[EventRecord]) -> None:
    """Participation, categories, speakers and presentations of these events (ids in the records' order),
    one statement per table: a report's lists go in whole."""
    counted = [(event_id, record) for event_id, record in zip(ids, records, strict=True) if _counted(record)]
    if counted:
        params = {
            "event_ids": [event_id for event_id, _ in counted],
            "totals": [record.participants_total for _, record in counted],
            "women": [record.participants_women for _, record in counted],
            "men": [record.participants_men for _, record in counted],
            "unspecified": [record.participants_unspecified for _, record in counted],
        }
        execute(con, "write/insert_participation_of_events", params)
    categories = [
        (event_id, category)
        for event_id, record in zip(ids, records, strict=True)
        for category in dict.fromkeys(record.participant_categories)
    ]
    if categories:
        params = {"event_ids": [row[0] for row in categories], "categories": [row[1] for row in categories]}
        execute(con, "write/insert_participant_categories_of_events", params)
    speakers = [
        (event_id, position, speaker)
        for event_id, record in zip(ids, records, strict=True)
        for position, speaker in enumerate(record.speakers, start=1)
    ]
    if speakers:
        params = {
            "event_ids": [row[0] for row in speakers],
            "positions": [row[1] for row in speakers],
            "names": [row[2].name for row in speakers],
            "roles": [row[2].role for row in speakers],
        }
        execute(con, "write/insert_speakers_of_events", params)
    presentations = [
        (event_id, position, title)
        for event_id, record in zip(ids, records, strict=True)
        for position, title in enumerate(record.presentations, start=1)
    ]
    if presentations:
        params = {
            "event_ids": [row[0] for row in presentations],
            "positions": [row[1] for row in presentations],
            "titles": [row[2] for row in presentations],
        }
        execute(con, "write/insert_presentations_of_events", params)


def _save_proposals(
    con: duckdb.DuckDBPyConnection,
    event_id: int,
    proposals: list[str],
    labeller: Callable[[str], list[ThemeLabel]],
) -> None:
    """Match proposals by position: an unchanged one keeps its id and any manual labels."""
    stored = {
        position: (proposal_id, text)
        for proposal_id, position, text in fetch_all(con, "proposals_of_event", {"event_id": event_id})
    }
    changed: dict[int, str] = {}  # position -> text of a proposal that needs its labels (again)
    new: dict[int, str] = {}
    ids: dict[int, int] = {}
    for position, text in enumerate(proposals, start=1):
        if position in stored and stored[position][1] == text:
            continue
        if position in stored:
            ids[position] = stored[position][0]
            execute(con, "write/update_proposal_text", {"proposal_id": ids[position], "text": text})
            execute(con, "write/delete_proposal_themes", {"proposal_id": ids[position]})
            changed[position] = text
        else:
            new[position] = text
    if new:
        params = {"event_id": event_id, "positions": list(new), "texts": list(new.values())}
        ids.update(
            {position: proposal_id for proposal_id, position in fetch_all(con, "write/insert_proposals", params)}
        )
    labelled = [
        (ids[position], label) for position, text in sorted({**changed, **new}.items()) for label in labeller(text)
    ]
    save_rule_labels(con, labelled)
    for position, (proposal_id, _) in stored.items():
        if position > len(proposals):
            execute(con, "write/delete_proposal", {"proposal_id": proposal_id})


def save_rule_labels(con: duckdb.DuckDBPyConnection, labelled: list[tuple[int, ThemeLabel]]) -> None:
    """The classifier's labels of several proposals, in one statement."""
    if not labelled:
        return
    execute(
        con,
        "write/insert_proposal_themes",
        {
            "proposal_ids": [proposal_id for proposal_id, _ in labelled],
            "theme_ids": [label.theme_id for _, label in labelled],
            "scores": [label.score for _, label in labelled],
            "evidence": [label.evidence for _, label in labelled],
            "confidences": [label.confidence for _, label in labelled],
        },
    )


def integrity_problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What the schema cannot enforce but must hold; empty for a healthy store."""
    return [row[0] for row in fetch_all(con, "integrity_problems")]
