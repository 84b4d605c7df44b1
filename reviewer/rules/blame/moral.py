"""BL005 moral-language: character and moral judgements of people."""

from __future__ import annotations

import re

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.patterns import lazy
from reviewer.rules import agents, clauses, lexicon
from reviewer.rules.base import ACCEPTED_NAMES, Example, SegmentContext
from reviewer.rules.wordlist import word_list_rule

_NEXT_WORD = lazy(r"\s+([\w-]+)(?:\s+([\w-]+))?")
_TECH_SENSES = lazy(r"^\s*(?:load|loading|loaded|evaluation|initiali[sz]ation|init|deletion|"
                          r"migration|instantiation|quorum|consistency|matching|parsing)\b", re.I)


# Work products are people's work: "a sloppy change" judges its author.
_WORK_PRODUCTS = frozenset({"change", "code", "commit", "patch", "work", "review", "job", "fix", "update",
                            "rollout", "release", "deploy", "deployment", "migration", "config", "plan",
                            "approach", "handling", "testing", "tests"})


def _about_software(prose: str, end: int) -> bool:
    """'a careless retry loop', 'lazy loading': the word describes software, not a person."""
    if _TECH_SENSES.match(prose[end:]):
        return True
    match = _NEXT_WORD.match(prose[end:])
    if not match:
        return False
    words = [w.lower() for w in match.groups() if w]
    if words[0] in _WORK_PRODUCTS:
        return False
    return words[0] in agents.systems() or " ".join(words) in agents.systems()


# A moral word after a copula judges the clause's subject: "the retry loop was reckless" grades a
# system, "our handling of it was sloppy", "that was careless" grade people's work or act.
_COPULA_BEFORE = lazy(r"\b(?:is|was|were|are|been|be|seems?|seemed|looks?|looked)\s+"
                      r"(?:(?:very|so|too|rather|quite|pretty|somewhat|a\s+bit|\w+ly)\s+)?$", re.I)
_ACT_NOUNS = frozenset({"decision", "decisions", "choice", "choices", "call", "move", "idea", "response",
                        "behaviour", "behavior", "attitude", "communication", "reaction", "way", "process", "practice",
                        "practices", "procedure"})


def _judges_a_system(prose: str, start: int) -> bool:
    copula = _COPULA_BEFORE.search(prose, 0, start)
    if copula is None or agents.subject_of(prose, copula.start()) is not agents.Agent.SYSTEM:
        return False
    words = {w.lower() for w in re.findall(r"[\w-]+", agents.clause_before(prose, copula.start()))}
    return words.isdisjoint(_WORK_PRODUCTS) and words.isdisjoint(_ACT_NOUNS)


def _about_a_person(segment: Segment, ctx: SegmentContext, entry: lexicon.Entry, match: re.Match[str]) -> bool:
    if entry.tag == "technical-sense":  # "built lazily", "a lazy iterator": only a person's act is judged
        prose = segment.prose
        if _about_software(prose, match.end()):
            return False
        after = _NEXT_WORD.match(prose[match.end():])
        work = after is not None and (after.group(1).lower() in _WORK_PRODUCTS or after.group(1).lower().endswith("ing"))
        return work or clauses.subject_is_person(prose, match.start(), ctx.accepted_names)
    return not _about_software(segment.prose, match.end()) and not _judges_a_system(segment.prose, match.start())


RULE = word_list_rule(
    lexicon="moral",
    message="Moral judgement '{match}' ({note}): describe the conditions and trade-offs instead",
    keep=_about_a_person,
    config_words=True,
    id="BL005",
    name="moral-language",
    category="moral",
    options=(ACCEPTED_NAMES,),
    summary="Character words such as careless, sloppy, negligent or lazy.",
    rationale=(
        "Moral words explain an outcome by a person's character, which nobody can change by Tuesday. "
        "The same action under the same pressure will happen again unless a condition changes."
    ),
    guardrail="Name the pressure or missing affordance: 'The change was made during a 2-hour freeze "
              "window with no staging environment available.'",
    severity=Severity.ERROR,
    flagged=(
        Example("Our handling of the page was sloppy: nobody acknowledged it for an hour.", name="judged-handling",
                note="the subject is people's work"),
        Example("Tom carelessly deleted the production bucket.", "Tom deleted the production bucket."),
        Example("The founders abandoned their responsibilities to the users.", name="duty-abandoned",
                note="a duty abandoned is a verdict on whoever held it, not what happened"),
        Example("They shirked responsibility for the migration.", name="responsibility-dodged"),
        Example("This was a sloppy change with no tests."),
        Example("Frankly, the on-call was careless!", note="punctuation against the word"),
        Example("The outage came down to bad luck and plain stupidity.", note="a character judgement as a noun"),
        Example("We were overconfident about the restore drill.", note="a state of mind of a person subject"),
        Example("We jumped to conclusions and restarted the primary.", note="hasty reasoning judged"),
        Example("The rollout was reckless and the team was not paying attention."),
    ),
    passing=(
        Example("The watchdog ignored its duty cycle.", name="duty-as-a-modifier", note="'duty cycle' is a thing"),
        Example("The retry loop was reckless: it hammered the primary with no backoff.", name="a-system-judged",
                note="the copula's subject is a system: the word grades software, not a person"),
        Example("The client used lazy loading for the catalogue."),
        Example("A careless retry loop in the SDK amplified the load."),
        Example("The ranking model is overconfident on short queries.", note="a model's calibration, not a person"),
    ),
    tags=("blame", "moral"),
)
