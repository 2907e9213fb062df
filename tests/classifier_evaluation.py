"""Precision and recall of the theme classifier on tests/data/theme_eval.jsonl.

Run `python -m tests.classifier_evaluation` for the table; tests/test_classifier.py
guards the floor.
"""

import json
from collections import Counter
from pathlib import Path

from dashboard import reference
from dashboard.classifier import theme_ids_of

EVAL_SET = Path(__file__).parent / "data" / "theme_eval.jsonl"


def load_eval_set() -> list[dict]:
    lines = EVAL_SET.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def evaluate(examples: list[dict]) -> dict[str, dict[str, float]]:
    """Per theme: precision, recall, support (gold count), over multi-label predictions."""
    true_positive, predicted, gold = Counter(), Counter(), Counter()
    for example in examples:
        wanted = set(example["themes"])
        got = set(theme_ids_of(example["text"]))
        gold.update(wanted)
        predicted.update(got)
        true_positive.update(wanted & got)
    scores = {}
    for theme in reference.theme_ids():
        scores[theme] = {
            "precision": true_positive[theme] / predicted[theme] if predicted[theme] else 0.0,
            "recall": true_positive[theme] / gold[theme] if gold[theme] else 0.0,
            "support": gold[theme],
        }
    total_tp, total_pred, total_gold = (sum(c.values()) for c in (true_positive, predicted, gold))
    scores["micro"] = {
        "precision": total_tp / total_pred,
        "recall": total_tp / total_gold,
        "support": total_gold,
    }
    return scores


def table(scores: dict[str, dict[str, float]]) -> str:
    lines = ["| theme | precision | recall | gold labels |", "|---|---:|---:|---:|"]
    for theme, score in scores.items():
        lines.append(f"| {theme} | {score['precision']:.2f} | {score['recall']:.2f} | {score['support']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    examples = load_eval_set()
    print(table(evaluate(examples)))
    for language in ("en", "ru", "ky"):
        subset = [example for example in examples if example["language"] == language]
        micro = evaluate(subset)["micro"]
        print(f"{language}: {len(subset)} proposals, micro P {micro['precision']:.2f} R {micro['recall']:.2f}")
