"""A review is linear in the size of the document (issue 10 item 4).

Two steps were quadratic: each heading scanned (and copied) the list of later headings to
find where its section ends, and ST002 tested every segment of the document against each
Impact section. 8x the sections must cost well under 64x the time; CPU time, so a loaded
machine does not decide the result.
"""

from __future__ import annotations

import time

from reviewer import review
from reviewer.parser import parse_markdown


def _document(sections: int) -> str:
    body = "".join(f"## Impact {i}\n\nThe queue grew by {i} messages while Bob restarted it.\n\n"
                   for i in range(sections))
    return "# Checkout outage\n\n" + body


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        review(text, "scale.md")
        best = min(best, time.process_time() - started)
    return best


def test_eight_times_the_sections_costs_about_eight_times_the_time():
    review(_document(50), "warm.md")
    small, large = _cpu(_document(500)), _cpu(_document(4000))
    assert large / small < 20, f"{small:.3f} s -> {large:.3f} s: super-linear"


def test_section_ends_follow_heading_levels():
    doc = parse_markdown("# T\n\n## A\n\n### A1\n\n## B\n\n# U\n")
    spans = {s.title: (s.span.start, s.span.end) for s in doc.sections}
    source = doc.source
    assert source[slice(*spans["A"])] == "## A\n\n### A1\n\n"
    assert source[slice(*spans["A1"])] == "### A1\n\n"
    assert source[slice(*spans["T"])] == "# T\n\n## A\n\n### A1\n\n## B\n\n"
    assert source[slice(*spans["U"])] == "# U\n"
