"""BL006 accident-framing: a person's act framed as a slip ("forgot", "accidentally").

Structure, not phrases: a slip word blames when a person is the agent of the act it judges.
Each lexicon entry's tag names what it needs (see lexicons/accident.yaml); `_NEEDS` maps a tag
to the check, so a new form is a lexicon entry, not a new branch here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.patterns import lazy
from reviewer.rules import agents, clauses, lexicon
from reviewer.rules.base import ACCEPTED_NAMES, Example, Hit, Rule, SegmentContext
from reviewer.rules.blame.guarded import asserted, attributive, found_relative
from reviewer.rules.blame.systemic import systemic
from reviewer.rules.common import lexicon_gate, lexicon_hits

_PASSIVE_BEFORE = lazy(r"\b(?:was|were|been|got|is|are|being)\s+(?:\w+ly\s+)?$", re.I, prefilter=True)
# A passive anywhere in the clause: "a script was run with incorrect arguments".
_PASSIVE_IN_CLAUSE = lazy(r"\b(?:was|were|been|being|got)\s+(?:\w+ly\s+)?(?P<verb>\w+(?:ed|en|un|ent|et|ut|ade))\b",
                                re.I)
# "an extension accidentally being removed": the passive follows the adverb.
_BEING = lazy(r"\s+(?:being|been|getting)\s+\w+(?:ed|en)\b", re.I)
# "... was incorrectly typed": the adverb sits inside the passive.
_PASSIVE_AFTER = lazy(r"\s+(?P<verb>\w+(?:ed|en|un|ent|et|ut|ade))\b")
_PASSIVE_AFTER_WORD = lazy(r"\s+\w+\s+(?P<verb>\w+(?:ed|en|un|ent|et|ut|ade))\b")  # "accidentally also run"
# "The wrong certificate was uploaded": the judged thing is the subject of a passive operation.
_SUBJECT_PASSIVE = lazy(r"(?:\s+[\w-]+){0,2}?\s+(?:was|were|had\s+been|has\s+been|got)\s+(?:\w+ly\s+)?(?P<verb>\w+(?:ed|en|un|ent|et|ut|ade))\b",
                              re.I)
_BY_AGENT = lazy(r"^[^.;,]*?\bby\s+(?!mistake\b|accident\b|hand\b|design\b|default\b)"
                       r"(?:the\s+|a\s+|an\s+|our\s+)?([\w-]+(?:\s+of\s+staff\b|\s+[\w-]+)?)", re.I)
_PERSON_NEAR = lazy(r"\b(?:by|from)\s+[A-ZÀ-ÖØ-ÞŁ][a-zß-ÿł]+|[A-ZÀ-ÖØ-ÞŁ][a-zß-ÿł]+['’]s\s+(?:\w+\s+)?$")
# "an oversight in how we ran the tests": the lapse is placed in people's own practice.
_PEOPLE_AFTER = lazy(r"^\s+(?:in|of)\s+(?:how|what|when|where)\s+(?:we|I|they|he|she)\b", re.I)
# Receiving or seeing the wrong thing is not an act of the receiver: "users saw the wrong price".
_RECEIPT = lazy(r"\b(?:receiv\w*|got|get|gets|given|shown|showed|saw|see|sees|seen|heard|told|displayed|"
                      r"returned|served|sent\s+(?:us|them|me))\b", re.I)
# Finding, diagnosing or repairing the wrong thing describes it; it does not judge the act:
# "we corrected the wrong DNS record", "the on-call noticed the incorrect totals", "we found a typo".
_REMEDY = lazy(r"\b(?:fix(?:ed|es|ing)?|correct(?:ed|s|ing)|revert\w*|roll(?:ed|s|ing)?\s+back|replac\w*|found|find\w*|"
               r"notic\w*|spott\w*|identif\w*|detect\w*|discover\w*|investigat\w*|suspect\w*|diagnos\w*|repair\w*|"
               r"restor\w*|clean\w*\s+up|caught|catch\w*|flagg\w*|report\w*|trac(?:ed|ing)|locat(?:ed|ing))\b", re.I)
# A negated awareness the sentence itself puts down to a missing mechanism is explained, not blamed:
# "no alert was configured, so nobody noticed".
_OUTCOME = lazy(r"^\s+(?:(?:our|the|its|their|this|that)\s+)?(?:[\w-]+\s+)?(?:SLOs?|SLAs?|targets?|deadlines?|"
                      r"window|goals?|objectives?|budgets?|numbers|estimates?)\b", re.I)
_NOTHING = lazy(r"\s+(?:\w+\s+){0,2}?(?:any|anything|a\s+single)\b", re.I)
_MECHANISM_GAP = lazy(r"\b(?:no|without|missing|lack\s+of|absence\s+of)\s+(?:\w+\s+)?(?:alert|alarm|alerting|"
                            r"monitor\w*|notification|page|paging|check|warning|signal|error|log\w*|metric|test)s?\b",
                            re.I)


def _by_person(segment: Segment, match: re.Match[str]) -> bool | None:
    """True/False when a "by <agent>" follows the match, None when there is none."""
    prose = segment.prose
    by_agent = _BY_AGENT.match(prose[match.end():])
    if not by_agent or clauses.by_belongs_to_noun(prose[match.end():match.end() + by_agent.start(1)]):
        return None  # none, or "stored in a folder readable by all staff": the agent of another word
    start = match.end() + by_agent.start(1)
    return agents.person_at(prose, start, start + len(by_agent.group(1)))


def _passive(segment: Segment, match: re.Match[str]) -> bool:
    return bool(_PASSIVE_BEFORE.search(segment.prose[: match.start()]) or _BEING.match(segment.prose[match.end():]))


def _subject(segment: Segment, match: re.Match[str], ctx: SegmentContext, loose: bool = True) -> agents.Agent:
    # Slips, forgetting and (not) noticing are said of people: a lone capitalised subject at the
    # sentence start reads as a name. "Wrongly"/"incorrectly" are said of software too (loose=False).
    return agents.subject_of(segment.prose, match.start(), ctx.accepted_names, loose_initial=loose)


def _act(segment: Segment, match: re.Match[str], ctx: SegmentContext) -> bool:
    """A person is the subject, or a passive with no system subject hides one."""
    if attributive(segment.prose, match.start(), match.end()):
        return False  # "uncovered misconfigured infrastructure": a thing's state, not the subject's act
    # Forgetting and neglecting are said of people: a lone capitalised subject reads as a name.
    subject = agents.subject_of(segment.prose, match.start(), ctx.accepted_names, loose_initial=True)
    return subject is agents.Agent.PERSON or (_passive(segment, match) and subject is not agents.Agent.SYSTEM) \
        or agents.subjectless_act(segment.prose, match.start(), match.end())  # "Forgot to renew the cert": the writer's


_FINDING = frozenset("discover find found stumble learn notice spot see saw seen come came hit uncover".split())


def _finding_verb(after: str) -> bool:
    """"accidentally discovered the bug": luck in finding something is not a slip."""
    word = re.match(r"\s+(\w+)", after)
    if not word:
        return False
    w = word.group(1).lower()
    lemmas = {w, w[:-1], w[:-2], w[:-3], w.removesuffix("ed"), w.removesuffix("ing")}
    return not lemmas.isdisjoint(_FINDING)


# Bodies that act through their people: a slip adverb on "the council" is someone's slip.
_BODIES = agents.ORGANISATION_BODIES
_ORGANISATION = lazy(rf"\b(?:the|our|their|its|a)\s+(?:\w+\s+)?(?:{_BODIES}|board|vendor|contractor|supplier|"
                     r"provider's\s+staff)\s*$", re.I)
_AGENT_AFTER = lazy(r"^\s*,?\s+(?:I|we|he|she|they|the\s+(?:on-?call|engineer|operator|admin|team|crew|contractor))\b", re.I)
_SUBJECT_AFTER_PHRASE = lazy(r"^[^.;]*?,\s*(?:I|we|he|she|they|the\s+(?:on-?call|engineer|operator|admin|team|crew))\b", re.I)
_ORGANISATION_SUBJECT = lazy(rf"^\W*(?:the\s+|our\s+)?(?:[\w-]+\s+){{0,3}}?(?:{_BODIES})\b", re.I)
_GERUND_AFTER = lazy(r"\b(?:after|by|while|when|before|upon)\s+$", re.I)


def _adverbial(segment: Segment, match: re.Match[str], ctx: SegmentContext) -> bool:
    if _finding_verb(segment.prose[match.end():]):
        return False
    by = _by_person(segment, match)
    if by is not None:
        return by  # "was inadvertently left enabled by the template": the agent is named
    if found_relative(segment.prose, match.start()):
        return False  # "we found 40 keys that were accidentally logged": the state of what was found
    if _act(segment, match, ctx) or agents.note_act_around(segment.prose, match.start()):
        return True  # ... or a note's own act: "Ran the purge against prod by mistake"
    # After the verb phrase ("Jamal ran the purge against prod by mistake") it judges that act.
    if agents.subject_before_verb(segment.prose, match.start(), ctx.accepted_names) is agents.Agent.PERSON:
        return True
    # A slip adverb is said of people: "Paladox accidentally deleted the wiki" reads as a name.
    prose = segment.prose
    if agents.subject_of(prose, match.start(), ctx.accepted_names, loose_initial=True) is agents.Agent.PERSON:
        return True
    # ... and of organisations acting through people: "the school accidentally sent the list".
    if _ORGANISATION.search(agents.clause_before(prose, match.start())):
        return True
    # The agent comes after an opening adverbial ("By mistake, I used the primary") or is the
    # sentence's own subject of a gerund ("after accidentally taking down a service, I ...").
    if _AGENT_AFTER.match(prose[match.end():]) and not agents.clause_before(prose, match.start()).strip(" ,"):
        return True
    # "The table was accidentally dropped" with a system subject still hides an operator's act.
    # So does any operation people perform on software ("the script is mistakenly executed").
    after = _PASSIVE_AFTER.match(segment.prose[match.end():]) or _PASSIVE_AFTER_WORD.match(segment.prose[match.end():])
    if _passive(segment, match) and after is not None and _operation(after.group("verb")):
        return True
    preposition = _GERUND_AFTER.search(prose[: match.start()])
    if preposition is None or not re.match(r"\s+\w+ing\b", prose[match.end():]):
        return False
    head = prose[: preposition.start()]
    if not head.strip(" ,*_-"):  # the sentence opens with it: the subject follows the phrase
        return bool(_SUBJECT_AFTER_PHRASE.match(prose[match.end():]))
    return agents.subject_of(prose, preposition.start(), ctx.accepted_names, loose_initial=True) is agents.Agent.PERSON \
        or bool(_ORGANISATION_SUBJECT.match(head))


def _passive_or_person(segment: Segment, match: re.Match[str], ctx: SegmentContext) -> bool:
    if _OUTCOME.match(segment.prose[match.end():]):
        return False  # "we missed our SLO": an outcome, not a lapse
    return _passive(segment, match) or _subject(segment, match, ctx) is agents.Agent.PERSON \
        or (not match.group().lower().endswith("en") and agents.subjectless_act(segment.prose, match.start(), match.end()))


def _person_in_view(segment: Segment, match: re.Match[str], ctx: SegmentContext) -> bool:
    if _REMEDY.search(agents.clause_before(segment.prose, match.start())):
        return False  # "we found a typo in the generated config": finding it is not making it
    by = _by_person(segment, match)
    if by is not None:
        return by
    before, after = segment.prose[: match.start()], segment.prose[match.end():]
    return (_subject(segment, match, ctx) is agents.Agent.PERSON or bool(_PERSON_NEAR.search(before[-60:]))
            or bool(_PEOPLE_AFTER.match(after)))


def _judged_object(segment: Segment, match: re.Match[str], ctx: SegmentContext) -> bool:
    """"ran the wrong script", "made an incorrect assumption", "was run with incorrect arguments"."""
    clause = agents.clause_before(segment.prose, match.start())
    if _RECEIPT.search(clause) or _REMEDY.search(clause):
        return False
    after = segment.prose[match.end():]
    # "I was tired enough to restart the wrong node": the infinitive governs the object, not "was tired"
    infinitive = _INFINITIVE_BEFORE.search(clause)
    passive = None if infinitive else _PASSIVE_IN_CLAUSE.search(clause) or (
        _PASSIVE_AFTER.match(after) if _passive(segment, match) else None) or _SUBJECT_PASSIVE.match(after)
    if passive:
        by = _by_person(segment, match)
        if by is None and _STATE_BEFORE.search(clause) and _subject(segment, match, ctx, loose=False) is agents.Agent.SYSTEM:
            return False  # "the monitor is incorrectly configured": a system's present state, not an act
        return by if by is not None else _operation(passive.group("verb"))
    verb = _VERB_BEFORE.search(segment.prose, 0, match.start())  # "- typed the wrong zone": the writer's note
    return _subject(segment, match, ctx, loose=_human_verb_follows(after)) is agents.Agent.PERSON or (
        verb is not None and agents.subjectless(segment.prose, verb.start())) or agents.note_act_around(segment.prose, match.end())


_STATE_BEFORE = lazy(r"\b(?:is|are)\s+(?:still\s+|currently\s+)?$", re.I)
_INFINITIVE_BEFORE = lazy(r"\bto\s+(?!(?:the|a|an|our|my|their|his|her|its|this|that|be)\b)[a-z]+\s+$")
_VERB_BEFORE = lazy(r"\b[a-z]+(?:ed|ote|an|ut|ent|ook|ave)\s+$")


_BELIEFS = frozenset("assumed believed thought concluded decided judged estimated interpreted understood expected chose "
                     "presumed trusted told informed advised answered replied approved granted".split())


def _human_verb_follows(after: str) -> bool:
    """"Tomás wrongly assumed ...", "Ines incorrectly typed ...": a belief or a manual operation is
    a person's act, so a lone capitalised subject reads as a name ("Quorra incorrectly computed" does not)."""
    word = re.match(r"\s+([a-z]+)", after)
    return word is not None and (word.group(1) in _BELIEFS or _operation(word.group(1)))


