"""Multi-label theme classification of proposals from reviewable lexicons.

data/lexicon/themes_{en,ru,ky}.csv list stems and phrases with a weight. A theme is
assigned when the weights of its distinct matched terms reach THRESHOLD; the matched
terms are kept as evidence so a person can see, and correct, why.
"""

import functools
from dataclasses import dataclass

from dashboard import reference
from dashboard.config import DATA_DIR
from dashboard.textmatch import Term, TermIndex, tokenize

THRESHOLD = 1.0
FALLBACK_THEME = "other"
LEXICON_LANGUAGES = ("en", "ru", "ky")


@dataclass(frozen=True)
class ThemeLabel:
    theme_id: str
    score: float
    evidence: str  # the matched terms with their weights, e.g. "migra* (1.0); flow (0.5)"


@functools.cache
def _index() -> TermIndex:
    known = set(reference.theme_ids())
    entries = []
    for language in LEXICON_LANGUAGES:
        path = DATA_DIR / "lexicon" / f"themes_{language}.csv"
        for row in reference.read_csv(path):
            if row["theme_id"] not in known:
                raise ValueError(f"{path.name}: unknown theme {row['theme_id']!r}")
            entries.append((Term.parse(row["term"]), (row["theme_id"], float(row["weight"]))))
    return TermIndex(entries)


def classify(text: str) -> list[ThemeLabel]:
    """Themes of one proposal, strongest first; `other` when no theme reaches the threshold."""
    matched: dict[str, dict[str, float]] = {}
    for _, term, (theme_id, weight) in _index().find(tokenize(text)):
        matched.setdefault(theme_id, {})[term.text] = weight
    labels = []
    for theme_id, terms in matched.items():
        score = sum(terms.values())
        if score >= THRESHOLD:
            evidence = "; ".join(f"{term} ({weight:g})" for term, weight in sorted(terms.items()))
            labels.append(ThemeLabel(theme_id, round(score, 2), evidence))
    if not labels:
        return [ThemeLabel(FALLBACK_THEME, 0.0, "no theme term matched")]
    order = {theme_id: position for position, theme_id in enumerate(reference.theme_ids())}
    return sorted(labels, key=lambda label: (-label.score, order[label.theme_id]))


def theme_ids_of(text: str) -> list[str]:
    return [label.theme_id for label in classify(text)]
