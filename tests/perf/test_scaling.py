"""A review is linear in the size of the document (issue 10 item 4).

Two steps were quadratic: each heading scanned (and copied) the list of later headings to
find where its section ends, and ST002 tested every segment of the document against each
Impact section. 8x the sections must cost well under 64x the work. Work is counted, not
timed: the number of lines of our own code executed (a trace), which is the same on any
machine at any load (timings belong in scripts/bench_scaling.py). Before the fix the ratio
for 200 -> 1,600 sections was 32; linear is 8.
"""

from __future__ import annotations

import os
import sys

import reviewer
from reviewer import review
from reviewer.parser import parse_markdown

OUR_CODE = os.path.dirname(reviewer.__file__)


def _document(sections: int) -> str:
    body = "".join(f"## Impact {i}\n\nThe queue grew by {i} messages while Bob restarted it.\n\n"
                   for i in range(sections))
    return "# Checkout outage\n\n" + body


def _lines_run(text: str) -> int:
    """How many lines of reviewer/ code one review executes."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(OUR_CODE):
            return None  # do not trace into libraries
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        review(text, "scale.md")
    finally:
        sys.settrace(None)
    return count


def test_eight_times_the_sections_costs_about_eight_times_the_work():
    review(_document(10), "warm.md")  # lazy set-up (lexicons, patterns) is not part of the count
    small, large = _lines_run(_document(200)), _lines_run(_document(1600))
    assert large / small < 10, f"{small} -> {large} lines executed: super-linear"


def test_section_ends_follow_heading_levels():
    doc = parse_markdown("# T\n\n## A\n\n### A1\n\n## B\n\n# U\n")
    spans = {s.title: (s.span.start, s.span.end) for s in doc.sections}
    source = doc.source
    assert source[slice(*spans["A"])] == "## A\n\n### A1\n\n"
    assert source[slice(*spans["A1"])] == "### A1\n\n"
    assert source[slice(*spans["T"])] == "# T\n\n## A\n\n### A1\n\n## B\n\n"
    assert source[slice(*spans["U"])] == "# U\n"
