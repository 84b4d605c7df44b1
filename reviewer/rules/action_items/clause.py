"""The main clause of an action item: its verb and what follows, read from the item's shape.

"Add a guide", "We will remind deployers", "Staff will be retrained", "Going forward, we'll be
documenting ..." and "Dana to tell the rota" all reduce to (verb lemma, rest of the clause).
Deciding by the verb's class at that position generalises where a phrase list does not.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from reviewer.patterns import lazy
from reviewer.rules.action_items.people import is_people_word

# Adverbials and connectives before the clause ("Going forward, also ...").
_LEAD = lazy(
    r"^(?:[^\w(\[]*(?:\(?\d{1,2}[.)]|\([^()]{1,25}\)|\[[^\[\]]{0,25}\]|going forward|moving forward|in (?:the )?future|from now on|next time(?=,)|also|additionally|"
    r"finally|lastly|then|therefore|so|please|let['’]s|let us|already|as a result|to (?:prevent|avoid) (?:this|a recurrence)[^,]*|"
    r"to [^,]{3,80},|(?:in(?! order)|on|during|with|as part of|as of|by way of|at|for) [^,]{2,60},|"
    r"(?:(?:much |far )?(?:more|less) )?(?!only\b|early\b|family\b|supply\b|apply\b|reply\b)[a-z]{3,}ly),?\s+)+",
    re.I)  # a manner adverb, also comparative ("More carefully test ..."), is not the verb
# A subject with a modal or "to" ("we will", "the SRE team should", "Dana to"); a proper name only
# before " to " or a modal, so a capitalised imperative ("Add ...") is never taken for a subject.
_SUBJECT = lazy(
    r"^(?:(?:we|i|you|they|everyone|all|our|the|each|every|[A-Z][\w.-]*|@[\w-]+)(?:\s+[\w-]+){0,5}?)\s+"
    r"(?:will|'ll|’ll|shall|should|must|can|could|would|need to|needs to|have to|has to|are going to|is going to|"
    r"plan to|plans to|want to|intend to|intends to|promise to|pledge to|vow to|are committed to|are expected to|is expected to|"
    r"(?:are|is|have been|has been|will be) (?:now |also |all )?(?:required|asked|instructed|advised|requested|obliged|"
    r"expected|encouraged) to|are to|is to|"
    r"(?:are|is|am|['’]re|['’]m) (?:looking|aiming|hoping|planning) to|aims? to|"
    r"to|are|is|am|were|was|have been|has been|"
    r"have|has)\s+",
    re.I)
# A longer subject, one with a post-modifier ("developers of tools that read the chain should"), only
# before a modal of obligation or intention: before "is" it is a statement ("more detail on the plan is
# in the design doc").
_SUBJECT_LONG = lazy(r"^(?:(?:the|all|every|each|[A-Z][\w.-]*)(?:\s+[\w-]+){6,7}?)\s+(?:will|shall|should|must|"
                     r"need to|needs to|have to|has to|ought to)\s+", re.I)
_SUBJECT_CONTRACTED = lazy(r"^(?:we|i|you|they)(?:'ll|’ll|'ve|’ve|'re|’re|'m|’m)\s+(?:going to\s+)?", re.I)
# Fillers between the modal and the verb ("will also continue to", "will be", "will now start"); a manner
# adverb there is not the verb either ("we have immediately updated ...").
_FILLER = lazy(r"^(?:(?:also|now|all|always|further|then|first|actively|continue to|start|begin|try to|endeavou?r to|strive to|"
                     r"be able to|work to|make an effort to|not only|please|(?:try )?not(?: to)?|never|"
                     r"(?!only\b|early\b|family\b|supply\b|apply\b|reply\b|rely\b|fly\b)[a-z]{3,}ly)\s+)+", re.I)
_PASSIVE = lazy(r"^(?:be|have been|has been|been)\s+(?:(?:more|better|regularly|properly|also|now|\w+ly)\s+)*"
                      r"(\w+(?:ed|en|wn|ld|ht|ne))\b", re.I)
# A participle after "has been" / "are" ("has been rewritten", "were told"): the clause is passive.
_PARTICIPLE = lazy(r"^(\w+ed|\w+(?:tten|dden|ken|wn)|told|taught|held|sent|made|kept|built|given|shown|done)\b", re.I)
_PROGRESSIVE = lazy(r"^(?:be\s+)(?:\w+ly\s+)?(\w+ing)\b", re.I)
_SUBORDINATE = lazy(r"^(?:if|when|whenever|while|before|after|once|until|unless|as soon as|in case|(?:the )?next time|"
                          r"each time|every time)\b[^,;]{3,120}"
                          r"[,;]\s+", re.I)
# Working together with a party is a frame around the act: "partner with X to <act>".
_COOPERATE = frozenset({"collaborate", "work", "partner", "team", "liaise"})
_JOINT = lazy(r"^(?:(?:up|together|closely|jointly)\s+)?with\s+[^;.()]{1,80}?\s+to\s+(?=[a-z])", re.I)
# A short label before a colon ("Process: ...", "Comms - ...") names a topic, not the act.
_LABEL = lazy(r"^(?:@[\w-]+|[A-Za-z][\w/&-]*(?:\s+[\w/&#-]+){0,2})\s*(?::|\s[-–—])\s+(?=[\w(])")
# Advice with no named subject: impersonal frames and bare modals.
_ADVICE = lazy(
    r"^(?:(?:it\s+is|it's|it’s|it\s+(?:would|will|might|may|could)\s+be)\s+(?:\w+\s+)?(?:important|recommended|"
    r"advisable|necessary|best|better|wise|essential|crucial|vital|key|good practice|a good idea|a good practice|useful|"
    r"helpful|nice|sensible|prudent|worthwhile|worth it)\s+(?:for\s+(?:\w+\s+){1,3})?to|"
    r"(?:it\s+)?(?:might|may|would|could)\s+make\s+sense\s+to|(?:should|must|need to|needs to|have to|has to|ought to|remember to)"
    r"(?:\s+(?:always|also|now|all))?)\s+(?=[a-z])", re.I)
# Phrasal verbs whose particle changes the verb's class.
_PHRASAL = {("take", "away"): "remove", ("take", "down"): "remove", ("take", "out"): "remove",
            ("take", "off"): "remove", ("shut", "down"): "disable", ("turn", "off"): "disable",
            ("turn", "on"): "enable", ("roll", "out"): "deploy", ("roll", "back"): "revert", ("back", "up"): "backup",
            ("set", "up"): "set", ("look", "into"): "investigate", ("find", "out"): "investigate",
            ("figure", "out"): "investigate", ("follow", "up"): "follow-up",
            ("keep", "in"): "remember", ("bear", "in"): "remember", ("reach", "out"): "contact", ("check", "in"): "sync",
            ("look", "for"): "watch", ("look", "out"): "watch", ("monitor", "for"): "watch",
            ("run", "through"): "review", ("go", "through"): "review", ("go", "over"): "review",
            ("write", "down"): "document", ("write", "up"): "document", ("stick", "to"): "follow",
            ("adhere", "to"): "follow", ("comply", "with"): "follow", ("abide", "by"): "follow",
            ("take", "place"): "occur",
            ("step", "up"): "increase"}  # "step up our efforts"  # "upgrades should not take place on Mondays": an event, not a person's act
_WORD = lazy(r"[A-Za-z][\w'-]*")
_IRREGULAR = {"held": "hold", "written": "write", "taken": "take", "run": "run", "told": "tell", "taught": "teach",
              "done": "do", "made": "make", "put": "put", "kept": "keep", "brought": "bring", "sent": "send",
              "shared": "share", "built": "build", "set": "set", "come": "come"}


@dataclass(frozen=True, slots=True)
class Clause:
    verb: str  # lower-case lemma ("" when the clause has no verb at its head)
    rest: str  # the words after the verb; for a passive, the subject too (its object)
    passive: bool = False
    forms: tuple[str, ...] = ()  # other lemma guesses (updated -> updat, update; planned -> plann, plan)
    subject: str = ""  # the words before the modal ("the SRE team"), "" for an imperative
    modal: str = ""  # "will", "should", "need to", "to" ... as written, lower-case
    negated: bool = False  # "should not", "never", "try not to"
    ongoing: bool = False  # "continue to ...": an act that goes on, not a change made once
    lead: str = ""  # a leading subordinate clause ("When restoring a backup")
    nominal: bool = False  # the act named as a noun ("Announcement of downtime ...")


# Cached: classify() and the readings it calls ask for the same heads' clauses several times
# per item (a Clause is immutable and depends only on the text and the built-in lexicons).
@lru_cache(maxsize=4096)
def main_clause(prose: str) -> Clause:
    text = prose.strip().lstrip("-*+•>[] xX").strip()
    text = _LEAD.sub("", text)
    lead = _SUBORDINATE.match(text)  # "While the rollout is paused, the IC decides ...": the main clause follows
    if lead:
        return dataclasses.replace(main_clause(text[lead.end():]), lead=lead.group().strip(" ,;"))
    if not _imperative(text):
        text = _LEAD.sub("", _LABEL.sub("", text))  # "Process: always ...", not "Add alert: disk over 90%"
    advice = _ADVICE.match(text)  # "It is important to ...", "Need to ...": advice with no named subject
    if advice:
        text = text[advice.end():]
        return dataclasses.replace(main_clause(text), subject="we", modal="should")
    lead_ongoing = re.match(r"^(?:continue to|(?:keep(?: on)?|continue)(?=\s+\w+ing\b))\s+", text, re.I)  # "Continue to ...", "keep watching"
    gerund = lead_ongoing and not lead_ongoing.group().lower().startswith("continue to") and _WORD.match(
        text[lead_ongoing.end():])
    if gerund and not set(lemmas(gerund.group())) & verb_lemmas():
        lead_ongoing = None  # "keep staging in sync": a noun in -ing, not an act that goes on
    if lead_ongoing:
        return dataclasses.replace(main_clause(text[lead_ongoing.end():]), ongoing=True)
    nominal = _NOMINAL.match(text)  # "Verification of the entries after every change": the act as a noun
    if nominal and (verb := denominal(nominal.group(1))) and _verb_tag(verb) in ("people", "practice", "record"):
        return Clause(verb, text[nominal.end():], False, (verb,), "", "", nominal=True)
    subject = _SUBJECT_CONTRACTED.match(text) or _SUBJECT.match(text) or _SUBJECT_LONG.match(text)
    passive_to = subject is not None and re.match(r"be\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|done|held|run|set|put|kept|"
                                                  r"sent|built|made|told|taught)\b", text[subject.end():], re.I)
    if subject and (_imperative(text) or not (passive_to or _doer_before_to(subject.group()))):
        subject = None  # "Update the script to check ...", "a test to confirm ...": not a subject
    if subject:
        text = text[subject.end():]
    filler = _FILLER.match(text)
    negated = bool(filler and re.search(r"\b(?:not|never)\b", filler.group(), re.I))
    ongoing = bool(filler and re.search(r"\bcontinue to\b", filler.group(), re.I))
    text = _FILLER.sub("", text)
    passive = False
    after_be = subject is not None and re.search(r"(?:\bbe|been|are|is|am|were|was)\s+$", subject.group(), re.I)
    if subject and ((m := _PASSIVE.match(text)) or (after_be and (m := _PARTICIPLE.match(text)))):
        word, passive = m.group(1), True
    elif (m := _PROGRESSIVE.match(text)) or (m := re.match(r"^(?:are|am|is)\s+(\w+ing)\b", text, re.I)):
        word = m.group(1)
    elif m := _WORD.match(text):
        word = m.group()
    else:
        return Clause("", text)
    rest = text[m.end():].strip()
    gerund = re.match(r"^(\w+ing)\b\s*", rest)
    if word.lower() in _CATENATIVES and gerund:
        word, rest = gerund.group(1), rest[gerund.end():]  # "consider announcing ...": the act is the gerund
    elif lemma(word) == "work" and (on := re.match(r"^on\s+(\w+ing)\b\s*", rest, re.I)):
        word, rest = on.group(1), rest[on.end():]  # "work on improving ...": the act is the gerund
    elif lemma(word) == "look" and re.match(r"^(?:at|into)\s+\w+ing\b", rest, re.I):
        word = "investigate"  # "look at adding a lock": an option weighed, not yet an act
    joint = _JOINT.match(rest) if lemma(word) in _COOPERATE else None
    if joint:  # "collaborate with the web team to update the guide": the act is the infinitive
        inner = main_clause(rest[joint.end():])
        return dataclasses.replace(inner, subject=inner.subject or (subject.group().strip() if subject else ""))
    side = re.match(r"^on the side of (\w+ing)\b\s*", rest, re.I) if word.lower() == "err" else None
    if side:  # "err on the side of reaching out": the act is the gerund the idiom leans towards
        word, rest = side.group(1), rest[side.end():]
    light = re.match(r"^(?:a|another)\s+(?:(?:closer|close|quick|hard|good|fresh)\s+)?look\b\s*", rest, re.I) \
        if {"take", "have"} & set(lemmas(word)) else None
    if light:  # "take a look at the configs" is "look at the configs"
        word, rest = "look", rest[light.end():]
    if word.lower() == "come" and rest.lower().startswith("up with"):
        return Clause("come up with", rest[7:].strip())
    particle = _PHRASAL.get((lemma(word), rest.split(" ", 1)[0].lower()))
    if particle == "remember" and not re.match(r"^in\s+mind\b", rest, re.I):
        particle = None  # "keep in mind"; not "keep in sync", "keep in place"
    if particle:  # "take away access" is "remove access"
        word, rest = particle, rest.split(" ", 1)[1] if " " in rest else ""
        if particle == "remember":  # "keep in mind", "bear in mind"
            rest = re.sub(r"^mind\b\s*", "", rest, flags=re.I)  # "keep in mind that ..."
    if passive and subject:
        rest = f"{subject.group()} {rest}"  # the passive subject is the object
    who, modal = _split_subject(subject.group() if subject else "")
    return Clause(lemma(word), rest, passive, lemmas(word), who, modal, negated, ongoing)


def _split_subject(matched: str) -> tuple[str, str]:
    """('we', 'will') from 'we will ', ('we', "'ll") from "we'll ", ('', '') for no subject."""
    text = matched.strip()
    if not text:
        return "", ""
    contracted = re.match(r"^(\w+)(['’]\w+)(?:\s+going to)?$", text)
    if contracted:
        return contracted.group(1).lower(), contracted.group(2).lower()
    m = re.match(r"^(.*?)\s+((?:will|shall|should|must|can|could|would|need|needs|have|has|are|is|am|were|was|"
                 r"plan|plans|want|intend|intends|promise|pledge|vow|to)\b.*)$", text, re.I)
    return (m.group(1).lower(), m.group(2).lower()) if m else (text.lower(), "")


_NAME = lazy(r"^(?:@[\w-]+|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\s+to\s+$")


# An act named as a noun at the head of an item: "Announcement of ...", "Verification of ...".
_NOMINAL = lazy(r"^([A-Za-z]+(?:ment|tion|sion|ing|al))\s+of\s+", re.I)


# Verbs whose object is an act named by a gerund: "consider adding ...", "start running ...".
_CATENATIVES = frozenset({"consider", "start", "begin", "try", "commit"})
_CATENATIVE_LEAD = lazy(r"^\W*(\w+)\s+\w+ing\b", re.I)


def opens_with_catenative(text: str) -> bool:
    """'Consider adding a checksum step': the item opens with a verb whose object is the act it names."""
    match = _CATENATIVE_LEAD.match(text)
    return match is not None and match.group(1).lower() in _CATENATIVES


def denominal(noun: str) -> str:
    """The verb a nominalisation names, when the action-verb lexicon knows it ('verification' -> 'verify')."""
    w = noun.lower()
    known = verb_lemmas()
    for suffix, repl in (("ification", "ify"), ("ication", "icate"), ("ation", "ate"), ("ation", ""), ("ation", "e"),
                         ("ition", "ish"), ("tion", "te"), ("sion", "se"), ("ment", ""), ("al", "e"), ("al", "")):
        if w.endswith(suffix) and (verb := w[: -len(suffix)] + repl) in known:
            return verb
    if w.endswith("ing"):
        return next((f for f in lemmas(w) if f in known), "")
    return ""


def _doer_before_to(subject: str) -> bool:
    """'Dana to tell', '@ops to check', 'the SRE team to review' name a doer; 'a test to confirm' does not."""
    if _split_subject(subject)[1] != "to":
        return True  # a modal ("we will", "I need to"), read as written
    if _NAME.match(subject):
        return True
    before = subject.split()[:-1]  # the words before "to"
    if before and not is_people_word(before[0]) and any(f in verb_lemmas() for f in lemmas(before[0].lower())):
        return False  # "Onboarded more folks to ...": a verb opens it, so it is no doer phrase
    return bool(before) and (is_people_word(before[-1]) or len(before) > 1 and is_people_word(" ".join(before[-2:])))


def _imperative(text: str) -> bool:
    """The item opens with a verb the action-verb lexicon knows (a capitalised imperative)."""
    first = _WORD.match(text)
    if not first or first.group().lower() in ("we", "i", "you", "they", "everyone", "all", "our", "the", "each",
                                              "every"):
        return False
    word = first.group().lower()
    # an imperative is the bare verb: "Changes to be ..." and "Upgrades to be ..." are nouns
    return word in verb_lemmas() or (lemma(word) in verb_lemmas() and not re.search(r"(?:s|ed|ing)$", word))


@cache
def verb_tags() -> dict[str, str]:
    """Each action verb's class (action_verbs.yaml), built once; callers only read it."""
    from reviewer.rules import lexicon
    return {e.term: e.tag for e in lexicon.load("action_verbs").entries}


def _verb_tag(verb: str) -> str:
    return verb_tags().get(verb, "")


def verb_lemmas() -> frozenset[str]:
    from reviewer.rules import lexicon  # the lexicon is read on first use, not at import
    return lexicon.load("action_verbs").lower_terms


@lru_cache(maxsize=8192)
def lemmas(word: str) -> tuple[str, ...]:
    """Every plausible lemma of an inflected verb; the caller keeps the one its lexicon knows."""
    w = word.lower().replace("’", "'")
    out = [lemma(word)]
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            out += [stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=8192)
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


_CONTAINER = lazy(r"^(?:an?\s+|the\s+)?(?:outline|list|set|series|sequence|collection)\s+of\s+", re.I)


def object_words(rest: str) -> list[str]:
    """The object's words, a container noun seen through: 'an outline of review steps' is about steps."""
    return _CONTAINER.sub("", rest.strip()).split()
