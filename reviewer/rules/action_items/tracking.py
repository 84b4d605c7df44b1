"""AC005 action-item-untracked: no due date and no ticket.

Judged once per follow-up list (followups.py): one info finding on the list's first open item
says how many of its items have neither a ticket nor a due date and names their lines. A team
that tracks its follow-ups elsewhere writes one link for the list; a line per item would repeat
the same advice for every bullet.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.document import Document
from reviewer.findings import Severity
from reviewer.rules.action_items.followups import follow_up_lists, given_elsewhere, lead_answers, lines_of, switched_on
from reviewer.rules.action_items.item import parse_item
from reviewer.rules.base import Example, Hit, Rule, RuleContext
from reviewer.rules.common import hit


def check(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    tracked_elsewhere = given_elsewhere(document, ctx, lambda item: item.has_due or item.has_ticket, tracking=True)
    tracked_above = lead_answers(document, ctx).tracked
    for group in switched_on(follow_up_lists(document, ctx, "AC005", tracking=True), ctx):
        untracked = [s for s in group.items if not (item := parse_item(s, ctx.segment_memo)).has_due
                     and not item.has_ticket and s.index not in tracked_above and not tracked_elsewhere(s)]
        if not untracked or group.tracker:
            continue  # every item has a ticket or date, or the list links the tracker that holds them
        first = group.items[0]
        total = len(group.items)
        if total == 1:
            message = "Action item has no due date and no ticket: link a tracking ticket or give a due date"
        else:
            count = f"none of the {total} open items in this list ({lines_of(document, untracked)}) has one" \
                if len(untracked) == total else \
                f"{len(untracked)} of {total} open items in this list {'has' if len(untracked) == 1 else 'have'} neither ({lines_of(document, untracked)})"
            message = (f"Action items have no due date and no ticket: {count}; link a tracking ticket or give a "
                       "due date for each (one link to the list's tracker will do)")
        found = hit(first, 0, len(first.text), message)
        yield Hit(found.span, found.message, related=tuple(s.span for s in untracked))


RULE = Rule(
    id="AC005",
    name="action-item-untracked",
    summary="Action items with neither a due date nor a tracking ticket: one finding per follow-up list.",
    rationale="Items without a ticket or date are the first to be dropped; a recorded decision not to "
              "act is better than a silent drop. Judged once per follow-up list: the finding names the "
              "lines of the untracked items; a list that links the tracker holding its items, an item "
              "tracked where it is listed again, and a list that records what now holds (results verified, "
              "features delivered: done work) need nothing more.",
    guardrail="Link a ticket (OPS-123) or give a due date (2024-06-30).",
    severity=Severity.INFO,
    check=check,
    flagged=(Example("## Action items\n\n- Add a schema check (@dana)",
                     "## Action items\n\n- Add a schema check (@dana, OPS-412, due 2024-06-30)"),
             Example("## Action items\n\n- Add a free-space alert on the build hosts (@infra, OPS-7)\n- Pin the base "
                     "image in the release job (@release)\n- Write a failover runbook for the queue (@queue-oncall)\n",
                     note="a list is judged once: '2 of 3 open items in this list have neither (lines 4, 5)'"),),
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
                     note="a subsection of a part that reports work done: its rows are done too"),
             Example("## Action items\n\nAll of these are tracked in the OPS-90 epic.\n\n- Add a free-space alert "
                     "(@infra)\n- Pin the base image (@release)\n",
                     note="the list names the tracker that holds its items"),
             Example("## Action items\n\n- Add a free-space alert on the build hosts (@infra)\n\n## Summary\n\n| "
                     "Follow-up | Owner | Ticket |\n|---|---|---|\n| Free-space alert on every build host | @infra | OPS-7 |\n",
                     note="an item tracked where it is listed again (a summary table with tickets) is tracked"),
             Example("# Billing outage\n\n## The new exporter\n\n**Key improvements:**\n\n- **Retries:** failed uploads "
                     "retried after a short pause\n- **Batching:** smaller batches with a size cap\n- **Cleanup:** the "
                     "sweeper removes stale parts on start\n",
                     note="a list of features already delivered records what now holds: done work needs no ticket"),
             Example("## Action items\n\n### Alerting (OPS-44)\n\n- Add a free-space alert (@infra)\n- Page on a "
                     "stuck queue (@ops)\n",
                     note="a ticket given once, on the heading above a list, tracks its items")),
    tags=("action-items",),
)