def _operation(participle: str) -> bool:
    """A participle of something people do to software (run, applied, typed), not software's own doing."""
    return participle.lower() in lexicon.load("operations").lower_terms


def _missed(segment: Segment, match: re.Match[str], ctx: SegmentContext) -> bool:
    """"missed" judges attention only when what was missed is addressed to people and no mechanism
    explains it: "the on-call missed the page", not "the validator missed 40 blocks" or "the
    alert was missed because it went to an archived channel"."""
    prose = segment.prose
    return _passive_or_person(segment, match, ctx) and clauses.missed_a_signal(prose, match.start(), match.end()) \
        and not clauses.explained_by_mechanism(prose, match.end())


_DETECTION = lazy(r"^\s+(?:of\s+|that\s+)?(?:the\s+|this\s+|an?\s+|any\s+)?(?:full\s+)?(?:incident|issue|outage|problem|impact|scope|extent|severity|"
                  r"degradation|it|this|failure|errors?|situation|disruption)\b[^.;]*?\buntil\b", re.I)


# What the writer had built up over a span of time: "that we had over 400 dashboards across six years".
_ACCUMULATED = lazy(r"^\s+(?:that\s+)?(?:i|we)\s+had\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+|about\s+|around\s+)?"
                    r"\d[\d,]*\+?\s+(?:[\w-]+\s+){1,2}?(?:in|over|across)\s+(?:the\s+(?:last|past)\s+)?"
                    r"(?:\d+\+?|a|one|two|three|four|five|six|seven|eight|nine|ten|many|several)\s+(?:years?|months?|decades?)\b", re.I)


