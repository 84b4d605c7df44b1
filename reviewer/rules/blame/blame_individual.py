"""BL001 blame-individual: a person as the agent of the failure.

A finding needs an agent (a name, a role, a group, "we"/"I", a handle), an act, and something
that ties the act to the failure: a verb no one uses neutrally ("broke", "skipped"), a judged
object or effect ("pushed the bad config", "..., which took down checkout"), or a step the
agent did not take ("we did not test it"). Each sentence shape is one `Shape` row: its pattern,
the words it needs, and the judge that decides whether the act is tied to the failure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reviewer.document import Segment
from reviewer.findings import Edit, Severity
from reviewer.patterns import LazyPattern, lazy
from reviewer.rules import agents, clauses, lexicon
from reviewer.rules.base import ACCEPTED_NAMES, Example, Hit, Rule, SegmentContext
from reviewer.rules.common import hit, replacement

# A name, or a chat/VCS handle ("@mkowal"): handles name people.
_NAME_WORD = r"(?:@[A-Za-z][\w-]*|[A-ZÀ-ÖØ-ÞŁ][a-zß-öø-ÿłńśźżęąćóé'’-][\w'’-]*)"
_WHO = rf"(?<![\w'’-])(?P<who>{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
_ROLE = (r"(?P<who>(?:the|our|an?|one)\s+(?:on-?\s?call\s+|oncall\s+|new\s+|junior\s+|senior\s+|primary\s+|"
         r"secondary\s+)?(?:engineer|SRE|DBA|operator|developer|dev|deployer|intern|new hire|contractor|admin|"
         r"on-?\s?call|oncall))")
_STRONG = (r"(?:broke|caused|missed|ignored|skipped|bypassed|overlooked|misconfigured|messed\s+up|screwed\s+up|"
           r"took\s+down|brought\s+down|botched|mishandled|disregarded|dropped\s+the\s+ball|blew\s+away|nuked|"
           r"fumbled|borked|trashed|wiped\s+out)")
_STRONG_PERFECT = r"(?:broken|taken\s+down|brought\s+down|wiped\s+out|messed\s+up)"
_TRIGGER = (r"(?:pushed|deployed|merged|ran|applied|shipped|approved|committed|deleted|dropped|removed|disabled|"
            r"changed|modified|edited|executed|rolled\s+out|introduced|typed|entered|truncated|overwrote|"
            r"force-pushed|kicked\s+off|triggered|turned\s+off|flipped|toggled|enabled|rotated|pointed|muted|"
            r"silenced|scaled|drained|promoted|opened|granted|upgraded|reconfigured|configured|set|"
            r"pushes|deploys|merges|runs|applies|ships|approves|deletes|drops|removes|disables|changes|"
            r"modifies|edits|executes|enables|rotates|points|mutes|silences|scales|drains|promotes|opens|"
            r"grants|upgrades|truncates|flips|toggles|capped|lowered|raised|reduced|increased|resized|cut|"
            r"caps|lowers|raises|reduces|increases|unknowingly\s+\w+ed)")
# Making something is neutral until the thing made is judged: "@kim added the faulty webhook".
_CREATE = r"(?:added|adds|created|creates|wrote|writes|uploaded|installed|published|released|sent|built|tagged)"
# "I managed to push broken code", "we went ahead and deployed the untested build"
_ANY_ACT = r"(?:managed\s+to|went\s+ahead\s+and|decided\s+to|chose\s+to|proceeded\s+to)\s+[a-z]+"
_NEGATION = r"(?:did\s+not|didn't|does\s+not|doesn't|was\s+not|wasn't)\s+(?:acknowledge|respond|answer|check|notice|look|escalate|follow|read|test|review|wait|ask|page|verify|confirm|run|update|tell|inform|notify)"
# Mitigation is not the failure: "Sam deployed the revert", "Ana scaled up to absorb load".
_MITIGATION = lazy(r"\b(?:fix|fixes|hotfix|revert|reverts|reverted|rollback|roll\s+back|rolled\s+back|mitigat\w*|"
                         r"restore\w*|recover\w*|ticket|incident|bridge|support\s+case|status\s+page|exposed|leaked|compromised|"
                         r"to\s+(?:absorb|relieve|reduce|stop|unblock|contain|drain\s+the\s+backlog))\b",
                         re.I)
_NEGATIVE = lazy(
    r"\b(?:bad|broken|faulty|wrong|incorrect|untested|unreviewed|buggy|invalid|malformed|bogus|rogue|"
    r"unapproved|unvetted|risky)\b|\bwithout\b|\bnever\s+told\b|"
    r"\b(?:that|which)\s+(?:then\s+|immediately\s+|promptly\s+)?(?:broke|caused|took\s+down|brought\s+down|"
    r"locked|deleted|corrupted|triggered|overloaded|wiped|crashed|led\s+to|started\s+the)",
    re.I,
)
_ADVERB = r"(?:\w+ly\s+)?"
_EFFECT = lazy(
    r"\b(?:caus\w+|broke|break\w*|sending|took\s+down|taking\s+down|led\s+to|leading\s+to|locked|locking|"
    r"outage|stale|wrong|reversed|lost|loss|climb\w*|spik\w*|fail\w*|5\d\d|errors?|blocked|blocking|wiped|"
    r"corrupt\w*|incorrect|broken|instead\s+of|scanned|breach\w*|dropp\w+|"
    r"delet\w*|before\s+(?:the|anyone|it|any)|never\s+(?:told|been)|without\b|skipp\w+|skip\b|--(?:skip|force|no-)\S*|bypass\w*|fell\s+over|"
    r"crash\w*|short\s+of|only\s+\d|too\s+early|prematurely|against\s+(?:the|our)\s+(?:policy|baseline|runbook|"
    r"checklist|process|freeze|guidance|advice|rules?))\b",
    re.I)
# For a role ("the contractor opened port 22 ..."), only a plain statement of harm counts.
_STRONG_EFFECT = lazy(r"\b(?:caus\w+|broke|break\w*|took\s+down|taking\s+down|led\s+to|leading\s+to|outage|"
                            r"fell\s+over|wiped|corrupt\w*|leak\w*|breach\w*|compromis\w*|scanned|lost|without\b|"
                            r"instead\s+of|wrong|incorrect)\b", re.I)
_CAUSAL_LEAD = lazy(r"\b(?:outage|incident|failure|errors?|silent|dropped|broke|began|started|traffic)\b[^.]*"
                          r"\b(?:when|because|after|once|as\s+soon\s+as)\s+$", re.I)
_BLAMING_THINGS = {"mistake", "error", "typo", "fat-finger", "screw-up", "blunder", "oversight"}
_CONSEQUENCE = lazy(r"\b(?:broke|caused|took\s+down|brought\s+down|triggered|led\s+to|resulted\s+in|"
                          r"started|corrupted|deleted|locked|overloaded|was\s+the|is\s+the|changed|set|removed|"
                          r"disabled|dropped|introduced|pushed|wiped|emptied|exposed|leaked|skipped|ignored|missed|"
                          r"bypassed)\b", re.I)


# People who are not named: first person, pronouns for people, groups and trades ("we", "the crew",
# "our contractors", "nobody from facilities"). Systems never take these words.
_PEOPLE_BODY = (r"(?:(?-i:I)|we|he|she|nobody|no\s+one|none\s+of\s+us|(?:the|our|a|an|some|all|several|many|its|their|these|those|one\s+of\s+(?:the|our))\s+"
           r"(?:[\w'’-]+\s+){0,2}?(?:team|crew|staff|staffers|personnel|contractors?|technicians?|operators?|engineers?|"
           r"developers?|admins?|maintainers?|guy|employees?|member\s+of\s+staff|staff\s+member|volunteers?|SREs?|DBAs?|"
           r"on-?call(?:ers?)?|responders?|reviewers?|deployers?|interns?|individuals?|officers?|workers?|installers?|"
           r"contributors?|committers?|(?-i:IC)|incident\s+commanders?))")
_PEOPLE = rf"(?P<who>{_PEOPLE_BODY})"
_PEOPLE_RE = lazy(_PEOPLE_BODY, re.I)
# Destroying production is its own judgement: "I dropped the production database"; so is letting
# something lapse: "we let the certificate expire".
_DESTROY = (r"let\s+(?:\w+\s+){1,6}?(?:expire|lapse|run\s+out|fill\s+up)\b|(?:dropped|deleted|destroyed|wiped|erased|truncated|overwrote|nuked|took\s+down|brought\s+down)\s+"
            r"(?:\w+\s+){0,3}?(?:production|prod|live|main|primary|customer)\b")
# Steps a person takes; "did not <step>" names a missed step ("we did not test it with users").
_STEP_PAST_IRREGULAR = {"tell": "told", "let": "let", "read": "read", "run": "ran", "send": "sent", "keep": "kept"}


def _past(verb: str) -> str:
    if verb in _STEP_PAST_IRREGULAR:
        return _STEP_PAST_IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _steps() -> tuple[str, str]:
    bases = sorted(lexicon.load("steps").lower_terms, key=len, reverse=True)
    base = "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in bases)
    past = "|".join(re.escape(_past(b.split()[0])) + (r"\s+" + r"\s+".join(b.split()[1:]) if " " in b else "")
                    for b in bases)
    return base, past


_STEP, _STEP_PAST = _steps()
# "never" takes the past ("we never tested it"); "we never page on warnings" is a policy, not a lapse.
_NOT_DONE = rf"(?:(?:did\s+not|didn['’]t)\s+(?:\w+ly\s+)?(?:{_STEP})|never\s+(?:\w+ly\s+)?(?:{_STEP_PAST}))\b"
# "we did not deploy on Friday because the freeze was on": a step skipped for a stated reason is a decision.
_REASON = lazy(r"\b(?:because|since|as\s+(?:we|it|the|they|there|no|our|this|that|nobody|none)|given|due\s+to|in\s+order\s+to|so\s+that|"
                     r"to\s+avoid|instead|as\s+planned|yet)\b", re.I)


@dataclass(frozen=True)
class Shape:
    """One sentence shape: what it matches, when to try it, and what makes it blame."""

    kind: str
    pattern: LazyPattern
    needs: frozenset[str] | None = None  # the segment must contain one of these words
    anchored: bool = False  # opens with a name: tried only where a capitalised word starts
    human_only: bool = False  # a verb no system does: an unknown sentence-initial capital is a name
    judge: Callable[[Segment, re.Match[str]], bool] | None = None  # None: the shape blames on its own
    rewrite: str | None = None  # replaces the agent when the act is judged bad ("an engineer")


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z']{2,}", text.lower()))


def _rest(match: re.Match[str]) -> str:
    groups = match.groupdict()
    return (groups.get("rest") or "") + " " + (groups.get("tail") or "")


def _object_judged(segment: Segment, match: re.Match[str]) -> bool:
    """A neutral act blames only with a judged object ("the untested build", "a PR that broke main").

    Only the act's own object counts: not a purpose ("a script to find the broken rows"), not an
    effect that was expected ("which locked the table, as planned"), and "without" only when what
    was left out is a check ("without review", not "without downtime")."""
    rest = segment.text[match.start("rest"):match.end("rest")]
    rest = _PURPOSE.split(rest, maxsplit=1)[0]
    if _MITIGATION.search(rest) or _EXPECTED.search(rest):
        return False
    judged = _NEGATIVE.search(rest + " ")
    if judged and judged.group().lower() == "without":
        return bool(_WITHOUT_CHECK.search(rest))
    return bool(judged)


_PURPOSE = lazy(r"\b(?:to|so\s+that|in\s+order\s+to)\s+(?=[a-z]+\b)", re.I)
_EXPECTED = lazy(r"\bas\s+(?:expected|planned|intended|designed|scheduled)\b", re.I)
_WITHOUT_CHECK = lazy(r"\bwithout\s+(?:any\s+|a\s+|an\s+)?(?:review\w*|test\w*|approv\w*|check\w*|tell\w*|inform\w*|"
                      r"notif\w*|wait\w*|back(?:ing)?\s*up|backups?|confirm\w*|verif\w*|canary|staging|dry[\s-]run|"
                      r"ask\w*|permission|a\s+ticket|announc\w*)", re.I)


def _passive_judged(segment: Segment, match: re.Match[str]) -> bool:
    rest = _rest(match)
    return bool(_NEGATIVE.search(rest + " ") or _EFFECT.search(rest))


def _role_judged(segment: Segment, match: re.Match[str]) -> bool:
    after = segment.text[match.start("rest"):]
    return bool(_STRONG_EFFECT.search(after)) and not _MITIGATION.search(after)


def _trigger_judged(segment: Segment, match: re.Match[str]) -> bool:
    raw_rest = segment.text[match.start("rest"):match.end("rest")]  # flags inside `code` count ("--skip-canary")
    if _MITIGATION.search(raw_rest):
        return False
    # "we deployed 2.3 and errors rose": first person doing a neutral act is neutral, like an
    # unnamed role; it blames only with a judged object ("we pushed the untested config").
    if match.group("who").lower() in ("we", "i"):
        return bool(_NEGATIVE.search(raw_rest + " "))
    # A bare "Chiara changed X" is a timeline fact; it blames when the sentence ties it to the
    # failure ("..., sending 90% of traffic", "the outage began when ...").
    return bool(_NEGATIVE.search(raw_rest + " ") or _EFFECT.search(raw_rest + segment.text[match.end("rest"):])
                or _CAUSAL_LEAD.search(segment.prose[: match.start()]))


# Verbs that no one uses neutrally, except in a few fixed senses: "broke the job into batches",
# "missed our SLO" (an outcome, not a lapse); and a decision with its reason is a decision:
# "we skipped staging, as the fix was one line".
_SPLIT_INTO = lazy(r"^\s*(?:\w+\s+){0,3}?into\b", re.I)
_NOT_A_LAPSE = lazy(r"^\s+(?:our|the|its|their|this|that)\s+(?:[\w-]+\s+)?"
                         r"(?:SLOs?|SLAs?|targets?|deadlines?|window|goals?|objectives?|budgets?|numbers|estimates?)\b", re.I)
_DECISIONS = ("skipped", "ignored", "bypassed", "disregarded")


def _strong_judged(segment: Segment, match: re.Match[str]) -> bool:
    verb = re.search(rf"{_STRONG}\s*$", match.group(), re.I)
    after = segment.prose[match.end():]
    if verb and ((verb.group().startswith("broke") and _SPLIT_INTO.match(after))
                 or (verb.group().startswith("missed") and (_NOT_A_LAPSE.match(after)
                                                             or not clauses.missed_a_signal(segment.prose, verb.start() + match.start(), match.end())))):
        return False
    # someone else's skip with a reason still singles them out; "we skipped X, as ..." is our own decision
    own = (match.groupdict().get("who") or "").lower() in ("we", "i")
    return not (own and verb and verb.group().lower().startswith(_DECISIONS) and _REASON.search(after))


def _possessive_judged(segment: Segment, match: re.Match[str]) -> bool:
    return match.group("thing").lower() in _BLAMING_THINGS or bool(_CONSEQUENCE.search(_rest(match)))


def _step_missed(segment: Segment, match: re.Match[str]) -> bool:
    # "One can ask why we did not catch this earlier": an embedded question inquires, it does not assert.
    if _REASON.search(segment.prose[match.end():]) or _ASKED.search(segment.prose[:match.start()]):
        return False
    # "they" may be servers or requests: only steps no software takes name a person's lapse
    # ("they did not test it", not "they did not respond" about replicas).
    if (match.groupdict().get("who") or "").lower() == "they":
        return bool(_PEOPLE_ONLY_STEP.search(match.group()))
    return True


_PEOPLE_ONLY_STEP = lazy(r"\b(?:test|tested|review|reviewed|ask|asked|tell|told|inform|informed|escalate|escalated|follow|"
                         r"followed|consult|consulted|plan|planned|document|documented|declare|declared|announce|announced|"
                         r"coordinate|coordinated|sign\w*\s+off|read|look\w*\s+at|involve|involved|loop\w*\s+in|"
                         r"communicate|communicated)\b", re.I)


_ASKED = lazy(r"\b(?:why|how\s+come|whether|wonder(?:ed|ing)?\s+if)\s+$", re.I)


_NOTHING = lazy(r"\s+(?:\w+\s+)?(?:any|anything|a\s+single)\b", re.I)


def _act_not_done(segment: Segment, match: re.Match[str]) -> bool:
    """"we did not copy the build": any verb but a state, perception or receipt, with no reason given."""
    verb = match.group("verb").lower()
    return verb not in lexicon.load("non_acts").lower_terms and not _NOTHING.match(segment.prose[match.end():]) \
        and _step_missed(segment, match)


_ROLE_WORDS = frozenset("engineer sre dba operator developer dev deployer intern hire contractor admin on-call oncall "
                        "call author reviewer captain ic lead".split())
_PEOPLE_WORDS = frozenset({"i", "i've", "i’ve", "we've", "we’ve", "i'd", "i’d", "we'd", "we’d"}) | _words("we he she nobody one none team crew staff staffers personnel contractor contractors technician "
                       "technicians operator operators engineer engineers developer developers admin admins maintainer "
                       "maintainers guy employee employees member volunteer volunteers")
_NEGATION_WORDS = frozenset("not didn't didn’t never doesn't wasn't".split())

SHAPES: tuple[Shape, ...] = (
    Shape("strong", lazy(rf"{_WHO}\s+{_ADVERB}{_STRONG}\b"), anchored=True, human_only=True,
          judge=_strong_judged),
    Shape("strong-role", lazy(rf"\b{_ROLE}\s+{_ADVERB}{_STRONG}\b", re.I), needs=_ROLE_WORDS),
    Shape("strong-people", lazy(rf"\b{_PEOPLE}(?:\s+(?:have|has|had)|['’]ve|['’]d)?\s+(?:just\s+)?{_ADVERB}"
                                      rf"(?:{_STRONG}|{_DESTROY}|{_STRONG_PERFECT})\b", re.I),
          judge=_strong_judged,
          needs=_PEOPLE_WORDS),
    Shape("trigger", lazy(rf"{_WHO}\s+{_ADVERB}{_TRIGGER}\b(?P<rest>[^.;!?]*)"), anchored=True,
          judge=_trigger_judged, rewrite="an engineer"),
    Shape("create", lazy(rf"{_WHO}\s+{_ADVERB}{_CREATE}\b(?P<rest>[^.;!?]*)"), anchored=True,
          judge=_object_judged, rewrite="an engineer"),
    # First person (or he/she) doing a neutral act with a judged object; an unnamed role doing
    # the same ("an engineer pushed the bad config") is the neutral rewrite, so it is not here.
    Shape("people-act", lazy(rf"(?<![\w'’-])(?P<who>(?-i:I)|(?i:we|he|she))\s+(?:just\s+)?{_ADVERB}"
                                   rf"(?i:{_TRIGGER}|{_CREATE}|{_ANY_ACT})\b(?P<rest>[^.;!?]*)"),
          needs=frozenset({"i", "we", "he", "she"}), judge=_object_judged),
    Shape("role-trigger", lazy(
        rf"\b(?P<role>(?i:the\s+(?:[\w-]+\s+){{0,2}}?(?:on-?call|engineer|contractor|intern|new\s+hire|deployer|developer|"
        rf"operator|admin|DBA|SRE|author|reviewer)(?:\s+on\s+(?:the\s+)?[\w-]+(?:\s+team)?)?))\s+{_ADVERB}{_TRIGGER}\b"
        r"(?P<rest>[^.;!?]*)"), needs=_ROLE_WORDS, judge=_role_judged),
    Shape("negation", lazy(rf"(?:{_WHO}|\b(?i:{_ROLE.replace('(?P<who>', '(?:')}))\s+(?i:{_NEGATION})\b"),
          needs=_NEGATION_WORDS, human_only=True),
    Shape("step-not-taken", lazy(
        rf"(?<![\w'’-])(?P<who>{_NAME_WORD}(?:\s+{_NAME_WORD})?|(?i:{_PEOPLE_BODY}|they))\s+(?i:{_NOT_DONE})"),
          needs=_NEGATION_WORDS, human_only=True, judge=_step_missed),
    Shape("act-not-done", lazy(
        rf"(?<![\w'’-])(?P<who>{_NAME_WORD}(?:\s+{_NAME_WORD})?|(?i:{_PEOPLE_BODY}))\s+"
        r"(?i:did\s+not|didn['’]t)\s+(?:\w+ly\s+)?(?P<verb>[a-z]+)\b"),
          needs=_NEGATION_WORDS, human_only=True, judge=_act_not_done),
    # A judged pace of people: "we were too slow to roll back", "it took us far too long to notice".
    Shape("too-slow", lazy(rf"\b{_PEOPLE}\s+(?:was|were)\s+(?:\w+\s+)?too\s+(?:slow|late)\b|"
                                 r"\btook\s+(?:us|me|him|her|the\s+team)\s+(?:\w+\s+)?too\s+long\b", re.I),
          needs=frozenset({"too"})),
    Shape("nobody-did", lazy(rf"\b(?i:nobody|no\s+one)(?:\s+(?:from|in|on)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?\s+"
                                   rf"(?i:{_STEP_PAST})\b"), needs=frozenset({"nobody", "one"}), judge=_step_missed),
    Shape("the-one", lazy(rf"{_WHO}\s+(?:was|is)\s+the\s+(?:one|person|engineer)\s+who\b"), anchored=True,
          human_only=True),
    Shape("possessive", lazy(
        rf"{_WHO}['’]s\s+(?:\w+\s+)?(?P<thing>change|commit|PR|pull request|deploy|deployment|push|script|"
        r"command|query|config|merge|mistake|error|typo|migration|edit|fat-finger|screw-up|blunder|"
        r"oversight)\b(?P<rest>[^.;!?]*)"), anchored=True, human_only=True, judge=_possessive_judged, rewrite="a"),
    Shape("cause-by", lazy(
        rf"\b(?:caused\s+by|due\s+to|because\s+of|thanks\s+to|courtesy\s+of|blame\s+(?:goes\s+)?(?:to|on)|"
        rf"traces?\s+back\s+to|traced\s+(?:back\s+)?to|c[oa]mes?\s+down\s+to|(?:was\s+)?triggered\s+by|"
        rf"initiated\s+by|started\s+by)\s+{_WHO}"),
        needs=_words("caused due because thanks courtesy blame traces trace traced comes came come triggered "
                     "initiated started")),
    Shape("cause-by-people", lazy(
        rf"\b(?:caused\s+by|due\s+to|because\s+of|blame\s+(?:goes\s+)?(?:to|on)|traces?\s+back\s+to|"
        rf"traced\s+(?:back\s+)?to|c[oa]mes?\s+down\s+to)\s+{_PEOPLE}(?!['’]s)\b"
        r"(?!\s+(?:being|having|was|were|is|are)\b)", re.I),
        needs=_words("caused due because thanks blame traces trace traced comes came come")),
    Shape("people-to-blame", lazy(
        rf"\b{_PEOPLE}\s+(?:is|was|were|are)\s+(?:solely\s+|directly\s+|personally\s+|entirely\s+)?(?:responsible\s+for\s+"
        r"(?:the|this)\s+(?:outage|incident|failure|breakage)(?![\s-]+(?:response|review|management|handling|process|"
        r"command\w*|channel|report|call|bridge|rota))|to\s+blame|at\s+fault)", re.I), needs=frozenset({"blame", "fault", "responsible"})),
    Shape("responsible", lazy(
        rf"{_WHO}\s+(?:is|was)\s+(?:solely\s+|directly\s+|personally\s+|entirely\s+)?(?:responsible\s+for\s+"
        r"(?:the|this)\s+(?:outage|incident|failure|breakage)(?![\s-]+(?:response|review|management|handling|process|"
        r"command\w*|channel|report|call|bridge|rota))|to\s+blame|at\s+fault|the\s+(?:root\s+)?cause)"),
        anchored=True, human_only=True),
    Shape("passive", lazy(
        r"\b(?:was|were|got)\s+(?:\w+ly\s+)?(?:pushed|deployed|merged|run|applied|approved|deleted|dropped|"
        r"changed|shipped|committed|rolled\s+out|introduced|broken|typed|edited|raised|lowered|scoped|"
        r"decommissioned|promoted|disabled|removed|set|granted|created|configured)\b(?P<rest>[^.;!?]*?)"
        rf"\bby\s+{_WHO}(?P<tail>[^.;!?]*)"), needs=frozenset({"by"}), judge=_passive_judged),
    Shape("passive-strong", lazy(
        r"(?i:\b(?:was|were)\s+(?:not\s+read|left\s+unread|ignored|missed|overlooked|skipped|neglected|"
        r"disregarded|not\s+followed|not\s+checked|not\s+acknowledged|dismissed|silenced|muted)\b[^.;!?]*?\bby\s+)"
        rf"(?:{_WHO}|(?P<role>(?i:(?:the|a|an|our)\s+(?:[\w-]+\s+){{0,3}}?(?:on-?call|engineer|admin|contractor|"
        r"responders?|author|deployer|reviewer|developer|operator|intern|SRE|DBA|IC|captain|lead|team))))"),
        needs=frozenset({"by"})),
)
_PRONOUN_SHAPES = frozenset({"step-not-taken", "act-not-done"})  # shapes whose agent may be "we", "they" or a group
_NAMELESS = frozenset({"too-slow", "strong-role", "role-trigger", "strong-people", "nobody-did", "people-act",
                       "cause-by-people", "people-to-blame"})  # the agent is a role or group


def _who_span(segment: Segment, match: re.Match[str]) -> tuple[int, int] | None:
    """The name's span, without sentence-opening filler ("Then Marlow" -> "Marlow")."""
    if match.groupdict().get("who") is None:
        return None
    start, end = match.span("who")
    first, _, rest = segment.prose[start:end].partition(" ")
    if rest[:1].isupper() and first.lower() in agents.COMMON_INITIALS:
        start += len(first) + 1 + (len(rest) - len(rest.lstrip()))
    return start, end


