"""AC002-AC004: every action item has exactly one owner who can ship it.

AC002 (no owner) and AC004 (a vague owner) judge a follow-up list once (followups.py): one
finding on the list's first open item says how many of its items lack an owner and names their
lines (the finding's related locations), because owners are the list's convention, not a
property of each line. AC003 (several owners) stays per item: it is about one item's owner cell.

A list whose convention is plainly "no owners for anything" in a write-up by one person (the
document speaks as "I", no item anywhere names an owner): a demanding SRE reviewer still asks,
once, who will do the work, but does not treat it as a defect of each line, nor block on it: the
writer is the only person who could own them. That list gets one info-level AC002 saying so. A
team's list without owners stays a warning: "we" is nobody in particular.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.document import Document, Segment
from reviewer.findings import Severity
from reviewer.rules.action_items.followups import (
    follow_up_lists,
    given_elsewhere,
    lead_answers,
    lines_of,
    one_writer,
    switched_on,
)
from reviewer.rules.action_items.item import LEGEND, parse_item
from reviewer.rules.action_items.role import DONE_PARTS
from reviewer.rules.action_items.scope import SCOPE, accountable, candidate
from reviewer.rules.base import Example, Hit, Rule, RuleContext, SegmentContext
from reviewer.rules.common import hit


def _list_hit(first: Segment, flagged: list[Segment], message: str, severity: Severity | None = None) -> Hit:
    """A finding on the list's first open item, naming the items it is about."""
    found = hit(first, 0, len(first.text), message)
    return Hit(found.span, found.message, related=tuple(s.span for s in flagged), severity=severity)