def _cognition(segment: Segment, match: re.Match[str], ctx: SegmentContext) -> bool:
    if clauses.nearest_subject(segment.prose, match.start()) == "you":
        return False  # "failures happen in ways you didn't anticipate": generic "you" is nobody in particular
    # "did not notice any errors": nothing was there to notice
    if _MECHANISM_GAP.search(segment.prose) or _NOTHING.match(segment.prose[match.end():]):
        return False
    # "We were not aware of the outage until a customer wrote in": time to detect, not a lapse
    # (unlike "nobody realised the mistake until Monday", where what went unseen is judged).
    if _DETECTION.match(segment.prose[match.end():]):
        return False
    if _ACCUMULATED.match(segment.prose[match.end():]):
        return False  # "I hadn't realised I had 300 posts in ten years": a reflection on scale, no signal missed
    drawn = agents.drawn_from_people(match.group())
    if drawn is not None:  # "none of the alerts caught it": the group it is drawn from must be people
        return drawn
    return _subject(segment, match, ctx) is agents.Agent.PERSON or match.group().lower().startswith(("nobody", "no ", "none")) \
        or agents.subjectless_act(segment.prose, match.start(), match.end())


_REASON_AFTER = lazy(r"^[^.;]*?\b(?:because|since|as\s+(?:planned|designed|intended|agreed|expected|usual|always|per)|"
                     r"due\s+to|by\s+design|intentionally|deliberately|on\s+purpose|so\s+that|to\s+(?:save|avoid|speed))\b", re.I)