_OBJECT_OF = lazy(r"\b(?:on|in|at|from|with|of|to|for|via|into|onto|about|the|a|an|our|their|its)\s+$", re.I)


def _is_person(segment: Segment, match: re.Match[str], ctx: SegmentContext, shape: Shape) -> bool:
    if shape.kind in _NAMELESS or match.groupdict().get("role") is not None:
        return True
    span = _who_span(segment, match)
    if span is None:
        return True  # a role alternative matched ("the deployer did not wait")
    start, end = span
    who = segment.prose[start:end]
    if start == match.start() and _OBJECT_OF.search(segment.prose[:start]):
        return False  # "the page on Immunefi did not list ...": the object of a preposition is not the agent
    if who.lower() in ctx.accepted_names or any(w.lower() in ctx.accepted_names for w in who.split()):
        return False
    whole = match.group("who")
    if shape.kind in _PRONOUN_SHAPES and (whole.lower() == "they" or _PEOPLE_RE.fullmatch(whole)):
        return True  # a pronoun or a group ("we did not test it", "the crew")
    return agents.person_at(segment.prose, start, end, loose_initial=shape.human_only)


_GATE = frozenset().union(*(s.needs for s in SHAPES if s.needs)) \
    | _words(_STRONG + " " + _TRIGGER + " " + _NEGATION + " " + _CREATE) \
    | _words("responsible fault cause one person")

