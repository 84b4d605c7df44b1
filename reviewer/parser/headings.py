"""Heading text -> section kind, through the synonyms real postmortem templates use."""

from __future__ import annotations

import re

from reviewer.document import SectionKind

# Checked in order: the first pattern that matches the normalised heading wins, so the
# more specific phrases ("what went well", "action items") come before broad ones.
_SYNONYMS: tuple[tuple[SectionKind, str], ...] = (
    (SectionKind.WENT_WELL, r"what went (right|well)|things that went well|went well"),
    (SectionKind.ACTION_ITEMS, r"action items?|follow[- ]?ups?|next steps|corrective (and preventive )?actions?"
     r"|remediation (items|actions|plan)|action plan|preventive actions|todos?|to-?dos?"),
    (SectionKind.LESSONS, r"lessons?( learned)?|learnings|takeaways|what went wrong|where we got lucky"
     r"|what we learned|reflections"),
    (SectionKind.TIMELINE, r"timeline|chronology|sequence of events|event log|how it unfolded|what happened when"),
    (SectionKind.ROOT_CAUSE, r"root causes?|contributing factors?|causes?|why it happened|causal analysis"
     r"|analysis|technical details|why did (it|this) happen"),
    (SectionKind.TRIGGER, r"trigger"),
    (SectionKind.IMPACT, r"impact|blast radius|customer effect|user effect|severity and impact|who was affected"
     r"|affected (users|customers|services)|customer experience"),
    (SectionKind.DETECTION, r"detection|how (we|it was) (found|detected|noticed)|how was it detected|alerting"),
    (SectionKind.RESOLUTION, r"resolution|mitigation|recovery|remediation|how (we|it was) (fixed|resolved)"
     r"|response|fix"),
    (SectionKind.SUMMARY, r"summary|overview|tl;?dr|what happened|description|background|abstract"),
    (SectionKind.METADATA, r"metadata|incident details|details|participants|responders|authors"),
)
_COMPILED = tuple((kind, re.compile(rf"\b({pattern})\b")) for kind, pattern in _SYNONYMS)
_NUMBERING = re.compile(r"^[\s\d.)#:*_-]+")


def section_kind(title: str) -> SectionKind:
    normal = _NUMBERING.sub("", title.strip().lower()).replace("&", "and")
    for kind, pattern in _COMPILED:
        if pattern.search(normal):
            return kind
    return SectionKind.OTHER
