"""BL001's compound shapes: one subject for two predicates, an act done in place of another, and
someone else's mishandling of data or property (the act and its judgement at once).

Split from person_shapes.py, whose judges and words these reuse; blame_individual.py runs both.
"""

from __future__ import annotations

import re
import string

from reviewer.document import Segment
from reviewer.patterns import lazy
from reviewer.rules import lexicon
from reviewer.rules.blame.person_shapes import (
    _EXPECTED,
    _MITIGATION,
    _NEGATION_WORDS,
    _NOT_ADVERB,
    _NOTHING,
    _PEOPLE_BODY,
    _REASON,
    _ROLE_WORDS,
    _STEP,
    _TITLE,
    _WHERE,
    CREATE,
    DID_RUNS,
    DOES_RUNS,
    HAD_RUNS,
    NAME_WORD,
    STRONG,
    TRIGGER,
    _act_not_done,
    _object_judged,
    _past,
    _step_missed,
    _strong_judged,
)
from reviewer.rules.blame.shape import FOLDS_TO_ASCII, Shape, first_words, word_runs, words_of

# Someone else mishandling data or property is the act and its judgement at once: "an employee lost
# a laptop with payroll files", "two officers forwarded the memo outside the council", "the
# contractors cut all power to the hall". Only a third-person person-noun is the agent ("we lost
# power" is something that happened to us), and only acts no one does as routine.
_STAFF = (r"(?P<who>(?:an?|the|one|two|three|several|some|our|their|its|this|that)\s+(?:[\w'’-]+\s+){0,2}?"
          r"(?:employees?|individuals?|staff\s+members?|members?\s+of\s+staff|members|contractors?|technicians?|"
          r"workers?|officers?|clerks?|nurses?|volunteers?|installers?))")
_MISHANDLED = (
    r"lost\s+(?:an?|the|his|her|their|some)\s+(?:[\w-]+\s+){0,2}?(?:laptops?|notebooks?|phones?|devices?|USB\s+\w+|"
    r"memory\s+sticks?|files?|documents?|papers?|folders?|bags?|briefcases?|records?|tablets?|disks?|drives?)\b|"
    r"(?:placed|put|dumped|threw|thrown|disposed\s+of|discarded|left)\s+[^.;!?]{0,60}?\b(?:in|into|in\s+to)\s+"
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:bins?|skips?|recycling|rubbish|waste|dumpsters?)\b|"
    r"(?:forwarded|sent|emailed|e-mailed|shared|disclosed|posted|leaked)\s+[^.;!?]{0,60}?(?:\boutside\s+(?:of\s+)?"
    r"(?:the|our|their|its)\b|\bto\s+(?:the\s+)?wrong\b|\bto\s+an?\s+(?:unauthori[sz]ed|personal|private)\b)|"
    r"(?:cut|killed|switched\s+off|pulled)\s+(?:all\s+)?(?:the\s+)?(?:mains\s+)?power\b(?P<rest>[^.;!?]*)")
_STAFF_WORDS = words_of("employee employees individual individuals staff members member contractor contractors "
                        "technician technicians worker workers officer officers clerk clerks nurse nurses "
                        "volunteer volunteers installer installers")


_SUBORDINATE = lazy(r"\b(?:before|after|when|while|until|once|since|as|which|that|because|if)\s+$", re.I)


def _strong_and_judged(segment: Segment, match: re.Match[str]) -> bool:
    """The shared subject is the main clause's own ("we were in a hurry and skipped the tests"), not one
    inside a time clause ("... before we deployed the fix and caused ..."), and the first predicate is
    not a mitigation."""
    return not _SUBORDINATE.search(segment.prose, 0, match.start()) and not _MITIGATION.search(match.group()) \
        and _strong_judged(segment, match)


def _wrong_act(segment: Segment, match: re.Match[str]) -> bool:
    after = segment.prose[match.end():]
    return not (_REASON.search(after) or _EXPECTED.search(after) or _MITIGATION.search(match.group() + after)
                or _WEIGHED.search(match.group() + after))


# "Instead of patching it by hand and risking a second outage, I ...": the path not taken is named by
# its risk, so the act is a weighed decision.
_WEIGHED = lazy(r"\binstead\s+of\s+[^.;!?]*?\b(?:risk(?:ing|s|ed)?|chanc(?:e|ing))\b", re.I)