# Shapes that open with a name are tried only where a capitalised word starts: a handful of
# positions per sentence instead of every character.
_NAME_START = lazy(rf"(?<![\w'’-]){_NAME_WORD}(?:\s+{_NAME_WORD})?(?:(?P<poss>['’]s\b)|\s+(?P<next>[\w-]+))?")
# The word after a name must be able to start one of the anchored shapes.
_NEXT_WORDS = _words(_STRONG + " " + _TRIGGER + " " + _CREATE) | {"was", "is"}


def _name_starts(text: str) -> list[int]:
    starts = []
    for m in _NAME_START.finditer(text):
        nxt = (m.group("next") or "").lower()
        possessive = m.group("poss") or "'s" in m.group(0) or "’s" in m.group(0)
        if possessive or nxt in _NEXT_WORDS or nxt.endswith("ly"):
            starts.append(m.start())
            if m.group(0).count(" ") >= 1 and m.group(0).split()[0].lower() in agents.COMMON_INITIALS:
                starts.append(m.start() + len(m.group(0).split()[0]) + 1)  # "Then Marlow pushed"
    return starts


def _matches(shape: Shape, text: str, name_starts: list[int]) -> Iterator[re.Match[str]]:
    if not shape.anchored:
        yield from shape.pattern.finditer(text)
        return
    end = -1
    for pos in name_starts:
        if pos < end:
            continue
        match = shape.pattern.match(text, pos)
        if match:
            end = match.end()
            yield match


