"""BL003 counterfactual: what someone should, could or failed to have done."""

from __future__ import annotations

import re

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.patterns import lazy
from reviewer.rules import agents, clauses, lexicon
from reviewer.rules.base import ACCEPTED_NAMES, Example, SegmentContext
from reviewer.rules.wordlist import word_list_rule

# Deontic passives of people's acts hide a person even when the subject is a thing: "this
# should have been caught in review". "It could have been noticed earlier" says what was possible.
_DEONTIC = lazy(r"^(?:should|shouldn|ought)", re.I)
# "you would have had to enable the option": a requirement, not a judgement.
_REQUIREMENT = lazy(r"^\s+(?:had|needed)\s+to\b", re.I)
_CONTRACTED = lazy(r"(?:we|they|he|she|i|you)['’]d\b", re.I)
_HUMAN_PASSIVE = lazy(
    r"^\s+been\s+(?:caught|noticed|spotted|checked|reviewed|tested|verified|escalated|flagged|"
    r"rolled\s+back|reverted|seen|questioned|followed|read|double-checked|communicated|raised|avoided|prevented|"
    r"stopped|handled|tested|spotted|flagged|detected)\b",
    re.I,
)


def _blames(segment: Segment, ctx: SegmentContext, entry: lexicon.Entry, match: re.Match[str]) -> bool:
    """A judgement of a person's or team's act: agent + counterfactual + act."""
    prose = segment.prose
    if entry.tag == "indifference":  # "the client didn't bother to retry": software has no indifference
        return not _a_thing_minds(prose, match.start(), ctx)
    if entry.tag == "always":
        return _inverted_subject_is_person(match.group())
    if _no_act_judged(prose, entry, match):
        return False
    if _AVOIDED_PATH.search(prose[: match.start()]):
        return False  # "..., otherwise we would have had to rebuild from tape": the path not needed, no lapse
    after = prose[match.end():]
    if entry.tag == "perfect" and not _DEONTIC.match(match.group()) and (
            _SPARED_BY.match(after) or _SPARED_BEFORE.search(prose, 0, match.start())):
        return False  # "we would have lost more data without the WAL archive": a safeguard credited, no act judged
    if entry.tag == "perfect":
        # "should have at least one item per type" is about having, not a past act.
        if not clauses.act_participle_follows(prose, match.end()) or _REQUIREMENT.match(after):
            return False
        if not _DEONTIC.match(match.group()) and clauses.state_been_follows(prose, match.end()):
            return False  # "we would have been one bug away from ...": a state the writer was spared, no act
        if _DEONTIC.match(match.group()) and (_HUMAN_PASSIVE.match(after) or _operation_passive(after)):
            return True  # "this should have been caught in review", "... should not have been merged"
        if _NO_SUBJECT.search(prose[: match.start()]):
            return True  # a note with no subject is the writer's own: "- should have staged it first"
        if _STEP_GERUND.match(prose[: match.start()]) and _step_gerund(prose[: match.start()]):
            return True  # "Testing the patch on a copy would have caught it": a step people skipped
        if _CONTRACTED.match(match.group()):
            return True  # "we'd have": the person is in the match
    if entry.term.endswith("supposed to") and _PASSIVE_STATE.match(after) and not _HUMAN_PASSIVE.match(after.replace(" be ", " been ", 1)):
        return False  # "the monitors were supposed to be paused": a thing's expected state, not an act
    if entry.tag == "mind":
        # Only people think, choose or bother: any subject that is not a thing or a system
        # ("the user didn't think to scroll down", "the vendor chose not to")
        near = clauses.nearest_subject(prose, match.start())
        return near is not None and near not in _THINGS and \
            agents.subject_of(prose, match.start(), ctx.accepted_names) is not agents.Agent.SYSTEM
    if entry.tag == "patient":
        word = _NEXT.match(after)
        return word is not None and word.group(1).lower() not in _SYSTEM_VERBS and _patient_acts(prose, match.start(), ctx)
    if entry.tag == "perfect" and _DEONTIC.match(match.group()) and agents.organisation_subject(prose, match.start()):
        # "the council should have told the tenants": a step only people take, by an organisation
        word = _PARTICIPLE.match(after)
        return word is not None and _base_in_steps(word.group(1).lower())
    if entry.term in _OMISSIONS and agents.organisation_subject(prose, match.start()):
        # "the force failed to take up the earlier reports": an organisation's step is its people's,
        # but not a step software takes ("the bank failed to process the batch")
        word = _NEXT.match(after)
        return word is not None and word.group(1).lower() not in _SYSTEM_VERBS
    return clauses.subject_is_person(prose, match.start(), ctx.accepted_names, loose_initial=_human_step(entry, after))


