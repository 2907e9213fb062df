"""The report parser scored against gold records: fields found, fields kept null, proposals found.

A case is a report `NAME.txt` beside its gold record `NAME.expected.json` (keys as in `parse --json`;
`proposals` is a list of strings or of `{"text": ...}`). Matching rules (issue 9):
numbers, dates, language and region exact; the title by word overlap (Jaccard >= 0.6); city, venue
and moderator by normalised equality or containment, tolerant of Cyrillic/Latin transliteration; a gold
proposal is found when an extracted one has a `difflib.SequenceMatcher` ratio >= 0.6 with it.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from dashboard.textmatch import tokenize

FIELDS = (
    "title",
    "date",
    "region",
    "city",
    "venue",
    "moderator",
    "participants_total",
    "participants_women",
    "participants_men",
    "language",
)
TITLE_JACCARD = 0.6
PROPOSAL_RATIO = 0.6

# Kyrgyz and Russian letters to Latin, as place and personal names are usually romanised.
_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "j", "з": "z",
        "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u", "ф": "f", "х": "h", "ц": "c",
        "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    }
)  # fmt: skip
# Spellings that differ between romanisations of the same name.
_LATIN_VARIANTS = [("kh", "h"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("ts", "c"), ("y", "i"), ("w", "v")]


def normalise_name(text: str) -> str:
    """Lowercase Latin letters and digits only, one romanisation, no doubled letters."""
    folded = text.casefold().translate(_TRANSLIT)
    # Latin letters with marks (ö, ü, ñ) as their base letter.
    folded = "".join(char for char in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(char))
    for variant, canonical in _LATIN_VARIANTS:
        folded = folded.replace(variant, canonical)
    folded = re.sub(r"[^a-z0-9]+", "", folded)
    return re.sub(r"(.)\1+", r"\1", folded)


def names_match(gold: str, found: str) -> bool:
    a, b = normalise_name(gold), normalise_name(found)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return shorter == longer or (len(shorter) >= 3 and shorter in longer)


def titles_match(gold: str, found: str) -> bool:
    a, b = set(tokenize(gold)), set(tokenize(found))
    return bool(a | b) and len(a & b) / len(a | b) >= TITLE_JACCARD


def values_match(name: str, gold, found) -> bool:
    if name == "title":
        return titles_match(str(gold), str(found))
    if name in ("city", "venue", "moderator"):
        return names_match(str(gold), str(found))
    return gold == found


def proposal_ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def _is_null(value) -> bool:
    return value is None or value == "" or value == []


@dataclass
class Case:
    name: str
    text_path: Path
    gold: dict
    source: str | None


@dataclass
class Tally:
    """Counts of one group of cases; shares are computed when shown."""

    files: int = 0
    failed: int = 0
    stated: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    unstated: dict[str, int] = field(default_factory=dict)
    kept_null: dict[str, int] = field(default_factory=dict)
    gold_proposals: int = 0
    gold_found: int = 0
    extracted: int = 0
    extracted_correct: int = 0

    def add(self, outcome: dict) -> None:
        self.files += 1
        self.failed += outcome["failed"]
        for name, verdict in outcome["fields"].items():
            if verdict in ("found", "missed", "wrong"):
                self.stated[name] = self.stated.get(name, 0) + 1
                self.found[name] = self.found.get(name, 0) + (verdict == "found")
            elif verdict in ("kept_null", "invented"):
                self.unstated[name] = self.unstated.get(name, 0) + 1
                self.kept_null[name] = self.kept_null.get(name, 0) + (verdict == "kept_null")
        proposals = outcome["proposals"]
        self.gold_proposals += proposals["gold"]
        self.gold_found += proposals["found"]
        self.extracted += proposals["extracted"]
        self.extracted_correct += proposals["correct"]

    def summary(self) -> dict:
        def share(part: int, whole: int) -> float | None:
            return round(part / whole, 4) if whole else None

        stated, found = sum(self.stated.values()), sum(self.found.values())
        unstated, kept = sum(self.unstated.values()), sum(self.kept_null.values())
        return {
            "files": self.files,
            "failed": self.failed,
            "stated": {"total": stated, "found": found, "share": share(found, stated)},
            "null": {"total": unstated, "kept": kept, "share": share(kept, unstated)},
            "proposals": {
                "gold": self.gold_proposals,
                "found": self.gold_found,
                "recall": share(self.gold_found, self.gold_proposals),
                "extracted": self.extracted,
                "correct": self.extracted_correct,
                "precision": share(self.extracted_correct, self.extracted),
            },
            "by_field": {
                name: {
                    "stated": self.stated.get(name, 0),
                    "found": self.found.get(name, 0),
                    "share": share(self.found.get(name, 0), self.stated.get(name, 0)),
                    "unstated": self.unstated.get(name, 0),
                    "kept_null": self.kept_null.get(name, 0),
                    "null_share": share(self.kept_null.get(name, 0), self.unstated.get(name, 0)),
                }
                for name in FIELDS
            },
        }


class EvaluationError(Exception):
    """A gold file or folder that cannot be used, with the file named."""


def load_cases(folder: Path) -> list[Case]:
    if not folder.is_dir():
        raise EvaluationError(f"{folder}: not a folder")
    cases = []
    for text_path in sorted(folder.glob("*.txt")):
        gold_path = text_path.with_name(text_path.stem + ".expected.json")
        if not gold_path.exists():
            continue
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise EvaluationError(f"{gold_path}: not readable JSON ({error})") from None
        if not isinstance(gold, dict):
            raise EvaluationError(f"{gold_path}: expected a JSON object")
        first = text_path.read_text(encoding="utf-8-sig", errors="replace").split("\n", 1)[0]
        source = first.split("source:", 1)[1].strip() if first.lstrip("# ").startswith("source:") else None
        cases.append(Case(text_path.stem, text_path, gold, source))
    if not cases:
        raise EvaluationError(f"{folder}: no *.txt report with a sibling *.expected.json")
    return cases


def _gold_proposals(gold: dict) -> list[str]:
    items = gold.get("proposals") or []
    return [item["text"] if isinstance(item, dict) else str(item) for item in items]


def score_case(case: Case) -> dict:
    """One report's verdict per field and its proposal counts."""
    from dashboard.cli import parsed_json
    from dashboard.report_parser import ReportError, read_report

    try:
        record = read_report(case.text_path)
        found = parsed_json(record, lambda text: [])
        error = None
    except ReportError as failure:
        found, error = None, str(failure)
    verdicts = {}
    for name in FIELDS:
        gold_value = case.gold.get(name)
        if found is None:
            verdicts[name] = "skipped" if _is_null(gold_value) else "missed"
            continue
        value = found.get(name)
        if _is_null(gold_value):
            verdicts[name] = "kept_null" if _is_null(value) else "invented"
        elif _is_null(value):
            verdicts[name] = "missed"
        else:
            verdicts[name] = "found" if values_match(name, gold_value, value) else "wrong"
    gold_texts = _gold_proposals(case.gold)
    extracted = [item["text"] for item in found["proposals"]] if found else []
    gold_hits = [any(proposal_ratio(g, e) >= PROPOSAL_RATIO for e in extracted) for g in gold_texts]
    extracted_hits = [any(proposal_ratio(g, e) >= PROPOSAL_RATIO for g in gold_texts) for e in extracted]
    return {
        "file": case.text_path.name,
        "language": case.gold.get("language") or (found or {}).get("language") or "unknown",
        "failed": error is not None,
        "error": error,
        "fields": verdicts,
        "found_values": {name: found.get(name) for name in FIELDS} if found else None,
        "proposals": {
            "gold": len(gold_texts),
            "found": sum(gold_hits),
            "extracted": len(extracted),
            "correct": sum(extracted_hits),
            "missed": [text for text, hit in zip(gold_texts, gold_hits, strict=True) if not hit],
            "spurious": [text for text, hit in zip(extracted, extracted_hits, strict=True) if not hit],
        },
    }


