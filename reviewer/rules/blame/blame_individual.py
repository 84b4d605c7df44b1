"""BL001 blame-individual: a person as the agent of the failure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.document import Segment
from reviewer.findings import Edit, Severity
from reviewer.rules import agents
from reviewer.rules.base import Example, Hit, Rule, SegmentContext
from reviewer.rules.common import hit, replacement

_NAME_WORD = r"[A-ZÀ-ÖØ-ÞŁ][a-zß-öø-ÿłńśźżęąćóé'’-][\w'’-]*"
_WHO = rf"(?<![\w'’-])(?P<who>{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
_ROLE = (r"(?P<who>(?:the|our|an?|one)\s+(?:on-?\s?call\s+|oncall\s+|new\s+|junior\s+|senior\s+|primary\s+|"
         r"secondary\s+)?(?:engineer|SRE|DBA|operator|developer|dev|deployer|intern|new hire|contractor|admin|"
         r"on-?\s?call|oncall))")
_STRONG = (r"(?:broke|caused|missed|ignored|skipped|bypassed|overlooked|misconfigured|messed\s+up|screwed\s+up|"
           r"took\s+down|brought\s+down|botched|mishandled|disregarded|dropped\s+the\s+ball|blew\s+away|nuked|"
           r"fumbled|borked|trashed|wiped\s+out)")
_TRIGGER = (r"(?:pushed|deployed|merged|ran|applied|shipped|approved|committed|deleted|dropped|removed|disabled|"
            r"changed|modified|edited|executed|rolled\s+out|introduced|typed|entered|truncated|overwrote|"
            r"force-pushed|kicked\s+off|triggered|turned\s+off|flipped|toggled|enabled|rotated|pointed|muted|"
            r"silenced|scaled|drained|promoted|opened|granted|upgraded|reconfigured|configured|set|"
            r"pushes|deploys|merges|runs|applies|ships|approves|deletes|drops|removes|disables|changes|"
            r"modifies|edits|executes|enables|rotates|points|mutes|silences|scales|drains|promotes|opens|"
            r"grants|upgrades|truncates|flips|toggles|capped|lowered|raised|reduced|increased|resized|cut|"
            r"caps|lowers|raises|reduces|increases|unknowingly\s+\w+ed)")
_NEGATION = r"(?:did\s+not|didn't|never|does\s+not|doesn't|was\s+not|wasn't)\s+(?:acknowledge|respond|answer|check|notice|look|escalate|follow|read|test|review|wait|ask|page|verify|confirm|run|update|tell|inform|notify)"
# Mitigation is not the failure: "Sam deployed the revert", "Ana scaled up to absorb load".
_MITIGATION = re.compile(r"\b(?:fix|fixes|hotfix|revert|reverts|reverted|rollback|roll\s+back|rolled\s+back|mitigat\w*|"
                         r"restore\w*|recover\w*|ticket|incident|bridge|support\s+case|status\s+page|exposed|leaked|compromised|"
                         r"to\s+(?:absorb|relieve|reduce|stop|unblock|contain|drain\s+the\s+backlog))\b",
                         re.I)
_NEGATIVE = re.compile(
    r"\b(?:bad|broken|faulty|wrong|incorrect|untested|unreviewed|buggy|invalid|malformed|bogus|rogue|"
    r"unapproved|unvetted|risky)\b|\bwithout\b|\bnever\s+told\b|"
    r"\b(?:that|which)\s+(?:then\s+|immediately\s+|promptly\s+)?(?:broke|caused|took\s+down|brought\s+down|"
    r"locked|deleted|corrupted|triggered|overloaded|wiped|crashed|led\s+to|started\s+the)",
    re.I,
)
_ADVERB = r"(?:\w+ly\s+)?"
_EFFECT = re.compile(
    r"\b(?:caus\w+|broke|break\w*|sending|took\s+down|taking\s+down|led\s+to|leading\s+to|locked|locking|"
    r"outage|stale|wrong|reversed|lost|loss|climb\w*|spik\w*|fail\w*|5\d\d|errors?|blocked|blocking|wiped|"
    r"corrupt\w*|incorrect|broken|instead\s+of|scanned|breach\w*|dropp\w+|"
    r"delet\w*|before\s+(?:the|anyone|it|any)|never\s+(?:told|been)|without\b|skipp\w+|skip\b|--(?:skip|force|no-)\S*|bypass\w*|fell\s+over|"
    r"crash\w*|short\s+of|only\s+\d|too\s+early|prematurely|against\s+(?:the|our)\s+(?:policy|baseline|runbook|"
    r"checklist|process|freeze|guidance|advice|rules?))\b",
    re.I)
# For a role ("the contractor opened port 22 ..."), only a plain statement of harm counts.
_STRONG_EFFECT = re.compile(r"\b(?:caus\w+|broke|break\w*|took\s+down|taking\s+down|led\s+to|leading\s+to|outage|"
                            r"fell\s+over|wiped|corrupt\w*|leak\w*|breach\w*|compromis\w*|scanned|lost|without\b|"
                            r"instead\s+of|wrong|incorrect)\b", re.I)
_CAUSAL_LEAD = re.compile(r"\b(?:outage|incident|failure|errors?|silent|dropped|broke|began|started|traffic)\b[^.]*"
                          r"\b(?:when|because|after|once|as\s+soon\s+as)\s+$", re.I)
_PATTERNS = (
    ("strong", re.compile(rf"{_WHO}\s+{_ADVERB}{_STRONG}\b")),
    ("strong-role", re.compile(rf"\b{_ROLE}\s+{_ADVERB}{_STRONG}\b", re.I)),
    ("trigger", re.compile(rf"{_WHO}\s+{_ADVERB}{_TRIGGER}\b(?P<rest>[^.;!?]*)")),
    ("role-trigger", re.compile(
        rf"\b(?P<role>(?i:the\s+(?:[\w-]+\s+){{0,2}}?(?:on-?call|engineer|contractor|intern|new\s+hire|deployer|developer|"
        rf"operator|admin|DBA|SRE|author|reviewer)(?:\s+on\s+(?:the\s+)?[\w-]+(?:\s+team)?)?))\s+{_ADVERB}{_TRIGGER}\b"
        r"(?P<rest>[^.;!?]*)")),
    ("negation", re.compile(rf"(?:{_WHO}|\b(?i:{_ROLE.replace('(?P<who>', '(?:')}))\s+(?i:{_NEGATION})\b")),
    ("the-one", re.compile(rf"{_WHO}\s+(?:was|is)\s+the\s+(?:one|person|engineer)\s+who\b")),
    ("possessive", re.compile(
        rf"{_WHO}['’]s\s+(?:\w+\s+)?(?P<thing>change|commit|PR|pull request|deploy|deployment|push|script|"
        r"command|query|config|merge|mistake|error|typo|migration|edit|fat-finger|screw-up|blunder|"
        r"oversight)\b(?P<rest>[^.;!?]*)")),
    ("cause-by", re.compile(
        rf"\b(?:caused\s+by|due\s+to|because\s+of|thanks\s+to|courtesy\s+of|blame\s+(?:goes\s+)?(?:to|on)|"
        rf"traces?\s+back\s+to|traced\s+(?:back\s+)?to|c[oa]mes?\s+down\s+to|(?:was\s+)?triggered\s+by|"
        rf"initiated\s+by|started\s+by)\s+{_WHO}")),
    ("responsible", re.compile(
        rf"{_WHO}\s+(?:is|was)\s+(?:solely\s+|directly\s+|personally\s+|entirely\s+)?(?:responsible\s+for\s+"
        r"(?:the|this)\s+(?:outage|incident|failure|breakage)|to\s+blame|at\s+fault|the\s+(?:root\s+)?cause)")),
    ("passive", re.compile(
        r"\b(?:was|were|got)\s+(?:\w+ly\s+)?(?:pushed|deployed|merged|run|applied|approved|deleted|dropped|"
        r"changed|shipped|committed|rolled\s+out|introduced|broken|typed|edited|raised|lowered|scoped|"
        r"decommissioned|promoted|disabled|removed|set|granted|created|configured)\b(?P<rest>[^.;!?]*?)"
        rf"\bby\s+{_WHO}(?P<tail>[^.;!?]*)")),
    ("passive-strong", re.compile(
        r"(?i:\b(?:was|were)\s+(?:not\s+read|left\s+unread|ignored|missed|overlooked|skipped|neglected|"
        r"disregarded|not\s+followed|not\s+checked|not\s+acknowledged|dismissed|silenced|muted)\b[^.;!?]*?\bby\s+)"
        rf"(?:{_WHO}|(?P<role>(?i:(?:the|a|an|our)\s+(?:[\w-]+\s+){{0,3}}?(?:on-?call|engineer|admin|contractor|"
        r"responders?|author|deployer|reviewer|developer|operator|intern|SRE|DBA|IC|captain|lead|team))))")),
)
_BLAMING_THINGS = {"mistake", "error", "typo", "fat-finger", "screw-up", "blunder", "oversight"}
_CONSEQUENCE = re.compile(r"\b(?:broke|caused|took\s+down|brought\s+down|triggered|led\s+to|resulted\s+in|"
                          r"started|corrupted|deleted|locked|overloaded|was\s+the|is\s+the|changed|set|removed|"
                          r"disabled|dropped|introduced|pushed|wiped|emptied|exposed|leaked|skipped|ignored|missed|"
                          r"bypassed)\b", re.I)


# Verbs no system does: a sentence-initial unknown capitalised word before them is a name.
_HUMAN_ONLY = frozenset({"strong", "negation", "the-one", "responsible", "possessive"})


def _is_person(segment: Segment, match: re.Match[str], ctx: SegmentContext, kind: str) -> bool:
    start, end = match.span("who")
    who = segment.prose[start:end]
    if who.lower() in ctx.accepted_names:
        return False
    return agents.person_at(segment.prose, start, end, loose_initial=kind in _HUMAN_ONLY)


def _gate_words() -> frozenset[str]:
    """Every word one of the patterns needs; a segment with none of them cannot match."""
    sources = (_STRONG, _TRIGGER, _NEGATION, "caused due because thanks courtesy blame traces trace traced comes "
               "came come triggered initiated started responsible fault cause one person read unread followed checked "
               "acknowledged dismissed silenced muted overlooked neglected disregarded")
    return frozenset(w for source in sources for w in re.findall(r"[a-z']{2,}", source))


_GATE = _gate_words()


# Patterns that open with a name are tried only where a capitalised word starts: a handful
# of positions per sentence instead of every character.
_NAME_START = re.compile(rf"(?<![\w'’-]){_NAME_WORD}(?:\s+{_NAME_WORD})?(?:(?P<poss>['’]s\b)|\s+(?P<next>[\w-]+))?")
# The word after a name must be able to start one of the anchored patterns.
_NEXT_WORDS = frozenset(re.findall(r"[a-z]{2,}", _STRONG + " " + _TRIGGER)) | {"was", "is"}


def _name_starts(text: str) -> list[int]:
    starts = []
    for m in _NAME_START.finditer(text):
        nxt = (m.group("next") or "").lower()
        possessive = m.group("poss") or "'s" in m.group(0) or "’s" in m.group(0)
        if possessive or nxt in _NEXT_WORDS or nxt.endswith("ly"):
            starts.append(m.start())
    return starts
_ANCHORED = frozenset({"strong", "trigger", "the-one", "possessive", "responsible"})


_ROLE_WORDS = frozenset("engineer sre dba operator developer dev deployer intern hire contractor admin on-call oncall "
                        "call author reviewer captain ic lead".split())
# Un-anchored patterns run only when the segment has a word they need.
_NEEDS = {
    "strong-role": _ROLE_WORDS,
    "role-trigger": _ROLE_WORDS,
    "negation": frozenset("not didn't never doesn't wasn't".split()),
    "cause-by": frozenset("caused due because thanks courtesy blame traces trace traced comes came come triggered "
                          "initiated started".split()),
    "passive": frozenset({"by"}),
    "passive-strong": frozenset({"by"}),
}


def _matches(kind: str, pattern: re.Pattern[str], text: str, name_starts: list[int],
             words: frozenset[str] = frozenset()) -> Iterator[re.Match[str]]:
    needs = _NEEDS.get(kind)
    if needs is not None and words.isdisjoint(needs):
        return
    if kind not in _ANCHORED:
        yield from pattern.finditer(text)
        return
    end = -1
    for pos in name_starts:
        if pos < end:
            continue
        match = pattern.match(text, pos)
        if match:
            end = match.end()
            yield match


def _may_blame(segment: Segment, ctx: SegmentContext) -> bool:
    return not segment.words.isdisjoint(_GATE) or "'s" in segment.prose or "’s" in segment.prose


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    text = segment.prose
    taken: list[tuple[int, int]] = []
    name_starts = _name_starts(text)
    words = segment.words
    for kind, pattern in _PATTERNS:
        # Cheap skips before a generator is even made: most sentences fail one of these.
        if kind in _ANCHORED and not name_starts:
            continue
        needs = _NEEDS.get(kind)
        if needs is not None and words.isdisjoint(needs):
            continue
        for match in _matches(kind, pattern, text, name_starts, words):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            rest = (match.groupdict().get("rest") or "") + " " + (match.groupdict().get("tail") or "")
            if kind == "passive" and not (_NEGATIVE.search(rest + " ") or _EFFECT.search(rest)):
                continue
            if kind == "role-trigger" and (not _STRONG_EFFECT.search(segment.text[match.start("rest"):])
                                           or _MITIGATION.search(segment.text[match.start("rest"):])):
                continue
            if kind == "trigger":
                raw_rest = segment.text[match.start("rest"):match.end("rest")]
                sentence_tail = segment.text[match.end("rest"):]
                if _MITIGATION.search(raw_rest):
                    continue
                rest = raw_rest  # flags inside `code` count here ("--skip-canary")
                # A bare "Chiara changed X" is a timeline fact; it blames when the sentence ties it
                # to the failure ("..., sending 90% of traffic", "the outage began when ...").
                context = segment.prose[: match.start()]
                if not (_NEGATIVE.search(rest + " ") or _EFFECT.search(rest + sentence_tail)
                        or _CAUSAL_LEAD.search(context)):
                    continue
            if kind == "possessive" and match.group("thing").lower() not in _BLAMING_THINGS \
                    and not _CONSEQUENCE.search(rest):
                continue
            if match.groupdict().get("who") is None or match.groupdict().get("role") is not None:
                pass  # a role matched ("the deployer did not wait"): always a person
            elif kind != "strong-role" and not _is_person(segment, match, ctx, kind):
                continue
            taken.append(match.span())
            who = " ".join((match.groupdict().get("who") or match.group().split(" did")[0]).split())
            edits: tuple[Edit, ...] = ()
            if kind in ("trigger", "possessive") and _NEGATIVE.search(rest + " "):
                start, end = match.span("who")
                if kind == "possessive":
                    end += 2  # the 's
                new = "a" if kind == "possessive" else "an engineer"
                edits = (replacement(segment, start, end, new),)
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
    ),
    passing=(
        Example("Alice paged the database team at 14:05 UTC."),
        Example("The on-call engineer rolled back the deploy at 14:20 UTC."),
        Example("An engineer ran the migration at 14:02 UTC, which locked the `orders` table."),
        Example("The deploy failed to start on 3 of 40 hosts."),
        Example("Kafka dropped 2% of messages during the rebalance."),
        Example("Sam joined the bridge and took over as incident commander."),
    ),
    tags=("blame", "person-as-cause"),
)
