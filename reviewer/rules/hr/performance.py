"""HR001 performance-management: HR consequences written into a postmortem."""

from __future__ import annotations

import re

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.patterns import lazy
from reviewer.rules import agents, clauses, lexicon
from reviewer.rules.base import ACCEPTED_NAMES, Example, SegmentContext
from reviewer.rules.wordlist import word_list_rule

# The recipient follows the consequence's own verb phrase ("a warning was issued to Dana", "gave a final
# warning to the engineer"), not a later phrase ("a reprimand against the trust, for failing ...").
_RECIPIENT = lazy(r"\s+(?:(?:was|were|has|had|have|been|is|are|be|being|will|then|later|formally|also|given|sent|handed|"
                  r"[a-z]+ed)\s+)*(?:to|for)\s")
_BE_BEFORE = lazy(r"\b(?:was|were|be|been|being|got|get|gets|is|are|will)\s+(?:\w+\s+)?$", re.I)


def _about_person(segment: Segment, ctx: SegmentContext, entry: lexicon.Entry, match: re.Match[str]) -> bool:
    """Discipline is HR language only when a person undergoes it: 'Dana was let go', 'they fired
    the engineer'; not 'the instances were terminated' or 'we suspended use of the data'."""
    prose = segment.prose
    if entry.tag == "dismissal":  # a noun: "the termination of the contractor", "her termination"
        if _WHEN_BEFORE.search(prose, 0, match.start()):
            return False  # "kept access past his termination": when someone left, told as a fact of the incident
        of = _OF.match(prose, match.end())
        return bool(_POSSESSIVE.search(prose[: match.start()])) or bool(of and clauses.object_is_person(
            prose, of.end() - 1))
    if entry.tag == "sanction":  # a verb: its patient must be a person
        if _BE_BEFORE.search(prose[: match.start()]):
            return clauses.subject_is_person(prose, match.start(), ctx.accepted_names)
        return clauses.object_is_person(prose, match.end())
    if entry.tag == "person":
        return clauses.subject_is_person(prose, match.start(), ctx.accepted_names)
    if entry.tag == "permission":  # "Dana is not allowed to deploy", not "their help desk is not allowed to share it"
        return clauses.subject_is_person(prose, match.start(), ctx.accepted_names) and (
            _one_person(prose, match.start()) or bool(_IMPOSED.search(prose)))
    if entry.tag == "received":  # "the engineer got a written warning", "a warning was issued to Dana"
        recipient = _RECIPIENT.match(prose, match.end())
        return clauses.subject_is_person(prose, match.start(), ctx.accepted_names) or bool(
            recipient and clauses.object_is_person(prose, recipient.end() - 1))
    if entry.tag == "personal":  # "Dana's performance issues", not "a performance issue in the procedure"
        about = _ABOUT.match(prose, match.end())
        had = _HAS_BEFORE.search(prose[: match.start()])  # "Dana has had performance issues": the subject's own
        return bool(_POSSESSIVE.search(prose[: match.start()])) or bool(had and clauses.subject_is_person(
            prose, had.start(), ctx.accepted_names)) or bool(about and clauses.object_is_person(prose, about.end() - 1))
    if entry.tag == "review":  # "in her performance review", not "a performance review of the query planner"
        of = _OF.match(prose, match.end())
        return of is None or clauses.object_is_person(prose, of.end() - 1)
    return True


# A permission denied is a sanction when it lands on one person ("Dana is not allowed to deploy", "he will
# not be permitted to ...") or is imposed ("... until further notice", "anymore", "for two weeks"); a role,
# a group or an organisation not allowed to do something ("they are not allowed to give out contact
# details", "contractors are not permitted to ...") is a standing rule, policy.
_IMPOSED = lazy(r"\b(?:any\s?more|again|from\s+now\s+on|until\s+further\s+notice|going\s+forward|pending|"
                r"for\s+(?:the\s+next\s+)?(?:\w+\s+)?(?:days?|weeks?|months?))\b", re.I)
_AUXILIARIES = frozenset("is are was were will would shall should be been being has have had do does did am "
                         "now still also then currently".split())
_ONE_PERSON = frozenset("he she i".split())
_SUBJECT_WORD = lazy(r"@?[\w'’-]+")


def _one_person(prose: str, start: int) -> bool:
    """The subject right before the denied permission is one person: a pronoun he/she/I, a name, a handle."""
    clause = agents.clause_before(prose, start)
    offset = start - len(clause)
    words = [w for w in _SUBJECT_WORD.finditer(clause) if w.group().lower() not in _AUXILIARIES]
    if not words:
        return False
    head = words[-1]
    low = head.group().lower()
    if low in _ONE_PERSON or low.startswith("@"):
        return True
    if agents.is_role_word(low):
        return False  # "contractors", "the on-call": a role, whoever holds it
    if len(words) == 1:  # the clause's whole subject: a name if a known one, or after a lead-in ("After that, Marek")
        return agents.person_at(prose, offset + head.start(), offset + head.end())
    return agents.is_name([w.group() for w in words], len(words) - 1)


