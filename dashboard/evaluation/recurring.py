"""Pairwise precision and recall of the recurring-proposal grouping on labelled pairs.

Three sets of pairs, each labelled same request (1) or different request (0):
- our own paraphrase pairs (tests/data/recurring_pairs.csv, en and ru);
- demo pairs: every pair of demo templates filled with different places (same template = same request);
- corpus pairs: the most similar cross-source pairs of the development part of ../shared/corpus,
  read and labelled by us, stored as line numbers of proposals.jsonl (tests/data/recurring_corpus_pairs.csv).
A pair is predicted "same" when the grouping puts both texts in one group, all texts of a set grouped at once.
"""

import csv
import itertools
import json

from dashboard import recurring, reference
from dashboard.config import DATA_DIR, PROJECT_ROOT

PAIRS = PROJECT_ROOT / "tests" / "data" / "recurring_pairs.csv"
CORPUS_PAIRS = PROJECT_ROOT / "tests" / "data" / "recurring_corpus_pairs.csv"
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"
DEMO_PLACES = ("Batken", "Naryn", "Karakol")
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75)


def own_pairs() -> list[tuple[str, str, bool, str]]:
    with PAIRS.open(encoding="utf-8") as handle:
        return [(row["a"], row["b"], row["same"] == "1", row["language"]) for row in csv.DictReader(handle)]


def demo_pairs() -> list[tuple[str, str, bool, str]]:
    templates = reference.read_csv(DATA_DIR / "demo" / "proposal_templates.csv")
    filled = [
        (index, template["language"], template["template"].replace("{place}", place))
        for index, template in enumerate(templates)
        for place in DEMO_PLACES
    ]
    return [
        (a_text, b_text, a_index == b_index, a_language)
        for (a_index, a_language, a_text), (b_index, b_language, b_text) in itertools.combinations(filled, 2)
        if a_language == b_language and a_text != b_text
    ]


def corpus_pairs() -> list[tuple[str, str, bool, str]]:
    """Labelled pairs of the corpus's development part (read at run time; empty when it is absent)."""
    path = CORPUS / "proposals.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with CORPUS_PAIRS.open(encoding="utf-8") as handle:
        labelled = list(csv.DictReader(handle))
    return [
        (
            rows[int(pair["line_a"])]["text"],
            rows[int(pair["line_b"])]["text"],
            pair["same"] == "1",
            rows[int(pair["line_a"])]["language"],
        )
        for pair in labelled
    ]


def score(pairs: list[tuple[str, str, bool, str]], threshold: float = recurring.THRESHOLD) -> dict:
    """Pairwise precision and recall per language and overall; all texts of a set are grouped at once,
    as the store groups every proposal together."""
    texts = sorted({text for a, b, _, _ in pairs for text in (a, b)})
    keys = [recurring.normalise(text) for text in texts]
    groups = dict(zip(texts, recurring.group_labels(keys, threshold), strict=True))
    results = {}
    for language in [*sorted({pair[3] for pair in pairs}), "all"]:
        chosen = [pair for pair in pairs if language in ("all", pair[3])]
        tp = sum(1 for a, b, same, _ in chosen if same and groups[a] == groups[b])
        predicted = sum(1 for a, b, _, _ in chosen if groups[a] == groups[b])
        gold = sum(1 for _, _, same, _ in chosen if same)
        results[language] = {
            "pairs": len(chosen),
            "same": gold,
            "precision": round(tp / predicted, 3) if predicted else None,
            "recall": round(tp / gold, 3) if gold else None,
        }
    return results


def pooled_f1(pairs: list[tuple[str, str, bool, str]], threshold: float) -> float:
    """F1 over hand-labelled pairs (the threshold is chosen by it)."""
    texts = sorted({text for a, b, _, _ in pairs for text in (a, b)})
    groups = dict(zip(texts, recurring.group_labels([recurring.normalise(t) for t in texts], threshold), strict=True))
    tp = sum(1 for a, b, same, _ in pairs if same and groups[a] == groups[b])
    predicted = sum(1 for a, b, _, _ in pairs if groups[a] == groups[b])
    gold = sum(1 for _, _, same, _ in pairs if same)
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def main() -> None:
    sets = {"own": own_pairs(), "demo": demo_pairs(), "corpus (development part)": corpus_pairs()}
    for threshold in THRESHOLDS:
        hand = [pooled_f1(pairs, threshold) for pairs in (sets["own"], sets["corpus (development part)"])]
        pooled = pooled_f1(sets["own"] + sets["corpus (development part)"], threshold)
        print(f"threshold {threshold}: F1 own {hand[0]:.3f}, corpus {hand[1]:.3f}, both (chooses) {pooled:.3f}")
        for name, pairs in sets.items():
            print(f"  {name}: {json.dumps(score(pairs, threshold), ensure_ascii=False)}")


if __name__ == "__main__":
    main()
