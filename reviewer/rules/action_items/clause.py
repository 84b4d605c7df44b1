"""The main clause of an action item: its verb and what follows, read from the item's shape.

"Add a guide", "We will remind deployers", "Staff will be retrained", "Going forward, we'll be
documenting ..." and "Dana to tell the rota" all reduce to (verb lemma, rest of the clause).
Deciding by the verb's class at that position generalises where a phrase list does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Adverbials and connectives before the clause ("Going forward, also ...").
_LEAD = re.compile(
    r"^(?:\W*(?:going forward|moving forward|in (?:the )?future|from now on|next time|also|additionally|"
    r"finally|lastly|then|therefore|as a result|to (?:prevent|avoid) (?:this|a recurrence)[^,]*),?\s+)+", re.I)
# A subject with a modal or "to" ("we will", "the SRE team should", "Dana to"); a proper name only
# before " to " or a modal, so a capitalised imperative ("Add ...") is never taken for a subject.
_SUBJECT = re.compile(
    r"^(?:(?:we|i|you|they|everyone|all|our|the|each|every|[A-Z][\w.-]*|@[\w-]+)(?:\s+[\w-]+){0,3}?)\s+"
    r"(?:will|'ll|’ll|shall|should|must|can|could|would|need to|needs to|have to|has to|are going to|is going to|"
    r"plan to|plans to|want to|intend to|are expected to|is expected to|to|are|is|am|were|was|have been|has been|"
    r"have|has)\s+",
    re.I)
_SUBJECT_CONTRACTED = re.compile(r"^(?:we|i|you|they)(?:'ll|’ll|'ve|’ve|'re|’re|'m|’m)\s+(?:going to\s+)?", re.I)
# Fillers between the modal and the verb ("will also continue to", "will be", "will now start").
_FILLER = re.compile(r"^(?:(?:also|now|all|always|further|then|actively|continue to|start|begin|try to|"
                     r"be able to|work to|make an effort to|not only)\s+)+", re.I)
_PASSIVE = re.compile(r"^(?:be|have been|has been|been)\s+(?:(?:more|better|regularly|properly|also|now)\s+)*"
                      r"(\w+(?:ed|en|wn|ld|ht|ne))\b", re.I)
_PROGRESSIVE = re.compile(r"^(?:be\s+)(?:\w+ly\s+)?(\w+ing)\b", re.I)
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_IRREGULAR = {"held": "hold", "written": "write", "taken": "take", "run": "run", "told": "tell", "taught": "teach",
              "done": "do", "made": "make", "put": "put", "kept": "keep", "brought": "bring", "sent": "send",
              "shared": "share", "built": "build", "set": "set", "come": "come"}


@dataclass(frozen=True, slots=True)
class Clause:
    verb: str  # lower-case lemma ("" when the clause has no verb at its head)
    rest: str  # the words after the verb; for a passive, the subject too (its object)
    passive: bool = False
    forms: tuple[str, ...] = ()  # other lemma guesses (updated -> updat, update; planned -> plann, plan)


def main_clause(prose: str) -> Clause:
    text = prose.strip().lstrip("-*+•>[] xX").strip()
    text = _LEAD.sub("", text)
    subject = _SUBJECT_CONTRACTED.match(text) or _SUBJECT.match(text)
    if subject:
        text = text[subject.end():]
    text = _FILLER.sub("", text)
    passive = False
    after_be = subject is not None and re.search(r"(?:\bbe|been|are|is|am|were|was)\s+$", subject.group(), re.I)
    if subject and ((m := _PASSIVE.match(text)) or (after_be and (m := re.match(r"^(\w+ed)\b", text)))):
        word, passive = m.group(1), True
    elif (m := _PROGRESSIVE.match(text)) or (m := re.match(r"^(?:are|am|is)\s+(\w+ing)\b", text, re.I)):
        word = m.group(1)
    elif m := _WORD.match(text):
        word = m.group()
    else:
        return Clause("", text)
    rest = text[m.end():].strip()
    if word.lower() == "come" and rest.lower().startswith("up with"):
        return Clause("come up with", rest[7:].strip())
    if passive and subject:
        rest = f"{subject.group()} {rest}"  # the passive subject is the object
    return Clause(lemma(word), rest, passive, lemmas(word))


def lemmas(word: str) -> tuple[str, ...]:
    """Every plausible lemma of an inflected verb; the caller keeps the one its lexicon knows."""
    w = word.lower().replace("’", "'")
    out = [lemma(word)]
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            out += [stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem]
    return tuple(dict.fromkeys(out))


def lemma(word: str) -> str:
    """A crude verb lemma: enough for the verbs in action_verbs.yaml (retrained -> retrain)."""
    w = word.lower().replace("’", "'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix, repl in (("ying", "y"), ("ied", "y"), ("ies", "y"), ("sses", "ss")):
        if w.endswith(suffix):
            return w[: -len(suffix)] + repl
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
                return stem[:-1]  # planned -> plan
            return stem
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w