def _passive_lapse(segment: Segment, match: re.Match[str], ctx: SegmentContext) -> bool:
    """"The runbook step was skipped", not "two runs were skipped" (a count), "the flag was ignored by
    the parser" (a system) or "the soak test was skipped because the change was docs-only" (a reason)."""
    prose = segment.prose
    verb_start = match.end() - len(match.group().split()[-1])
    if _by_person(segment, match) is False or _REASON_AFTER.match(prose[match.end():]):
        return False
    return clauses.missed_a_signal(prose, verb_start, match.end()) and not clauses.explained_by_mechanism(prose, match.end())


def _unchecked(segment: Segment, match: re.Match[str], ctx: SegmentContext) -> bool:
    """"The patch was pushed without review": unless a reason or a system agent is given."""
    clause = agents.clause_before(segment.prose, match.start())
    return _by_person(segment, match) is not False and not _REASON_AFTER.match(segment.prose[match.end():]) \
        and not _REMEDY.search(clause) and not _MITIGATING.search(clause + match.group() + segment.prose[match.end():])


# Stopping the harm fast is a trade-off, not a lapse: "the rollback was pushed without a canary".
_MITIGATING = lazy(r"\b(?:rollback|roll-back|revert\w*|hot-?fix\w*|fix|fixes|mitigation|workaround|patch\s+for)\b|"
                   r"\bto\s+(?:stop|restore|mitigate|reduce|unblock|recover|limit|contain|end)\b", re.I)


