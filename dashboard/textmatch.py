"""Tokenising text and matching lexicon terms (stems and phrases) against it.

A term is one or more lowercase tokens; a token ending in `*` matches any word
that starts with it, so `мигра*` covers миграция, мигрантов. Multi-token terms
match consecutive words. Lexicons in data/ use this syntax.
"""

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")


def tokenize(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("ё", "е"))


@dataclass(frozen=True)
class Term:
    text: str
    parts: tuple[tuple[str, bool], ...]  # (stem, is_prefix)

    @classmethod
    def parse(cls, text: str) -> "Term":
        parts = []
        for raw in text.split():
            is_prefix = raw.endswith("*")
            tokens = tokenize(raw.rstrip("*"))
            for index, token in enumerate(tokens):
                # Only the last token of a hyphenated word keeps the prefix mark.
                parts.append((token, is_prefix and index == len(tokens) - 1))
        if not parts:
            raise ValueError(f"empty lexicon term {text!r}")
        return cls(text=text, parts=tuple(parts))

    def matches_at(self, tokens: list[str], start: int) -> bool:
        if start + len(self.parts) > len(tokens):
            return False
        for offset, (stem, is_prefix) in enumerate(self.parts):
            token = tokens[start + offset]
            if not (token.startswith(stem) if is_prefix else token == stem):
                return False
        return True


class TermIndex:
    """Terms indexed by their first stem's first letters, so matching stays linear in the text."""

    def __init__(self, terms: list[tuple[Term, object]]):
        self._by_head: dict[str, list[tuple[Term, object]]] = {}
        for term, payload in terms:
            self._by_head.setdefault(term.parts[0][0][:2], []).append((term, payload))

    def find(self, tokens: list[str]) -> list[tuple[int, Term, object]]:
        """Every (position, term, payload) whose term matches at that position."""
        found = []
        for start, token in enumerate(tokens):
            for term, payload in self._by_head.get(token[:2], ()):
                if term.matches_at(tokens, start):
                    found.append((start, term, payload))
        return found
