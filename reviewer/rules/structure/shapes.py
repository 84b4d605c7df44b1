"""Section kinds told by the shape of the text, whatever heading it sits under.

A heading names a kind in the writer's own words, and writers use words no synonym list holds.
What the text under it does has a shape that does not depend on those words:
- action items: a list whose items open with a bare verb (the imperative: "Add ...", "Page ..."),
  wherever it sits but in the story of the incident (timeline, impact, detection); a table with
  an owner or assignee column; a change told in the present perfect outside the story ("we have
  since added ...", "... has now been enabled"): follow-up work already done is follow-up work;
- lessons: reflection: the writer's thinking about the incident ("we learned", "I'd ...",
  "looking back"), the writer's judgement of the team's own past act ("we could have ..."), or,
  under a heading that names no kind, general statements that weigh something (present tense, no
  event, no time: "a loud failure is better than a silent one").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from reviewer.document import Document, SectionKind, Segment, SegmentKind
from reviewer.parser.headings import section_kind
from reviewer.patterns import lazy
from reviewer.rules.action_items.clause import lemma, lemmas, verb_lemmas, verb_tags

# A line in bold or italics alone ("**What we did**", "_Next_") is a heading in all but markup. The
# parser makes one a section only when its words name a kind; for the shapes below any such label
# starts a part of its own, so a list under "**Next**" in the timeline is not read as a timeline's.
_LABEL_LINE = lazy(r"^\s*([*_]{1,2})(?P<title>[^*_\d]{2,80}?)\1\s*:?\s*$")
# ... and so is a short plain line that is a paragraph of its own and no sentence ("How we got here",
# "What I'd take from this:", "Where did it go wrong?"): a capital, at most eight words, no digit, no stop.
_PLAIN_LABEL = lazy(r"^\s*(?P<title>[A-Z][^\d.!;*_`|]{1,60}?)\s*[:?]?\s*$")


_LAST: list[tuple[Document, list[tuple[SectionKind, str, bool]]]] = []  # the readers below ask in turn of one document


def places(document: Document) -> list[tuple[SectionKind, str, bool]]:
    """Per segment, the kind and title of the part it sits in: its section, or the label line above
    it in that section (of kind OTHER unless its words name one); and whether it is that label."""
    if _LAST and _LAST[0][0] is document:
        return _LAST[0][1]
    out = _places(document)
    _LAST[:] = [(document, out)]
    return out


def _places(document: Document) -> list[tuple[SectionKind, str, bool]]:
    out: list[tuple[SectionKind, str, bool]] = []
    label: tuple[SectionKind, str] | None = None
    section_start = -1
    starts = [s.span.start for s in document.sections]
    segments = document.segments
    for n, segment in enumerate(segments):
        i = bisect.bisect_right(starts, segment.span.start) - 1
        start = starts[i] if i >= 0 else 0
        if start != section_start:
            section_start, label = start, None
        title = _label(segment, segments[n - 1] if n else None, segments[n + 1] if n + 1 < len(segments) else None)
        if title:
            label = (section_kind(title), title)
        kind, name = label or (segment.section, segment.section_title)
        out.append((kind, name, bool(title)))
    return out


def _label(segment: Segment, before: Segment | None, after: Segment | None) -> str | None:
    if segment.kind is not SegmentKind.SENTENCE:
        return None
    found = _LABEL_LINE.match(segment.text)
    if found and not found.group("title").rstrip().endswith((".", "!", "?")):
        return found.group("title").strip()
    alone = (before is None or before.block != segment.block) and (after is None or after.block != segment.block)
    plain = _PLAIN_LABEL.match(segment.text) if alone and "\n" not in segment.text.strip() else None
    if plain and len(plain.group("title").split()) <= 8 and after is not None:
        return plain.group("title").strip()
    return None


# Where a list of imperatives is the story's steps or a user's workaround, not the team's follow-ups.
_STORY_PLACES = frozenset({SectionKind.TIMELINE, SectionKind.IMPACT, SectionKind.DETECTION})
_FIRST_WORDS = lazy(r"^[^A-Za-z]*(?:\[[ xX✓✔]?\]\s*)?(?:please\s+)?([A-Za-z][\w-]*)(?:\s+([\w'’-]+))?")
# A word after the opening one that makes it a noun or a statement ("Review of ...", "Test coverage is ...").
_NOT_VERB_NEXT = frozenset("of is was are were has had 's ’s".split())
_SUBJECTS = frozenset("we i you they everyone all our the each every this that it there a an".split())


def imperative(prose: str) -> bool:
    """The item opens with a bare verb the action-verb lexicon knows ("Add ...", "Page the rota ...")."""
    found = _FIRST_WORDS.match(prose)
    if not found:
        return False
    word, after = found.group(1).lower(), (found.group(2) or "").lower()
    if word in _SUBJECTS or after in _NOT_VERB_NEXT:
        return False
    # the bare form only: "Changes to ...", "Alerts fired", "Updated the ..." are nouns or events
    if re.search(r"(?:s|ed|ing)$", word):
        return word in verb_lemmas()
    # a verb the lexicon knows, or any bare word that takes a determined object ("Restore the
    # default", "Pin every image"): a noun or a connective is not followed by "the"
    return lemma(word) in verb_lemmas() or (after in _DETERMINERS and word not in _FUNCTION_WORDS)


_DETERMINERS = frozenset("the a an all every each any our their its this that these those more new".split())
_FUNCTION_WORDS = frozenset("then also once when if after before since because while until unless so and but or yet "
                            "here there now today yesterday tomorrow finally meanwhile later soon only even just still "
                            "by for from in into on onto at of to with without about over under across through "
                            "during per via as than like near off up down out what which who how why where".split())


# A piece of work named as a noun: a noun made from an action verb, opening the item and taking its
# object ("Migration of the queue to ...", "Investigation into ...", "Review of ...").
_NOMINAL = lazy(r"^[^A-Za-z]*([A-Za-z]+)(?:\s+and\s+([A-Za-z]+))?\s+(?:of|into|for|on)\b")
_NOMINAL_SUFFIXES = (("ation", ""), ("ation", "e"), ("ition", ""), ("ion", ""), ("ion", "e"), ("ment", ""), ("al", "e"))
# ... told as work still to do: no event, no time ("Migration of the queue was finished at 10:40" is done).
_DONE = lazy(r"\b(?:was|were|had|has|have|did|is|are)\b|\d{1,2}[:.h]\d{2}\b", re.I)


def _from_verb(word: str) -> bool:
    """A noun made from a verb the action lexicon knows: "implementation", "removal", "deployment";
    or the bare verb used as a noun ("Review of ...")."""
    word = word.lower()
    if word in verb_lemmas():
        return True
    return any(word.endswith(suffix) and len(word) - len(suffix) >= 3 and word[:-len(suffix)] + ending in verb_lemmas()
               for suffix, ending in _NOMINAL_SUFFIXES)


def named_work(prose: str) -> bool:
    """The item names a piece of work still to do by its noun ("Implementation of ...")."""
    found = _NOMINAL.match(prose)
    if found is None:
        return False
    return _from_verb(found.group(1)) and (not found.group(2) or _from_verb(found.group(2))) and not _DONE.search(prose)


# Where an item that names work by its noun is work to do: a part of the writer's own, or the plans.
# (In the fix or the lessons, "Rollback of the release" or "Detection of the fault" tells what happened.)
_WORK_PLACES = frozenset({SectionKind.OTHER, SectionKind.ACTION_ITEMS})


def imperative_list(items: Sequence[Segment], place: SectionKind) -> bool:
    """Two or more items, at least half of them work to do, outside the story's own places: an
    imperative ("Add ..."), or, in a part of the writer's own, the work named by its noun
    ("Investigation into ..."). A list of actions is the follow-up list wherever it sits."""
    if len(items) < 2 or place in _STORY_PLACES:
        return False
    count = sum(imperative(i.prose) or (place in _WORK_PLACES and named_work(i.prose)) for i in items)
    return count >= 2 and count * 2 >= len(items)


_OWNER_COLUMN = lazy(r"^\W*(?:owners?|assignees?|assigned(?: to)?|dri|responsible|who)\W*$", re.I)


def owner_table(document: Document, where: Sequence[tuple[SectionKind, str, bool]]) -> bool:
    """A table row with a filled owner or assignee column: someone is to do the row's work."""
    for segment in document.segments:
        if segment.kind is SegmentKind.TABLE_ROW and where[segment.index][0] not in _STORY_PLACES and any(
                _OWNER_COLUMN.match(c.header) and c.text.strip(" -—?") for c in segment.cells):
            return True
    return False


