"""The parser's and classifier's fast paths find what the plain ways find: every gazetteer entry
scanned over the whole text, every lexicon term tried at every word, a theme's evidence stems from
a sort of every stem's contribution."""

import random

import numpy as np
import pytest

from dashboard import reference
from dashboard.classifier import model as theme_model
from dashboard.classifier import saved_model
from dashboard.report_parser import _place_patterns, find_places, normalise_text
from dashboard.textmatch import Term, TermIndex, tokenize
from tests.conftest import FOUNDING_REPORT, TEST_DATA

REPORTS = [FOUNDING_REPORT, *sorted((TEST_DATA / "reports").glob("*.txt"))]


def plain_find_places(text: str) -> list[tuple[int, str, reference.Place]]:
    """Each entry's pattern scanned over the whole text; the longest match wins where they overlap."""
    candidates = [
        (match.start(), match.group(0), place)
        for pattern, place, _ in _place_patterns()
        for match in pattern.finditer(text)
    ]
    candidates.sort(key=lambda found: (found[0], -len(found[1])))
    chosen: list[tuple[int, str, reference.Place]] = []
    for found in candidates:
        if not chosen or found[0] >= chosen[-1][0] + len(chosen[-1][1]):
            chosen.append(found)
    return chosen


def _mixed_texts(count: int) -> list[str]:
    """Place names as reports write them: any case, inflected, hyphens and spaces swapped, cut short."""
    rng = random.Random(12)
    names = [place.place for place in reference.gazetteer()]
    fillers = ["in", "the", "village", "в", "селе", "г.", "с.", "району", "-", ",", "(", "«", "2021", "x-", "_"]
    texts = []
    for _ in range(count):
        words = []
        for _ in range(rng.randint(1, 10)):
            word = rng.choice(names) if rng.random() < 0.5 else rng.choice(fillers)
            word = rng.choice([word, word.upper(), word.lower(), word.replace("-", " "), word.replace(" ", "-")])
            if rng.random() < 0.2:
                word = word[: rng.randint(1, len(word))]
            words.append(word + rng.choice(["", "", "ский", "ском", "a", "-"]))
        texts.append(rng.choice([" ", "", ", ", "\n"]).join(words))
    return texts


@pytest.mark.parametrize("path", REPORTS, ids=lambda path: path.name)
def test_places_in_a_report_are_those_a_scan_of_every_entry_finds(path):
    text = normalise_text(path.read_text(encoding="utf-8"))
    found = [(mention.start, mention.text, mention.place) for mention in find_places(text)]
    assert found == plain_find_places(text)


def test_places_in_mixed_texts_are_those_a_scan_of_every_entry_finds():
    texts = _mixed_texts(1500)
    found = [[(m.start, m.text, m.place) for m in find_places(text)] for text in texts]
    assert found == [plain_find_places(text) for text in texts]
    assert sum(bool(places) for places in found) > 500  # the texts do name places


def plain_find(terms: list[tuple[Term, object]], tokens: list[str]) -> list[tuple[int, str, object]]:
    """Every term tried at every word, in the terms' order; a term's first stem shares the word's
    first two letters (a one-letter stem therefore matches a one-letter word only)."""
    return [
        (start, term.text, payload)
        for start, token in enumerate(tokens)
        for term, payload in terms
        if term.parts[0][0][:2] == token[:2] and term.matches_at(tokens, start)
    ]


def test_term_index_finds_what_trying_every_term_finds():
    lexicon = [(Term.parse(text), text) for text in ("мигра*", "труд* мигра*", "water", "water supply*", "вод*")]
    odd = [(Term.parse(text), text) for text in ("a*", "в", "ab* cd", "ab", "abc*", "a")]
    terms = lexicon + odd
    index = TermIndex(terms)
    rng = random.Random(4)
    vocabulary = ["миграция", "трудовые", "мигранты", "water", "supply", "supplies", "воды", "в", "a", "ab", "abc"]
    vocabulary += ["abcd", "cd", "apple", "вода", "x"]
    found_any = 0
    for _ in range(3000):
        tokens = [rng.choice(vocabulary) for _ in range(rng.randint(1, 12))]
        found = [(start, term.text, payload) for start, term, payload in index.find(tokens)]
        assert found == plain_find(terms, tokens), tokens
        found_any += bool(found)
    assert found_any > 2000
    # The classifier's own lexicon on the project's reports, word for word.
    from dashboard.classifier import _index

    entries = sorted(entry for entries in _index()._by_first.values() for entry in entries)
    lexicon_terms = [(term, payload) for _, term, payload in entries]
    for path in REPORTS:
        tokens = tokenize(path.read_text(encoding="utf-8"))
        found = [(start, term.text, payload) for start, term, payload in _index().find(tokens)]
        assert found == plain_find(lexicon_terms, tokens)


def plain_top_stems(model: theme_model.ThemeModel, stem_part: np.ndarray, theme: int, limit: int = 3) -> list[str]:
    row = (model.coef[:, : len(stem_part)] * stem_part)[theme]
    stem_of = {column: stem for stem, column in model.vocabulary.items()}
    return [stem_of[column] for column in np.argsort(-row)[:limit] if row[column] >= theme_model.EVIDENCE_MIN]


def test_evidence_stems_are_those_a_sort_of_every_contribution_gives():
    model = saved_model()
    assert model is not None
    texts = [line for path in REPORTS for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    named = 0
    for text in texts:
        stem_part = model.stem_vector(text)
        for theme in range(len(model.themes)):
            stems = model.top_stems(stem_part, theme)
            assert stems == plain_top_stems(model, stem_part, theme)
            named += bool(stems)
    assert named > 50


def test_evidence_stems_with_equal_contributions_come_in_the_order_of_a_full_sort():
    stems = [f"stem{index}" for index in range(40)]
    coef = np.zeros((1, len(stems)))
    coef[0, :12] = 2.0  # twelve stems add exactly as much: ties at the top
    model = theme_model.ThemeModel(
        themes=("t",),
        vocabulary={stem: column for column, stem in enumerate(stems)},
        idf=np.ones(len(stems)),
        coef=coef,
        intercept=np.zeros(1),
        trained_on={},
    )
    stem_part = np.zeros(len(stems))
    stem_part[:20] = 0.5
    assert model.top_stems(stem_part, 0) == plain_top_stems(model, stem_part, 0)
    assert len(model.top_stems(stem_part, 0)) == 3
