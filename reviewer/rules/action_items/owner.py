"""AC002-AC004: every action item has exactly one owner who can ship it."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.rules.action_items.item import LEGEND, parse_item
from reviewer.rules.action_items.role import DONE_PARTS
from reviewer.rules.action_items.scope import SCOPE, accountable, candidate
from reviewer.rules.base import Example, Hit, Rule, SegmentContext
from reviewer.rules.common import hit


def _item_hit(segment: Segment, message: str) -> Hit:
    return hit(segment, 0, len(segment.text), message)


def detect_missing(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    if not accountable(segment, ctx):
        return
    item = parse_item(segment, ctx.memo)
    if not item.owners and not item.vague_owner:
        yield _item_hit(segment, "Action item has no owner: name one person or team handle with the "
                                 "authority to ship it")


def detect_several(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    if not accountable(segment, ctx):
        return
    item = parse_item(segment, ctx.memo)
    if len(item.owners) > 1:
        yield _item_hit(segment, f"Action item has {len(item.owners)} owners ({', '.join(item.owners)}): "
                                 "shared ownership is no ownership; pick one")


def detect_vague(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    if not accountable(segment, ctx):
        return
    item = parse_item(segment, ctx.memo)
    if item.vague_owner:
        yield _item_hit(segment, f"Owner '{(item.owner or '').strip()}' is not a person or team handle: "
                                 "assign one owner with the authority to ship it")


MISSING = Rule(
    id="AC002",
    name="action-item-missing-owner",
    summary="An action item with no owner.",
    rationale="Work without an owner loses to work with one. Give each action item a single owner with "
              "authority to ship it.",
    guardrail="Add an owner column or an inline @handle.",
    severity=Severity.WARNING,
    detect=detect_missing,
    gate=lambda segment, ctx: candidate(segment),
    reads=(LEGEND, SCOPE, DONE_PARTS),
    flagged=(Example("## Action items\n\n- Add a pre-merge schema check for rollout.yaml",
                     "## Action items\n\n- Add a pre-merge schema check for rollout.yaml (@deploy-team)"),
             Example("## Action items\n\n| Action | Owner |\n|---|---|\n| Add a schema check | ??? |",
                     note="a placeholder is no owner"),
             Example("## The sign-up sheet\n\nWe have decided to post maintenance notices on the status page.\n",
                     "## The sign-up sheet\n\nWe have decided to post maintenance notices on the status page (owner: "
                     "@comms).\n", note="a decision in the present perfect is still to be carried out"),
             Example("## The sign-up sheet\n\nWe’re adding a retry with backoff to the export job. We'll also cap its "
                     "batch size.\n",
                     note="a commitment contracted onto its subject ('we’re adding', 'we'll')")),
    passing=(Example("## Action items\n\n| Action | Owner |\n|---|---|\n| Add a schema check | @dana |"),
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
                          "label are not open work")),
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
    summary='An action item owned by "we", "team", "someone" or "TBD".',
    rationale="'We' is nobody in particular; the item will wait for someone to volunteer.",
    guardrail="Name one person or team handle.",
    severity=Severity.WARNING,
    detect=detect_vague,
    gate=lambda segment, ctx: candidate(segment),
    reads=(LEGEND, SCOPE, DONE_PARTS),
    flagged=(Example("## Action items\n\n| Action | Owner |\n|---|---|\n| Add a schema check | we |",
                     "## Action items\n\n| Action | Owner |\n|---|---|\n| Add a schema check | @dana |"),
             Example("## Action items\n\n- Add a schema check (owner: TBD)")),
    passing=(Example("## Action items\n\n- Add a schema check (owner: @platform-team)"),),
    tags=("action-items",),
)
