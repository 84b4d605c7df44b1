"""AC002/AC004/AC005 judge a follow-up list once: one finding on the list, naming its items."""

from __future__ import annotations

import json

from reviewer.config import Config
from reviewer.evals.reviewers import Review
from reviewer.evals.suites.actions import _owner_problem
from reviewer.findings import Severity
from reviewer.render.json_format import finding_dict
from reviewer.render.sarif import _result
from reviewer.review import review

TEAM_LIST = """# Queue outage

We paused the export queue at 10:02 UTC and drained it by 10:40 UTC.

## Action items

| Action | Owner |
|---|---|
| Add a queue-depth alert | @ops |

- Cap the export batch size
- Write a runbook for draining the queue
- [x] Restart the stuck worker
"""

ONE_WRITER = """# My blog was down

I moved my blog to a new host on Sunday. I forgot my backup check and I lost two drafts.

## Next steps

- Test a restore of the drafts every month
- Keep a copy of the drafts off the host
"""


def _only(report, rule):
    found = [f for f in report.findings if f.rule == rule]
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def test_one_finding_names_the_items_without_an_owner():
    report = review(TEAM_LIST, "pm.md")
    finding = _only(report, "AC002")
    assert finding.start.line == 9  # the list's first open item (the owned table row)
    assert finding.related_lines == (11, 12)  # the checked item is done: not named
    assert "2 of 3 open items" in finding.message and "lines 11, 12" in finding.message
    assert finding.severity is Severity.WARNING


def test_tracking_is_judged_once_too():
    finding = _only(review(TEAM_LIST, "pm.md"), "AC005")
    assert finding.related_lines == (9, 11, 12)
    assert "none of the 3 open items" in finding.message


def test_one_writer_without_any_owner_gets_one_info_finding():
    finding = _only(review(ONE_WRITER, "pm.md"), "AC002")
    assert finding.severity is Severity.INFO
    assert finding.related_lines == (7, 8)


def test_a_configured_severity_wins_over_the_lists_own():
    report = review(ONE_WRITER, "pm.md", config=Config(severity={"AC002": "error"}))
    assert _only(report, "AC002").severity is Severity.ERROR


def test_the_eval_credits_each_named_item_not_the_anchor():
    report = review(TEAM_LIST, "pm.md")
    document = report.document
    assert document is not None
    rows = {document.position(s.span.start)[0] + 1: s for s in document.segments}
    result = Review(document=document, findings=report.findings)
    assert _owner_problem(result, rows[11]) and _owner_problem(result, rows[12])
    assert not _owner_problem(result, rows[9])  # the finding sits on it, but it has an owner


def test_outputs_carry_the_related_lines():
    finding = _only(review(TEAM_LIST, "pm.md"), "AC002")
    assert json.loads(json.dumps(finding_dict(finding)))["related_lines"] == [11, 12]
    sarif = _result(finding, "pm.md", {"AC002": 0})
    assert [r["physicalLocation"]["region"]["startLine"] for r in sarif["relatedLocations"]] == [11, 12]


def test_a_list_finding_whose_items_are_all_suppressed_is_dropped():
    text = ("## Action items\n\n- Add a queue-depth alert (@ops)\n"
            "<!-- pmreview-disable-next-line AC002 reason=\"owned by the vendor\" -->\n- Cap the export batch size\n")
    assert not [f for f in review(text, "pm.md").findings if f.rule == "AC002"]
    assert [f for f in review(text.replace("<!-- pmreview-disable-next-line AC002 reason=\"owned by the vendor\" -->\n",
                                           ""), "pm.md").findings if f.rule == "AC002"]


def test_a_suppressed_item_leaves_the_list_count_and_the_rest_is_still_asked():
    text = ("## Action items\n\n<!-- pmreview-disable-next-line AC002 reason=\"owned by the vendor\" -->\n"
            "- Ask the vendor to raise the export limit\n- Add a queue-depth alert\n- Cap the batch size (@data)\n")
    finding = _only(review(text, "pm.md"), "AC002")
    assert finding.related_lines == (5,)  # on the first item still asked, not on the suppressed one
    assert "1 of 2 open items" in finding.message
    # the other rules still count the item
    assert "lines 4, 5, 6" in _only(review(text, "pm.md"), "AC005").message


def test_items_of_one_list_sharing_their_topic_are_not_one_item():
    text = ("## Action items\n\n| Action | Ticket |\n|---|---|\n| The store detects data corruption by default | OPS-1 |\n"
            "| The store can reliably detect data corruption at startup | |\n")
    finding = _only(review(text, "pm.md"), "AC005")
    assert finding.related_lines == (6,)