# "Ideally any one of the admins could have renewed it": ability wished for any member of a group is a
# capability (who may take the step), not one person's act measured against the outcome ("any of us
# could have caught it", with no ideal named, still judges the team).
_ANY_MEMBER = lazy(r"\b(?:ideally|in\s+an\s+ideal\s+[\w-]+)\b,?\s+(?:any\s*one|any|either|each)\s+(?:member\s+)?of\s+(?:us|them|you|(?:the|our|their|its|my|your)\s+"
                   r"(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+$", re.I)
# "We chose not to fail over and instead drained the region": a decision the writer tells with the path
# taken, not an omission judged.
_WRITER_CHOICE = lazy(r"(?:^|[,;:(]\s*|\b(?:and|so|then|but)\s+)(?:we|i)\s+(?:\w+ly\s+)?$", re.I)
_PATH_TAKEN = lazy(r"[^.;!?]*?\b(?:instead|rather\s+than|rather)\b", re.I)


def _no_act_judged(prose: str, entry: lexicon.Entry, match: re.Match[str]) -> bool:
    """A capability of any member of a group, or the writer's own choice told with the path taken."""
    term = entry.term.lower()
    if term in ("could have", "could've"):
        return bool(_ANY_MEMBER.search(prose, max(0, match.start() - 80), match.start()))
    if term == "chose not to":
        return bool(_WRITER_CHOICE.search(prose, max(0, match.start() - 40), match.start())) \
            and bool(_PATH_TAKEN.match(prose, match.end()))
    return False


_PASSIVE_END = lazy(r"\b(?:was|were|been|being|is|are|got|get)\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\s+$", re.I)
_PATIENT_END = lazy(rf"(?:{agents.ORGANISATION}|(?:[A-Z][\w'’&.-]*\s+){{0,6}}(?i:{agents.ORGANISATION_BODIES}|police)s?)\s+$", re.I)


def _patient_acts(prose: str, start: int, ctx: SegmentContext) -> bool:
    """Who undergoes the judgement before "for failing to" at `start` is a person or an organisation: the
    passive's subject ("Sam was criticised | for failing to"), else the object before it ("fined the
    council | for failing to")."""
    head = prose[:start]
    passive = _PASSIVE_END.search(head)
    if passive is not None:
        return clauses.subject_is_person(prose, passive.start(), ctx.accepted_names) \
            or agents.organisation_subject(prose, passive.start())
    if _PATIENT_END.search(head):
        return True
    words = head.split()
    return any(agents.person_at(head, len(head) - len(" ".join(words[-n:])) - 1, len(head), loose_initial=True)
               for n in (1, 2) if len(words) > n)


def _a_thing_minds(prose: str, start: int, ctx: SegmentContext) -> bool:
    """The clause's subject is a thing or a system (a subjectless note is the writer's own)."""
    near = clauses.nearest_subject(prose, start)
    return near is not None and (near in _THINGS or
                                 agents.subject_of(prose, start, ctx.accepted_names) is agents.Agent.SYSTEM)


_INVERTED = lazy(r"^\W*had\s+(?P<the>the\s+)?(?P<who>[\w'’-]+)", re.I)


def _inverted_subject_is_person(matched: str) -> bool:
    """"Had we checked ...", "Had the on-call paged ...", "Had Dana waited ...": an inverted condition
    blames only when its subject is a person; "Had the alert fired ..." is a counterfactual about a thing,
    and an unknown capital there is a product as often as a person."""
    inverted = _INVERTED.match(matched)
    if inverted is None:
        return True
    who = inverted.group("who")
    if inverted.group("the"):
        return agents.is_role_word(who.lower())
    return who.lower() in ("i", "we", "they", "he", "she", "you", "someone", "anyone") or who.lower() in agents.names()


