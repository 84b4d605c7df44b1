"""BL004 hindsight: claims that the outcome was knowable in the moment."""

from __future__ import annotations

import re

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.patterns import lazy
from reviewer.rules import agents, clauses, lexicon
from reviewer.rules.base import ACCEPTED_NAMES, Example, SegmentContext
from reviewer.rules.wordlist import word_list_rule

# Hindsight is blame only when it lands on a person's or team's act (the brief's structural signal:
# agent + act + judgement). Self-evidence markers (obviously, of course, it was clear, predictably,
# in hindsight) about a thing's behaviour, a design or evidence describe; see `_judges_people`.
# Observation: what a log, graph, trace or output showed or contained.
_EVIDENCE = lazy(r"\b(?:show(?:s|ed|n)?|indicat\w+|reveal\w*|point(?:s|ed)\s+(?:to|at)|confirm\w*|"
                       r"log(?:s|ged)?|graphs?|dashboards?|traces?|metrics?|output|stack\s+trace|"
                       r"(?:error|log|status)\s+messages?|contained)\b",
                       re.I)
# "of course it does", "naturally, this meant the queue filled": a thing's behaviour, not a judgement.
_THING_FOLLOWS = lazy(r"^\W*(?:it|this|these|those|there)\s+(?!should|would|could|must|ought)\w+", re.I)
# Harm the marker calls knowable: "predictably, the backfill saturated the gateway".
_FAILURE = lazy(
    r"\b(?:fail(?:ed|s|ure|ures|ing)?|broke|broken|break(?:s|ing)?|went\s+wrong|(?:did\s+not|didn['’]t)\s+work|saturat\w+|"
    r"crash(?:ed|es)?|overload(?:ed)?|exhaust(?:ed)?|knees|went\s+down|(?:took|brought|knocked)\s+(?:[\w-]+\s+){0,3}?down|timed?\s*out|"
    r"fell\s+over|starv\w+|stall\w*|outage|incident|mistake|(?:human|operator|user)\s+error|risk(?:y|s)?|"
    r"danger(?:ous)?|unsafe|missing|wrong|expos(?:ed|ure)|leak\w*|breach\w*|vulnerab\w+|corrupt\w*|lost|loss|"
    r"stale|degrad\w+|errors|5\d\d|unavailable|down\s+for|melt\w*|pil(?:ed|ing)\s+up|backlog|blocked|stuck|"
    r"deadlock\w*|oom|evict\w*|throttl\w+|flood\w*|spik\w+|surg\w+|expired?|collaps\w+)\b", re.I)
# A standard of knowability: "anyone who has run X knows", "surely everyone understood".
_STANDARD = lazy(r"\b(?:anyone|everyone|anybody|everybody)\b(?:\s+[\w'’-]+){0,8}?\s+(?:knows?|knew|known|understood|"
                       r"understands?|saw|sees?|seen|realis\w+|realiz\w+|expected|expects?|predicted)\b", re.I)
_BY_AGENT = lazy(r"\bby\s+(?:the|our|its|their|an?)\s+((?:[\w-]+\s+){0,3}[\w-]+)", re.I)
_REQUIREMENT = lazy(r"\b(?:had|has|have|needed|needs|need)\s+to\s+be\b|\bhad\s+to\b", re.I)
# Ordinary mechanics named as such: "a textbook case of a thundering herd", "the obvious fix was".
_MECHANICS = lazy(r"\b(?:textbook\s+(?:case|example)|obvious\s+(?:fix|next\s+step|remedy|choice|candidate))\b|"
                        r"\b(?:everyone|everybody|all\s+of\s+us)\b(?:\s+\w+){0,3}?\s+(?:was|were)\s+\w+ed\b", re.I)
_DUTY = lazy(r"\b(?:should|ought|needed|must|had\s+to|required)\b", re.I)
_INTENT = lazy(r"^\W*(?:we|i|the\s+team)\s+(?:\w+\s+)?(?:want|need|hope|plan|intend|aim|wish|would\s+like)\b",
                     re.I)