def _summarise(outcomes: list[dict]) -> dict:
    overall = Tally()
    by_language: dict[str, Tally] = {}
    for outcome in outcomes:
        overall.add(outcome)
        by_language.setdefault(outcome["language"], Tally()).add(outcome)
    return {**overall.summary(), "by_language": {lang: by_language[lang].summary() for lang in sorted(by_language)}}


def evaluate_reports(folder: Path, held_back: set[str] | None = None) -> dict:
    """Scores over every case in the folder; with `held_back` sources, also per split."""
    outcomes = []
    for case in load_cases(folder):
        outcome = score_case(case)
        if held_back is not None:
            outcome["split"] = "held_back" if case.source in held_back else "development"
        outcomes.append(outcome)
    result = _summarise(outcomes)
    if held_back is not None:
        result["by_split"] = {
            part: _summarise([o for o in outcomes if o["split"] == part])
            for part in ("development", "held_back")
            if any(o["split"] == part for o in outcomes)
        }
    result["failures"] = [{"file": o["file"], "error": o["error"]} for o in outcomes if o["failed"]]
    result["cases"] = outcomes
    return result


def read_split(path: Path) -> set[str]:
    """The held-back sources of a split.json (`check_sources`)."""
    try:
        sources = json.loads(path.read_text(encoding="utf-8-sig"))["check_sources"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise EvaluationError(f"{path}: expected JSON with a check_sources list ({type(error).__name__})") from None
    if not isinstance(sources, list):
        raise EvaluationError(f"{path}: check_sources is not a list")
    return {str(source) for source in sources}
