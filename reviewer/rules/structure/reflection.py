"""Lessons told under a heading that names no kind, read from what the part's sentences do.

A heading names the lessons in the writer's own words ("Wonderings", "Afterthoughts", "Notes to
ourselves"), and no synonym list holds them all. What such a part does has a shape of its own: it
comes after the opening of the report, it tells no event at a time, and most of its sentences take
a stance on the incident instead of telling it:
- an appraisal of how something went: a judging word ("the hand-over was smooth", "the paging
  rota was unclear", "this made the search harder");
- a gap in the team's own practice: a thing that was not there ("there was no check on ..."), an
  act left undone ("the warning was ignored"), a problem "only noticed when ..." something else;
- an open question: a question, an uncertainty ("it is unclear whether ...", "we are not sure"),
  a decision still to take ("we need to decide ...", "we may have to ...");
- the reflection and the maxims shapes.py already reads ("we learned", "looking back", "a loud
  failure beats a silent one").
The story's own sections (timeline, impact, cause, fix, detection) and the action items are named by
their headings and not read here; neither is the opening part (its body is the report's summary).
A judging word is the one mark of an appraisal that needs no parser, so the appraisal words are a
list: a closed class (good and bad, clear and unclear, enough and not enough), not a list of topics.
"""

from __future__ import annotations

from reviewer.document import Document, SectionKind, Segment, SegmentKind
from reviewer.patterns import lazy
from reviewer.rules.structure.shapes import maxim, places, reflects

# Judging words: how well something went, how hard it was, whether it was enough.
_APPRAISAL = lazy(
    r"\b(?:good|great|fine|excellent|poor|poorly|bad|badly|worse|worst|better|best|(?<!as )well|reasonabl[ey]|"
    r"unreasonabl[ey]|(?:in)?adequate(?:ly)?|(?:in)?sufficient(?:ly)?|(?:in)?appropriate(?:ly)?|(?:in)?effective(?:ly)?|"
    r"(?:in)?efficient(?:ly)?|useful|useless|(?:un)?helpful|valuable|clear(?:ly)?|unclear|confusing|smooth(?:ly)?|"
    r"timely|prompt(?:ly)?|difficult|harder|easier|painful|frustrating|stilted|awkward|robust|fragile|brittle|"
    r"lacking|missing|ad[- ]hoc)\b",
    prefilter=True,
)
# A gap in the team's own practice: nothing was there, an act was left undone, it was found late.
_GAP = lazy(
    r"\bthere\s+(?:was|were|is|are)\s+(?:no|not\s+(?:a|an|any|enough|much)|little|nothing)\b|"
    r"\b(?:we|i)\s+(?:don['’]t|do\s+not|didn['’]t|did\s+not)\s+have\s+(?:a|an|any|enough|the)\b|"
    r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:ignored|overlooked|neglected|forgotten|unnoticed)\b|"
    r"\bonly\s+(?:\w+\s+)?(?:spotted|noticed|found|detected|caught|discovered|realised|realized)\s+"
    r"(?:when|after|by|because|once)\b",
    prefilter=True,
)
# An open question: uncertainty, or a decision still to take.
_OPEN = lazy(
    r"\b(?:unclear|uncertain|not\s+(?:clear|sure|obvious|certain)|wonder\w*|open\s+questions?|"
    r"(?:we|i)\s+(?:don['’]t|do\s+not|didn['’]t|did\s+not)\s+know|remains?\s+to\s+be\s+seen)\b|"
    r"\b(?:we|i)\s+(?:still\s+)?(?:need|have)\s+to\s+(?:decide|figure\s+out|work\s+out|think|consider|understand|"
    r"agree|evaluate|revisit|weigh)\b|\b(?:we|i)\s+(?:may|might)\s+(?:have|need)\s+to\b|\bat\s+some\s+point\b",
    prefilter=True,
)
# A sentence that tells an event at a time belongs to the story.
_TIMED = lazy(r"\b(?:[01]?\d|2[0-3])[:.h][0-5]\d\b(?!\.\d)|\b\d{4}-\d{2}-\d{2}\b")
_BODY = frozenset({SegmentKind.SENTENCE, SegmentKind.LIST_ITEM})


def judges(segment: Segment) -> bool:
    """The sentence takes a stance on the incident: appraises it, names a gap or leaves a question open."""
    lower = segment.lower
    return (
        lower.rstrip().endswith("?")
        or bool(_APPRAISAL.search(lower) or _GAP.search(lower) or _OPEN.search(lower))
        or reflects(segment.prose)
        or maxim(segment)
    )


def reflective_part(document: Document) -> bool:
    """A part under a heading that names no kind, after the opening, untimed, most of it judging."""
    if not document.segments:
        return False
    where = places(document)
    opening = where[document.segments[0].index][1]
    parts: dict[str, list[Segment]] = {}
    for segment in document.segments:
        kind, title, is_label = where[segment.index]
        if kind is SectionKind.OTHER and title and title != opening and not is_label:
            parts.setdefault(title, []).append(segment)
    for body in parts.values():
        if any(_TIMED.search(s.prose) for s in body):
            continue
        sentences = [s for s in body if s.kind in _BODY]
        judged = sum(judges(s) for s in sentences)
        if judged >= 2 and judged * 2 >= len(sentences):
            return True
    return False