# A change told in the present perfect: "we have since added ...", "the check has now been enabled".
_PERFECT = lazy(r"\b(?:we|i|the team|our team)\s+(?:have|['’]ve)\s+(?:(?:since|now|also|already|then)\s+)*([a-z]+)\b|"
                r"\b(?:has|have)\s+(?:(?:since|now|also|already)\s+)*been\s+([a-z]+)\b|"
                r"^\W*since then,?\s+(?:we|i)\s+(?:have\s+|['’]ve\s+)?([a-z]+)\b|"
                # the system's new behaviour, told as a fact: "the disk alert now pages the on-call"
                r"\bnow\s+(?:also\s+|only\s+)?([a-z]+s)\b(?!\s+(?:back|normally|again|as expected|fine)\b)", re.I, prefilter=True)
# (a status page's posted updates, METADATA, are the incident's live log: "a fix has been pushed" there is the fix)
_DONE_PLACES = frozenset({SectionKind.TIMELINE, SectionKind.IMPACT, SectionKind.DETECTION, SectionKind.RESOLUTION,
                          SectionKind.METADATA})
_CHANGE_TAGS = frozenset({"change", "produce"})


def done_follow_up(segment: Segment, place: SectionKind) -> bool:
    """A change to the system told in the present perfect, outside the story and its fix."""
    if place in _DONE_PLACES or segment.kind is SegmentKind.TABLE_ROW:
        return False
    for match in _PERFECT.finditer(segment.prose):
        verb = next(g for g in match.groups() if g)
        tags = {verb_tags().get(v, "") for v in (*lemmas(verb), lemma(verb))}
        if tags & _CHANGE_TAGS:
            return True
    return False


