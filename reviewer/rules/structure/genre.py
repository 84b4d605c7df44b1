"""Which sections a document's genre promises.

A postmortem written to a template promises the template's parts: a reader of its headings looks
for a timeline, the detection and the lessons. A short note (a status page's incident report, a
security notice of a few paragraphs) promises less: a lessons section is a template's part, and
asking a few paragraphs for one is noise. A note still owes what any incident report owes, the times
of what happened and how the problem was found among them: labelled real short notes mark a missing
timeline and detection as missing content, so only the lessons are forgiven.

A note is told by two measures that do not depend on its words: its size (the prose of a few
paragraphs, under NOTE_WORDS words) and how few of a template's parts its headings name (fewer
than TEMPLATE_KINDS kinds). A short report that names its parts as headings ("Timeline",
"Lessons learnt") follows a template, and is held to it.
"""

from __future__ import annotations

from reviewer.document import Document, SectionKind

# The prose of three or four paragraphs; our fixtures' shortest postmortem is 300 words of text.
NOTE_WORDS = 300
# Headings naming this many kinds are a template's parts, however short the text under them.
TEMPLATE_KINDS = 4
# What a note does not owe its reader: the template's reflection part.
NOT_OWED_BY_NOTES = frozenset({SectionKind.LESSONS})
_NOT_A_PART = frozenset({SectionKind.OTHER, SectionKind.METADATA})


def short_note(document: Document) -> bool:
    """A few paragraphs whose headings name few of a template's parts."""
    words = 0
    for segment in document.segments:
        words += len(segment.prose.split())
        if words >= NOTE_WORDS:
            return False
    named = {s.kind for s in document.sections if s.heading is not None and s.kind not in _NOT_A_PART}
    return len(named) < TEMPLATE_KINDS


def promised(document: Document, kind: SectionKind) -> bool:
    """The document's genre promises this kind of section."""
    return kind not in NOT_OWED_BY_NOTES or not short_note(document)
