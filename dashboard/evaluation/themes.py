"""Theme labels scored against a person's: micro-F1 over theme sets, per theme and per language.

Items are `{"text", "themes", "language", "source"?}` dicts, as in a proposals JSONL file.
The classifier learns from labelled text, so it is never scored on what it learned: with `folds`
(or, by default, when the items overlap the shipped model's training data) each fold's items are
labelled by a model trained on the other folds only, folds grouped by `source` so that one page
never sits on both sides.
"""

from collections import Counter
from collections.abc import Collection

from sklearn.model_selection import GroupKFold

from dashboard import reference
from dashboard.classifier import classify, classify_by_lexicon, saved_model
from dashboard.classifier.training import text_key, train

DEFAULT_FOLDS = 5
SEED = 0


def scores(gold: list[set[str]], predicted: list[set[str]]) -> dict:
    """Micro precision/recall/F1 over all labels, and the same per theme (with its gold support)."""
    true_positive, guessed, wanted = Counter(), Counter(), Counter()
    for gold_set, predicted_set in zip(gold, predicted, strict=True):
        wanted.update(gold_set)
        guessed.update(predicted_set)
        true_positive.update(gold_set & predicted_set)

    def prf(tp: int, n_predicted: int, n_gold: int) -> dict:
        precision = tp / n_predicted if n_predicted else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": n_gold}

    by_theme = {theme: prf(true_positive[theme], guessed[theme], wanted[theme]) for theme in reference.theme_ids()}
    micro = prf(sum(true_positive.values()), sum(guessed.values()), sum(wanted.values()))
    return {"items": len(gold), "micro": micro, "by_theme": by_theme}


def _scores_by_language(items: list[dict], gold: list[set[str]], predicted: list[set[str]]) -> dict:
    result = {}
    for language in sorted({item.get("language") or "unknown" for item in items}):
        chosen = [index for index, item in enumerate(items) if (item.get("language") or "unknown") == language]
        result[language] = scores([gold[i] for i in chosen], [predicted[i] for i in chosen])
    return result


def _summary(items: list[dict], gold: list[set[str]], predicted: list[set[str]]) -> dict:
    return {**scores(gold, predicted), "by_language": _scores_by_language(items, gold, predicted)}


def _cross_validated(items: list[dict], folds: int) -> list[set[str]]:
    """Each item's themes from a model trained without its fold's sources."""
    groups = [item.get("source") or text_key(item["text"]) for item in items]
    folds = min(folds, len(set(groups)))
    if folds < 2:
        raise ValueError("cross-validation needs items from at least two sources")
    predicted: list[set[str]] = [set() for _ in items]
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=SEED)
    for train_rows, test_rows in splitter.split(items, groups=groups):
        model = train([items[row] for row in train_rows])
        for row in test_rows:
            predicted[row] = {label.theme_id for label in classify(items[row]["text"], model=model)}
    return predicted


def _overlaps_shipped_model(items: list[dict]) -> bool:
    model = saved_model()
    if model is None:
        return False
    seen = set(model.trained_on.get("text_keys", []))
    return any(text_key(item["text"]) in seen for item in items)


def evaluate_themes(items: list[dict], folds: int | None = None, held_back: Collection[str] = ()) -> dict:
    """Scores of the classifier on the items, overall, per theme and per language.

    `folds`: cross-validate with that many folds grouped by `source`; None scores the shipped
    model, unless it learned from some of these items (then DEFAULT_FOLDS folds, and the result
    says so). `lexicon` holds the hand-written lexicon's scores alone; when `held_back` names
    sources kept out of sight while the lexicon was written, `by_part` gives both scores on the
    development part and on the held-back part separately."""
    if folds is None and _overlaps_shipped_model(items):
        folds = DEFAULT_FOLDS
    if folds:
        predicted = _cross_validated(items, folds)
    else:
        predicted = [{label.theme_id for label in classify(item["text"])} for item in items]
    by_lexicon = [{label.theme_id for label in classify_by_lexicon(item["text"])} for item in items]
    gold = [set(item["themes"]) for item in items]
    result = {
        "cross_validated": bool(folds),
        "folds": folds or None,
        **_summary(items, gold, predicted),
        "lexicon": _summary(items, gold, by_lexicon),
    }
    if held_back:
        result["by_part"] = {}
        for part, wanted in (("development", False), ("held_back", True)):
            rows = [index for index, item in enumerate(items) if (item.get("source") in held_back) == wanted]
            chosen = [items[i] for i in rows]
            chosen_gold = [gold[i] for i in rows]
            result["by_part"][part] = {
                **_summary(chosen, chosen_gold, [predicted[i] for i in rows]),
                "lexicon": _summary(chosen, chosen_gold, [by_lexicon[i] for i in rows]),
            }
    return result
