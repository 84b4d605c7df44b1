"""Heading text -> section kind, through the synonyms real postmortem templates use.

Also recognises pseudo-headings: a line that is a heading in all but markup ("**Review
actions**", "_Lessons_", "Action items:"), which real postmortems use as often as `#`.
"""

from __future__ import annotations

import re

from reviewer.document import SectionKind
from reviewer.patterns import lazy

# Checked in order: the first pattern that matches the normalised heading wins, so the
# more specific phrases ("what went well", "action items") come before broad ones.
_SYNONYMS: tuple[tuple[SectionKind, str], ...] = (
    (SectionKind.WENT_WELL, r"what went (right|well)|things that went well|went well"),
    (SectionKind.ACTION_ITEMS,
     r"action items?|action points?|actions? (planned|taken|to take)|planned actions?|review actions?"
     r"|follow[- ]?ups?|next steps|corrective( and prevent(at)?ive)? (actions?|measures?)"
     r"|prevent(at)?ive (actions?|measures?)|remediations?( items| actions| plan| steps)?|action plan"
     r"|todos?|to-?dos?|mitigations|what we('re| are| will be)? (doing|changing|going to do|will do)"
     r"|(doing|do) (things )?differently|what('s| is) next|improvements|going forward"
     r"|preventing (it|this|recurrence)|prevention|how we('ll| will) prevent|what (are|will) we (doing|do|changing|change)"
     r"|how (do|will|can|could) we (prevent|avoid|stop)|what will [\w ]{1,30} do\b|(do|doing) to (prevent|avoid)|recommendations?|changes (we('re| are| will be)? making|made)"
     r"|moving forward|^actions$"),
    (SectionKind.LESSONS, r"lessons?( learned| learnt)?|learnings|takeaways|what went wrong|where (we|were we) (got )?lucky"
     r"|what (we|i) learned|reflections|conclusions?|what (did not|didn't) go well|retrospective"
     r"|what could (have )?(gone|go|been done) better|what (we|i) could (have )?(done|do) better|areas? (for|of) improvement"
     r"|things to improve|where (we|were we) were lucky|observations"
     r"|^post[- ]?mortem$|what (did|do|have) (we|i) learn(ed|t)?|(our |my )?mistakes( (we|i) made)?|what (we|i) (got|did) wrong"),
    (SectionKind.TIMELINE, r"timeline|chronology|sequence of events|event log|how it unfolded|what happened when"
     r"|when did (it|this|the \w+) (happen|start|occur|begin)"
     r"|time ?line"),
    (SectionKind.ROOT_CAUSE, r"root causes?|contributing factors?|causes?|why it happened|causal analysis"
     r"|analysis|technical details|why did (it|this) happen|(five|5) whys|the (bug|vulnerability)"
     r"|what caused|fault|leadup|lead up|background|why (it|this|the \\w+) (broke|failed|happened)|what broke"),
    (SectionKind.TRIGGER, r"trigger"),
    (SectionKind.IMPACT, r"impact(ed)?|blast radius|customer effect|user effect|severity and impact|who was affected"
     r"|affected (users|customers|services)|customer experience|what it cost|what was affected|who was hit"
     r"|effects? on (users|customers|clients)"),
    (SectionKind.DETECTION, r"detection|identification|how (we|it was) (found|detected|noticed)|how was it detected|alerting"
     r"|how we found out|discovery|how (did )?(we|it|the team|they) (find|found|notice|noticed|detect|detected|discover|"
     r"discovered|learn|learned|become aware|spot|spotted)|how was (it|this|the \\w+) (found|detected|noticed|discovered)"),
    (SectionKind.RESOLUTION, r"resolution|mitigation|recovery|remediation|how (we|it was) (fixed|resolved)"
     r"|response|fix(es|ed|ing)?|solution|handling|repair|how (we|the team) responded|how (did )?(we|it|the team) (resolve|resolved|recover|recovered|"
     r"mitigate|mitigated|restore|restored)|how was (it|this|the \\w+) (resolved|mitigated|restored)|what (did )?we do about"
     r"|what (did (we|i) do|(we|i) did)( about (it|this|that))?(?=\W*$)"),
    (SectionKind.SUMMARY, r"summary|overview|tl;?dr|what happened|description|abstract|the incident"
     r"|the short version"),
    (SectionKind.METADATA, r"metadata|incident details|details|participants|responders|authors?|date|status"
     # a status page's update labels: each opens one posted update of the incident's log, told as it
     # happened (not a timeline to hold to one entry format, and newest first)
     r"|^(investigating|identified|monitoring|update|resolved|verifying|in progress)$|^posted \w+ \d+"),
)
_COMPILED = tuple((kind, re.compile(rf"\b({pattern})\b")) for kind, pattern in _SYNONYMS)
_NUMBERING = lazy(r"^[\s\d.)#:*_-]+")


