"""Which section kinds a postmortem covers, read from its content as well as its headings.

Real postmortems put each part where it fits: the impact is a clause in the summary, the
detection is a timeline entry, the action items are "we will ..." sentences or a bold
"Actions planned:" line. A kind counts as present when a heading names it, a labelled
lead-in ("Impact: ...") opens a paragraph with it, or its content shape is there:
- timeline: a run of entries that each open with a time or a date;
- action items: any action item (listed, or an explicit commitment in prose);
- the other kinds: a sentence that does that kind's job, found by the verbs and nouns that
  job needs (an impact sentence says what broke for whom; a detection sentence says how
  the problem became known; ...).
"""

from __future__ import annotations

import bisect
import re

from reviewer.document import Document, SectionKind, SegmentKind
from reviewer.parser.headings import section_kind
from reviewer.rules.action_items.item import is_action_item

# What a sentence does when it covers a kind (matched on lower-cased prose).
_JOB: dict[SectionKind, re.Pattern[str]] = {
    SectionKind.IMPACT: re.compile(
        r"\b(?:affect(?:ed|ing|s)?|impact(?:ed|ing|s)?|unavailable|unusable|unreachable|outage|downtime|"
        r"(?:was|were|went) down|down for|could ?n[o']t|unable to|(?:no )?loss of|lost|disrupt\w*|degrad\w*|"
        r"locked out|compromised|exposed|leaked|wiped out|errors? for|failed for|\d+(?:\.\d+)?\s?%|"
        r"(?:majority|minority|most|half|all|many|some) of (?:the |our )?(?:users|customers|clients|nodes|miners|"
        r"requests|operators|sites|services|traffic|builds|deployments))"),
    SectionKind.ROOT_CAUSE: re.compile(
        r"\b(?:caused by|root cause|cause (?:of|was)|because|due to|triggered by|result(?:ed)? (?:from|of)|"
        r"the reason|stem(?:s|med) from|the (?:problem|issue|bug|fault) (?:was|is)|led to|leads to|"
        r"originat\w+|was the result)\b"),
    SectionKind.RESOLUTION: re.compile(
        r"\b(?:fix(?:ed|es)?|resolv\w+|restor\w+|roll(?:ed)? ?back|revert\w*|mitigat\w+|recover\w*|"
        r"back (?:online|up|to normal)|redeploy\w*|restart\w*|rotat(?:ed|ing)|revok\w+|patch(?:ed)?|"
        r"removed|deleted|disabled|working again|returned to normal|workaround|hotfix\w*)\b"),
    SectionKind.DETECTION: re.compile(
        r"\b(?:notic\w+|detect\w*|alert(?:ed|s)? (?:fired|went off|triggered)|alert(?:ed|ing)|paged|"
        r"reports|reported|discover\w+|notif(?:ied|ication)|became aware|spotted|caught|flagged|pinged|"
        r"was found|found (?:that|the|out)|first (?:sign|report|saw)|notif\w+|"
        r"(?:showed|displayed|indicated|surfaced) (?:that|an? error|errors))\b"),
    SectionKind.ACTION_ITEMS: re.compile(r"\b(?:action items?|action points?|follow-?ups?)\b"),
    SectionKind.LESSONS: re.compile(
        r"\b(?:lessons?|learn(?:ed|t|ings?)|takeaways?|went (?:well|wrong)|(?:got|were) lucky|"
        r"in (?:hindsight|retrospect)|reflect\w*|conclusions?)\b"),
}
# Content counts in the places a story is told (untitled text, summary, timeline); a
# sentence inside another kind's section does that section's job ("in hindsight" under
# Detection is not a lessons section). Questions and counterfactuals state nothing.
_NARRATIVE = frozenset({SectionKind.SUMMARY, SectionKind.OTHER, SectionKind.TIMELINE, SectionKind.METADATA})
_HYPOTHETICAL = re.compile(r"\?\s*$|\b(?:would|could|should|might) have\b|\bnobody\b|\bno one\b|\bwithout\b")
_LEAD_IN = re.compile(r"^[ \t*_]*([A-Z][\w '’/&()-]{1,40}?)[ \t*_]*:")
_ENTRY = re.compile(
    r"^[\s*_|>#-]{0,6}(?:\[?\d{4}-\d{2}-\d{2}|\d{1,2}[:.h]\d{2}\b|\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\d{1,2} "
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)", re.I)
_TIMED_HEADING = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[:.h]\d{2}|[a-z]{3,9}\.? \d{1,2}\b)", re.I)


def present_kinds(document: Document, memo: dict | None = None) -> set[SectionKind]:
    """Every section kind the document covers, under a heading or not (memoised per run)."""
    if memo is not None:
        if "present-kinds" not in memo:
            memo["present-kinds"] = present_kinds(document)
        return memo["present-kinds"]
    starts = [s.span.start for s in document.segments]
    present = {s.kind for s in document.sections if s.heading is None or _has_body(starts, s.span.start, s.span.end)}
    present.discard(SectionKind.OTHER)
    if SectionKind.TIMELINE not in present and _timeline_run(document):
        present.add(SectionKind.TIMELINE)
    narrative = [s for s in document.segments if s.kind is not SegmentKind.TABLE_ROW or s.section is not
                 SectionKind.TIMELINE]
    if narrative and SectionKind.SUMMARY not in present and narrative[0].kind is not SegmentKind.TABLE_ROW:
        present.add(SectionKind.SUMMARY)  # an opening paragraph is the summary
    for segment in document.segments:
        lead = _LEAD_IN.match(segment.text)
        if lead:
            present.add(section_kind(lead.group(1)))
        if SectionKind.ACTION_ITEMS not in present and is_action_item(segment):
            present.add(SectionKind.ACTION_ITEMS)
        if segment.section not in _NARRATIVE or _HYPOTHETICAL.search(segment.lower):
            continue
        for kind, pattern in _JOB.items():
            if kind not in present and pattern.search(segment.lower):
                present.add(kind)
    # Headings with no body of their own still count when they are timed (an H3 per entry).
    if any(s.heading is not None and _TIMED_HEADING.match(s.title) for s in document.sections):
        present.add(SectionKind.TIMELINE)
    present.discard(SectionKind.OTHER)
    return present


def _has_body(starts: list[int], start: int, end: int) -> bool:
    """Some segment starts inside [start, end) (segment starts are sorted: one bisection)."""
    i = bisect.bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _timeline_run(document: Document) -> bool:
    """Three blocks in a row that each open with a time or a date."""
    run = 0
    last_block = -1
    for segment in document.segments:
        if segment.block == last_block:
            continue
        last_block = segment.block
        run = run + 1 if _ENTRY.match(segment.text) else 0
        if run >= 3:
            return True
    return False
