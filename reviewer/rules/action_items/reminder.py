"""AC001 reminder-action-item: an action item that relies on people remembering."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reviewer.document import Document, SectionKind, Segment, SegmentKind
from reviewer.findings import Severity
from reviewer.parser.masking import mask_prose
from reviewer.patterns import lazy
from reviewer.rules import lexicon
from reviewer.rules.action_items.attention import (
    attended_item,
    attention_reading,
    document_item,
    ensured_mechanism,
    finding_out,
    mechanism_complement,
    our_way,
    scheduled_upkeep,
    told_item,
    watched_item,
)
from reviewer.rules.action_items.changes import (
    asks_a_question,
    by_the_system,
    empty_practice,
    knowledge_goal,
    message_item,
    placed_in_document,
    weighs_choices,
)
from reviewer.rules.action_items.clause import main_clause, object_words, verb_tags
from reviewer.rules.action_items.conjuncts import builds_further
from reviewer.rules.action_items.followups import LEAD_INS, OUTSIDE_FOLLOW_UPS
from reviewer.rules.action_items.item import (
    CHECKED,
    INTROS,
    PSEUDO_HEADING_ITEMS,
    has_done_status,
    is_action_item,
    is_intro,
    is_narrative_commitment,
    parse_item,
)
from reviewer.rules.action_items.knowing import knowing_state
from reviewer.rules.action_items.means import built_by, prevents_act, sent_by_mechanism, system_exists, taught_mechanism
from reviewer.rules.action_items.people_acts import ensured_people_act
from reviewer.rules.action_items.policy import sets_up_rule
from reviewer.rules.action_items.reading import (
    by_mechanism,
    has_trigger,
    leading_system_subject,
    mechanism_agent,
    noun_phrase,
    open_question,
    opens_with_verb,
    permission_rule,
    practice,
    record_item,
    sets_value,
    thing_subject,
    trigger_to_channel,
    verb_of,
)
from reviewer.rules.action_items.reminder_examples import FLAGGED, PASSING
from reviewer.rules.action_items.scope import states_no_change, withdrawn
from reviewer.rules.base import DocumentInput, Hit, Rule, SegmentContext
from reviewer.rules.common import hit

# A purpose clause states the goal, not the action: in "Add a deploy gate so that we check
# the canary", the soft cue "we check" is the goal. (Strong cues count anywhere, unless the main
# clause builds a mechanism: "set up alerts so that we can look more closely" is detection.)
_PURPOSE = lazy(r",\s+to\s|\s(?:in order to|so that|so we|to make sure|to ensure)\s|"
               r",\s+(?:leaving|giving|allowing|affording)\s+(?:[\w-]+\s+){0,3}?to\s", re.I)
_SYSTEM_CLAUSE = lazy(r"(?<=[a-z])\s+(?:that|which)\s+(?:will|would|can|could|shall|automatically)\b[^,;.]*", re.I)
_CONSEQUENCE = lazy(r"[,;:]\s+(?:so|therefore|hence|thus)\s+", re.I)
# Verbs that take the human step away: a reminder word in their object names what goes
# ("replace the manual review"); "increase awareness" keeps it.
_REMOVAL = frozenset({"replace", "remove", "eliminate", "automate", "retire", "drop", "delete", "deprecate", "stop",
                      "disable", "revert"})
# An intro that opens an inquiry: the items under it are the options it weighs, not commitments.
_WEIGHS = lazy(r"\b(?:determine|decide|investigate|assess|evaluate|explore|find out|figure out|consider|see|check|discuss)"
               r"\s+(?:whether|if|how|what|which)\b", re.I)
# An item wrapped whole in editorial brackets ("[Always rehearse the cutover.]") is the same item.
_WRAPPED = lazy(r"^\s*[\[(]\s*([^\[\]()]+?)\s*[\])]\s*\.?\s*$")
_INVESTIGATE = ("investigate", "look into", "explore", "research", "evaluate", "assess", "spike", "figure out")


# Memoised per item text: classify is a pure function of the text (the word lists are fixed once
# loaded), and a corpus repeats items ("update the runbook"); an editor re-reads unchanged ones.
@lru_cache(maxsize=4096)
def classify(text: str) -> tuple[str, str] | None:
    """('strong'|'soft'|'docs', matched phrase) when `text` is a reminder-style item, else None.

    A strong cue (remind, be careful, training) decides alone. A documentation cue is a
    reminder unless the item also builds a mechanism. A soft cue is a rule or an intention
    for people ("we will check", "always ...", "inform users"): the shape is modality + a
    person's verb, and it is a reminder only when nothing in the item names a mechanism
    (an alert, automation, a gate, a notification the system sends, a decision condition).
    Soft cues are read in the main clause only: a purpose clause states the goal.
    """
    prose = mask_prose(_WRAPPED.sub(r"\1", text))
    if prose.strip().lower().startswith(_INVESTIGATE) or asks_a_question(prose) or weighs_choices(prose):
        return None  # finding out, or a question: neither commits anyone to a practice
    if taught_mechanism(prose) or prevents_act(prose):
        return None  # "teach the bot to reject ...": a mechanism learns; "stop two runs from overlapping": a constraint
    docs = None
    head = _PURPOSE.split(prose, 1)[0]
    recorded = record_item(head)
    if recorded and not by_the_system(head):  # "document the rate limiter's settings": mechanisms are its topic
        if not builds_further(head):
            return recorded
    builds = any(True for _ in lexicon.load("guardrail_signals").finditer(head))
    main = main_clause(head)
    if trigger_to_channel(head) or leading_system_subject(head) or permission_rule(head):
        return None  # "send a message to #db when lag exceeds 30 s", "the purge tool now asks ...": a mechanism acts
    changes = verb_of(main)[0] in _REMOVAL
    means = built_by(head)  # "be more careful about disk usage by adding an alert": the alert is the change
    # the change verb's object: from its first word to the end of the first clause
    object_at = head.find(main.rest[:20]) if main.rest else -1
    first_clause = len(re.split(r",|;|\s+and\s+|\s+then\s+", head, maxsplit=1)[0])
    for entry, match in lexicon.load("reminders").finditer(prose):
        if entry.tag == "strong":
            if ensured_mechanism(prose, match.start()):
                builds = True  # "make sure the job cannot start if ...": a mechanism is given a behaviour
                continue
            if (builds or thing_subject(main)) and match.start() >= len(head):
                continue  # the cue is in the goal of a mechanism, or of a state set on a thing
            if changes and 0 <= object_at <= match.start() < first_clause:
                continue  # "replace the manual review with ...": the cue names the human step removed
            if means or sent_by_mechanism(prose, match.start()):
                builds = True  # the cue is the goal of a mechanism named as the means, or what it sends
                continue
            return "strong", match.group()
        docs = docs or ("docs", match.group())
    ensured = ensured_people_act(main)
    if ensured:  # "ensure that any exception is clearly communicated": the mechanism words are its topic
        return ensured
    known = None if means else knowing_state(head)
    if known:  # "ensure all engineers know the alert thresholds": what people know is the change
        return known
    # the scan of the whole prose repeats the head's when there is no purpose clause (the common case)
    if builds or means or sets_value(prose) or (head != prose and any(
            True for _ in lexicon.load("guardrail_signals").finditer(prose))):
        # ... or "raise the stop timeout to 120 seconds": a setting changed to a value. But in "tell
        # deployers to wait for the canary" the canary is what people are told about: nothing is built.
        told = told_item(head) or watched_item(head) or attended_item(head) or document_item(head) or (
            message_item(head) or placed_in_document(head))
        return told if told and not builds_further(head) and not sets_value(prose) else None
    complement = re.sub(r"^that\s+", "", main.rest) if main.verb == "ensure" else None
    if mechanism_agent(head) or (complement is not None and (mechanism_complement(complement)
                                                             or system_exists(complement))):
        return None  # "have the pipeline build the docs", "ensure the database has a hot standby": a system is changed
    if docs:
        return None if builds_further(head) else docs  # "... and the deploy script": a mechanism too
    clause = main_clause(head)
    if scheduled_upkeep(head) or finding_out(head):
        return None  # "back up the config database nightly": a schedule; "monitor it to see whether ...": finding out
    if verb_of(clause)[1] != "record" and open_question(clause.rest, head) and not our_way(clause):
        return None  # "we need to look at why the worker hangs" finds something out ("improve how we ..." does not)
    if has_trigger(head) or means:
        return None  # "notify the team channel when a backup job fails": a mechanism's spec; "we need to get
        # better at expiring certificates, so add an expiry check to CI": the check is the change
    # a relative clause with its own modal ("an error page that will inform users") tells what the
    # thing being built will do: a system informs, nobody is asked to remember anything
    soft = next((m.group() for _, m in lexicon.load("intentions").finditer(_SYSTEM_CLAUSE.sub("", head))), None)
    mechanism = any(True for _ in lexicon.load("intention_signals").finditer(prose))
    if soft and not mechanism:
        return "soft", soft
    if mechanism:
        return None
    # "<what we saw>, so check the app too": the advice is the clause after the connective.
    clauses = _CONSEQUENCE.split(head)
    found = next(filter(None, map(_by_verb_class, clauses)), None)
    # the structural reading takes a clause after "so" only when it opens with a verb (advice)
    advice = [clauses[0], *(c for c in clauses[1:] if opens_with_verb(c))]
    found = found or next(filter(None, map(practice, advice)), None) or attention_reading(head) or knowledge_goal(prose) or (
        message_item(head) or placed_in_document(head))
    if found and empty_practice(found, prose):
        return None
    return None if found and found[0] == "docs" and builds_further(head) else found


def _by_verb_class(head: str) -> tuple[str, str] | None:
    """The structural reading: the main clause's verb class, and for a `produce` verb its object.

    A people verb (remind, train, verify, ensure) or a record verb (document) at the head of the
    clause is a reminder; a produce verb (write, add, hold) is one only when its object, within a
    few words, is a document or an activity for people. Called once no mechanism is named.
    """
    clause = main_clause(head)
    verbs = verb_tags()
    verb = next((f for f in (clause.verb, *clause.forms) if f in verbs), clause.verb)
    tag = verbs.get(verb)
    obj = " ".join(object_words(clause.rest)[:6])
    if tag in ("people", "record"):
        if open_question(clause.rest, head) or by_mechanism(clause.rest):
            return None  # "check whether the old branch is affected"; "verify restores in a nightly job"
        phrase = " ".join(noun_phrase(clause.rest))  # its object, not words further on ("take time to test")
        if tag == "people" and verb != "remember" and not re.match(r"\w+ing\b", clause.rest) and any(
                e.tag == "" for e, _ in lexicon.load("mechanism_objects").finditer(phrase)):
            return None  # "ensure the tests run on every merge" builds a mechanism ("avoid using X" does not)
        return ("docs" if tag == "record" else "soft"), verb
    if tag in ("produce", "activity"):
        want = "activity" if tag == "activity" else ""
        found = next((m.group() for e, m in lexicon.load("document_objects").finditer(obj) if e.tag == want), None)
        if found and not sets_up_rule(verb, clause.rest):
            return "docs", f"{verb} … {found}"
    return None


def _suggestion(item_text: str, ctx: SegmentContext) -> str:
    """Pick from the catalog by the item's words, then by the document's root cause."""
    catalog = lexicon.load("guardrails")
    entry = catalog.first_found(item_text, catalog.entries[:-1])
    if entry is not None:
        return entry.replacement or ""
    return ctx.read(ROOT_GUARDRAIL)


def root_guardrail(document: Document, memo: dict | None = None) -> str:
    """The catalog entry that fits the document's root cause (the same for every item)."""
    catalog = lexicon.load("guardrails")
    root = " ".join(s.text for s in document.segments
                    if s.section in (SectionKind.ROOT_CAUSE, SectionKind.TRIGGER, SectionKind.SUMMARY))
    entry = catalog.first_found(root)
    return "" if entry is None else entry.replacement or ""


