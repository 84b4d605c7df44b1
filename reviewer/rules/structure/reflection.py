"""Lessons told under a heading that names no kind, read from what the part's sentences do.

A heading names the lessons in the writer's own words ("Wonderings", "Afterthoughts", "Notes to
ourselves"), and no synonym list holds them all. What such a part does has a shape of its own: it
comes after the opening of the report, it tells no event at a time, and most of its sentences take
a stance on the incident instead of telling it:
- an appraisal of how something went: a judging word ("the hand-over was smooth", "the paging
  rota was unclear", "this made the search harder");
- a gap in the team's own practice: a thing that was not there ("there was no check on ..."), an
  act left undone ("the warning was ignored"), a problem "only noticed when ..." something else;
- an open question about the team's own practice: a question, a decision still to take ("we need
  to decide ...", "we may have to ..."); not a fact of the incident still unknown ("it is not yet
  clear how many accounts ..."), which a notice tells;
- hindsight on the team's own acts: what the writer would have done, or would do if it came again
  ("had we staged the change, the error would have shown in test", "if I had to do it over, I would
  copy the table first", "we would have saved an hour"); the conditional mood with the team as its
  subject, not a fact of the incident;
- the reflection and the maxims shapes.py already reads ("we learned", "looking back", "a loud
  failure beats a silent one").
Words to the reader (advice to those affected: "you", an imperative) are no stance of the team's.
The story's own sections (timeline, impact, cause, fix, detection) and the action items are named by
their headings and not read here; neither is the opening part (its body is the report's summary).
A judging word is the one mark of an appraisal that needs no parser, so the appraisal words are a
list: a closed class (good and bad, clear and unclear, enough and not enough), not a list of topics.
"""

from __future__ import annotations

from reviewer.document import Document, SectionKind, Segment, SegmentKind
from reviewer.patterns import lazy
from reviewer.rules.structure.shapes import imperative, maxim, places, reflects

# Judging words: how well something went, how hard it was, whether it was enough. ("clear" judges
# communication or a path, "the hand-off was clear"; "clear that / how many ..." states a fact.)
_APPRAISAL = lazy(
    r"\b(?:good|great|fine|excellent|poor|poorly|bad|badly|worse|worst|better|best|(?<!as )well|reasonabl[ey]|"
    r"unreasonabl[ey]|(?:in)?adequate(?:ly)?|(?:in)?sufficient(?:ly)?|inappropriate(?:ly)?|ineffective(?:ly)?|"
    r"inefficient(?:ly)?|useful|useless|(?:un)?helpful|valuable|confusing|smooth(?:ly)?|timely|difficult|harder|"
    r"easier|painful|frustrating|stilted|awkward|robust|fragile|brittle|ad[- ]hoc|"
    r"(?:un)?clear(?!\s+(?:that|how|whether|if|what|when|why|who|where|which)\b))\b",
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
# An open question about the team's own practice: a decision still to take, a change it may have to
# make. (Not what is not yet known of the incident, "it is not yet clear how many accounts ...": a
# notice's facts still open, not a reflection.)
_OPEN = lazy(
    r"\b(?:wonder\w*|open\s+questions?)\b|"
    r"\b(?:we|i)\s+(?:still\s+)?(?:need|have)\s+to\s+(?:decide|figure\s+out|work\s+out|think|consider|understand|"
    r"agree|evaluate|revisit|weigh)\b|\b(?:we|i)\s+(?:may|might)\s+(?:have|need)\s+to\b|\bat\s+some\s+point\b",
    prefilter=True,
)
# Hindsight: the team in a counterfactual ("we would have ...", "if I had ..., I would ...", "had we ...,
# it would have been ...").
_HINDSIGHT = lazy(
    r"\b(?:we|i)\s+(?:would|could|should|might)(?:\s+not|n['’]t)?\s+have\b|"
    r"\b(?:if\s+(?:we|i)\s+(?:had|were)|had\s+(?:we|i))\b[^.;?]{0,100}?\b(?:would|could)\b",
    prefilter=True,
)
# Words to the reader: advice or instructions for those affected, not the team's own stance.
_TO_READER = lazy(r"\b(?:you|your|yours)\b")
# A sentence that tells an event at a time belongs to the story.
_TIMED = lazy(r"\b(?:[01]?\d|2[0-3])[:.h][0-5]\d\b(?!\.\d)|\b\d{4}-\d{2}-\d{2}\b")
_BODY = frozenset({SegmentKind.SENTENCE, SegmentKind.LIST_ITEM})


def judges(segment: Segment) -> bool:
    """The sentence takes a stance on the incident: appraises it, names a gap or leaves a question open."""
    lower = segment.lower
    if _TO_READER.search(lower) or imperative(segment.prose):
        return False  # advice to the reader: "update your keys", "take the steps below"
    return (
        lower.rstrip().endswith("?")
        or bool(_APPRAISAL.search(lower) or _GAP.search(lower) or _OPEN.search(lower) or _HINDSIGHT.search(lower))
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
