"""Recurring proposals: proposals made at different events that ask for the same thing.

Texts are compared by cosine similarity of character n-gram TF-IDF vectors (robust to
inflection, place names and small rewordings, in any one language); pairs at or above
THRESHOLD are linked and each connected set of proposals is a group. THRESHOLD is
measured on labelled pairs (tests/data/recurring_pairs.csv, docs/accuracy.md), not guessed.

Groups are precomputed into derived_recurring and rebuilt whenever the proposal texts
they were computed from have changed (a signature of ids and texts tells), so reading
them costs one query. Identical normalised texts are compared once.
"""

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pandas as pd

from dashboard import reference
from dashboard.filters import Filters
from dashboard.outcomes import STATUSES
from dashboard.sql import execute, fetch_all, fetch_one, records
from dashboard.store import transaction

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

THRESHOLD = 0.6  # best F1 on the hand-labelled pairs (own and corpus); docs/accuracy.md
NGRAMS = (3, 5)
CHUNK = 2000  # rows of the similarity matrix computed at once
MAX_LISTED_EVENTS = 20_000  # events whose figures a regrouping updates by id; more: all events
_NOT_LETTERS = re.compile(r"[\W\d_]+")
# Openers that say nothing about what is asked ("to ...", "it is necessary to ...").
_OPENERS = re.compile(
    r"^(?:(?:we |it is )?(?:propose|proposed|recommend|necessary|needed|need|must|should)\s+(?:to\s+)?|to\s+"
    r"|(?:предлагаем|предлагается|рекомендуем|необходимо|нужно|надо|следует)\s+)+"
)


@functools.cache
def _places() -> re.Pattern:
    """Place names of the gazetteer (data/gazetteer.csv), as normalised words; stems (some names are
    stems such as 'Баткенск') and names of five letters or more also match with an inflected ending."""
    names = {" ".join(_NOT_LETTERS.sub(" ", place.place.casefold()).split()) for place in reference.gazetteer()}
    names = sorted((name for name in names if len(name) >= 3), key=len, reverse=True)
    alternatives = [re.escape(name) + (r"\w*" if len(name) >= 5 else "") for name in names]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def normalise(text: str) -> str:
    """Lower case, letters only, without place names (the same demand raised in another place is the
    same demand) and without the opener that every proposal shares."""
    words = " ".join(_NOT_LETTERS.sub(" ", text.casefold()).split())
    words = " ".join(_places().sub(" ", words).split())
    return _OPENERS.sub("", words).strip()


def _char_ngrams(text: str) -> list[str]:
    """The n-grams (NGRAMS) of each word padded with a space, as scikit-learn's "char_wb" analyzer
    makes them: a word shorter than n gives itself once, and no longer n-grams."""
    grams = []
    for word in text.split():
        padded = f" {word} "
        for n in range(NGRAMS[0], NGRAMS[1] + 1):
            if len(padded) <= n:
                grams.append(padded)
                break
            grams += [padded[start : start + n] for start in range(len(padded) - n + 1)]
    return grams


def tfidf_rows(texts: list[str]) -> "csr_matrix":
    """Each text as a row of TF-IDF weights of its n-grams, of length 1: scikit-learn's
    TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True) (smooth idf, l2 norm),
    which the tests compare it with. Written here because importing scikit-learn took longer (0.5 s)
    than a bulk import of 200 reports spends on everything else it reads and writes."""
    from scipy.sparse import csr_matrix  # as the module's other scipy imports: only a regrouping pays for them

    vocabulary: dict[str, int] = {}
    columns: list[int] = []
    counts: list[int] = []
    starts = [0]
    for text in texts:
        for gram, count in Counter(_char_ngrams(text)).items():
            columns.append(vocabulary.setdefault(gram, len(vocabulary)))
            counts.append(count)
        starts.append(len(columns))
    rows = csr_matrix((np.array(counts, dtype=float), columns, starts), shape=(len(texts), len(vocabulary)))
    rows.data = np.log(rows.data) + 1  # sublinear tf
    documents = np.bincount(rows.indices, minlength=len(vocabulary))
    rows.data *= (np.log((1 + len(texts)) / (1 + documents)) + 1)[rows.indices]
    row_of = np.repeat(np.arange(len(texts)), np.diff(starts))  # each value's row; a text without n-grams has none
    lengths = np.sqrt(np.bincount(row_of, weights=rows.data**2, minlength=len(texts)))
    rows.data /= lengths[row_of]
    return rows


