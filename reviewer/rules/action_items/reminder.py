"""AC001 reminder-action-item: an action item that relies on people remembering."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.document import Document, SectionKind, Segment, SegmentKind
from reviewer.findings import Severity
from reviewer.parser.masking import mask_prose
from reviewer.rules import lexicon
from reviewer.rules.action_items.clause import main_clause
from reviewer.rules.action_items.item import is_action_item, is_intro, parse_item
from reviewer.rules.base import DocumentInput, Example, Hit, Rule, SegmentContext
from reviewer.rules.common import hit

# A purpose clause states the goal, not the action: in "Add a deploy gate so that we check
# the canary", the soft cue "we check" is the goal. (Strong cues count anywhere.)
_PURPOSE = re.compile(r",\s+to\s|\s(?:in order to|so that|so we|to make sure|to ensure)\s", re.I)
_CONSEQUENCE = re.compile(r"[,;:]\s+(?:so|therefore|hence|thus)\s+", re.I)
_INVESTIGATE = ("investigate", "look into", "explore", "research", "evaluate", "assess", "spike", "figure out")


def classify(text: str) -> tuple[str, str] | None:
    """('strong'|'soft'|'docs', matched phrase) when `text` is a reminder-style item, else None.

    A strong cue (remind, be careful, training) decides alone. A documentation cue is a
    reminder unless the item also builds a mechanism. A soft cue is a rule or an intention
    for people ("we will check", "always ...", "inform users"): the shape is modality + a
    person's verb, and it is a reminder only when nothing in the item names a mechanism
    (an alert, automation, a gate, a notification the system sends, a decision condition).
    Soft cues are read in the main clause only: a purpose clause states the goal.
    """
    prose = mask_prose(text)
    if prose.strip().lower().startswith(_INVESTIGATE):
        return None
    docs = None
    for entry, match in lexicon.load("reminders").finditer(prose):
        if entry.tag == "strong":
            return "strong", match.group()
        docs = docs or ("docs", match.group())
    if any(True for _ in lexicon.load("guardrail_signals").finditer(prose)):
        return None
    if docs:
        return docs
    head = _PURPOSE.split(prose, 1)[0]
    soft = next((m.group() for _, m in lexicon.load("intentions").finditer(head)), None)
    mechanism = any(True for _ in lexicon.load("intention_signals").finditer(prose))
    if soft and not mechanism:
        return "soft", soft
    if mechanism:
        return None
    # "<what we saw>, so check the app too": the advice is the clause after the connective.
    return next(filter(None, map(_by_verb_class, _CONSEQUENCE.split(head))), None)


def _by_verb_class(head: str) -> tuple[str, str] | None:
    """The structural reading: the main clause's verb class, and for a `produce` verb its object.

    A people verb (remind, train, verify, ensure) or a record verb (document) at the head of the
    clause is a reminder; a produce verb (write, add, hold) is one only when its object, within a
    few words, is a document or an activity for people. Called once no mechanism is named.
    """
    clause = main_clause(head)
    verbs = {e.term: e.tag for e in lexicon.load("action_verbs").entries}
    verb = next((f for f in (clause.verb, *clause.forms) if f in verbs), clause.verb)
    tag = verbs.get(verb)
    obj = " ".join(clause.rest.split()[:6])
    if tag in ("people", "record"):
        if any(True for _ in lexicon.load("mechanism_objects").finditer(obj)):
            return None  # "ensure the tests run on every merge" builds a mechanism
        return ("docs" if tag == "record" else "soft"), verb
    if tag in ("produce", "activity"):
        want = "activity" if tag == "activity" else ""
        found = next((m.group() for e, m in lexicon.load("document_objects").finditer(obj) if e.tag == want), None)
        if found:
            return "docs", f"{verb} … {found}"
    return None


def _suggestion(item_text: str, ctx: SegmentContext) -> str:
    """Pick from the catalog by the item's words, then by the document's root cause."""
    catalog = lexicon.load("guardrails")
    for entry in catalog.entries[:-1]:
        if entry.pattern.search(item_text):
            return entry.replacement or ""
    return ctx.read(ROOT_GUARDRAIL)


def root_guardrail(document: Document, memo: dict | None = None) -> str:
    """The catalog entry that fits the document's root cause (the same for every item)."""
    catalog = lexicon.load("guardrails")
    root = " ".join(s.text for s in document.segments
                    if s.section in (SectionKind.ROOT_CAUSE, SectionKind.TRIGGER, SectionKind.SUMMARY))
    return next((e.replacement or "" for e in catalog.entries if e.pattern.search(root)), "")


# The fallback guardrail it suggests depends on the document's root cause.
ROOT_GUARDRAIL = DocumentInput("root-guardrail", root_guardrail)


def nested_intros(document: Document, memo: dict | None = None) -> tuple[tuple[int, str], ...]:
    """(index of a nested item, prose of the intro item it continues), for every such item."""
    out: list[tuple[int, str]] = []
    stack: list[Segment] = []  # the open list items above the current one, by depth
    for segment in document.segments:
        if segment.kind is not SegmentKind.LIST_ITEM:
            stack = []
            continue
        while stack and (stack[-1].list_depth >= segment.list_depth or stack[-1].section is not segment.section):
            stack.pop()
        if stack and is_intro(stack[-1]):
            out.append((segment.index, stack[-1].prose.strip()))
        stack.append(segment)
    return tuple(out)