_CONTRAST = lazy(r"[,;]\s*(?:yet|but|and\s+still|still|nevertheless)\b", re.I)
_NOBODY = lazy(r"\b(?:nobody|no\s+one|none\s+of\s+(?:us|them|the\s+\w+))\b", re.I)
_MODAL_PERFECT = lazy(r"\b(?:should|could|would|ought\s+to)(?:\s+not|n['’]t)?\s+have\b|\b(?:should|could|would)['’]ve\b|"
                            r"\b(?:we|they|he|she|i|you)['’]d\s+have\b", re.I)
_DEONTIC_PASSIVE = lazy(r"^\s+been\s+(?:\w+ly\s+)?(?:caught|noticed|spotted|checked|reviewed|tested|verified|seen|"
                              r"known|expected|anticipated|foreseen|flagged|escalated|handled|prevented|avoided)\b", re.I)
# "should have been obvious / an obvious red flag": a duty to have known, whoever it falls on.
_DUTY_TO_KNOW = lazy(r"\b(?:should|ought\s+to)(?:\s+not|n['’]t)?\s+have\s+been\s+(?:\w+\s+){0,2}?"
                           r"(?:obvious|clear|apparent|evident|noticed|spotted|caught|seen|known|expected|anticipated)\b", re.I)
_OMISSION = lazy(r"\b(?:missed|ignored|overlooked|forgot|forgotten|skipped|neglected|disregarded)\b"
                       r"(?!\s+by\s+(?:the|an?|our|its)\b)", re.I)