def section_kind(title: str) -> SectionKind:
    normal = _NUMBERING.sub("", title.strip().lower()).replace("&", "and").replace("’", "'")
    for kind, pattern in _COMPILED:
        if pattern.search(normal):
            return kind
    return SectionKind.OTHER


# A whole line in bold or italics, a short capitalised label ending in a colon, or a bare line of a
# few words that is a section's name and nothing else ("Incident Summary", "Actions": status pages
# lose their heading markup when copied).
_PSEUDO = lazy(
    r"^[ \t]{0,3}(?:(?P<m>\*\*|__|\*|_)(?P<emph>[^*_\n]{2,100}?)(?P=m)[ \t]*:?|(?P<label>[A-Z][\w '’/&()-]{1,50}):"
    r"|(?P<bare>[A-Z][\w'’-]*(?: [\w'’-]+){0,3})"
    # a question on a line of its own that names a part of the report: status pages print their
    # sections as questions ("How were customers impacted?", "What will we do to prevent this?")
    r"|(?P<ask>[A-Z][\w '’,/&()-]{2,90})\?)[ \t]*\r?$")
_POSTED = lazy(r"^[ \t]{0,3}Posted\s+(?:[\w ]{1,20}\s+ago\.\s+)?[A-Z][a-z]{2}\s+\d{1,2},\s+\d{4}\s+-\s+\d{1,2}:\d{2}"
               r"(?:\s*[A-Z]{2,5})?[ \t]*\r?$")
_TIMESTAMP = lazy(r"\d{1,2}[:.h]\d{2}|\d{4}-\d{2}-\d{2}")


def pseudo_heading(line: str) -> str | None:
    """The title of a pseudo-heading line, or None.

    Only lines that name a section kind count: a bold sentence in the middle of a paragraph
    run is emphasis, and a bold timeline entry is an entry, not a heading.
    """
    if _POSTED.match(line):
        return line.strip()  # a status page's sign-off under a post: what follows is the next post of its log
    match = _PSEUDO.match(line)
    if not match:
        return None
    title = (match.group("emph") or match.group("label") or match.group("bare") or match.group("ask") or "").strip()
    title = title.rstrip(":").strip()
    if not title or len(title.split()) > 12 or title.endswith((".", "!")) or _TIMESTAMP.search(title):
        return None
    if match.group("bare") and not _whole_name(title):
        return None  # "Monitoring continues" is a line of text; "Incident Summary" names a section
    return title if section_kind(title) is not SectionKind.OTHER else None


def _whole_name(title: str) -> bool:
    """Every word of the bare line belongs to the section name it matches (a word of kind allowed
    before it: "Incident Summary", "Service Impact")."""
    normal = title.lower().replace("’", "'")
    if re.fullmatch(r"post[- ]?mortem", normal):
        return False  # the label of the report itself on a status page, not one of its sections
    for _, pattern in _COMPILED:
        found = pattern.search(normal)
        if found:
            rest = (normal[: found.start()] + normal[found.end():]).split()
            return all(w in _QUALIFIERS for w in rest)
    return False


# (status pages qualify by when: "Post-incident Remediation", "Long-term fixes")
_QUALIFIERS = frozenset("incident service customer user business technical the our key post-incident long-term "
                        "short-term immediate further".split())