def _not_planned(segment: Segment, match: re.Match[str]) -> bool:
    """Power cut to stop a fault, or as planned, is a step of the work, not a mishandling."""
    after = segment.prose[match.end():] + " " + (match.group("rest") or "")
    return not (_MITIGATION.search(after) or _EXPECTED.search(after))


# A note with no subject is the writer's own ("- Didn't check the replica lag", "Pushed the config
# without review"): terse logs and lessons lists drop the "we". Only where a clause starts (the
# sentence, after a colon or a dash) and only with what makes the act a lapse: a step not taken,
# a judged object, or a verb no one uses neutrally; "Deployed the fix at 10:30" stays a fact.
_CLAUSE_START = r"(?:^|(?<=[:;])|(?<=\s[-–—]))\s*(?:[-*+]\s+|\d+[.)]\s+)?(?P<who>)"
_SUBJECTLESS_STRONG = r"(?:broke|ignored|skipped|overlooked|bypassed|disregarded|misconfigured|messed\s+up|screwed\s+up|botched)"
# A verb of a note takes an object ("Ignored the alert"); "Ignored alerts are auto-closed" is an adjective.
_OBJECT_OPENS = r"\s+(?i:the|a|an|our|this|that|these|those|their|its|his|her|my|all|every|both|it|them|to)\b"
_COUNT_AFTER = lazy(r"^\s+(?:~|about\s+|over\s+)?\d", re.I)


def _subjectless_strong(segment: Segment, match: re.Match[str]) -> bool:
    """"Skipped the canary", not a count of things a tool skipped ("Skipped 3 tests"); the writer's own
    skip with a reason is a decision, as with "we" ("Skipped the soak test, since ...")."""
    after = segment.prose[match.end():]
    if _COUNT_AFTER.match(after) or (match.group().lower().rstrip().endswith(("skipped", "bypassed")) and _REASON.search(after)):
        return False
    return _strong_judged(segment, match)


# A timeline entry logs decisions as well as lapses ("10:20 - Did not restart the primary"): there only a
# step of checking, telling or following a process left undone is one.
_LOGGED_AT = lazy(r"\b\d{1,2}[:.h]\d\d\b")
_STEP_VERB = lazy(rf"(?:{_STEP})$", re.I)


def _subjectless_not_done(segment: Segment, match: re.Match[str]) -> bool:
    if _LOGGED_AT.search(segment.prose, 0, match.start()) and not _STEP_VERB.match(
            segment.prose, match.start("verb"), match.end()):
        return False
    return _act_not_done(segment, match)


_ACT_FIRST = first_words(TRIGGER) | first_words(CREATE)
_STRONG_FIRST = first_words(_SUBJECTLESS_STRONG)
# Where _CLAUSE_START can end: the text's start, after ":" or ";", after a dash that follows a space.
_CLAUSE_MARK = re.compile(r"[:;]|\s[-–—]")
_OPENER = re.compile(r"\s*(?:[-*+]\s+|\d+[.)]\s+)?(\w+)")


def _openers(segment: Segment) -> frozenset[str] | None:
    """The first word run of every clause, lower-cased, and that run without its first letter (the
    optional capital of "(?-i:[A-Z]?)"): a verb at a clause start is a whole run there, since a
    clause start and "\\b" bound it. None where case-insensitive matching folds a non-ASCII letter
    to an ASCII one ("ſ" matches "s"): every shape is tried there."""
    memo = segment.lexicon_memo
    if "clause-openers" not in memo:
        found = None
        text = segment.prose
        if not FOLDS_TO_ASCII.intersection(text):
            runs = set()
            for pos in (0, *(m.end() for m in _CLAUSE_MARK.finditer(text))):
                opener = _OPENER.match(text, pos)
                if opener:
                    run = opener.group(1).lower()
                    runs.add(run)
                    runs.add(run[1:])
            found = frozenset(runs)
        memo["clause-openers"] = found
    return memo["clause-openers"]


# The opener runs those can be ("(?-i:[A-Z]?)" adds a capital): checked against word_runs before the
# openers are worked out, since a clause's first word run is one of the prose's runs.
_ACT_RUNS = _ACT_FIRST | {letter + verb for letter in string.ascii_lowercase for verb in _ACT_FIRST}


def _clause_opens_with(segment: Segment, runs_gate: frozenset[str], first: frozenset[str]) -> bool:
    """A clause may open with one of `first`: the prose's word runs first (cheap), then the openers."""
    runs = word_runs(segment)
    if runs is not None and runs.isdisjoint(runs_gate):
        return False
    openers = _openers(segment)
    return openers is None or not openers.isdisjoint(first)