_PASSIVE_BEFORE = lazy(r"\b(?:was|were|be|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.I, prefilter=True)
_NEGATED = lazy(r"\b(?:did\s+not|didn['’]t|never|was\s+not|wasn['’]t|were\s+not|weren['’]t)\b", re.I)


def _judges_a_lapse(prose: str, ctx: SegmentContext) -> bool:
    """Does the sentence judge a person's or team's act? Hindsight is blame only then.

    Yes: nobody/no one did it; a person's modal perfect ("we should have seen"), or a deontic
    passive that hides one ("should have been caught"); an omission verb with a person subject or
    in a passive ("the warning was ignored"); a person's negated act. A thing's behaviour, a
    design's counterfactual ("a canary would have caught this") or a requirement ("the nodes had
    to be restarted") is description."""
    accepted = ctx.accepted_names
    if _NOBODY.search(prose) or _STANDARD.search(prose) or _DUTY_TO_KNOW.search(prose):
        return True
    for m in _MODAL_PERFECT.finditer(prose):
        after = prose[m.end():]
        if (_DEONTIC_PASSIVE.match(after) and m.group().lower().startswith(("should", "ought"))) or \
                (clauses.act_participle_follows(prose, m.end()) and clauses.subject_is_person(prose, m.start(), accepted)):
            return True
    for m in _OMISSION.finditer(prose):
        if _PASSIVE_BEFORE.search(prose[: m.start()]) or clauses.subject_is_person(prose, m.start(), accepted):
            return True
    return any(clauses.subject_is_person(prose, m.start(), accepted) for m in _NEGATED.finditer(prose))


# "It was clear / it became obvious / it's evident": the impersonal report of a realisation.
_REALISED = lazy(r"\bit(?:\s+(?:was|is|became|had\s+become|seemed)|['’]s)\s+(?:\w+\s+){0,2}?"
                 r"(?:clear|obvious|evident|apparent)\b", re.I)
# A realisation told as a moment: "once / when / as soon as / by the time it was clear".
_MOMENT_BEFORE = lazy(r"\b(?:once|when|whenever|after|until|till|as\s+soon\s+as|by\s+the\s+time|the\s+moment|"
                      r"the\s+minute)\s+$", re.I)
# Knowability claimed from after the fact or before it: "in retrospect", "all along", "from the start".
_RETROSPECT = lazy(r"\b(?:in|with)\s+(?:hindsight|retrospect)\b|\blooking\s+back\b|\ball\s+along\b|"
                   r"\bfrom\s+the\s+(?:start|outset|beginning)\b|\bin\s+advance\b|\bbeforehand\b", re.I)
# An act named as the subject: "running the reindex at peak ...", "pushing the change on a Friday ...".
_ACT_SUBJECT = lazy(r"^\W*(?!(?:nothing|something|anything|everything|morning|evening|thing|string|ceiling|building|"
                    r"ping|being|during|ring|spring|setting|logging|caching|routing|pricing|billing)\b)"
                    r"[a-z]{3,}ing\s+(?:the|a|an|our|their|this|that|it|them|every|all|\w+)\b", re.I)


# A signal named as the prompt for an act that was due: "the 12:10 alert was the signal to stop".
_CUE_TO_ACT = lazy(r"\b(?:was|were|is|are)\s+(?:the|our|a|an|your)\s+(?:\w+\s+)?(?:signal|cue|sign|"
                   r"prompt|warning)\s+to\s+(?!be\b)[a-z]+", re.I)


def _marker_judges_an_act(prose: str, match: re.Match[str], ctx: SegmentContext) -> bool:
    """A bare self-evidence adverb (obviously, of course, needless to say, naturally, surely) is a
    discourse marker: it judges only with a person's or team's act in the sentence. A lapse
    ("of course nobody read the warning"), an act named as the cause of harm ("naturally, running
    the reindex at peak took search down"), or a duty whose neglect failed ("obviously, the cache
    needed to be warmed first or the origin would fail"). Evidence, a fact or a system's outcome
    ("needless to say, the untested job did not work"; "of course the API throttles at 1,000 rps")
    describes."""
    after = prose[match.end():]
    if _judges_a_lapse(prose, ctx) or _CUE_TO_ACT.search(after) or _WRONG_ACT.search(after) or _DUE_FIRST.search(after):
        return True
    if not _FAILURE.search(prose) or (_EVIDENCE.search(prose) and not _REQUIREMENT.search(after)):
        return False
    return bool(_ACT_SUBJECT.match(after) or _REQUIREMENT.search(after))


# A step that was due before another: "the cache needed warming first", "the replica had to be promoted before ...".
_DUE_FIRST = lazy(r"\b(?:needed|had|needs|has)\s+(?:to\s+be\s+\w+|\w+ing)\s+(?:\w+\s+){0,3}?(?:first|beforehand|before)\b",
                  re.I)
# An act done wrong, told in the passive: "the cache was misconfigured", "the flag was set incorrectly".
_WRONG_ACT = lazy(r"\b(?:was|were|been|is|are)\s+(?:\w+ly\s+)?mis[a-z]{3,}(?:ed|en|ood)\b|"
                  r"\b(?:was|were)\s+\w+(?:ed|en)\s+(?:wrongly|incorrectly|improperly|badly)\b|"
                  # what someone set, judged wrong: "the config was wrong", "the TTL on cache-7 was incorrect"
                  r"\b(?:config\w*|settings?|values?|flags?|ttl|commands?|quer(?:y|ies)|scripts?|arguments?|parameters?|"
                  r"versions?|paths?|hash|sha|entr(?:y|ies)|inputs?|rules?)\b(?:\s+[\w./-]+){0,3}?\s+(?:was|were)\s+"
                  r"(?:wrong|incorrect|invalid|bad)\b", re.I)


# "... had to be rebuilt", "... needed to be restarted": what a thing required, no one's duty.
_THING_REQUIRED = lazy(r"(?:had|has|needed|needs|need)\s+to\s+be\b", re.I)


def _persons_duty(prose: str, start: int) -> bool:
    """A duty after `start` ("it was obvious that we should page the vendor"), not a thing's requirement."""
    return any(not _THING_REQUIRED.match(prose, m.start()) for m in _DUTY.finditer(prose, start))


def _response_contrasted(prose: str, start: int) -> bool:
    """A contrast after `start` sets a response against what was plain ("..., yet the rollback took an
    hour"); one that goes on about the evidence ("..., but the graphs did not show which tenant") tells
    what the evidence showed at the time, no response."""
    contrast = _CONTRAST.search(prose, start)
    if contrast is None:
        return False
    end = re.search(r"[.;!?]", prose[contrast.end():])
    return not _EVIDENCE.search(prose, contrast.end(), contrast.end() + end.start() if end else len(prose))


def _judges_people(segment: Segment, ctx: SegmentContext, entry: lexicon.Entry, match: re.Match[str]) -> bool:
    """Entries with no tag name people's knowledge themselves ("any engineer would have known").
    Tagged ones are self-evidence markers (obviously, of course, it was clear, predictably, in
    hindsight): hindsight when the sentence judges a person's act, when the evidence is set
    against the response ("clear from the first alert ..., yet the rollback took an hour"), or
    when they call a failure knowable ("predictably, the backfill saturated the gateway");
    description when they mark evidence ("the error message made it clear that ...") or a
    thing's ordinary behaviour ("naturally, the replicas lagged during the load")."""
    if not entry.tag:
        return True
    prose = segment.prose
    if entry.tag == "marker":
        return _marker_judges_an_act(prose, match, ctx)
    if _judges_a_lapse(prose, ctx):
        return True
    realised = _REALISED.search(prose, max(0, match.start() - 3), match.end() + 1) if entry.tag == "obvious" else None
    if realised is not None and _MOMENT_BEFORE.search(prose, 0, realised.start()):
        # "once it was clear that the vendor had to act, we ..., but ...": the realisation told as a moment
        # says when the team understood, the opposite of hindsight; what follows is the response's own
        # account. Hindsight only looking back or with a lapse (above)
        return bool(_RETROSPECT.search(prose))
    if entry.tag == "obvious" and not _EVIDENCE.search(prose[match.end():]) and \
            (_CONTRAST.search(prose, match.end()) or _persons_duty(prose, match.end())):
        return True  # "it was obvious that we should page the vendor": what was plain was a duty
    if realised is not None:
        # "it was clear by 14:20 that the outage was spreading": when the team understood, told at the
        # time; hindsight only looking back, all along, or set against the response
        return bool(_RETROSPECT.search(prose) or _response_contrasted(prose, match.end()))
    if entry.tag == "obvious" and _FAILURE.search(prose):
        return True  # "the failing canary was obvious on the dashboard": a failure called knowable
    if _EVIDENCE.search(prose) or _THING_FOLLOWS.match(prose[match.end():]) or _INTENT.match(prose[match.end():]):
        return False  # evidence, a thing's behaviour, or an intention ("naturally we want to understand why")
    by = _BY_AGENT.search(prose, match.end())
    if by is not None and any(w.lower() in agents.systems() for w in by.group(1).split()):
        return False  # "obviously not caught by the unit test suite": a system's gap
    if _FAILURE.search(prose):
        return not _MECHANICS.search(prose)
    if entry.tag == "obvious" or _REQUIREMENT.search(prose) or _MODAL_PERFECT.search(prose):
        return False  # "the brokers had to be restarted", "a canary would have caught it": no person judged
    # An adverb of self-evidence on an act or an outcome ("naturally, we rolled back first") still
    # claims the course of events was plain at the time.
    return not _MECHANICS.search(prose)


RULE = word_list_rule(
    lexicon="hindsight",
    message="Hindsight marker '{match}': the outcome is known now, it was not then; describe the signals "
            "available at the time",
    keep=_judges_people,
    id="BL004",
    name="hindsight-bias",
    category="hindsight",
    options=(ACCEPTED_NAMES,),
    summary='Hindsight markers such as "obviously" or "any engineer would know".',
    rationale=(
        "Knowing the outcome makes every earlier signal look loud. Writing that something was obvious "
        "hides why it was not obvious to the people inside the incident, which is the useful part."
    ),
    guardrail="State what the dashboards and alerts showed at the time and why the signal was easy to miss.",
    severity=Severity.WARNING,
    flagged=(
        Example("Obviously, the cache needed to be warmed first or the origin would fail.",
                "The cache needed to be warmed first or the origin would fail."),
        Example("Predictably, the unpaced reindex saturated the shared disk.", name="a-failure-called-predictable"),
        Example("A single shared queue for every tenant was never going to scale.", name="inevitable"),
        Example("Any engineer would have known that the flag was unsafe."),
        Example("The expiry was predictably ignored until the pager went off.",
                "The expiry was ignored until the pager went off."),
        Example("It should have been obvious that the disk was filling up."),
        Example("It was clear from the first page that the rollout had failed, yet nobody paused it.",
                name="clear-with-a-lapse"),
        Example("It was clear from the 09:12 UTC page that the cache was cold, yet the warm-up waited an hour.",
                name="clear-then-a-contrast"),
        Example("Of course nobody read the warning in the deploy output.", name="of-course-about-people"),
        Example("Once it was clear that the lease had lapsed, nobody renewed it for an hour.", name="moment-with-a-lapse"),
        Example("It was clear by noon that the feed was stale, but the desk kept quoting from it.", name="clear-then-a-response",
                note="the contrast sets the response against what was plain"),
        Example("It was obvious that the storage team had to be paged, yet nobody did it.", name="obvious-then-a-lapse"),
        Example("A single glance at the lag graph would have shown the problem.", name="one-glance-would-have"),
        Example("Naturally, pushing the schema change during the sale took the orders API down.",
                name="marker-on-an-act"),
        Example("Needless to say, the disk alert at 03:00 UTC was the cue to fail over.", name="marker-on-a-missed-cue"),
        Example("Obviously, a token that expires on a holiday is going to be overlooked.",
                name="marker-on-a-future-miss"),
    ),
    passing=(
        Example("The graph clearly shows a spike at 14:02 UTC."),
        Example("Of course, the access log showed the same pattern on every node.", name="evidence-of-course"),
        Example("Needless to say, the replica lag graph was flat all night.", name="evidence-needless-to-say"),
        Example("Obviously, the job output contained the same timeout on every retry.", name="evidence-output"),
        Example("The leak was obviously not caught by the unit test suite.", name="missed-by-a-system"),
        Example("Once the trace was in, the patch seemed obvious.", name="obvious-after-diagnosis"),
        Example("A quick look at the heap profile pointed to the cache.", name="a-look-as-investigation"),
        Example("The retry loop spun until the quota ran out, because of course it does.", name="a-thing-behaving"),
        Example("In hindsight, a lower alert threshold would have paged us sooner.", name="a-design-in-hindsight"),
        Example("This is a textbook case of a thundering herd after a cold start.", name="textbook-mechanics"),
        Example("The obvious fix was to restart the ingest workers.", name="obvious-fix"),
        Example("We were never going to finish the migration before the freeze, so we paused it.",
                name="a-plan-not-an-outcome"),
        Example("Obviously, everyone on the rota was paged.", name="everyone-paged"),
        Example("Of course it was the connection pool again, as the trace showed.", name="of-course-evidence"),
        Example("Of course, the brokers had to be restarted one at a time.", name="a-requirement"),
        Example("The spike was clearly visible on the latency graph.", name="visible-evidence"),
        Example("From the panic output it was clear that the pool had run dry.", name="clear-from-evidence"),
        Example("By 14:20 UTC it was clear that the outage had spread to the second region.",
                name="clear-at-the-time"),
        Example("The cause was not immediately obvious from the alert alone.", name="not-obvious"),
        Example("Once it was clear that the mirror could not be repaired without the hosting company, we rebuilt it "
                "on a spare host, but the copy took most of the night.", name="realisation-told-as-a-moment",
                note="'once it was clear' says when the team understood; the contrast is about the response's own steps"),
        Example("As soon as it was obvious that the feed was stale, the desk switched to the backup provider, but "
                "two trades had already settled.", name="as-soon-as-it-was-obvious"),
        Example("In the review we walked through what the dashboard showed at 14:02 UTC."),
        Example("Needless to say, the nightly export job did not finish when the disk filled.",
                name="marker-on-a-system-outcome"),
        Example("Of course the upstream resolver rate-limits at 500 queries per second; its README says so.",
                name="marker-on-a-documented-fact"),
        Example("This clearly should not have happened, and we are sorry for the disruption.",
                name="apology-clearly-should"),
        Example("It was clear that the queue was backing up, but the dashboards did not show which tenant fed it.",
                name="clear-then-the-evidence-s-limits", note="the contrast goes on about what the evidence showed"),
        Example("It was clear by then that the index was corrupt and had to be rebuilt.", name="clear-then-a-requirement",
                note="what a thing required is no one's duty"),
    ),
    tags=("blame", "hindsight"),
)
