"""Multi-label theme classification of proposals: a reviewable lexicon and a model learned from labels.

data/lexicon/themes_{en,ru,ky}.csv list stems and phrases with a weight (`мигра*` covers every
inflection). The model in data/models/themes.json (see `model`, retrained by `python -m dashboard
train` from the corpus and reviewers' manual labels) weighs word stems and the lexicon's scores
into a probability per theme. A theme is given when its probability reaches the threshold (at most
MAX_THEMES); its confidence is that probability, its evidence the matched terms and the stems that
spoke for it. `other` is given only when no theme fits; its confidence is how sure we are that none
does. Without a saved model the lexicon labels alone, as before.
"""

import functools
from dataclasses import dataclass

from dashboard import reference
from dashboard.classifier import model as theme_model
from dashboard.config import DATA_DIR
from dashboard.textmatch import Term, TermIndex, tokenize

LEXICON_THRESHOLD = 1.0  # lexicon-only labelling: the weight a theme's matched terms must reach
FALLBACK_THEME = "other"
LEXICON_LANGUAGES = ("en", "ru", "ky")
MAX_THEMES = 3


@dataclass(frozen=True)
class ThemeLabel:
    theme_id: str
    score: float  # the weight of the theme's matched lexicon terms
    evidence: str  # the matched lexicon terms, e.g. "migra* (1); flow (0.5)", else "stems: мигра, труд"
    confidence: float = 1.0  # 0..1: the model's probability of the theme


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


def lexicon_terms(text: str) -> dict[str, dict[str, float]]:
    """Each theme's matched lexicon terms with their weights."""
    matched: dict[str, dict[str, float]] = {}
    for _, term, (theme_id, weight) in _index().find(tokenize(text)):
        matched.setdefault(theme_id, {})[term.text] = weight
    return matched


def lexicon_scores(text: str) -> dict[str, float]:
    return {theme_id: sum(terms.values()) for theme_id, terms in lexicon_terms(text).items()}


@functools.cache
def saved_model() -> theme_model.ThemeModel | None:
    return theme_model.load()


def reload_model() -> None:
    """Forget the loaded model, so the next label uses the one `train` just wrote."""
    saved_model.cache_clear()


def _term_evidence(terms: dict[str, float]) -> str:
    return "; ".join(f"{term} ({weight:g})" for term, weight in sorted(terms.items()))


def classify(text: str, model: theme_model.ThemeModel | None = None) -> list[ThemeLabel]:
    """Themes of one proposal, most certain first; `other` when no theme fits."""
    model = model or saved_model()
    matched = lexicon_terms(text)
    if model is None:
        return _labels_by_lexicon(matched)
    scores = {theme_id: sum(terms.values()) for theme_id, terms in matched.items()}  # lexicon_scores, matched once
    probabilities, stem_part = model.probabilities(text, scores)
    ranked = sorted(
        (index for index, theme_id in enumerate(model.themes) if theme_id != FALLBACK_THEME),
        key=lambda index: -probabilities[index],
    )
    labels = []
    for index in ranked[:MAX_THEMES]:
        if probabilities[index] < theme_model.THRESHOLD:
            break
        labels.append(_model_label(model, index, matched, probabilities, stem_part))
    if not labels and ranked and probabilities[ranked[0]] >= theme_model.BEST_GUESS_FLOOR:
        # A proposal is nearly always about something: the likeliest theme, with its low confidence, rather
        # than `other`; the review queue shows such labels first.
        labels.append(_model_label(model, ranked[0], matched, probabilities, stem_part))
    if labels:
        return labels
    # Nothing fits: as sure of `other` as of the best theme's absence, or as the model's own `other`.
    best = float(probabilities[ranked[0]]) if ranked else 0.0
    confidence = 1 - best
    if FALLBACK_THEME in model.themes:
        confidence = max(confidence, float(probabilities[model.themes.index(FALLBACK_THEME)]))
    terms = matched.get(FALLBACK_THEME, {})
    evidence = _term_evidence(terms) if terms else "no theme fits"
    return [ThemeLabel(FALLBACK_THEME, round(sum(terms.values()), 2), evidence, round(confidence, 3))]


def _model_label(model, index: int, matched: dict, probabilities, stem_part) -> ThemeLabel:
    theme_id = model.themes[index]
    terms = matched.get(theme_id, {})
    # The lexicon's terms when it matched (a person can read and edit them), else the stems that spoke.
    if terms:
        evidence = _term_evidence(terms)
    else:
        stems = model.top_stems(stem_part, index)
        evidence = f"stems: {', '.join(stems)}" if stems else "model: no single word stands out"
    return ThemeLabel(theme_id, round(sum(terms.values()), 2), evidence, round(float(probabilities[index]), 3))


def classify_by_lexicon(text: str) -> list[ThemeLabel]:
    """Themes from the hand-written lexicon alone (what labels when no model is saved)."""
    return _labels_by_lexicon(lexicon_terms(text))


def _labels_by_lexicon(matched: dict[str, dict[str, float]]) -> list[ThemeLabel]:
    labels = []
    for theme_id, terms in matched.items():
        score = sum(terms.values())
        if score >= LEXICON_THRESHOLD:
            # Without a model, confidence grows with the matched weight: 1 -> 0.5, 3 -> 0.75.
            confidence = round(score / (score + 1), 3)
            labels.append(ThemeLabel(theme_id, round(score, 2), _term_evidence(terms), confidence))
    if not labels:
        return [ThemeLabel(FALLBACK_THEME, 0.0, "no theme term matched", 0.5)]
    order = {theme_id: position for position, theme_id in enumerate(reference.theme_ids())}
    labels.sort(key=lambda label: (-label.score, order[label.theme_id]))
    return labels[:MAX_THEMES]


def theme_ids_of(text: str) -> list[str]:
    return [label.theme_id for label in classify(text)]