def check_missing(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    lists = switched_on(follow_up_lists(document, ctx, "AC002"), ctx)
    owned_elsewhere = given_elsewhere(document, ctx, lambda item: bool(item.owners))
    owned_above = lead_answers(document, ctx).owned
    owners_anywhere = any(parse_item(s, ctx.segment_memo).owners for group in lists for s in group.items)
    for group in lists:
        missing = [s for s in group.items if not (item := parse_item(s, ctx.segment_memo)).owners
                   and not item.vague_owner and s.index not in owned_above and not owned_elsewhere(s)]
        if not missing:
            continue
        total = len(group.items)
        # A list's finding sits on its first open item; plans told in prose are no list: on the first one asked.
        first = missing[0] if group.in_prose else group.items[0]
        if total == 1:
            yield _list_hit(group.items[0], missing, "Action item has no owner: name one person or team handle with "
                                                     "the authority to ship it")
            continue
        where = lines_of(document, missing)
        told = "plans told in the text" if group.in_prose else "open items in this list"
        count = f"none of the {total} {told} ({where}) names one" if len(missing) == total else \
            f"{len(missing)} of {total} {told} {'names' if len(missing) == 1 else 'name'} no one ({where})"
        if not owners_anywhere and one_writer(document):
            yield _list_hit(first, missing, f"Action items have no owner: {count}; if you will do them "
                                                     "yourself, say so, else name who will", Severity.INFO)
            continue
        yield _list_hit(first, missing, f"Action items have no owner: {count}; give each one owner "
                                                 "with the authority to ship it")


def detect_several(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    if not accountable(segment, ctx):
        return
    item = parse_item(segment, ctx.memo)
    if len(item.owners) > 1:
        yield hit(segment, 0, len(segment.text), f"Action item has {len(item.owners)} owners "
                                                 f"({', '.join(item.owners)}): shared ownership is no ownership; pick one")


def check_vague(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    for group in switched_on(follow_up_lists(document, ctx, "AC004"), ctx):
        vague = [s for s in group.items if parse_item(s, ctx.segment_memo).vague_owner]
        if not vague:
            continue
        names = sorted({(parse_item(s, ctx.segment_memo).owner or "").strip() for s in vague})
        if len(group.items) == 1:
            yield _list_hit(vague[0], vague, f"Owner '{names[0]}' is not a person or team handle: assign one owner "
                                             "with the authority to ship it")
            continue
        said = ", ".join(f"'{n}'" for n in names)
        yield _list_hit(group.items[0], vague, f"Action items have vague owners: {len(vague)} of {len(group.items)} "
                                               f"open items {'is' if len(vague) == 1 else 'are'} owned by {said} ({lines_of(document, vague)}), not a "
                                               "person or team handle; assign each one owner with the authority to ship it")


MISSING = Rule(
    id="AC002",
    name="action-item-missing-owner",
    summary="Action items with no owner: one finding per follow-up list, naming the items' lines.",
    rationale="Work without an owner loses to work with one. Give each action item a single owner with "
              "authority to ship it. Owners are a list's convention, so the document's follow-up list is "
              "judged once: one finding on its first open item counts the items without an owner and names "
              "their lines. Only the follow-up part is asked (when the document has one), never done items, "
              "items owned where they are listed again, a list that is mostly not actions, a list that records "
              "what now holds (results verified, features delivered: done, so no owner is due), or a template's "
              "prompt to the author. Any column whose header names an owner role gives the owner. A one-person "
              "write-up that names no owner anywhere gets one info-level finding.",
    guardrail="Add an owner column or an inline @handle.",
    severity=Severity.WARNING,
    check=check_missing,
    flagged=(Example("## Action items\n\n- Add a pre-merge schema check for rollout.yaml",
                     "## Action items\n\n- Add a pre-merge schema check for rollout.yaml (@deploy-team)"),
             Example("## Action items\n\n| Action | Owner |\n|---|---|\n| Add a schema check | ??? |",
                     note="a placeholder is no owner"),
             Example("## The sign-up sheet\n\nWe have decided to post maintenance notices on the status page.\n",
                     "## The sign-up sheet\n\nWe have decided to post maintenance notices on the status page (owner: "
                     "@comms).\n", note="a decision in the present perfect is still to be carried out"),
             Example("## The sign-up sheet\n\nWe’re adding a retry with backoff to the export job. We'll also cap its "
                     "batch size.\n",
                     note="a commitment contracted onto its subject ('we’re adding', 'we'll')"),
             Example("## Action items\n\n- Add a free-space alert on the build hosts\n- Pin the base image in the "
                     "release job\n- Write a failover runbook for the queue\n",
                     "## Action items\n\n- Add a free-space alert on the build hosts (@infra)\n- Pin the base image in "
                     "the release job (@release)\n- Write a failover runbook for the queue (@queue-oncall)\n",
                     note="a list is judged once: one finding on its first item names the lines of every item "
                          "without an owner"),
             Example("## Follow-ups\n\n| Action | Owner |\n|---|---|\n| Add a free-space alert | @infra |\n"
                     "| Pin the base image | |\n| Rotate the deploy key | @sec |\n",
                     note="'1 of 3 open items in this list names no one (line 6)'"),
             Example("I moved my photo blog to a new host last night. I skipped my usual backup check, and I lost a "
                     "day of my drafts.\n\n## Next steps\n\n- Test a restore of the drafts every month\n"
                     "- Keep a second copy of the drafts off the host\n",
                     note="one person's write-up with no owner anywhere: one info-level finding asks once who will "
                          "do the work"),
             Example("## Action items\n\n- Add a free-space alert on the build hosts (Probably)\n",
                     note="a bracketed hedge qualifies the item; it names no owner", name="bracketed-hedge"),
             Example("# Billing outage\n\n## Prevention\n\n- Add a replica lag alert\n- Replica restarts no longer drop "
                     "the cache\n",
                     note="an open item beside a result is still asked: the list holds an action"),
             Example("# Billing outage\n\n## Action items\n\n| Action | Owning team | Issue |\n|---|---|---|\n"
                     "| Add a replica lag alert | | DB-12 |\n", note="an empty cell under an owner column is no owner"),
             Example("# Queue outage\n\nThe queue stalled for an hour when a key expired.\n\n## Follow-up\n\nKeys "
                     "without an expiry date are deprecated, and they will be rejected from 1 June.\n",
                     note="in a report for the team a scheduled change is work someone owns")),
    passing=(Example("## Action items\n\n| Action | Owner |\n|---|---|\n| Add a schema check | @dana |"),
             Example("# Your saved cards\n\nOn Monday we found that cards you saved could be read by a partner script. "
                     "You do not need to do anything: your cards are safe now. If you see a charge you do not know, "
                     "write to us. When the audit is done, we will email you what it found.\n",
                     note="in a notice, a promise made to the reader ('we will email you') keeps them informed"),
             Example("# Forum outage\n\nThe forum was down for two days.\n\n## Closing\n\nUntil the upstream fix "
                     "ships, we intend to continue blocking the abusive ranges.\n",
                     note="continuing what already goes on ('continue blocking') names no new work"),
             Example("# Keys without an expiry date\n\nYou may have API keys that never expire. If you created a key "
                     "before March, it has no expiry date.\n\nTo see your keys, open the settings of your workspace. You "
                     "can set an expiry date on each key there.\n\n## Deprecation\n\nKeys without an expiry date are "
                     "deprecated, and they will be rejected from 1 June.\n",
                     note="a notice written to its readers announces a scheduled change: the publisher owns it"),
             Example("## Follow-ups\n\n- **Actions taken**:\n  - Rollback of the index to the last snapshot\n"
                     "- Add a free-space alert on the build hosts (@infra)\n\n### Open questions\n\n"
                     "- Sharding by tenant for the larger customers\n\nNotes:\n\n- The indexer restarts itself every night\n",
                     note="a label item heads its nested items ('Actions taken:' reports work done); a part inside the "
                          "follow-ups titled as notes or questions holds no work"),
             Example("## Action items\n\nPriorities:\n\n- P1 - blocks the next release\n\n| Action | Priority | Owner |"
                     "\n|---|---|---|\n| Add a disk-usage alert | P1 | @ops |\n",
                     note="a legend for the table's values is not an action"),
             Example("## Follow-ups\n\n- [x] Rotate the staging password\n- We turned on branch protection.\n"
                     "- Do we need a second region?\n",
                     note="finished work (a checked box, a past-tense report) and open questions need no owner"),
             Example("## Action items\n\n- We are reworking the release checklist (@rel) so that it will:\n"
                     "  - list the rollback command\n  - name who watches the graphs\n",
                     note="the nested lines complete one action: its owner is asked once, of the outer item"),
             Example("## Follow-up actions\n\n1. **Add a second uplink**\n   - **Description:** Price a second "
                     "provider for the rack; @netops runs the comparison.\n",
                     note="a 'Description:' line under a titled item is the item's own text: its owner counts"),
             Example("## The sign-up sheet\n\nWe decided to roll the release back at 10:02 to restore checkout. We thought "
                     "the queue would hold, and that the backlog will be cleared in minutes. Don't assume a fix will be "
                     "shipped because it was discussed.\n\nIn the future, we might move the queue to its own cluster.\n",
                     note="a decision already carried out (simple past), a future inside a reported thought and an "
                          "undecided possibility ('might') are not open work"),
             Example("I will write more about the new backup setup in a later post.\n\nIn this post we will list every "
                     "outage of the shared runners.\n",
                     note="a promise to write about it later, or what the page itself is for, is talk about the "
                          "report, not open work"),
             Example("We now know that if we move the mail server again, we will need the hosting desk to open "
                     "the firewall first. I will treat the archive as the only copy from now on.\n\n"
                     "- Next steps: the old certificates are still cached, so I am purging them right now.\n",
                     note="what the writer now knows, a stance taken, and work under way while the update is "
                          "written are not open follow-ups"),
             Example("## Safeguards we put in place\n\n### Release checklist\n\n- [ ] Compare the schema version "
                     "with the app's before promoting\n\nCompleted:\n\n- Add a free-space alert on the build hosts\n\n"
                     "## Action items\n\n- [N/A] Move the cron host (the job now runs in the scheduler)\n"
                     "- **Rollout:** the new limits went live in every region on Tuesday.\n",
                     note="the role of the part an item sits in: a subsection of a heading that reports work done, "
                          "a list headed 'Completed:', a bracketed status that closes the item and a report behind a "
                          "label are not open work"),
             Example("## Action items\n\n- Add a free-space alert on the build hosts\n- Pin the base image in the "
                     "release job\n\n### Who does what\n\n| Action | Owner |\n|---|---|\n"
                     "| Free-space alert on all build hosts | @infra |\n| Pin the release job's base image | @release |\n",
                     note="an item given its owner where it is listed again (a table of owners under the list) is owned"),
             Example("## Testing after the fix\n\n- [ ] Sign-in works while the cache is cold\n- [ ] The export "
                     "finishes within a minute\n\n## Action items\n\n- Add a cold-cache sign-in test to CI (@qa)\n",
                     note="the document keeps its follow-ups under 'Action items': a checklist of tests elsewhere is "
                          "not asked for owners"),
             Example("## Action items\n\n- Is the queue limit the right one?\n- Note: the old runner is still in "
                     "use.\n- Whether to keep the v1 endpoint is undecided.\n- Add a queue-depth alert\n",
                     note="a list most of whose items are questions and notes is not a list of actions"),
             Example("## Action items\n\nTo stop this from happening again:\n\n- Add a queue-depth alert (@ops)\n",
                     note="a lead-in sentence announces the list; it is not an item"),
             Example("# Billing outage\n\n## Verification\n\n**Prevention in place:**\n\n- replica restarts no longer "
                     "drop the cache\n- the warm-up of the cache finishes reliably\n- the lag probe properly wired to "
                     "the pager\n",
                     note="a list of results verified states what now holds ('no longer', a participle after its "
                          "subject): a record, nobody's open work"),
             Example("# Billing outage\n\n## Action items\n\n| Action | Owning team | Issue |\n|---|---|---|\n"
                     "| Add a replica lag alert | [db-oncall](https://example.com/teams/db-oncall) | DB-12 |\n",
                     note="any column whose header names an owner role ('Owning team', 'Assignee', 'DRI') gives the "
                          "owner; a linked name is one owner"),
             Example("# Billing outage\n\n## Action items\n\n*Give every follow-up one owning team and link its "
                     "ticket.*\n\n| Action | Owner | Ticket |\n|---|---|---|\n| Add a replica lag alert | @dba | DB-12 |\n",
                     note="a template's prompt to the author is no item"),
             Example("## Action items\n\n### Storage (owner: @storage)\n\n- Add a free-space alert\n- Prune old "
                     "snapshots nightly\n\nOwned by the release team:\n\n- Pin the base image\n",
                     note="an owner given once, on the heading or the line above a list, owns its items")),
    tags=("action-items",),
)

SEVERAL = Rule(
    id="AC003",
    name="action-item-several-owners",
    summary="An action item with more than one owner.",
    rationale="When two people own an item, each can reasonably assume the other has it.",
    guardrail="Keep one owner; list helpers in the description.",
    severity=Severity.WARNING,
    detect=detect_several,
    gate=lambda segment, ctx: candidate(segment),
    reads=(LEGEND, SCOPE, DONE_PARTS),
    flagged=(Example("## Action items\n\n| Action | Owner |\n|---|---|\n| Add a schema check | @dana, @li |",
                     "## Action items\n\n| Action | Owner |\n|---|---|\n| Add a schema check | @dana |"),),
    passing=(Example("## Action items\n\n- Add a schema check (@dana)"),),
    tags=("action-items",),
)

VAGUE = Rule(
    id="AC004",
    name="action-item-vague-owner",
    summary='Action items owned by "we", "team", "someone" or "TBD": one finding per follow-up list.',
    rationale="'We' is nobody in particular; the item will wait for someone to volunteer. Judged once per "
              "follow-up list, like AC002: the finding names the lines of the items with a vague owner.",
    guardrail="Name one person or team handle.",
    severity=Severity.WARNING,
    check=check_vague,
    flagged=(Example("## Action items\n\n| Action | Owner |\n|---|---|\n| Add a schema check | we |",
                     "## Action items\n\n| Action | Owner |\n|---|---|\n| Add a schema check | @dana |"),
             Example("## Action items\n\n- Add a schema check (owner: TBD)"),
             Example("## Action items\n\n- We will add a schema check to the deploy job.\n- We will page the queue "
                     "owner on a full disk.\n- Rotate the deploy key (@sec)\n",
                     note="judged once per list: '2 of 3 open items are owned by ...', with their lines")),
    passing=(Example("## Action items\n\n- Add a schema check (owner: @platform-team)"),),
    tags=("action-items",),
)