def _act_opens(segment: Segment) -> bool:
    return _clause_opens_with(segment, _ACT_RUNS, _ACT_FIRST)


def _strong_opens(segment: Segment) -> bool:
    return _clause_opens_with(segment, _STRONG_FIRST, _STRONG_FIRST)


def _non_act_participles() -> frozenset[str]:
    """"seen" is not here, but a regular participle of a state or a perception is ("realised", "occurred")."""
    verbs = lexicon.load("non_acts").lower_terms
    return frozenset(_past(v) for v in verbs) | frozenset(v + v[-1] + "ed" for v in verbs)


def _pluperfect_not_done(segment: Segment, match: re.Match[str]) -> bool:
    """"I hadn't turned the job on": a step not taken, told looking back; not a state, a perception
    or an outcome ("we had not expected it", "had not received any"), and not with a reason."""
    if match.group("verb").lower() in _non_act_participles() or _NOTHING.match(segment.prose[match.end():]):
        return False
    return _step_missed(segment, match)


# "We managed to take down the web server": achieving harm, said wryly of one's own act, blames it.
# Bringing a number down ("managed to bring the error rate down") is the opposite.
_HARM_DONE = (r"(?:(?:take|bring|knock)\s+(?:[\w-]+\s+){0,4}?(?:down|out|offline)|break|crash|wipe|corrupt|destroy|"
              r"overload|lock\s+(?:[\w-]+\s+){0,2}?out)")
_MEASURE = lazy(r"\b(?:rates?|latency|load|costs?|queues?|backlogs?|times?|numbers?|counts?|usage|spend|bills?|noise|"
                r"p\d\d|temperature|lag|debt|fire|problem|issue|the\s+(?:bug|loop|deadlock|cycle|stalemate))\b", re.I)


def _harm_achieved(segment: Segment, match: re.Match[str]) -> bool:
    after = match.group()[match.start("obj") - match.start():]
    return not (_MEASURE.search(after) or _MITIGATION.search(match.group()) or _EXPECTED.search(segment.prose[match.end("obj"):]))


# "broke the deadlock by restarting the leader": breaking a stuck state is the fix.
_STUCK = lazy(r"^\s+(?:the|a|an|this|that)\s+(?:deadlock|loop|tie|silence|news|logjam|cycle|stalemate)\b", re.I)


def _strong_role_judged(segment: Segment, match: re.Match[str]) -> bool:
    after = segment.prose[match.end():]
    return not (_STUCK.match(after) or _MITIGATION.search(after[:80])) and _strong_judged(segment, match)