def _may_blame(segment: Segment, ctx: SegmentContext) -> bool:
    return not segment.words.isdisjoint(_GATE) or "'s" in segment.prose or "’s" in segment.prose


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    text = segment.prose
    taken: list[tuple[int, int]] = []
    name_starts = _name_starts(text)
    for shape in SHAPES:
        # Cheap skips before a generator is even made: most sentences fail one of these.
        if (shape.anchored and not name_starts) or (shape.needs is not None and segment.words.isdisjoint(shape.needs)):
            continue
        for match in _matches(shape, text, name_starts):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            if shape.judge is not None and not shape.judge(segment, match):
                continue
            if not _is_person(segment, match, ctx, shape):
                continue
            taken.append(match.span())
            span = _who_span(segment, match)
            who = " ".join((text[span[0]:span[1]] if span else match.group().split(" did")[0]).split())
            edits: tuple[Edit, ...] = ()
            rest = segment.text[match.start("rest"):match.end("rest")] if shape.kind == "trigger" else _rest(match)
            if shape.rewrite and span and _NEGATIVE.search(rest + " "):
                start, end = span
                edits = (replacement(segment, start, end + (2 if shape.kind == "possessive" else 0), shape.rewrite),)
            yield hit(
                segment, match.start(), match.end(),
                f"'{who}' is named as the cause of the failure: describe the action, the condition that "
                "allowed it and what the person knew at the time, not who did it",
                edits,
            )