# Nested items are read with the item they continue ("encourage reviewers to:" + "look for ...").
INTROS = DocumentInput("nested-intros", nested_intros)


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    if not is_action_item(segment) or is_intro(segment):
        return  # an intro is judged through the items it introduces
    item = parse_item(segment, ctx.memo)
    intro = dict(ctx.read(INTROS)).get(segment.index)
    found = classify(f"{intro} {item.text}" if intro else item.text)
    if not found:
        return
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
        "Humans cannot be the primary control in a fast system: reminders decay, guardrails do not."
    ),
    guardrail="Replace it with a guardrail, a constraint or a decision-policy change, e.g. a pre-merge "
              "check, a canary with automatic rollback, an interlock, or an alert with a runbook.",
    severity=Severity.WARNING,
    detect=detect,
    gate=lambda segment, ctx: is_action_item(segment),
    flagged=(
        Example("## Action items\n\n- Remind engineers to check the canary before promoting (@dana)",
                "## Action items\n\n- Roll out through a canary with automatic rollback (@dana)"),
        Example("## Action items\n\n| Action | Owner |\n|---|---|\n| Be more careful when editing the config | @ops |"),
        Example("## Follow-ups\n\n- Run a training session on the failover tool — @li"),
        Example("## Action items\n\n- Update the wiki page on failover — @sam"),
        Example("## What we learned\n\nThe restore took an hour. Going forward, we will be more careful when "
                "resizing volumes.\n", note="a commitment in prose is an action item wherever it sits"),
        Example("## Lessons\n\nAction point: tell everyone on the rota to read the failover notes.\n"),
        Example("## Action items\n\n- Improve the review process:\n  - encourage reviewers to look for "
                "missing limits\n", note="a nested item is read with the item it continues"),
        Example("## Action items\n\n- Always confirm the target region before running the purge script (@ops)",
                note="a standing instruction to people"),
        Example("## Action items\n\n- When rotating a key by hand, check that the old key is revoked too (@sec)",
                note="advice conditioned on a person's situation"),
        Example("## Next steps\n\n- We will let affected tenants know earlier next time (@support)\n"
                "- Inform partner teams before each schema change (@data)",
                note="communication by people is a reminder unless a system sends it"),
        Example("## Action items\n\n- Add the cache warm-up step to the release checklist (@web)",
                note="a step added to a document people follow"),
        Example("## Follow-ups\n\n- The restore procedure is now documented in the team handbook\n"),
        Example("## Action items\n\n- Verify the archive job is running on the new host each week (@data)"),
        Example("## Lessons learned\n\n- Add the failover steps to the on-call handbook\n- Move the cron host to "
                "the managed scheduler\n", note="a list of imperatives under Lessons is a list of actions"),
        Example("## Notes\n\nThe disk filled overnight.\n\n- [ ] Remind the team to prune old snapshots\n",
                note="a task-list item is an action item wherever it sits"),
        Example("## What went wrong\n\nGoing forward, reviewers should pay closer attention to timeout changes.\n",
                note="'going forward' commits to future practice"),
        Example("## Action items\n\n- We will brief the night shift on the new failover order (@ops)",
                note="structural: a people verb heads the clause after 'we will'"),
        Example("## Action items\n\n- Come up with guidelines for resizing volumes under load (@infra)",
                note="structural: a produce verb whose object is a text for people"),
        Example("## Follow-ups\n\n- Restore walkthroughs will be held for each new member of the rota\n",
                note="structural: a passive activity verb with an activity for people as its subject"),
        Example("## Action items\n\n- The status page lags behind the incident channel, so confirm the state with "
                "the incident lead (@support)", note="the advice is the clause after 'so'"),
        Example("## Follow-ups\n\n- We've updated the restore guide with the new volume names\n",
                note="a past-tense report of a document change: 'updated' is read as 'update'"),
    ),
    passing=(
        Example("## Action items\n\n- Add a pre-merge check that rejects configs without a TTL (@dana)"),
        Example("## Action items\n\n- Add runbook link to the new cert-expiry alert (@li)"),
        Example("## Action items\n\n- Investigate why the retry storm amplified load (@sam)"),
        Example("## What we learned\n\nWe will add an alert that pages when the queue age passes ten minutes.\n",
                note="a commitment to a mechanism"),
        Example("## Action items\n\n- Try to auto-restart the worker pool when its heartbeat stops (@infra)",
                note="an intention that names a mechanism"),
        Example("## Action items\n\n- Make sure we have a second paging provider for the storage alerts (@sre)",
                note="'make sure we have' asks for a mechanism, not for attention"),
        Example("## Action items\n\n- We need to replace the shared deploy key with per-service keys (@sec)",
                note="'we need to' with a build verb is a commitment to change the system"),
        Example("## Action items\n\n- Never fail over the primary without sign-off from the incident commander (@db)",
                note="a decision policy names the condition and who decides"),
        Example("## Timeline\n\n- 10:04 UTC we should be more careful, someone says on the bridge\n",
                note="timeline entries report what happened; they commit to nothing"),
        Example("## Lessons learned\n\n- Never trust a default timeout\n- Small changes are easier to roll back\n",
                note="a maxim states a lesson; it is not a to-do"),
        Example("## Action items\n\n- Ensure the integration tests run on every merge to main (@ci)",
                note="a people verb whose object is a system artifact builds a mechanism"),
        Example("## Action items\n\n- We are conducting a review of the storage design to find weak points (@arch)",
                note="a review to find causes is investigation, not an activity that reminds"),
        Example("## Action items\n\n- Write a migration that backfills the missing column (@db)",
                note="a produce verb whose object is a system change"),
    ),
    tags=("action-items",),
    reads=(ROOT_GUARDRAIL, INTROS),
)
