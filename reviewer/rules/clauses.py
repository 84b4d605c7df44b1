"""Small grammar facts the judgement rules share: is this a perfect construction, who is the
nearest subject, is a word negated. Heuristics over one sentence; no parser.

They serve one structural test: a judgement (counterfactual, hindsight, discipline) is blame
only when it lands on a person's or team's act. Who counts as a person is `agents`' job.
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy
from reviewer.rules import agents, lexicon

# Irregular past participles (a closed class of English): "should have known", "could have run".
_IRREGULAR = frozenset(
    "been known seen shown done gone run caught taught thought brought bought made put set let read built sent "
    "spent kept left found told said paid held heard hit cut shut won lost meant felt dealt led met sat stood "
    "understood got gotten begun come become struck stuck hung spun sought slept swept withdrawn undone had "
    "taken given written broken forgotten chosen driven hidden fallen drawn grown thrown spoken woken frozen "
    "stolen ridden risen beaten bitten proven mistaken overtaken".split()
)
_ADVERBS = frozenset(
    "just simply easily also really probably definitely already not never at least likely surely certainly "
    "perhaps maybe possibly clearly obviously even still ever quickly earlier sooner".split()
)
_NEXT_WORDS = lazy(r"[\w'’-]+")


_DETERMINERS = frozenset("a an the at more less some any no one two this that these those our their its his her "
                         "my your enough".split())
# Wanting is not acting: "longer than we would have liked".
_STATIVE = frozenset("liked wanted preferred hoped wished expected loved needed".split())
_ELLIPSIS = lazy(r"^\s*(?:[.!;)]|$)")  # not "?": "(maybe we should have?)" is a hedge


def _is_participle(low: str) -> bool:
    return low in _IRREGULAR or (low.endswith(("ed", "en")) and len(low) > 3)


# A by-phrase that belongs to a word after a noun of its own: "stored in a folder | readable by all
# staff", "pasted into a channel | read by support". Its agent is not the agent of the earlier passive.
_OWN_BY = lazy(r"\b(?:an?|the|every|each|all|any|our|their|its|this|that|some)\s+(?:[\w-]+\s+){1,3}?"
               r"(?:\w+(?:able|ible)|\w+ed|read|run|seen|held|kept|owned|known|used|shown)\s+by\s+"
               r"(?:the\s+|an?\s+|our\s+)?$", re.I)


def by_belongs_to_noun(before_agent: str) -> bool:
    """Is the "by" that `before_agent` ends with governed by an adjective or participle describing a
    noun after the verb (a reduced relative), not by the verb the sentence opened with?"""
    return bool(_OWN_BY.search(before_agent))


_BEEN_NEXT = lazy(r"^\s+been\s+(?:\w+ly\s+)?([\w'’-]+)", re.I)


def state_been_follows(text: str, end: int) -> bool:
    """'would have | been one step away', 'been down', 'been able to': 'been' as the copula of a
    state, not the auxiliary of a passive act ('been caught', 'been rolled back')."""
    been = _BEEN_NEXT.match(text[end:])
    if been is None:
        return False
    word = been.group(1).lower()
    # a comparative still grades the people's conduct: "we could have been faster", "more careful"
    return not _is_participle(word) and word not in ("more", "less", "better") and not word.endswith("er")


def act_participle_follows(text: str, end: int) -> bool:
    """Does a past participle of an act follow `end` (after adverbs)?

    'should have | checked', 'should have | spot checked', 'as fast as we could have|.' (the
    verb is elided) yes; 'should have | at least one item', 'should have | alerting on',
    'would have | liked' no.
    """
    if _ELLIPSIS.match(text[end:]):
        return True
    words = [w.lower() for w in _NEXT_WORDS.findall(text[end : end + 80])[:6]]
    words = [w for w in words if w not in _ADVERBS]
    if not words:
        return False
    if _is_participle(words[0]):
        return words[0] not in _STATIVE
    # A compound verb: "spot checked", "double checked".
    return len(words) > 1 and words[0] not in _DETERMINERS and _is_participle(words[1]) \
        and words[1] not in _STATIVE and not words[0].endswith("ing")


# Subjects that are people on their own, and subjects that never are.
_PERSON_PRONOUNS = frozenset("i we you he she they someone somebody nobody anyone anybody everyone everybody "
                             "us me whoever".split())
_THING_PRONOUNS = frozenset("it this that these those there which what something nothing anything everything".split())
_SKIP = _ADVERBS | frozenset("all both only even also".split())


# A relative pronoun, then an opinion aside before the verb phrase: the aside is not the subject.
_RELATIVE_OPINION = lazy(r"\b(which|that)\s*,?\s+(?:we|i|they)\s+(?:\w+ly\s+)?(?:believe|think|suspect|expect|"
                         r"estimate|feel|assume|reckon)\s*,?\s*$", re.I)


def nearest_subject(text: str, pos: int) -> str | None:
    """The word right before a verb phrase at `pos`, skipping adverbs: 'it would have' -> 'it'."""
    # "we (the CA team) failed to": a parenthetical is not the subject
    head = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text[:pos])
    aside = _RELATIVE_OPINION.search(head)
    if aside is not None:  # "alerting, which we believe would have flagged it": 'which' is the subject
        return aside.group(1).lower()
    words = _NEXT_WORDS.findall(agents.clause_before(head, pos))
    for word in reversed(words):
        if word.lower() not in _SKIP:
            return word.lower().replace("’", "'")
    return None


def subject_is_person(text: str, pos: int, accepted: frozenset[str] = frozenset(), loose_initial: bool = False) -> bool:
    """The clause whose verb phrase starts at `pos` has a person or team as its subject.

    A pronoun right before the verb decides ("I don't think it would have" is about 'it');
    otherwise `agents.subject_of` classifies the clause.
    """
    near = nearest_subject(text, pos)
    if near is not None:
        base = near.removesuffix("'d").removesuffix("'ve")
        if base in _THING_PRONOUNS:
            return False
        if base in _PERSON_PRONOUNS:
            return base not in accepted
    return agents.subject_of(text, pos, accepted, loose_initial=loose_initial) is agents.Agent.PERSON


_NEGATION_BEFORE = lazy(r"\b(?:no|not|any|without|avoid|avoided|prevent|prevented|never|don't|didn't|"
                              r"no\s+need\s+to|head(?:ed)?\s+off)\s+(?:\w+\s+){0,1}$", re.I)


def negated_before(text: str, start: int) -> bool:
    """'no panic', 'without any chaos', 'head off any panic': the word is denied, not asserted."""
    return bool(_NEGATION_BEFORE.search(text[max(0, start - 40) : start]))


_OBJECT_LEAD = lazy(r"^\s+(?:(?:the|a|an|our|their|two|three|one\s+of\s+(?:the|our))\s+)?", re.I)
_OBJECT_PRONOUNS = frozenset("him her them me us someone somebody everyone".split())


def object_is_person(text: str, end: int) -> bool:
    """The noun phrase right after a verb ending at `end` is a person ('fired | the engineer',
    'suspended | Dana'), not a thing ('terminated | the old nodes', 'suspended | use of the data')."""
    lead = _OBJECT_LEAD.match(text[end:])
    start = end + (lead.end() if lead else 0)
    words = list(_NEXT_WORDS.finditer(text, start, min(len(text), start + 60)))[:3]
    if not words or words[0].start() != start:
        return False
    if words[0].group().lower() in _OBJECT_PRONOUNS:
        return True
    if _ORGANISATION_NAME.match(text, start):
        return False  # "reprimanded | North Vale Hospitals Trust": a name whose head is an organisation's kind
    for count in (2, 1):  # "on-call engineer", "Dana"
        if len(words) >= count and agents.person_at(text, start, words[count - 1].end(), loose_initial=True):
            return True
    return False


# A run of capitalised words headed by the kind of an organisation: "Riverside Borough Council".
_ORGANISATION_NAME = lazy(rf"(?:[A-Z][\w'’&.-]*\s+){{1,6}}(?i:{agents.ORGANISATION_BODIES})s?\b")


_NOUN_WORDS = lazy(r"[A-Za-z][\w'’-]*")


def attention_thing(words: list[str]) -> bool:
    """Is a noun phrase something addressed to people's attention (an alert, a page, a step)?

    `words` run from the start of the phrase; the head is looked for among its first four words."""
    attention = lexicon.load("attention").lower_terms
    return any(w.lower().strip("'’") in attention for w in words[:4])


_DEFINITE = frozenset("the a an this that our their its his her my your".split())
_COUNT = lazy(r"^\s+(?:~|about\s+|over\s+|nearly\s+|almost\s+)?(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|"
                    r"ten|dozens|hundreds|thousands|several|many|multiple|numerous|some|a\s+few|a\s+number\s+of)\b",
                    re.I)


def missed_a_signal(text: str, start: int, end: int) -> bool:
    """"missed" at text[start:end] judges attention, not an outcome count.

    Passive: the subject before "was/were" must be addressed to people ("the warning was missed",
    not "heartbeats were missed"). Active: what was missed is a signal for people, or a single
    thing rather than a count ("missed the page", "missed a zero", not "missed 40 blocks")."""
    before = text[:start].rstrip()
    passive = re.search(r"\b(?:was|were|been|being|got|get|is|are)\s*(?:\w+ly\s*)?$", before, re.I)
    if passive:
        subject = _NOUN_WORDS.findall(agents.clause_before(text, passive.start()))
        if attention_thing(subject[-3:]):
            return True
        # One definite thing ("the expiry date was missed") is a lapse; counts and bare plurals
        # ("heartbeats were missed", "several slots were missed") are outcomes.
        head = subject[-1].lower() if subject else ""
        return any(w.lower() in _DEFINITE for w in subject[-4:-1]) and not head.endswith("s") \
            and head not in agents.systems() and not re.search(r"\d", agents.clause_before(text, passive.start()))
    after = text[end : end + 80]
    return attention_thing(_NOUN_WORDS.findall(after)) or not (_COUNT.match(after) or _BARE_PLURAL.match(after))


# A plural with no determiner counts occurrences as a number does ("operators missed blocks", like
# "missed 40 blocks"); what is addressed to people ("missed warnings") is caught above.
_BARE_PLURAL = lazy(r"^\s+(?!(?:the|a|an|our|their|its|this|that|these|those|his|her|my|your|us|was|has|is|as|always|"
                    r"perhaps|sometimes|across|towards|unless|besides|thus|plus|yes)\b)[a-z][a-z-]{2,}(?<!ss|us|is)s\b(?!['’])")


_REASON_AFTER = lazy(r"^[^.;]*?\b(?:because|since|as|due\s+to|owing\s+to)\s+(?:of\s+)?(?P<who>[\w'’-]+(?:\s+[\w'’-]+)?)",
                           re.I)


def explained_by_mechanism(text: str, end: int) -> bool:
    """A reason follows whose subject is not a person: "the alert was missed because it went to an
    old channel" explains the miss by a mechanism; "... because the on-call was asleep" does not."""
    reason = _REASON_AFTER.match(text[end:])
    if not reason:
        return False
    who = reason.group("who")
    first = who.split()[0].lower().replace("’", "'")
    if first in _PERSON_PRONOUNS or first in ("our", "my", "his", "her", "their"):
        return False
    start = end + reason.start("who")
    return not agents.person_at(text, start, start + len(who))