COMPOUND_SHAPES: tuple[Shape, ...] = (
    # Any verb, as with a subject ("act-not-done"): the judge, not a list of steps, tells a step left
    # undone ("Didn't pin the chart version") from a state or an outcome ("Did not see any errors").
    Shape("subjectless-not-done", lazy(rf"{_CLAUSE_START}(?i:(?:did\s+not|didn['’]t)\s+{_NOT_ADVERB}(?P<verb>{_STEP}|[a-z]+)\b)"),
          needs=_NEGATION_WORDS, judge=_subjectless_not_done, runs=DID_RUNS),
    Shape("subjectless-act", lazy(rf"{_CLAUSE_START}(?-i:[A-Z]?)(?i:{TRIGGER}|{CREATE})\b(?P<rest>[^.;!?]*)"),
          judge=_object_judged, may_open=_act_opens),
    Shape("subjectless-strong", lazy(rf"{_CLAUSE_START}(?i:{_SUBJECTLESS_STRONG})\b(?={_OBJECT_OPENS})"),
          judge=_subjectless_strong, may_open=_strong_opens),
    # One act done in place of the intended one: "I wiped the volume instead of detaching it",
    # "she used the CC field rather than the BCC field", "Instead of opening a shell on staging I ran the
    # purge on the live host". Only one person: a team's "instead of" is usually a decision; a reason, a
    # plan or a mitigation keeps it one.
    Shape("instead-of", lazy(
        r"(?<![\w'’-])(?P<who>(?-i:I|[Hh]e|[Ss]he))\s+(?:had\s+|have\s+)?(?:\w+ly\s+)?(?P<rest>[^.;!?]{1,60}?)"
        r"\b(?:instead\s+of|rather\s+than)\s+(?:(?i:[a-z]+ing)\b|(?i:the|a|an|his|her|my|their)\s)"),
        needs=frozenset({"instead", "rather"}), judge=_wrong_act),
    Shape("instead-of-lead", lazy(
        r"(?i:\binstead\s+of\s+[a-z]+ing\b)[^.;!?]{0,80}?(?<![\w'’-])(?P<who>(?-i:I))\s+(?:had\s+|have\s+)?(?:\w+ly\s+)?"
        r"(?:instead\s+)?(?:(?:started|began|begun)\s+)?(?P<tail>[a-z]+)\b"), needs=frozenset({"instead"}), judge=_wrong_act),
    # The subject said once for two predicates: "we rushed the patch out and did not test the rollback",
    # "@dana rotated the keys in the console, and does not update the manifest" (a handle names a person).
    Shape("act-not-done-and", lazy(
        rf"(?<![\w'’-])(?P<who>(?-i:I)|(?i:we|he|she|{_PEOPLE_BODY})|@[A-Za-z][\w-]*)\s+(?:[^\s.;:,!?]+(?:,(?=\s+(?i:and|but)\b))?\s+){{1,16}}?(?i:and|but)\s+(?:then\s+)?"
        rf"(?i:did\s+not|didn['’]t|does\s+not|doesn['’]t)\s+{_NOT_ADVERB}(?P<verb>[a-z]+)\b"),
          needs=_NEGATION_WORDS, judge=_act_not_done, runs=DID_RUNS | DOES_RUNS),
    # "we were in a hurry and skipped the tests": the second predicate's verb no one uses neutrally.
    Shape("strong-and", lazy(
        r"(?<![\w'’-])(?P<who>(?-i:I)|(?i:we|he|she))\s+(?:[^\s.;:,!?]+\s+){1,12}?(?i:and)\s+(?:then\s+)?"
        rf"(?:\w+ly\s+)?(?i:{STRONG})\b"), needs=frozenset({"and"}), judge=_strong_and_judged,
          runs=first_words(STRONG)),
    # A step not taken in the pluperfect, any regular verb ("we had not switched the replica over");
    # "had never" is left out: it tells experience more often than a lapse ("we had never seen this").
    Shape("pluperfect-not-done", lazy(
        rf"(?<![\w'’-])(?P<who>{NAME_WORD}(?:\s+{NAME_WORD})?|(?i:{_PEOPLE_BODY}))(?i:{_WHERE})\s+"
        rf"(?i:had\s+not|hadn['’]t)\s+{_NOT_ADVERB}(?P<verb>[a-z]{{3,}}ed)\b"),
          needs=_NEGATION_WORDS, human_only=True, judge=_pluperfect_not_done, runs=HAD_RUNS),
    Shape("managed-to-harm", lazy(
        rf"(?<![\w'’-])(?P<who>(?-i:I)|(?i:we|he|she|{_PEOPLE_BODY}))\s+(?:\w+\s+)?(?i:managed)\s+to\s+(?:\w+ly\s+)?"
        rf"(?P<obj>(?i:{_HARM_DONE}))\b(?i:[^.;!?]{{0,40}})"), needs=frozenset({"managed"}), human_only=True,
          judge=_harm_achieved),
    # One person singled out by a title and a post-modifier before a verb no one uses neutrally: "the
    # engineer on call that night ignored the page", "the person who approved the change missed the
    # error", "the admin, who was new, skipped the checklist"; not a thing ("the process that ...").
    Shape("strong-role-modified", lazy(
        rf"\b(?P<who>(?i:the|our)\s+(?:[\w-]+\s+){{0,2}}?(?i:{_TITLE}|person|individual|colleague|teammate))"
        r"(?:,\s+(?i:who|whom)\s+[^,.;!?]{1,60},|\s+(?i:who|that)\s+[^,.;!?]{1,50}?|"
        r"\s+(?i:responsible\s+for|in\s+charge\s+of|on\s+(?:call|duty|shift))\b[^,.;!?]{0,40}?)"
        rf"\s+(?:\w+ly\s+)?(?i:{STRONG})\b"), needs=_ROLE_WORDS | frozenset({"person", "individual", "colleague", "teammate"}),
          judge=_strong_role_judged, runs=first_words(STRONG)),
    Shape("staff-mishandled", lazy(rf"\b{_STAFF}\s+(?:had\s+|has\s+|have\s+)?(?:then\s+|also\s+)?(?:{_MISHANDLED})",
                                   re.I), needs=_STAFF_WORDS, judge=_not_planned),
)