# The counterfactual names what would have happened had a step that was taken not been: the
# writer describes the work they were spared ("failing that, we would have ...").
_AVOIDED_PATH = lazy(r"\b(?:otherwise|or\s+else|failing\s+that|else)\s*,?\s*(?:[\w'’-]+\s+){0,2}$", re.I)


# The counterfactual imagines a safeguard away: "... would have lost a day's writes without the archive".
_SPARED_BY = lazy(r"^[^.;:!?]*?\b(?:without|but\s+for|if\s+not\s+for|were\s+it\s+not\s+for|"
                  r"had\s+it\s+not\s+been\s+for)\s+(?:the|our|a|an|its|this|that)\b", re.I)


_SPARED_BEFORE = lazy(r"^\W*(?:without|but\s+for|if\s+not\s+for|were\s+it\s+not\s+for|had\s+it\s+not\s+been\s+for)"
                      r"\s+(?:the|our|a|an|its|this|that)\b[^.;:!?]*$", re.I)


_OMISSIONS = frozenset({"failed to", "neglected to", "did not follow", "didn't follow"})
_SYSTEM_VERBS = agents.SYSTEM_VERBS


_PASSIVE_STATE = lazy(r"^\s+be\s+(?:\w+ly\s+)?\w+(?:ed|en|un|wn|ut)\b", re.I)
_THINGS = frozenset("it this that these those there which what something nothing".split())


_NEXT = lazy(r"\s*([a-z-]+)", re.I)


def _human_step(entry: lexicon.Entry, after: str) -> bool:
    """"failed to follow", "chose not to escalate": a step only people take, so a lone capitalised
    subject at the sentence start reads as a name ("Noor failed to follow ..."), unlike "Corvid
    failed to sync"."""
    if entry.tag == "perfect":  # "Zhang should have checked": the participle of a step only people take
        word = _PARTICIPLE.match(after)
        return word is not None and _base_in_steps(word.group(1).lower())
    if entry.tag or not entry.term.endswith(" to"):
        return entry.term.startswith(("chose", "did not follow", "didn't follow"))
    word = _NEXT.match(after)
    return word is not None and word.group(1).lower() in _PEOPLE_STEPS()


_PARTICIPLE = lazy(r"\s+(?:\w+ly\s+)?([a-z]+)", re.I)
_IRREGULAR_STEPS = frozenset("known seen read told run sent asked thought".split())


def _base_in_steps(participle: str) -> bool:
    if participle in _IRREGULAR_STEPS:
        return True
    stems = {participle[:-2], participle[:-1], participle[:-3] if participle.endswith("ied") else "",
             participle[:-3] + "y" if participle.endswith("ied") else ""}
    stems |= {s[:-1] for s in stems if len(s) > 2 and s[-1:] == s[-2:-1]}  # "planned" -> "plan"
    return not stems.isdisjoint(_PEOPLE_STEPS())


def _PEOPLE_STEPS() -> frozenset[str]:  # noqa: N802 - a lazily loaded constant
    return lexicon.load("steps").lower_terms | frozenset(
        "notice realise realize remember consider anticipate recognise recognize".split())


_BY = lazy(r"[^.;,]*?\bby\s+(?:the\s+|a\s+|an\s+|our\s+|its\s+)?([\w@-]+(?:\s+[\w-]+)?)", re.I)
_BEEN = lazy(r"^\s+been\s+(\w+)", re.I)
# The modal opens its clause: nothing but list/heading marks, a dash or a colon before it.
_NO_SUBJECT = lazy(r"(?:^|[:;]|\s[-–—]|^\s*[-*+]|^\s*\d+[.)])\s*(?:\w+ly\s+)?$")
# A clause whose subject is a gerund phrase: "Consulting the vendor before patching would have ...".
_STEP_GERUND = lazy(r"^\W*([A-Za-z]+ing)\b[^,;:]*$")


def _operation_passive(after: str) -> bool:
    """"should not have been removed": the participle is an operation people perform."""
    been = _BEEN.match(after)
    if been is None or been.group(1).lower() not in lexicon.load("operations").lower_terms:
        return False
    by = _BY.match(after, been.end())
    return by is None or agents.person_at(after, by.start(1), by.end(1))