_NEEDS: dict[str, Callable[[Segment, re.Match[str], SegmentContext], bool]] = {
    "always": lambda segment, match, ctx: True,
    "": _act,
    "adverbial": _adverbial,
    "passive": _passive_or_person,
    "person": _person_in_view,
    "judged": _judged_object,
    "cognition": _cognition,
    "lapse": _passive_lapse,
    "unchecked": _unchecked,
    "attention": _missed,
    "named-act": lambda segment, match, ctx: _named_act(segment, match),
}


# A slip named as a risk to guard against is a safeguard, not a slip that happened.
_GUARDED = lazy(r"\b(?:avoid\w*|prevent\w*|risk\s+of|chance\s+of|danger\s+of|against|in\s+case\s+of|no|without|"
                      r"protect\w*|guard\w*|stop)\s+(?:(?:an?|the|any)\s+)?$", re.I)


def _named_act(segment: Segment, match: re.Match[str]) -> bool:
    return not _GUARDED.search(segment.prose[max(0, match.start() - 40):match.start()])


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    yield from lexicon_hits(
        segment, lexicon.load("accident"),
        lambda entry, match: f"'{match.group()}' frames the act as a personal slip: name the missing check "
        "or confirmation that let the action through",
        keep=lambda entry, match: asserted(segment.prose, match.start()) and not systemic(segment.prose, entry.tag, match)
        and _NEEDS[entry.tag](segment, match, ctx),
    )