# The fallback guardrail it suggests depends on the document's root cause.
ROOT_GUARDRAIL = DocumentInput("root-guardrail", root_guardrail)


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    # Outside a document's follow-up part a list item or a sentence is read as prose is: only a plain
    # commitment with an unmistakable reminder in it ("we will be more careful ...") is asked.
    listed = (is_action_item(segment) or segment.index in ctx.read(PSEUDO_HEADING_ITEMS)) and not ctx.read(
        OUTSIDE_FOLLOW_UPS, segment)
    if is_intro(segment) or ctx.read(LEAD_INS, segment) or not (listed or is_narrative_commitment(segment)):
        return  # an intro or a lead-in sentence is judged through the items it introduces
    if has_done_status(segment) or segment.index in ctx.read(CHECKED) or states_no_change(segment) or withdrawn(segment):
        return  # a DONE cell or a checked box (a step taken), what stays as before, or an item taken back
    # A step told as done ("We've updated the guide", "is now documented") is not skipped (scope.completed is
    # the owner rules' question): in the follow-up part it is the remediation chosen, judged by its means like
    # an open one (8 of the 42 reminder-like items flagged on the shared dev rows are told as done); outside
    # it a report of the past is prose and commits to nothing.
    item = parse_item(segment, ctx.memo)
    if asks_a_question(item.text):
        return  # "Got feedback?" under a "Communication:" label: a question asks, it commits to nothing
    intro = dict(ctx.read(INTROS)).get(segment.index)
    if intro and _WEIGHS.search(intro):
        return  # "determine whether we could change anything to:" + options: what an investigation weighs
    found = classify(f"{intro} {item.text}" if intro else item.text)
    if not found or (not listed and found[0] != "strong"):
        return  # in a summary or a resolution only an unmistakable reminder is one
    kind, phrase = found
    what = "documentation-only" if kind == "docs" else "reminder-style"
    start = item.text_start
    end = start + len(item.text.rstrip())
    yield hit(
        segment, start, end,
        f"This action item is {what} ('{phrase}'): reminders decay, guardrails do not; propose a "
        "mechanism with a single owner",
        suggestion=_suggestion(item.text, ctx),
    )


RULE = Rule(
    id="AC001",
    name="reminder-action-item",
    summary="An action item that asks people to remember, be careful, train or read docs.",
    rationale=(
        "If the action items are mostly reminders, the postmortem has blamed people without saying so. "
        "Humans cannot be the primary control in a fast system: reminders decay, guardrails do not. "
        "A step the follow-up part tells as done is still judged by its means (a list that records results "
        "needs no owner, but a finished reminder is still a reminder); a template's guidance to the author "
        "and a description of the set-up are no items."
    ),
    guardrail="Replace it with a guardrail, a constraint or a decision-policy change, e.g. a pre-merge "
              "check, a canary with automatic rollback, an interlock, or an alert with a runbook.",
    severity=Severity.WARNING,
    detect=detect,
    gate=lambda segment, ctx: is_action_item(segment) or is_narrative_commitment(segment) or (
        segment.kind is SegmentKind.LIST_ITEM),  # a list item may sit under a pseudo-heading (item.py)
    flagged=FLAGGED,
    passing=PASSING,
    tags=("action-items",),
    reads=(ROOT_GUARDRAIL, INTROS, CHECKED, PSEUDO_HEADING_ITEMS, OUTSIDE_FOLLOW_UPS, LEAD_INS),
)
