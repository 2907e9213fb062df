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
    """Terms indexed by their first stem, so matching a word looks up its prefixes, not every term."""

    def __init__(self, terms: list[tuple[Term, object]]):
        # Keyed by (first stem, matched as a prefix); each entry keeps its place in `terms`, the order
        # of results. A one-letter stem matches a one-letter word only, as a prefix or not.
        self._by_first: dict[tuple[str, bool], list[tuple[int, Term, object]]] = {}
        for order, (term, payload) in enumerate(terms):
            stem, is_prefix = term.parts[0]
            self._by_first.setdefault((stem, is_prefix and len(stem) > 1), []).append((order, term, payload))
        self._prefix_lengths = sorted({len(stem) for stem, is_prefix in self._by_first if is_prefix})

    def _candidates(self, token: str) -> list[tuple[int, Term, object]]:
        """Terms whose first stem matches the token, in their order."""
        found = self._by_first.get((token, False), [])
        for length in self._prefix_lengths:
            if length > len(token):
                break
            if more := self._by_first.get((token[:length], True)):
                found = sorted(found + more) if found else more
        return found

    def find(self, tokens: list[str]) -> list[tuple[int, Term, object]]:
        """Every (position, term, payload) whose term matches at that position."""
        found = []
        for start, token in enumerate(tokens):
            for _, term, payload in self._candidates(token):
                if term.matches_at(tokens, start):
                    found.append((start, term, payload))
        return found
