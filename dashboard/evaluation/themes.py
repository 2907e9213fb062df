"""Theme labels scored against a person's: micro-F1 over theme sets, per theme and per language.

Items are `{"text", "themes", "language", "source"?}` dicts, as in a proposals JSONL file.
"""

from collections import Counter

from dashboard import reference
from dashboard.classifier import theme_ids_of


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


def evaluate_themes(items: list[dict], folds: int | None = None) -> dict:
    """Scores of the classifier on the items, overall and per language.

    `folds` is for what the classifier learns from labelled text: then each item is labelled by
    a model that never saw its source (folds grouped by `source`)."""
    if folds:
        raise NotImplementedError("cross-validation arrives with the learned classifier (issue 9)")
    predicted = [set(theme_ids_of(item["text"])) for item in items]
    gold = [set(item["themes"]) for item in items]
    result = {"cross_validated": False, "folds": None, **scores(gold, predicted), "by_language": {}}
    for language in sorted({item.get("language") or "unknown" for item in items}):
        chosen = [index for index, item in enumerate(items) if (item.get("language") or "unknown") == language]
        result["by_language"][language] = scores([gold[i] for i in chosen], [predicted[i] for i in chosen])
    return result