def similarity_pairs(texts: list[str], threshold: float = THRESHOLD) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i < j) of texts at or above `threshold` cosine similarity, with the similarity."""
    if len(texts) < 2:
        empty = np.array([], dtype=int)
        return empty, empty, np.array([], dtype=float)
    vectors = tfidf_rows(texts)
    rows, cols, values = [], [], []
    for start in range(0, vectors.shape[0], CHUNK):
        block = (vectors[start : start + CHUNK] @ vectors.T).tocoo()
        keep = (block.data >= threshold) & (block.row + start < block.col)
        rows.append(block.row[keep] + start)
        cols.append(block.col[keep])
        values.append(block.data[keep])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(values)


def group_labels(texts: list[str], threshold: float = THRESHOLD) -> np.ndarray:
    """A group number for each text; texts in one group ask for the same thing."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rows, cols, _ = similarity_pairs(texts, threshold)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(texts)))
    return connected_components(graph, directed=False)[1]


def _signature(con: duckdb.DuckDBPyConnection) -> str:
    return str(fetch_one(con, "recurring/texts_signature")[0])


def replace_groups(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Recompute every group from the proposal texts now in the store, in the caller's transaction:
    the events whose proposals changed group, whose figures (derived_events) are then out of date.

    Grouping works on distinct texts (with how often each occurs); SQL then gives each proposal its
    text's group, so the cost follows the number of different wordings more than of proposals."""
    texts = pd.DataFrame(fetch_all(con, "recurring/proposal_texts"), columns=["text", "proposals", "first_id"])
    texts["key"] = [normalise(text) for text in texts["text"]]
    texts = texts[texts["key"] != ""].reset_index(drop=True)
    keys = texts["key"].drop_duplicates().tolist()
    group_of_key = dict(zip(keys, group_labels(keys), strict=True))
    texts["group"] = texts["key"].map(group_of_key)
    texts = texts[texts.groupby("group")["proposals"].transform("sum") > 1].copy()
    # A group's label is its most frequent wording (the shortest among equals).
    texts["length"] = texts["text"].str.len()
    ordered = texts.sort_values(["group", "proposals", "length", "first_id"], ascending=[True, False, True, True])
    texts["is_label"] = texts.index.isin(ordered.groupby("group").head(1).index)
    # Numbered by their smallest proposal id, so groups keep their numbers while little changes.
    texts["group_id"] = texts.groupby("group")["first_id"].transform("min").rank(method="dense").astype(int)
    rows = texts[["text", "group_id", "is_label", "first_id"]]
    con.register("recurring_rows", rows)
    try:
        changed = fetch_all(con, "recurring/replace_groups", {"signature": _signature(con)})
    finally:
        con.unregister("recurring_rows")
    return [event_id for (event_id,) in changed]


def refresh_figures(con: duckdb.DuckDBPyConnection, event_ids: list[int]) -> None:
    """The group figures of these events (those `replace_groups` names), in the caller's transaction."""
    if not event_ids:
        return
    # Every event's figures come out the same anew: past a point one pass over all is cheaper
    # than a list of ids that long.
    ids = event_ids if len(event_ids) <= MAX_LISTED_EVENTS else None
    execute(con, "derived/refresh_event_figures", {"event_ids": ids})
    execute(con, "derived/refresh_outcome_cells", {"event_ids": ids})  # their groups' monthly cells


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every group, and the figures of the events whose proposals changed group."""
    with transaction(con):
        refresh_figures(con, replace_groups(con))


def ensure_current(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the groups when the proposal texts changed since they were computed."""
    stored = fetch_one(con, "recurring/stored_signature")
    if stored is None or stored[0] != _signature(con):
        rebuild(con)


def summary_query(filters: Filters) -> str:
    """The query of queries/recurring/ that gives the Outcomes page's group summary under `filters`
    the cheapest way: two themes or more without a status filter from the cells by theme mask. One
    statement per path, so DuckDB binds and plans only the path it runs."""
    if len(filters.themes) > 1 and not filters.statuses:
        return "recurring/group_summary_by_theme_masks"
    return "recurring/group_summary"


def groups(con: duckdb.DuckDBPyConnection, filters: Filters, min_events: int = 2) -> list[dict]:
    """Groups with members in view raised at `min_events` events or more, largest first."""
    ensure_current(con)
    found = records(con, "recurring/groups", {**filters.params(), "min_events": min_events})
    for group in found:
        counts = {item["status"]: item["proposals"] for item in group["statuses"]}
        group["statuses"] = {status: counts[status] for status in STATUSES if status in counts}
    return found
