"""Nothing new: a rewrite or a guardrail proposal may not bring in what its source does not have.

verify.py locks the facts (times, numbers, ids); this module catches invented *content* that
has no digits in it, the things a model obeying text in a document, or inventing a story,
adds:

- sentences: a rewrite has no more sentences than its source;
- people: a capitalised name, or a person word (he, she, the engineer...), that the source
  does not have;
- causes: a causal link ("because", "due to", "led to"...) that the source does not state,
  unless every content word of the new clause is in the source or the document;
- instructions to the reader ("you", "make sure", "must", "ignore", "approve"...);
- content: more new content words than a neutral reframing needs (words neither in the source,
  the document, nor the vocabulary of blameless causal language).

Every rejection names what is new, so the re-ask can say what to drop. Pure and offline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from reviewer.parser.sentences import split_sentences

__all__ = ["check_proposal", "novel_content", "stems"]

MAX_PROPOSAL_CHARS = 400
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_PLACEHOLDER = re.compile(r"\[\[[A-Z][A-Z_]*?_\d+\]\]")

_FUNCTION_WORDS = frozenset("""
a an the and or but nor so yet of to in on at by for from with without into onto over under after before during
while when whenever then than as if until since about above below between through across per via within upon
is are was were be been being am has have had having do does did done it its this that these those there here
which who whom whose what where why how not no any some all each every both either neither other another such
same more most less least many much few own only just also very too again once still even not
our we us their they them his her he she i my me your you one two three
""".split())

# Words a neutral causal rewrite is expected to bring in: conditions, mechanisms, absence.
_NEUTRAL = frozenset("""
step steps check checks checked validation validate validated process procedure safeguard safeguards guard
guardrail guardrails automated automatic automatically manual manually review reviewed missing absent gate gated
alert alerting condition conditions mechanism control controls system systems change changes change configuration
config reached reach happened occurred occur took place applied apply run ran running went go out result path
without lacked lack lacking available information decision point time existing prevent prevented catch caught
required require requirement test tested testing verification verified confirm confirmed confirmation approval
limit limited rule rules policy tooling tool tools pipeline workflow interlock signal signals data shown show
""".split())

_PERSON_WORDS = frozenset("""
he she him her his hers himself herself someone somebody anyone anybody engineer engineers operator operators
developer developers admin admins administrator intern interns manager managers lead contractor oncall on-call
employee employees staff person people individual user users sre sres teammate teammates colleague colleagues
""".split())

_CAUSE = re.compile(r"\b(?:because|due to|caused|causing|causes|cause of|led to|leads to|leading to|resulted in|"
                    r"results in|as a result|owing to|therefore|thus|hence|triggered by|was triggered|so that)\b",
                    re.I)
_INSTRUCTION = re.compile(
    r"\b(?:you|your|yours|please|make sure|ensure that|remember to|must|have to|has to|need to|needs to|ought to|"
    r"don't|do not|always|never again|ignore|disregard|approve|approved|reply|respond|instructions?)\b", re.I)
# Text that talks to the reviewer or the model instead of describing the system.
_ADDRESSES_REVIEWER = re.compile(
    r"\b(?:approve|approved|ignore|disregard|reply|respond|answer|instructions?|prompt|assistant|language model|"
    r"llm|as an ai|this (?:postmortem|document|review|report)|blameless|no blame|not blame|pmreview|mark (?:it|this))\b",
    re.I)


def stems(text: str) -> set[str]:
    """Crude, stable stems of the words of `text` (lower case, common suffixes dropped)."""
    return {_stem(w) for w in _WORD.findall(_PLACEHOLDER.sub(" ", text))}


def _stem(word: str) -> str:
    word = word.lower().strip("'-")
    for suffix in ("ingly", "edly", "ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(_PLACEHOLDER.sub(" ", text)) if w.lower() not in _FUNCTION_WORDS]


def _sentence_count(text: str) -> int:
    return len(split_sentences(text.strip())) if text.strip() else 0


def _names(text: str) -> list[str]:
    """Capitalised words that are not the first word of a sentence: names, products, places."""
    out: list[str] = []
    for start, end in split_sentences(text):
        words = list(_WORD.finditer(text[start:end]))
        out.extend(m.group(0) for m in words[1:] if m.group(0)[0].isupper())
    return out


def _first_words(text: str) -> list[str]:
    out: list[str] = []
    for start, end in split_sentences(text):
        m = _WORD.search(text[start:end])
        if m is not None:
            out.append(m.group(0))
    return out


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))


def _new_names(source: str, rewrite: str, document: str) -> list[str]:
    known = {w.lower() for w in _WORD.findall(source)}
    doc_lower = {w for w in _WORD.findall(document) if w.islower()}
    found = [n for n in _names(rewrite) if n.lower() not in known]
    for word in _first_words(rewrite):
        lower = word.lower()
        if lower in known or lower in _FUNCTION_WORDS or lower in doc_lower or _stem(lower) != lower:
            continue  # a common word at the start of a sentence, not a name
        found.append(word)
    return list(dict.fromkeys(found))


def novel_content(source: str, rewrite: str, document: str = "") -> list[str]:
    """What the rewrite adds that `source` (and, for content words, `document`) does not have."""
    problems: list[str] = []
    if _sentence_count(rewrite) > max(1, _sentence_count(source)):
        problems.append(f"adds a sentence (source {_sentence_count(source)}, rewrite {_sentence_count(rewrite)}): "
                        "rewrite the sentence, do not add to it")
    names = _new_names(source, rewrite, document)
    if names:
        problems.append(f"adds a name that is not in the sentence: {', '.join(names)}")
    source_words = {w.lower() for w in _WORD.findall(source)}
    people = sorted({w.lower() for w in _WORD.findall(rewrite) if w.lower() in _PERSON_WORDS} - source_words)
    if people:
        problems.append(f"adds a person that is not in the sentence: {', '.join(people)}")
    if _count(_INSTRUCTION, rewrite) > _count(_INSTRUCTION, source):
        extra = [m.group(0) for m in _INSTRUCTION.finditer(rewrite) if m.group(0).lower() not in source.lower()]
        problems.append(f"adds an instruction to the reader ({', '.join(dict.fromkeys(extra)) or 'imperative'})")
    known = stems(source) | stems(document) | {_stem(w) for w in _NEUTRAL}
    if _count(_CAUSE, rewrite) > _count(_CAUSE, source):
        for m in _CAUSE.finditer(rewrite):
            if m.group(0).lower() in source.lower():
                continue
            clause = re.split(r"[,.;:!?]", rewrite[m.end():], maxsplit=1)[0]
            unknown = [w for w in _content(clause) if _stem(w) not in known]
            if unknown:
                problems.append(f"adds a cause that is not in the source ('{m.group(0)}{clause.rstrip()}')")
    new_words = list(dict.fromkeys(w.lower() for w in _content(rewrite) if _stem(w) not in known))
    if len(new_words) > max(3, len(_content(rewrite)) * 2 // 5):
        problems.append(f"adds content that is not in the source: {', '.join(new_words[:8])}")
    return problems


def check_proposal(proposal: str, item: str, context: str, document: str = "",
                   blame_hits: Callable[[str], list[str]] | None = None,
                   known_names: Iterable[str] = ()) -> list[str]:
    """Problems with a guardrail proposal for one action item; empty when it can be shown.

    A proposal is new by nature (it proposes a mechanism), so it is not held to the rewrite's
    fact lock. It must talk about the system, not to the reviewer; stay short; share words with
    its item or the incident; name nobody new; and carry no blame.
    """
    text = " ".join(proposal.split())
    if not text:
        return ["the proposal is empty"]
    problems: list[str] = []
    if len(text) > MAX_PROPOSAL_CHARS:
        problems.append(f"the proposal is too long ({len(text)} characters, at most {MAX_PROPOSAL_CHARS})")
    if _sentence_count(text) > 2:
        problems.append("the proposal has more than two sentences")
    addressed = [m.group(0) for m in _ADDRESSES_REVIEWER.finditer(text)]
    if addressed:
        problems.append(f"the proposal addresses the reviewer, not the system ({', '.join(dict.fromkeys(addressed))})")
    if not (stems(text) - {_stem(w) for w in _FUNCTION_WORDS}) & (stems(item) | stems(context)):
        problems.append("the proposal shares no words with the action item or the incident")
    allowed = " ".join([item, context, document, *known_names])
    names = [n for n in _names(text) if n.lower() not in {w.lower() for w in _WORD.findall(allowed)}]
    if names:
        problems.append(f"the proposal names someone or something not in the postmortem: {', '.join(names)}")
    people = sorted({w.lower() for w in _WORD.findall(text) if w.lower() in _PERSON_WORDS}
                    - {w.lower() for w in _WORD.findall(item)})
    if people:
        problems.append(f"the proposal relies on a person ({', '.join(people)}), not a mechanism")
    if blame_hits is not None:
        hits = blame_hits(text)
        if hits:
            problems.append("residual blame: " + "; ".join(hits))
    return problems