RULE = Rule(
    id="BL001",
    name="blame-individual",
    category="person-as-cause",
    options=(ACCEPTED_NAMES,),
    summary="A person or role is the grammatical agent of the failure.",
    rationale=(
        "Naming who caused an outage turns the review into a defence. The next person in the same "
        "position, with the same tools and information, would take the same step; the postmortem "
        "should explain what made that step possible and reasonable."
    ),
    guardrail="Name the system condition and the missing check instead: 'The config push had no "
              "validation step, so the malformed value reached production.'",
    severity=Severity.WARNING,
    detect=detect,
    gate=_may_blame,
    flagged=(
        Example("Bob pushed the bad config to production at 14:02 UTC.",
                "An engineer pushed the bad config to production at 14:02 UTC."),
        Example("The on-call engineer missed the page at 03:10 UTC."),
        Example("Priya's change took down checkout for 40 minutes.",
                "A change took down checkout for 40 minutes."),
        Example("The outage was caused by Dave."),
        Example("The migration was run by Łukasz without review."),
        Example("At 09:14 UTC Sam ignored the failing canary."),
        Example("I took down the billing cluster while cleaning up old volumes.",
                note="first person as the agent of a verb no one uses neutrally"),
        Example("The night crew let the signing key expire over the weekend.",
                note="a group that let something lapse"),
        Example("We did not test the new limits against real traffic before the rollout.",
                note="a step the agent did not take, with no reason given"),
        Example("Nobody from the storage team told the on-call about the maintenance window.",
                note="nobody as the agent of a missed step"),
        Example("Then Quinn pushed the broken manifest, which took down search.",
                note="sentence-opening filler is not part of the name"),
        Example("The vendor's technician didn't copy the patched firmware to the standby unit.",
                note="any act not done, not only listed steps"),
        Example("It took us far too long to see that the replica had stopped.", note="a judged pace of people"),
        Example("At 10:12 UTC @okafor skipped the canary stage, and errors reached 30%.", note="a handle is a person"),
        Example("14:05 UTC - Sam deployed the broken build to staging.", note="a known given name after a timestamp"),
        Example("The DBAs did not snapshot the volume before the resize.", note="a plural role as the agent"),
        Example("The vendor shipped the patch, but they did not test it against our firmware.",
                note="'they' with a step only people take"),
        Example("The IC never asked the network team for their change log.", note="the incident commander as the agent"),
        Example("On my second day I merged a pull request that broke the nightly build.",
                note="first person with a judged object of a neutral act"),
        Example("@marisol added the broken retry hook to the gateway.", note="making something judged bad"),
        Example("I've broken the staging cluster more than once.", note="a perfect of a verb no one uses neutrally"),
        Example("The relay failure was caused by a technician on the night shift.", note="a role as the cause"),
        Example("The vendor said its installers were to blame for the cut cable.", note="a group as the culprit"),
        Example("I managed to ship a broken migration twice in one week.", note="a judged object after 'managed to'"),
    ),
    passing=(
        Example("Alice paged the database team at 14:05 UTC."),
        Example("Our validator operators missed 30 attestations during the upgrade.",
                note="missed units of a protocol are an outcome, not a lapse"),
        Example("Relayers missed 12 slots while the bridge was paused.",
                note="a plural capitalised word is a group of machines, not a name"),
        Example("The on-call engineer rolled back the deploy at 14:20 UTC."),
        Example("An engineer ran the migration at 14:02 UTC, which locked the `orders` table."),
        Example("The deploy failed to start on 3 of 40 hosts."),
        Example("Kafka dropped 2% of messages during the rebalance."),
        Example("Sam joined the bridge and took over as incident commander."),
        Example("We did not roll back because the error rate was already falling.",
                note="a step not taken for a stated reason is a decision"),
        Example("We never page on warnings; they go to the team channel.", note="a standing policy, not a lapse"),
        Example("We did not find any errors in the worker logs.", note="finding is not a step"),
        Example("The Atlas scheduler broke the nightly batch into smaller jobs.",
                note="a product name after a determiner is not a person"),
        Example("We did not lose any queued messages during the failover.", note="a thing that happens, not an act"),
        Example("@okafor rolled back the release at 10:20 UTC.", note="a handle doing a neutral act"),
        Example("14:05 UTC - Argus deployed the broken build to staging.",
                note="an unknown capital after a timestamp is a tool until shown otherwise"),
        Example("We added a second replica at 10:00 UTC to absorb the load.", note="making something, nothing judged"),
        Example("I wrote a query to list the broken invoices.", note="a purpose is not the object"),
        Example("We rebuilt the index without downtime.", note="'without' a harm is not a missing check"),
        Example("I ran the backfill, which locked the ledger for a minute as planned.", note="an expected effect"),
        Example("The slow page load was due to the team being on a release call.", note="people's state, not their act"),
        Example("Our squad was responsible for the incident response rota.", note="responsibility for the response"),
        Example("The outage was caused by a fault in the vendor's firmware.", note="a thing as the cause"),
        Example("The failover was started by the on-call at 10:02 UTC.", note="a role starting a step is neutral"),
        Example("We shipped release 4.2 at 10:00 UTC and the error rate rose.",
                note="first person doing a neutral act, like an unnamed role"),
        Example("We missed our latency objective for the quarter.", note="an outcome, not a lapse"),
        Example("I broke the backfill into four smaller runs.", note="'broke into' is not breaking"),
        Example("We skipped the soak test, since the change only touched a log message.",
                note="our own decision with its reason"),
        Example("The status page on Pagewell did not show the degraded region.",
                note="the object of a preposition is not the agent"),
        Example("It is worth asking why we did not test the restore path earlier.", note="an embedded question"),
        Example("The replicas came back, but they did not respond to health checks.", note="'they' may be machines"),
        Example("At first we didn't call the vendor, as there was no sign their side was involved.",
                note="a reason follows"),
        Example("Maybe the delay came down to Team Juniper developers sharing one test cluster?",
                note="a team name is not a named individual"),
    ),
    tags=("blame", "person-as-cause"),
)