def _step_gerund(head: str) -> bool:
    """The gerund subject names a step people take (testing, consulting, reading, asking)."""
    gerund = _STEP_GERUND.match(head)
    if gerund is None:
        return False
    word = gerund.group(1).lower()
    stems = {word[:-3], word[:-3] + "e", word[:-4] if word[-4:-3] == word[-5:-4] else word[:-3]}
    return not stems.isdisjoint(_PEOPLE_STEPS())


RULE = word_list_rule(
    lexicon="counterfactual",
    message="Counterfactual '{match}' judges a past decision by its outcome: say what the person knew and "
            "what the process did not check",
    keep=_blames,
    id="BL003",
    name="counterfactual",
    category="counterfactual",
    options=(ACCEPTED_NAMES,),
    summary='Counterfactuals such as "should have", "failed to" or "if only" about a person.',
    rationale=(
        "A counterfactual describes a world that did not happen and measures people against it. It "
        "tells the reader nothing about why the actual decision made sense at the time."
    ),
    guardrail="Describe the decision point: 'The runbook did not list the canary check, and the "
              "dashboard showed green at 14:01 UTC.'",
    severity=Severity.WARNING,
    flagged=(
        Example("Had Dana waited for the canary, the bad build would have stayed in one region.",
                name="inverted-condition-name"),
        Example("Maria should have checked the canary before promoting v2.3.1."),
        Example("The on-call engineer failed to follow the runbook."),
        Example("Odalie should have checked the replica lag before the cutover.",
                note="a step only people take after the modal: the capitalised subject reads as a name"),
        Example("The reader didn't think to scroll past the first section of the guide.",
                note="only people think: any subject that is not a thing"),
        Example("During March we failed repeatedly to answer reports within the agreed week.",
                note="a repeated failure"),
        Example("The incident was not run as well as it could have been.", note="measured against an ideal"),
        Example("Sharing one admin key violates our existing access policy.", note="an act judged against a standard"),
        Example("Wren failed to escalate the second page.",
                note="a step only people take: a lone capitalised subject reads as a name"),
        Example("This should have been caught in code review."),
        Example("We could have been quicker to page the storage team.", name="comparative-been",
                note="a comparative after 'been' still grades the team's conduct"),
        Example("If only we had looked at the dashboard earlier."),
        Example("Nobody bothered to look, and the reviewer didn't bother to run the tests."),
        Example("We'd have caught it with one more look at the diff.", name="contracted-would-have"),
        Example("The rebuild would have held if I had split the migration in two.", name="first-person-singular-condition",
                note="'I' is a person like 'we' in the condition"),
        Example("We never got around to testing the restore path.", name="intended-step-left-undone"),
        Example("We rolled back later than we should have.", name="elided-verb"),
        Example("The outage was avoidable had we staged the change first.", name="inverted-condition"),
        Example("The plugin should not have been removed while two wikis still loaded it.",
                name="deontic-passive-operation"),
        Example("Upgrade notes - should have drained one host first and waited.", name="subjectless-note"),
        Example("Asking the library's author before patching would have saved a day.", name="step-as-gerund"),
        Example("During the audit we (the registry team) failed to answer two reports in time.",
                name="parenthetical-after-we"),
        Example("We should never have rotated both keys on the same day.", name="should-never-have"),
        Example("We could have paused the import at 09:10, but we didn't.", name="elided-act-not-done"),
        Example("We meant to drain the node first but didn't.", name="elided-with-the-subject-said-once"),
        Example("The council failed to act on three earlier reports of the fault.", name="organisation-failed-to",
                note="an organisation acts through its people"),
        Example("The school should have told the parents within a week.", name="organisation-should-have",
                note="a step only people take, owed by an organisation"),
        Example("The council was criticised for failing to reply to access requests.", name="criticised-for-failing-to",
                note="an absent act as the grounds for judging whoever undergoes it"),
        Example("We blamed the on-call engineer for failing to escalate.", name="blamed-role-for-failing-to"),
        Example("Any of us could have caught the stale flag in review.", name="any-member-no-ideal",
                note="with no ideal named, what any of the team could have done still judges the team"),
        Example("The on-call chose not to escalate and instead kept debugging alone.", name="someone-elses-choice",
                note="a path taken told of another person's omission is still judged"),
    ),
    passing=(
        Example("The client library didn't bother to retry after the first timeout.", name="software-indifference",
                note="only people can be indifferent: a system's subject imputes nothing"),
        Example("We would have lost a day of writes without the WAL archive.", name="safeguard-credited",
                note="the counterfactual imagines a safeguard away: nobody's act is judged"),
        Example("Had the disk alert fired, the queue would not have filled.", name="inverted-condition-thing",
                note="an inverted condition about a thing judges no one"),
        Example("The deploy failed to start on 3 of 40 hosts."),
        Example("Corvid should have synced the chain within a minute.", note="not a step people take"),
        Example("Corvid failed to sync the chain after the fork.",
                note="an unknown capitalised word opening the sentence is software until shown otherwise"),
        Example("The retry should have backed off, but the client ignored the Retry-After header."),
        Example("The alert should fire within 5 minutes of the error budget burning."),
        Example("The quota change would have stopped the flood of retries.", name="no-person-in-it"),
        Example("The replica caught up in time; otherwise we would have restored from last night's snapshot.",
                name="the-path-not-needed"),
        Example("Support found a local export of the list, or else we would have contacted every customer.",
                name="or-else-path"),
        Example("Sharding the table would have spread the write load.", name="a-design-as-gerund"),
        Example("The parser chose not to retry on a 429, which is the documented behaviour.", name="software-chooses"),
        Example("We restored service as quickly as we could.", name="no-ideal-missed"),
        Example("The synthetic checks were supposed to be paused during the window.", name="expected-state"),
        Example("The cron entry should have been removed by the cleanup job.", name="operation-by-a-system"),
        Example("Each review should have at least one reviewer from the owning team.", name="have-as-possession"),
        Example("To hit the bug you would have had to enable the beta exporter.", name="requirement"),
        Example("The restore took longer than we would have liked.", name="wanting-is-not-acting"),
        Example("If I had more spare disks, I would keep a warm standby.", name="first-person-having",
                note="'had' + a noun phrase is having, not an act"),
        Example("If I had to pick one lesson, it would be to rehearse the restore.", name="had-to-is-obligation",
                note="'had to' is an obligation or a supposition, not a past act"),
        Example("For months I had been meaning to move the blog to a smaller host, and last week I did.",
                name="intention-carried-out", note="'been meaning to' alone does not say the step was left undone"),
        Example("With a wider probe the gap could have been spotted sooner.", name="possibility-passive"),
        Example("We never got the page (maybe we should have?)", name="hedged-ellipsis"),
        Example("Rows would be skipped if only the index is rebuilt.", name="if-only-as-condition"),
        Example("The bank failed to process the overnight batch.", name="organisation-system-verb",
                note="a step software takes names the organisation's systems"),
        Example("The bank should have processed the batch before midnight.", name="organisation-should-have-system-step",
                note="what an organisation's software should have done is no person's step"),
        Example("The job was flagged for failing to start.", name="thing-flagged-for-failing-to",
                note="what undergoes it is a thing"),
        Example("We replaced the disk for failing to respond to health checks.", name="replaced-for-failing-to"),
        Example("We expected the pods to restart, but they didn't.", name="elided-about-things"),
        Example("The pods were meant to restart but didn't.", name="elided-subject-a-thing"),
        Example("Harbor Cloud failed to renew the intermediate certificate overnight.",
                note="capitals after an unknown opening capital are one product or organisation name"),
        Example("Without the flag we would have been one bad push away from losing the ledger.",
                name="spared-state", note="'been' as a copula: a state the team was spared, no act"),
        Example("We would have been offline for a day on the old mirrors.", name="spared-state-offline"),
        Example("We added a lag alert on the replica, which we believe would have caught the drift sooner.",
                name="relative-with-opinion-aside", note="'which' (the alert) is the subject; 'we believe' is an aside"),
        Example("In an ideal setup any one of the admins could have renewed the domain, but the registrar allows "
                "only the account holder.", name="wished-capability",
                note="ability wished for any member of a group is a capability, not an act measured"),
        Example("We chose not to restore the whole volume and instead copied the missing rows back by hand.",
                name="writer-choice-with-path-taken", note="the writer's own decision told with the path taken"),
    ),
    tags=("blame", "counterfactual"),
)
