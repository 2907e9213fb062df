"""Examples to learn themes from (the corpus's proposals and the store's manual labels), and training."""

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import duckdb

from dashboard import reference
from dashboard.classifier import lexicon_scores
from dashboard.classifier.model import ThemeModel, fit
from dashboard.config import PROJECT_ROOT
from dashboard.sql import execute, fetch_all

DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


class TrainingDataError(ValueError):
    """Labelled examples that cannot be used, with the file and line."""


def text_key(text: str) -> str:
    """A short hash of a normalised text: how a model remembers what it saw without keeping the words."""
    return hashlib.sha1(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()[:12]


def read_proposals(path: Path) -> list[dict]:
    """`{"text", "themes", "source"?, "language"?}` lines; a bad line is an error naming it."""
    known = set(reference.theme_ids())
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise TrainingDataError(f"{path}: cannot read ({type(error).__name__})") from None
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text, themes = item["text"], item["themes"]
            if not isinstance(text, str) or not isinstance(themes, list) or not themes:
                raise TypeError
        except (json.JSONDecodeError, KeyError, TypeError):
            raise TrainingDataError(
                f'{path}: line {number}: expected a JSON object with a "text" string and a non-empty "themes" list'
            ) from None
        unknown = sorted(set(themes) - known)
        if unknown:
            raise TrainingDataError(f"{path}: line {number}: unknown themes {', '.join(unknown)}")
        items.append(item)
    return items


def manual_examples(con: duckdb.DuckDBPyConnection) -> list[dict]:
    return [
        {"text": text, "themes": list(theme_ids), "source": f"store:proposal/{proposal_id}"}
        for proposal_id, text, theme_ids in fetch_all(con, "manual_theme_labels")
    ]


def train(examples: Sequence[dict], origin: dict[str, int] | None = None) -> ThemeModel:
    """A model of every theme from labelled examples; `origin` says how many came from where."""
    trained_on = {
        "examples": len(examples),
        "from": origin or {"examples": len(examples)},
        "text_keys": sorted({text_key(example["text"]) for example in examples}),
    }
    return fit(
        [example["text"] for example in examples],
        [set(example["themes"]) for example in examples],
        reference.theme_ids(),
        lexicon_scores,
        trained_on,
    )


def relabel(con: duckdb.DuckDBPyConnection) -> int:
    """Label every proposal no reviewer has labelled with the current model, in one transaction.

    Manual labels are never touched. Returns how many proposals were labelled."""
    from dashboard.classifier import classify
    from dashboard.store import refresh_derived, save_rule_labels, transaction

    proposals = fetch_all(con, "proposals_without_manual_labels")
    labelled = [(proposal_id, label) for proposal_id, text in proposals for label in classify(text)]
    with transaction(con):
        execute(con, "write/delete_rule_labels", {"proposal_ids": [proposal_id for proposal_id, _ in proposals]})
        save_rule_labels(con, labelled)
        refresh_derived(con)
    return len(proposals)