# A departure used as a point in time: "after her termination", "past his termination date".
_WHEN_BEFORE = lazy(r"\b(?:after|past|before|following|since|until|prior\s+to|upon|at\s+the\s+time\s+of)\s+"
                    r"(?:his|her|their|the|a|an|[A-ZÀ-ÖØ-ÞŁ][a-z]+['’]s)\s+(?:\w+\s+)?$", re.I)
_OF = lazy(r"\s+of\s")
_HAS_BEFORE = lazy(r"\b(?:has|have|had|having|shows?|showed)\s+(?:had\s+|been\s+having\s+)?(?:\w+\s+)?$", re.I)
_ABOUT = lazy(r"\s+(?:with|about|regarding|of|from)\s")
# The pronouns in any case ("Her termination ..." opens a sentence); a name's possessive needs its capital.
_POSSESSIVE = lazy(r"(?:\b(?i:his|her|their|your|my)|[A-ZÀ-ÖØ-ÞŁ][a-z]+['’]s)\s+(?:\w+\s+)?$")


RULE = word_list_rule(
    lexicon="hr",
    message="Performance-management language '{match}': handle consequences outside the postmortem, "
            "which is an engineering artifact",
    keep=_about_person,
    id="HR001",
    name="performance-management",
    category="hr",
    options=(ACCEPTED_NAMES,),
    summary="Disciplinary action, warnings, PIPs or dismissals in a postmortem.",
    rationale=(
        "Mixing causal analysis with performance management makes every question a cross-examination, "
        "and honesty is the first thing to go. Gross negligence is real; handle it outside the postmortem."
    ),
    guardrail="Remove the sentence from the postmortem; record the guardrail that makes the action safe.",
    severity=Severity.ERROR,
    flagged=(
        Example("Tom has been put on a performance improvement plan."),
        Example("The engineer received a written warning."),
        Example("Dana was let go after the incident."),
        Example("Marek was placed on a PIP after the outage.", name="pip-in-capitals"),
        Example("The outage will come up in his performance review.", name="his-performance-review"),
        Example("The release manager was suspended pending review.", name="role-suspended"),
        Example("Her termination followed the second outage.", name="possessive-opens-the-sentence"),
        Example("Priya's performance issues were raised after the outage.", name="a-persons-performance-issues"),
        Example("The on-call engineer has had performance problems all quarter.", name="a-role-has-performance-problems"),
        Example("The support engineer was dismissed after sharing the tenant list.", name="role-dismissed"),
        Example("The termination of the contractor was announced the next day.", name="termination-of-a-person"),
        Example("Since the outage, Jonas has not been allowed to deploy.", name="a-named-person-not-allowed"),
        Example("The release manager is not permitted to approve releases until further notice.",
                name="a-permission-withdrawn-until-further-notice"),
    ),
    passing=(
        Example("The former contractor kept VPN access for a week after his termination.", name="departure-as-a-time",
                note="when someone left, told as a fact of the incident, is no consequence handed out"),
        Example("The latency alert fired at 14:02 UTC."),
        Example("The registrar's support line is not allowed to disclose who holds a domain.",
                name="a-third-partys-disclosure-policy", note="a standing rule about what a role may do is policy, not a sanction"),
        Example("Contractors are not permitted to push to the production branch.", name="a-roles-standing-rule"),
        Example("The worker process was terminated by the OOM killer."),
        Example("We let go of the lock after 30 s."),
        Example("The duplicate page was dismissed by the router after 30 s.", name="a-page-dismissed"),
        Example("We dismissed the low-disk warning because the volume was being resized.", name="warning-dismissed"),
        Example("The autoscaler terminated four idle instances at 02:10 UTC.", name="instances-terminated"),
        Example("Two spot nodes were terminated by the cloud provider.", name="nodes-were-terminated"),
        Example("We suspended the nightly export until the schema was fixed.", name="suspended-a-job"),
        Example("The runner image shipped an old pip, so `pip install` pulled a broken wheel.", name="pip-the-tool"),
        Example("A performance review of the search cluster found two hot shards.", name="review-of-a-system"),
        Example("We will retrain the spam classifier on the corrected labels.", name="retrain-a-model"),
        Example("Stepping through the stored procedure, we found a performance issue in its join on the "
                "remote table.", name="performance-issue-in-code"),
        Example("The search API had performance problems after the index grew.", name="a-system-has-performance-problems"),
        Example("**Job Termination Page:** we added a page that stops runaway workers.", name="job-termination-page",
                note="a noun names a dismissal only with a person as its patient ('of Dana', 'her'); 'job "
                     "termination' and a 'Termination Page' are about processes"),
    ),
    tags=("hr",),
)