def action_items_by_shape(document: Document, lists: Sequence[Sequence[Segment]]) -> bool:
    where = places(document)
    return any(imperative_list(items, where[items[0].index][0]) for items in lists) or owner_table(document, where) \
        or any(done_follow_up(s, where[s.index][0]) for s in document.segments)


# The writer thinking about the incident, or judging the team's own past act.
_REFLECTION = lazy(
    r"\b(?:we|i)\s+(?:have\s+|had\s+|['’]ve\s+)?(?:(?:also|all|since|now)\s+)?(?:learn(?:ed|t)|were reminded|"
    r"was reminded|(?:now\s+)?(?:know|understand)\s+(?:that|how|why|to)|took away|take away)\b|"
    r"\b(?:we|i)(?:\s+am|\s+are|['’]m|['’]re)\s+taking\s+away\b|"
    r"\b(?:we|i) would (?:do|take|say|recommend|suggest|change|argue)\b|"
    r"\b(?:looking|look) back\b|\bin (?:hindsight|retrospect)\b|\bnext time\b|"
    r"\bthe (?:\w+\s+)?(?:lesson|takeaway|learning)s?\b|"
    r"\b(?:we|i)\s+(?:could|should|might)(?:\s+not)?\s+have\b", re.I, prefilter=True)
# A general statement that weighs something: present tense, an evaluative word, no event and no time.
_PRESENT = lazy(r"\b(?:is|are|isn['’]t|aren['’]t|can|cannot|can['’]t|must|matters?|helps?|pays? off|beats?|needs?)\b", re.I)
_WEIGHS = lazy(r"\b(?:better|worse|best|worst|important|essential|crucial|key|always|never|only|matters?|enough|"
               r"easy|easier|hard|harder|dangerous|risky|safer?|worth|cheaper|costlier|more\s+\w+\s+than|less\s+\w+\s+than)\b",
               re.I, prefilter=True)
_EVENT = lazy(r"\b(?:was|were|had|did|went|will|\w+ed)\b|\d", re.I)


# A reflection inside the analysis of one part (an "in hindsight" under Detection) serves that part;
# elsewhere, under any heading, it is the report's lessons.
_ANALYSIS = frozenset({SectionKind.TIMELINE, SectionKind.IMPACT, SectionKind.ROOT_CAUSE, SectionKind.TRIGGER,
                       SectionKind.RESOLUTION, SectionKind.DETECTION})


# "I'd do it differently", "we'd rather ...": the writer's conditional (tested only where "'d" is)
_WOULD = lazy(r"\b(?:we|i)['’]d\s+(?!been\b|had\b)[a-z]+", re.I)


def reflects(text: str) -> bool:
    return bool(_REFLECTION.search(text)) or (("'d" in text or "’d" in text) and bool(_WOULD.search(text)))


def reflective(segment: Segment, place: SectionKind) -> bool:
    return place not in _ANALYSIS and reflects(segment.prose)


def maxim(segment: Segment) -> bool:
    prose = segment.prose
    return bool(_WEIGHS.search(prose)) and bool(_PRESENT.search(prose)) and not _EVENT.search(prose)


def lessons_by_shape(document: Document) -> bool:
    where = places(document)
    if any(reflective(s, where[s.index][0]) for s in document.segments) or any(
            s.heading is not None and s.kind not in _ANALYSIS and reflects(s.title)
            for s in document.sections):
        return True  # a heading can be the writer's reflection too ("What I'd do differently")
    # under a heading or label that names no kind: most of its sentences are maxims
    by_title: dict[str, list[Segment]] = {}
    for segment in document.segments:
        kind, title, is_label = where[segment.index]
        if kind is SectionKind.OTHER and title and segment.kind is not SegmentKind.TABLE_ROW and not is_label:
            by_title.setdefault(title, []).append(segment)
    return any(sum(maxim(s) for s in body) * 2 >= len(body) for body in by_title.values())


# A heading that asks how something in the past came about ("How we got here", "How things went
# sideways") and that names no other kind introduces the explanation: the cause.
_HOW_IT_CAME = lazy(r"^\W*how\s+(?:[\w'’-]+\s+){0,3}?(?:[a-z]+ed|got|went|came|began|broke|ran|grew|became|did|was|were)\b",
                    re.I, prefilter=True)


def cause_by_title(document: Document) -> bool:
    return any(s.heading is not None and s.kind is SectionKind.OTHER and _HOW_IT_CAME.search(s.title)
               for s in document.sections) or any(kind is SectionKind.OTHER and _HOW_IT_CAME.search(title)
                                                  for kind, title, _ in set(places(document)))
