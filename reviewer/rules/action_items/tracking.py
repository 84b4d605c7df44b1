"""AC005 action-item-untracked: no due date and no ticket."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.document import SectionKind, Segment
from reviewer.findings import Severity
from reviewer.rules.action_items.item import LEGEND, is_listed_action_item, parse_item
from reviewer.rules.action_items.role import DONE_PARTS
from reviewer.rules.action_items.scope import SCOPE, accountable
from reviewer.rules.base import Example, Hit, Rule, SegmentContext
from reviewer.rules.common import hit


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    if not accountable(segment, ctx, tracking=True):
        return
    item = parse_item(segment, ctx.memo)
    if not item.has_due and not item.has_ticket:
        yield hit(segment, 0, len(segment.text),
                  "Action item has no due date and no ticket: link a tracking ticket or give a due date")


RULE = Rule(
    id="AC005",
    name="action-item-untracked",
    summary="An action item with neither a due date nor a tracking ticket.",
    rationale="Items without a ticket or date are the first to be dropped; a recorded decision not to "
              "act is better than a silent drop.",
    guardrail="Link a ticket (OPS-123) or give a due date (2024-06-30).",
    severity=Severity.INFO,
    sections=frozenset({SectionKind.ACTION_ITEMS}),
    detect=detect,
    gate=lambda segment, ctx: is_listed_action_item(segment),
    reads=(LEGEND, SCOPE, DONE_PARTS),
    flagged=(Example("## Action items\n\n- Add a schema check (@dana)",
                     "## Action items\n\n- Add a schema check (@dana, OPS-412, due 2024-06-30)"),),
    passing=(Example("## Action items\n\n| Action | Owner | Bug |\n|---|---|---|\n| Add a schema check | @dana | OPS-412 |"),
             Example("## Action items\n\n| Action | Owner | State |\n|---|---|---|\n| Rotate the leaked key | @sec | Done |",
                     note="finished work needs no ticket"),
             Example("## Action items\n\n- The stale DNS records were removed from the zone\n",
                     note="a report of finished work"),
             Example("## Follow-up actions\n\n1. **Add a second uplink** (@netops)\n   - **Description:** Price a "
                     "second provider for the rack, see NET-88.\n",
                     note="the ticket on the item's 'Description:' line tracks the item"),
             Example("## Action items\n\n- N/A\n", note="a list that says there is nothing to do"),
             Example("## What we changed\n\n### Storage\n\n| Action | Owner |\n|---|---|\n| Add a free-space alert | @ops |\n",
                     note="a subsection of a part that reports work done: its rows are done too")),
    tags=("action-items",),
)