RULE = Rule(
    id="BL006",
    name="accident-framing",
    category="accident-framing",
    options=(ACCEPTED_NAMES,),
    summary='A person\'s act framed as a slip: "forgot", "accidentally", "a typo by Sam".',
    rationale=(
        "Slips are constant; systems that let a slip reach production are the finding. 'Forgot' puts "
        "the control in someone's memory, which is exactly the control that failed."
    ),
    guardrail="Name the missing safeguard: 'The renewal depended on a calendar reminder; nothing "
              "alerted on the expiry date.'",
    severity=Severity.WARNING,
    detect=detect,
    gate=lexicon_gate("accident"),
    flagged=(
        Example("Unfortunately Mia forgot to renew the certificate."),
        Example("Sadly, Ottilie forgot to bump the chart version.", note="an unknown name opening its clause"),
        Example("Raj accidentally deleted the `users` table.", "Raj deleted the `users` table."),
        Example("The hostname contained a typo by Sam."),
        Example("The expiry warning was overlooked for two weeks."),
        Example("The second page was missed during the shift handover.", note="a signal for people was missed"),
        Example("The renewal date was missed by a week.", note="one definite thing, not a count"),
        Example("A fat-fingered command emptied the queue."),
        Example("A copy-paste slip by Tobiah put the sandbox key into the live config.", note="a slip with a person in view"),
        Example("The night crew wrongly assumed the quota applied per region.",
                note="a group as the agent, with a judging adverbial"),
        Example("We checked the dashboards and inadvertantly restarted the primary.",
                note="coordinated verb phrase: 'we' is the subject of the slip too; spelling variant"),
        Example("I typed the purge command into the wrong terminal.", note="a judged object of a person's act"),
        Example("By three in the morning I was tired enough to drain the wrong pool.", name="infinitive-of-a-person",
                note="the infinitive's act is the person's; 'was tired' is no passive"),
        Example("The rebuild job was launched with incorrect flags.",
                note="a passive operation with a judged argument hides the operator"),
        Example("Nobody realised the disk was filling until Tuesday.", note="negated awareness of a group"),
        Example("Nobody noticed the mistake until the weekly audit.", note="what went unseen is judged"),
        Example("None of us realised the replica was a day behind.", note="a denied group still denies attention"),
        Example("We hadn't realised we had 40,000 jobs queued.", name="unaware-of-a-live-state",
                note="a state of the system at the time, not a tally over years"),
        Example("Ilse did not notice that the flag was still on.", note="negated awareness of an unknown name"),
        Example("Our team badly misjudged how long the reindex would take.", note="a mis- verb with a group agent"),
        Example("We underestimated the size of the backfill.", note="a judged estimate, first person"),
        Example("The wrong signing key was uploaded to the release bucket.",
                note="the judged thing is the subject of a passive operation"),
        Example("Our support agent mailed the invoice batch to the wrong customer.", note="a role named by its trade"),
        Example("Our SREs mistakenly drained the healthy zone.", note="a plural role"),
        Example("An accidental push to the release branch shipped the draft notes.", note="an act noun named as a slip"),
        Example("I unadvertently removed the package while fixing the search index.", note="a misspelt slip adverb"),
        Example("We did not see that the cleanup was also removing the mail server.",
                note="not seeing a state of affairs is negated awareness"),
        Example("Tomasz wrongly assumed the quota applied per project.",
                note="a belief is a person's act: the capitalised subject reads as a name"),
        Example("At one point, by mistake, I pointed the importer at the primary.", note="the agent follows the adverbial"),
        Example("After accidentally deleting the shared volume, I restored it from the snapshot.",
                note="the subject of a gerund with a slip adverb"),
        Example("The council mistakenly posted the register to every resident.", note="an organisation acting"),
        Example("Tamsin accidentally purged the staging index.",
                note="a slip adverb on an act: a lone capitalised subject reads as a name"),
        Example("Cleanup tooling is mistakenly executed against the live shard.",
                note="a passive manual operation with a slip adverb hides the operator"),
        Example("Teodor restarted the billing database by mistake.",
                note="a trailing slip adverbial judges the act of the subject before the verb"),
        Example("The failing canary step was skipped during the Friday release.",
                note="a step people skip, in a passive that hides who skipped it"),
        Example("The schema change was merged without review.", note="an operation without a check hides the operator"),
        Example("The firewall rule was removed without a change request.", note="a change made outside the process"),
        Example("It did not occur to us to check the replica before the cutover.",
                note="negated awareness with the people as its object"),
        Example("Forgot to re-enable the sync job after the maintenance window.", note="a note with no subject"),
        Example("Proxy upgrade - was patching the TLS config but forgot the response cache.",
                note="a second predicate after a first with no subject"),
        Example("Cutover - working on the DNS records and typed the wrong zone name.",
                note="a judged object in a note with no subject"),
        Example("Missed adding the latency alert for the new region.", note="a note's gerund object is an act missed"),
        Example("While migrating the queue, forgot to pause the consumers.",
                note="a lead phrase with no subject of its own keeps the note the writer's"),
        Example("We misattributed the drop in sign-ups to the new page.", note="a reading that went wrong, said of people"),
        Example("The on-call engineer was mistaken about the failover order.", note="a person who was wrong"),
        Example("We did it wrong.", note="the people's act judged wrong"),
        Example("Not checking the replica lag before the cutover caused the data loss.", note="an act not done, as the cause"),
        Example("Ruth set the retention window to an incorrect value.", note="a person's change: the result judges it"),
        Example("Jonas accidentally dropped the staging table because of a lack of sleep.", note="no safeguard named"),
    ),
    passing=(
        Example("The audit uncovered misconfigured storage that exposed a deploy token.", name="attributive-mis-participle",
                note="a mis- participle before a noun describes the thing's state, not the subject's act"),
        Example("There was no guardrail to stop the import from being run against the wrong region.",
                name="slip-guarded-against", note="what a safeguard keeps from happening is the system framing"),
        Example("Looking back, I hadn't realized that I had over 300 recipes in 6+ years of cooking.",
                name="accumulated-over-years", note="a reflection on what the writer built up, no signal missed"),
        Example("The flag was inadvertently left enabled by the template."),
        Example("The health checker for status.example.dev is incorrectly configured to probe the old port.",
                note="a system's present state; the host name's parts are no role"),
        Example("A mix-up in the topic names routed events to staging.", note="no person in view"),
        Example("The probe missed two scrape intervals during the network partition."),
        Example("A typo in the generated hostname broke resolution for `api-eu`."),
        Example("The cache served incorrect prices for 20 minutes.", note="software as the agent"),
        Example("Quorra incorrectly computed the fee for batched transfers.",
                note="software does things incorrectly too: an unknown capital stays software"),
        Example("Customers were shown the wrong delivery dates.", note="receiving the wrong thing is not an act"),
        Example("We corrected the wrong MX record at 10:40 UTC.", note="repairing the wrong thing describes it"),
        Example("The on-call noticed the incorrect balances and paged billing.", note="seeing the wrong thing"),
        Example("We found a typo in the generated inventory file.", note="finding a typo is not making it"),
        Example("No alert was configured for the queue, so nobody noticed the backlog for an hour.",
                note="negated awareness explained by a missing mechanism"),
        Example("The scheduler was mistakenly marking failed jobs as done.", note="software's own doing"),
        Example("We were not aware of any customer impact until 09:00 UTC.", note="nothing there to be aware of"),
        Example("Queues back up in ways you don't anticipate.", note="generic 'you'"),
        Example("We were not aware of the outage until a customer wrote in at 09:40 UTC.",
                note="time to detect, not a lapse of attention"),
        Example("We asked the vendor for more oversight of the firmware rollout.", note="oversight as supervision"),
        Example("The pods restarted after inadvertently exceeding the memory limit.",
                note="an unknown subject of a gerund is not taken for a person"),
        Example("The worker crashed after accidentally reading a truncated frame.",
                note="a system as the subject of the gerund"),
        Example("We accidentally discovered the leak while profiling another service.",
                note="luck in finding something is not a slip"),
        Example("We missed our error-budget target in March.", note="an outcome, not a lapse"),
        Example("The prompt exists to avoid an accidental restart of the old stack.", note="a slip guarded against"),
        Example("We had a momentary outage of the queue at 03:00 UTC.", note="momentary is not a lapse here"),
        Example("Dozens of heartbeats were missed while the link flapped.",
                note="missed units of a protocol are an outcome, not a lapse of attention"),
        Example("The disk warning was missed because it was posted to an archived channel.",
                note="a mechanism explains the miss"),
        Example("No invoices were resent incorrectly and no card data left the vault.",
                note="a denied subject asserts nothing"),
        Example("The importer restarted the database by mistake.", note="a system before the verb"),
        Example("Forgotten passwords are reset by the helpdesk within the hour.", note="a participle, not a note"),
        Example("Overlooked areas: none found in the second review.", note="a participle before a noun, not a note"),
        Example("Missed paging alerts are retried by the dispatcher.", note="a participle before a noun, not a note"),
        Example("While migrating the queue, the worker forgot its lease.", note="the clause has a subject of its own"),
        Example("The parser misidentified the leader after the partition.", note="a system's misreading"),
        Example("The reading was mistaken for a spike in traffic.", note="a thing taken for another"),
        Example("Not having a canary meant the bad build reached every region.", note="a missing mechanism, not an act"),
        Example("Summary: the proxy was patched and the wrong zone was served by the CDN.",
                note="a subject of its own and a system agent"),
        Example("Three backup runs were skipped while the volume was detached.", note="a count of runs is an outcome"),
        Example("The lint stage was skipped because the change only touched the changelog.", note="a reason is given"),
        Example("The revert was pushed without a canary to stop the card declines.",
                note="stopping the harm fast is a trade-off"),
        Example("The retention window was changed to an incorrect value during the nightly sync.", note="a result"),
        Example("A test build was inadvertently promoted because of a lack of release gates.", note="a safeguard named"),
    ),
    tags=("blame", "accident-framing"),
)
