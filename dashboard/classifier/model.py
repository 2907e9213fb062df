"""The learned half of the theme classifier: one logistic regression per theme over word stems.

Features are the TF-IDF of word stems (Snowball for English and Russian; Kyrgyz words go through
the same cut, and every stem is cut to STEM_LENGTH letters so that agglutinated endings fall away)
plus, in each theme's regression, that theme's lexicon score. The model is trained with scikit-learn (`train`) and
saved as plain numbers and stems in data/models/themes.json; labelling needs numpy only, so
nothing is downloaded or unpickled at run time.
"""

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import snowballstemmer

from dashboard.config import DATA_DIR

MODEL_PATH = DATA_DIR / "models" / "themes.json"
STOPWORDS_PATH = DATA_DIR / "lexicon" / "stopwords.txt"
STEM_LENGTH = 6
LEXICON_WEIGHT = 5.0  # the lexicon features' scale next to the unit-length TF-IDF vector
LEXICON_CAP = 3.0  # a lexicon score above this says no more
REGULARISATION = 10.0  # scikit-learn's C: little data, so the stems may speak
MAX_SHARE = 0.3  # stems in more than this share of the texts (the, for, необходимо) are left out
EVIDENCE_MIN = 0.3  # a stem is named as evidence when it adds at least this to the theme's log-odds
BEST_GUESS_FLOOR = 0.25  # when no theme reaches THRESHOLD, the likeliest one still does from here (not `other`)
THRESHOLD = 0.5  # a theme is given when its probability reaches this (cross-validated choice)

_WORD = re.compile(r"[^\W\d_]{3,}")
_CYRILLIC = re.compile(r"[а-яёөүң]")


@functools.cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


@functools.cache
def _stopwords() -> frozenset[str]:
    lines = STOPWORDS_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=2**16)
def _stem(word: str) -> str:
    # Words repeat across proposals and reports: Snowball is most of the labelling time uncached.
    return _stemmer("russian" if _CYRILLIC.match(word) else "english").stemWord(word)[:STEM_LENGTH]


def stems(text: str) -> list[str]:
    """The stems of a text's words of three letters or more, function words left out, in order."""
    stop = _stopwords()
    return [_stem(word) for word in _WORD.findall(text.casefold().replace("ё", "е")) if word not in stop]


def lexicon_features(scores: dict[str, float], themes: Sequence[str]) -> list[float]:
    return [min(scores.get(theme, 0.0), LEXICON_CAP) / LEXICON_CAP * LEXICON_WEIGHT for theme in themes]


@dataclass(frozen=True)
class ThemeModel:
    themes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # themes x (stems + lexicon features)
    intercept: np.ndarray
    trained_on: dict

    def stem_vector(self, text: str) -> np.ndarray:
        """Sublinear TF-IDF of the text's known stems, unit length (as scikit-learn's TfidfVectorizer)."""
        vector = np.zeros(len(self.vocabulary))
        for stem, count in Counter(stems(text)).items():
            column = self.vocabulary.get(stem)
            if column is not None:
                vector[column] = (1 + math.log(count)) * self.idf[column]
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def probabilities(self, text: str, lexicon_scores: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Each theme's probability, and the text's stem vector (for `top_stems`)."""
        stem_part = self.stem_vector(text)
        features = np.concatenate([stem_part, lexicon_features(lexicon_scores, self.themes)])
        logits = self.coef @ features + self.intercept
        return 1 / (1 + np.exp(-logits)), stem_part

    @functools.cached_property
    def _stem_of_column(self) -> dict[int, str]:
        return {column: stem for stem, column in self.vocabulary.items()}

    def top_stems(self, stem_part: np.ndarray, theme_index: int, limit: int = 3) -> list[str]:
        """The stems that add most to the theme's log-odds in a text (its `stem_vector`), at least EVIDENCE_MIN."""
        # Each stem's contribution, for this theme alone: most labels need none (their lexicon terms speak).
        row = self.coef[theme_index, : len(stem_part)] * stem_part
        strong = np.flatnonzero(row >= EVIDENCE_MIN)
        values = row[strong]
        if len(np.unique(values)) < len(values):  # ties: in the order a sort of the whole row gives them
            return [self._stem_of_column[column] for column in np.argsort(-row)[:limit] if row[column] >= EVIDENCE_MIN]
        return [self._stem_of_column[column] for column in strong[np.argsort(-values)[:limit]]]

    def save(self, path: Path | None = None) -> None:
        path = path or MODEL_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "format": "themes-logreg-1",
            "trained_on": self.trained_on,
            "settings": _settings(),
            "themes": list(self.themes),
            "vocabulary": sorted(self.vocabulary, key=self.vocabulary.get),
            "idf": [round(float(value), 5) for value in self.idf],
            "intercept": [round(float(value), 5) for value in self.intercept],
            "coef": [[round(float(value), 5) for value in row] for row in self.coef],
        }
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        temporary.replace(path)  # the app never reads a half-written model


def _settings() -> dict:
    """What the saved numbers mean: features made otherwise would be read with the wrong weights."""
    return {"stem_length": STEM_LENGTH, "lexicon_weight": LEXICON_WEIGHT, "lexicon_cap": LEXICON_CAP}


def load(path: Path | None = None) -> ThemeModel | None:
    """The saved model, or None when there is none (the lexicon then labels alone)."""
    path = path or MODEL_PATH
    if not path.exists():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("settings") != _settings():
        raise ValueError(f"{path}: made with other feature settings; run `python -m dashboard train` again")
    return ThemeModel(
        themes=tuple(document["themes"]),
        vocabulary={stem: column for column, stem in enumerate(document["vocabulary"])},
        idf=np.array(document["idf"]),
        coef=np.array(document["coef"]),
        intercept=np.array(document["intercept"]),
        trained_on=document["trained_on"],
    )


def fit(
    texts: Sequence[str],
    theme_sets: Sequence[set[str]],
    themes: Sequence[str],
    lexicon_scores: Callable[[str], dict[str, float]],
    trained_on: dict | None = None,
) -> ThemeModel:
    """Train on labelled texts; a theme nobody labelled gets a model that never gives it."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=stems, sublinear_tf=True, max_df=MAX_SHARE)
    stem_matrix = vectorizer.fit_transform(texts)
    lexicon = np.array([lexicon_features(lexicon_scores(text), themes) for text in texts])
    n_stems = stem_matrix.shape[1]
    coef = np.zeros((len(themes), n_stems + len(themes)))
    intercept = np.full(len(themes), -20.0)
    for index, theme in enumerate(themes):
        target = np.array([theme in chosen for chosen in theme_sets])
        if target.all() or not target.any():
            continue
        # Each theme sees its own lexicon score only: one theme's terms must not argue against another theme.
        matrix = hstack([stem_matrix, csr_matrix(lexicon[:, [index]])]).tocsr()
        regression = LogisticRegression(C=REGULARISATION, class_weight="balanced", solver="liblinear")
        regression.fit(matrix, target)
        coef[index, :n_stems] = regression.coef_[0, :n_stems]
        coef[index, n_stems + index] = regression.coef_[0, n_stems]
        intercept[index] = regression.intercept_[0]
    return ThemeModel(
        themes=tuple(themes),
        vocabulary={str(stem): int(column) for stem, column in vectorizer.vocabulary_.items()},
        idf=vectorizer.idf_,
        coef=coef,
        intercept=intercept,
        trained_on=trained_on or {"examples": len(texts)},
    )
