"""BL001's judges of a step not taken ("we did not copy the build", "nobody reviewed it"): when a
non-act is a lapse, and when it is a decision, a state, a relief or a question.

Split from person_shapes.py (over the 450-line limit); the shapes that use these live there and in
compound_shapes.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reviewer.document import Segment
from reviewer.patterns import lazy
from reviewer.rules import agents, lexicon

# "we did not deploy on Friday because the freeze was on": a step skipped for a stated reason is a decision.
_REASON = lazy(r"\b(?:because|since|as\s+(?:we|it|the|they|there|no|our|this|that|nobody|none)|given|due\s+to|in\s+order\s+to|so\s+that|"
                     r"to\s+avoid|instead|as\s+planned|yet)\b", re.I)


def _step_missed(segment: Segment, match: re.Match[str]) -> bool:
    # "One can ask why we did not catch this earlier": an embedded question inquires, it does not assert.
    if _REASON.search(segment.prose[match.end():]) or _ASKED.search(segment.prose[:match.start()]):
        return False
    before = segment.prose[:match.start("who") if match.groupdict().get("who") else match.start()]
    if _GLAD.search(before):
        return False  # "Luckily we did not restart the primary": a non-act the writer is glad of is no lapse
    if _INDIFFERENT.search(before):
        return False  # "I didn't mind that nobody read it": a feeling about a non-act, no lapse found
    if _SPARED.search(before):
        return False  # "None, because we did not deploy it": the non-act is why no harm was done
    if _THEREFORE.search(before):
        return False  # "it was already fine, so I did not change it": a choice with its reason given first
    if _DEFECT_CLAUSE.search(before):
        return False  # "a bug in our code where we accepted a message but did not store it": the code's behaviour
    # "they" may be servers or requests: only steps no software takes name a person's lapse
    # ("they did not test it", not "they did not respond" about replicas).
    if (match.groupdict().get("who") or "").lower() == "they":
        # ... or a step whose object is a people's process ("they did not request a review")
        return bool(_PEOPLE_ONLY_STEP.search(match.group()) or _PEOPLE_OBJECT.match(segment.prose[match.end():]))
    return True


# A clause that describes a defect's behaviour: its "we" is the code ("a bug in our importer where we read
# the header but did not skip it", "a race in which we released the lock but did not ...").
_DEFECT_CLAUSE = lazy(r"\b(?:bug|defect|flaw|race(?:\s+condition)?|regression|edge\s+case|code\s+path)\b[^.;!?]{0,60}?"
                      r"\b(?:where|in\s+which|whereby)\s+(?:[\w,'’-]+\s+){0,8}$", re.I)


_PEOPLE_ONLY_STEP = lazy(r"\b(?:test|tested|review|reviewed|ask|asked|tell|told|inform|informed|escalate|escalated|follow|"
                         r"followed|consult|consulted|plan|planned|document|documented|declare|declared|announce|announced|"
                         r"coordinate|coordinated|sign\w*\s+off|read|look\w*\s+at|involve|involved|loop\w*\s+in|"
                         r"communicate|communicated)\b", re.I)


_PEOPLE_OBJECT = lazy(r"^\s+(?:\w+\s+){0,2}?(?:review|approval|sign-?off|permission|consent|us|anyone|anybody)\b", re.I)
# ... also with a subject between: "I wondered why the CEO had not apologised".
_ASKED = lazy(r"\b(?:why|how\s+come|whether|wonder(?:ed|ing)?\s+if)\s+(?:[\w'’-]+\s+){0,3}$", re.I)


_NOTHING = lazy(r"\s+(?:\w+\s+)?(?:any|anything|a\s+single)\b", re.I)
# "I did not stop there": carrying on, not a step left undone.
_CARRIED_ON = lazy(r"\s+(?:there|at\s+that)\b", re.I)


# "Luckily we did not restart the primary": an act not done that the writer is glad of is no lapse.
_GLAD = lazy(r"\b(?:luckily|fortunately|thankfully|happily|hopefully|mercifully)\b[\s,]*$", re.I)


# The non-act is the complement of the writer's indifference: "I didn't care that nobody read it".
_INDIFFERENT = lazy(r"\b(?:(?:did\s*n[o']?t|do\s*n[o']?t|never)\s+(?:really\s+)?(?:care|mind)|"
                    r"(?:didn|doesn|wasn)['’]t\s+(?:bother|worry)\s+(?:me|us))\s+(?:that\s+)?$", re.I)


# A main clause that says no harm was done, then the reason: "Impact: none because we ...".
_SPARED = lazy(r"^\s*(?:[\w-]+:\s*)?(?:none|no\s+(?:[\w-]+\s+){0,2}?(?:impact|harm|damage|loss|downtime|outage)|"
               r"nothing\s+(?:[\w-]+\s+){0,2}?(?:lost|broke|happened))\b[^.;!?]{0,40}?\b(?:because|since|as)\s+$", re.I)


_AGAIN = lazy(r"-([a-z]+)\b", re.I)

# A reason stated first, then the non-act as its consequence: "..., so we did not ...".
_THEREFORE = lazy(r"\b(?:so|therefore|hence|thus)\s*,?\s*$", re.I)


def _act_not_done(segment: Segment, match: re.Match[str]) -> bool:
    """"we did not copy the build": any verb but a state, perception or receipt, with no reason given."""
    verb = match.group("verb").lower()
    again = _AGAIN.match(segment.prose, match.end()) if verb == "re" else None
    if again:  # "didn't re-appear" is about "appear": doing it again is the same kind of act
        verb = again.group(1).lower()
    non_acts = lexicon.load("non_acts").lower_terms
    # Non-native English inflects after "did not" ("did not seemed to be"): the base form decides.
    after = segment.prose[match.end():]
    if _ESTIMATE_AFTER.match(after):
        return False  # "I didn't measure, but it took about 30 minutes": hedging a figure the writer reports
    if verb == "stop" and _CARRIED_ON.match(after):
        return False
    return not any(form in non_acts for form in _base_forms(verb)) and not _NOTHING.match(after) \
        and _step_missed(segment, match)


# A non-act followed by "but" and an approximate figure qualifies the report, it is not a step of the work.
_ESTIMATE_AFTER = lazy(r"^[^.;!?]{0,30}?\bbut\b[^.;!?]{0,60}?(?:\b(?:about|around|roughly|approximately|nearly|almost|between|"
                       r"something\s+(?:like|between)|some)\s+|~\s*)\d", re.I)


def _base_forms(verb: str) -> tuple[str, ...]:
    """The verb and, for an -ed form, its candidate base forms ("seemed" -> "seem", "tried" -> "try")."""
    if verb.endswith("ied"):
        return verb, verb[:-3] + "y"
    if verb.endswith("ed"):
        return verb, verb[:-2], verb[:-1]
    return (verb,)


_LAST_WORD = lazy(r"([a-z]+)\s*$", re.I)


def organisation_step(judge: Callable[[Segment, re.Match[str]], bool]) -> Callable[[Segment, re.Match[str]], bool]:
    """`judge`, and where the agent is an organisation named by its kind ("the vendor did not notify
    us"), a step its people take, not one its software does ("the bank did not process the batch")."""
    def judged(segment: Segment, match: re.Match[str]) -> bool:
        if agents.ORGANISATION_RE.fullmatch(match.groupdict().get("who") or ""):
            last = _LAST_WORD.search(match.group())
            verb = (match.groupdict().get("verb") or (last.group(1) if last else "")).lower()
            if not agents.SYSTEM_VERBS.isdisjoint(_base_forms(verb)):
                return False
        return judge(segment, match)
    return judged
