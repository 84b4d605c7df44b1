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
from reviewer.rules.action_items.clause import main_clause, object_words, verb_tags
from reviewer.rules.action_items.conjuncts import builds_further
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
from reviewer.rules.base import DocumentInput, Example, Hit, Rule, SegmentContext
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
_REMOVAL = frozenset({"replace", "remove", "eliminate", "automate", "retire", "drop", "delete", "deprecate",
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
    if prose.strip().lower().startswith(_INVESTIGATE):
        return None
    docs = None
    head = _PURPOSE.split(prose, 1)[0]
    recorded = record_item(head)
    if recorded:  # "document the rate limiter's settings": mechanisms it names are its topic
        if not builds_further(head):
            return recorded
    builds = any(True for _ in lexicon.load("guardrail_signals").finditer(head))
    main = main_clause(head)
    if trigger_to_channel(head) or leading_system_subject(head) or permission_rule(head):
        return None  # "send a message to #db when lag exceeds 30 s", "the purge tool now asks ...": a mechanism acts
    changes = verb_of(main)[0] in _REMOVAL
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
            return "strong", match.group()
        docs = docs or ("docs", match.group())
    ensured = ensured_people_act(main)
    if ensured:  # "ensure that any exception is clearly communicated": the mechanism words are its topic
        return ensured
    # the scan of the whole prose repeats the head's when there is no purpose clause (the common case)
    if builds or sets_value(prose) or (head != prose and any(
            True for _ in lexicon.load("guardrail_signals").finditer(prose))):
        # ... or "raise the stop timeout to 120 seconds": a setting changed to a value. But in "tell
        # deployers to wait for the canary" the canary is what people are told about: nothing is built.
        told = told_item(head) or watched_item(head) or attended_item(head) or document_item(head)
        return told if told and not builds_further(head) and not sets_value(prose) else None
    if mechanism_agent(head) or (main.verb == "ensure" and mechanism_complement(re.sub(r"^that\s+", "", main.rest))):
        return None  # "have the pipeline build the docs", "ensure the database has a hot standby": a system is changed
    if docs:
        return None if builds_further(head) else docs  # "... and the deploy script": a mechanism too
    clause = main_clause(head)
    if scheduled_upkeep(head) or finding_out(head):
        return None  # "back up the config database nightly": a schedule; "monitor it to see whether ...": finding out
    if verb_of(clause)[1] != "record" and open_question(clause.rest, head) and not our_way(clause):
        return None  # "we need to look at why the worker hangs" finds something out ("improve how we ..." does not)
    if has_trigger(head):
        return None  # "notify the team channel when a backup job fails": a mechanism's spec
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
    found = found or next(filter(None, map(practice, advice)), None) or attention_reading(head)
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
    listed = is_action_item(segment) or segment.index in ctx.read(PSEUDO_HEADING_ITEMS)
    if is_intro(segment) or not (listed or is_narrative_commitment(segment)):
        return  # an intro is judged through the items it introduces
    if has_done_status(segment) or segment.index in ctx.read(CHECKED):
        return  # a DONE status cell or a checked box: a step taken, not a follow-up to change
    item = parse_item(segment, ctx.memo)
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
        "Humans cannot be the primary control in a fast system: reminders decay, guardrails do not."
    ),
    guardrail="Replace it with a guardrail, a constraint or a decision-policy change, e.g. a pre-merge "
              "check, a canary with automatic rollback, an interlock, or an alert with a runbook.",
    severity=Severity.WARNING,
    detect=detect,
    gate=lambda segment, ctx: is_action_item(segment) or is_narrative_commitment(segment) or (
        segment.kind is SegmentKind.LIST_ITEM),  # a list item may sit under a pseudo-heading (item.py)
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
        Example("## Action items\n\n- Analyze the queue depth graphs daily (@ops)\n- Keep an eye out for failed "
                "certificate renewals over the next weeks (@web)", note="a person is the monitor"),
        Example("## Action items\n\n- Every Monday go through the dead-letter queue by hand (@ops)\n"
                "- Publish a write-up of the outage on the engineering blog (@comms)",
                note="a watch kept on a schedule; a text for readers changes no system"),
        Example("## Action items\n\n- Review schema migrations harder next time (@data)",
                note="more effort asked of people, at the end of the clause"),
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
        Example("## Action items\n\n- Test each schema change on a copy of the database before applying it (@db)",
                note="structural: a person's routine act tied to an occasion ('before applying')"),
        Example("## Action items\n\n- On-call engineers must acknowledge a page within five minutes (@sre)",
                note="structural: a rule for people (a person subject with 'must')"),
        Example("## Action items\n\n- Have a second engineer read over any hand-written SQL before it runs (@db)",
                note="structural: 'have X do' hands the act to a person"),
        Example("## Action items\n\n- Give partner teams a week of notice before removing an endpoint (@api)",
                note="structural: an act aimed at people"),
        Example("## Action items\n\n- Improve the rota's knowledge of the storage layer (@infra)",
                note="structural: a quality of people as the object"),
        Example("## Action items\n\n- Spell out the restart order in the operator handbook (@ops)",
                note="structural: a document as the place the act puts something"),
        Example("## Action items\n\n- The restore guide will be extended with the new bucket names (@data)",
                note="structural: a document as the subject"),
        Example("## Action items\n\n- Be conservative with capacity changes during the sale (@infra)",
                note="structural: 'be' + an adjective asks people for a disposition"),
        Example("## Action items\n\n- It is important to read the upgrade notes before bumping a major version",
                note="structural: impersonal advice is read as 'we should'"),
        Example("## Action items\n\n- Engineers should not start migrations at peak hours (@db)",
                note="structural: a prohibition for people"),
        Example("## Action items\n\n- Continue to track the upstream leak report (@infra)",
                note="structural: 'continue to' + a person's act goes on; it changes nothing"),
        Example("## Action items\n\n- Better coordination with the payments team during releases (@pay)",
                note="structural: a noun phrase whose head is a quality of people"),
        Example("## Resolution\n\nThe volume was restored at 10:40 UTC. More training will be given to the rota on "
                "resizing volumes.\n", note="an unmistakable reminder committed in prose counts in any section"),
        Example("## Action items\n\n- When coming back from a freeze, warm the caches by hand first (@web)",
                note="structural: an occasion that is a person's activity, then an imperative"),
        Example("## Action items\n\n- Schema changes to be reviewed by a second engineer before they are applied",
                note="structural: 'X to be <done>' is an obligation, read like 'X should be <done>'"),
        Example("## Action items\n\n- Confirmation of the target cluster before every purge (@ops)",
                note="structural: the act named as a noun ('confirmation of') is read as its verb"),
        Example("## Action items\n\n- Keep checking the queue depth by hand until the patch ships (@data)",
                note="structural: 'keep <doing>' is an act that goes on"),
        Example("## Action items\n\n- The engineer running the release should stay on the bridge for an hour after",
                note="structural: a person subject read through its participle ('the engineer running ...')"),
        Example("## Action items\n\n- Runbook for restoring the ledger from the nightly snapshot",
                note="structural: a verbless item is read by its head noun (a document)"),
        Example("## Action items\n\n- Add the retry and timeout settings to the operator handbook (@ops)",
                note="structural: a text made about mechanisms is still a text ('retry', 'timeout' are its topic)"),
        Example("## Action items\n\n- Test the restore on a scratch volume first (@db)",
                note="structural: 'first' orders a person's steps"),
        Example("## Action items\n\n- Upgrade the replicas one at a time and watch the lag graphs between each (@db)",
                note="a reminder in a coordinated clause counts even after a change verb"),
        Example("## Action items\n\n- Post a maintenance notice in the community forum (@infra)",
                note="structural: a message to people posted by hand"),
        Example("## Action items\n\n- Increase awareness of the purge tool's region flag among operators (@ops)",
                note="a change verb that keeps the human step ('increase awareness') is still a reminder"),
        Example("## Action items\n\n- More thoroughly test config changes before each release (@ops)",
                note="structural: a comparative manner adverb before the verb is not the verb"),
        Example("## Next steps\n\n- We intend to be much more open about planned maintenance (@infra)",
                note="structural: the writers pledge a quality of conduct"),
        Example("## Action items\n\n- We pledge to do better next time (@eng)",
                note="structural: a pledge ('promise/pledge/vow to') to 'do better' names no act"),
        Example("## Action items\n\n- Tell deployers to wait for the canary to finish before promoting (@rel)",
                note="a message passed to people: the canary is what they are told about, nothing is built"),
        Example("## Action items\n\n- Create a snapshot of the volume before resizing it (@infra)",
                note="a light verb with an act noun ('create a snapshot') is that act, tied to an occasion"),
    ),
    passing=(
        Example("## Action items\n\n- Analyze the crash dumps until the cause of the hang is found (@kim)",
                note="finding out is investigation, not a watch kept"),
        Example("## Action items\n\n- Define a process for approving schema changes in production (@db)\n"
                "- Introduce a change-approval process for DNS edits (@net)",
                note="a process set up for a named decision is a decision policy, not a text for people"),
        Example("## Action items\n\n- Make sure everyone on the rota has the permissions to roll back (@sre)\n"
                "- Ensure we are paged when replication lag passes 30 s (@db)\n"
                "- Make sure schema migrations only run during working hours (@db)",
                note="'make sure' over a permission, an alert that reaches people, or a rule on when an act may run"),
        Example("## Action items\n\n- Add a pre-merge check that rejects configs without a TTL (@dana)"),
        Example("## Action items\n\n- Update the failover runbook and the switchover script (@db)",
                note="a document updated together with a script: the script is a mechanism"),
        Example("## Action items\n\n- Build a maintenance page that will notify customers when the shop is back (@web)",
                note="the page notifies customers: a relative clause says what the built thing does"),
        Example("## Action items\n\n| Action | Owner | State |\n|---|---|---|\n| Tell the affected tenants | @sam | DONE |\n"
                "\n- [x] Ask the vendor to retry the transfer\n",
                note="marked finished: a step taken during the incident, not a follow-up"),
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
        Example("## Action items\n\n- Have the release pipeline refuse tags that skip the changelog (@ci)",
                note="'have X do' with a mechanism as X: the system acts, even though a document is named"),
        Example("## Action items\n\n- Configure the proxy to drain connections before a node restarts (@net)",
                note="a change verb: the occasion belongs to the mechanism"),
        Example("## Action items\n\n- Use the release script for every deploy (@ci)",
                note="a mechanism as the object carries the act"),
        Example("## Action items\n\n- Check whether the old branch has the same bug (@core)",
                note="an open question is investigation"),
        Example("## Action items\n\n- Replace the manual failover steps with a failover controller (@db)",
                note="a change verb whose result is a mechanism, though its object is a procedure"),
        Example("## Action items\n\n- Rotate the signing keys every 90 days (@sec)",
                note="a change to the system on a schedule, not a person's practice"),
        Example("## Action items\n\n- Run each schema migration against a shadow database in CI (@db)",
                note="the act runs in a pipeline"),
        Example("## Resolution\n\nWe will check the replica settings with the vendor next week.\n",
                note="in an analysis section only an unmistakable reminder is reported"),
        Example("## Action items\n\n- When the queue grows past 1,000, drain the oldest partition first (@data)",
                note="an occasion that is a system state: a runbook step for a condition, not a habit"),
        Example("## Action items\n\n- Allow writes to the ledger only during the maintenance window (@db)",
                note="a permission tied to a time is a constraint"),
        Example("## Action items\n\n- Use separate signing keys for each validator (@node)",
                note="'each' over things is not an occasion"),
        Example("## Action items\n\n- Review of the paging policy: owners agreed to a 15-minute acknowledgement SLO",
                note="a verb-looking first word before 'of' names a topic"),
        Example("## Action items\n\n- Add the runbook's restart command to the alert's notification text (@sre)",
                note="the object's head is a command put into an alert, not a document"),
        Example("## Action items\n\n- Replication lag dashboard for the payments cluster (@dba)",
                note="a verbless item whose head is not a document or a quality of people"),
        Example("## Action items\n\n- Replace the manual review of schema changes with a pre-merge check (@db)",
                note="a reminder word inside a change verb's object names the human step it removes"),
        Example("## Action items\n\n- Eliminate the by-hand verification step from the release (@rel)",
                note="removing the human step is the guardrail"),
        Example("## Action items\n\n- Email the storage admins when the free space drops below 15% (@sre)",
                note="an act on a trigger (a threshold on the system's state) specifies a mechanism"),
        Example("## Action items\n\n- The purge tool now asks operators to type the region before it deletes (@ops)",
                note="a mechanism as the subject: the system asks, people do not have to remember"),
        Example("## Action items\n\n- Verify restores every night in a scheduled job that pages on failure (@db)",
                note="a mechanism as the means of the act"),
        Example("## Action items\n\n- Use a staging cluster that mirrors production for every release (@infra)",
                note="an object that acts by itself ('that mirrors ...') is a mechanism"),
        Example("## Action items\n\n- Review the vendor's incident report to learn what failed on their side (@sre)",
                note="reading a document to find something out is investigation"),
        Example("## Action items\n\n- Post a message to #storage when replication lag exceeds 30 seconds (@dba)",
                note="a message to a channel on a trigger is an alert"),
        Example("## Action items\n\n- Engineers should not have write access to the billing database (@sec)",
                note="who holds a capability is a constraint, whatever modal states it"),
        Example("## Action items\n\n- Always give workers time to drain; raise the shutdown grace period to 90 seconds "
                "(@ops)", note="a setting changed to a value is a mechanism, whatever else the item asks"),
        Example("## Next steps\n\n- We will be more resilient to zone outages (@infra)",
                note="after 'we will be' only a quality of conduct is a pledge; this describes the system"),
        Example("## Prevention\n\n- Never expose the replication ports outside the private network (@net)",
                note="who can reach an endpoint is a constraint, even when phrased as a prohibition"),
        Example("## Action items\n\n- We will do better at on-call handovers by adding a handover bot (@sre)",
                note="'do better' followed by the act that does it is read by that act"),
        Example("## Action items\n\n- Make sure the nightly export job cannot start while a restore is running (@db)",
                note="'make sure' + a mechanism given a behaviour builds it; nobody has to remember"),
    ),
    tags=("action-items",),
    reads=(ROOT_GUARDRAIL, INTROS, CHECKED, PSEUDO_HEADING_ITEMS),
)
