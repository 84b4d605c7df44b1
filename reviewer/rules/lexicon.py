"""YAML word lists. Each entry carries a note saying why it is there.

Format:
    entries:
      - term: careless          # a phrase, or a regex when `regex: true`
        note: judges character, not conditions
        replacement: ""         # optional: deterministic fix ("" = delete)
    groups:                     # many plain terms sharing one note (e.g. given names)
      - note: common English given names
        terms: [Alice, Bob]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    note: str
    pattern: re.Pattern[str]
    replacement: str | None = None
    tag: str = ""


@dataclass(frozen=True)
class Lexicon:
    name: str
    entries: tuple[Entry, ...]

    def finditer(self, text: str):
        """Yield (entry, match) for every entry, left to right, longest first at a position."""
        hits = []
        for entry in self.entries:
            for match in entry.pattern.finditer(text):
                hits.append((match.start(), -(match.end() - match.start()), entry, match))
        taken_until = -1
        for start, _neg_len, entry, match in sorted(hits, key=lambda h: (h[0], h[1])):
            if start < taken_until:
                continue
            taken_until = match.end()
            yield entry, match

    @property
    def terms(self) -> list[str]:
        return [e.term for e in self.entries]

    @property
    def lower_terms(self) -> frozenset[str]:
        return frozenset(e.term.lower() for e in self.entries)


def compile_term(term: str, regex: bool = False) -> re.Pattern[str]:
    if regex:
        return re.compile(term, re.I)
    words = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


@cache
def load(name: str) -> Lexicon:
    raw = resources.files("reviewer.rules.lexicons").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    entries = []
    for group in data.get("groups") or []:
        for term in group["terms"]:
            entries.append(Entry(str(term), group["note"], compile_term(str(term)), tag=group.get("tag", "")))
    for item in data.get("entries") or []:
        if not item.get("note"):
            raise ValueError(f"lexicon {name}: entry {item.get('term')!r} has no note")
        entries.append(
            Entry(
                term=item["term"],
                note=item["note"],
                pattern=compile_term(item["term"], bool(item.get("regex"))),
                replacement=item.get("replacement"),
                tag=item.get("tag", ""),
            )
        )
    return Lexicon(name, tuple(entries))


def extra_lexicon(words: tuple[str, ...]) -> Lexicon:
    """A team's own blame words from config."""
    return Lexicon(
        "config",
        tuple(Entry(w, "from the team's config", compile_term(w)) for w in words),
    )
