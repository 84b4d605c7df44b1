"""A document's follow-up lists, each judged once by the owner (AC002, AC004) and tracking (AC005) rules.

Owners and tickets are bookkeeping of the list as a whole: a team either keeps them for its
follow-ups or it does not, so a reviewer says so once per list ("4 of 6 items have no owner:
lines 40, 41, 44, 47"), not once per line. One misread list (a checklist of tests, lessons
written as bullets, a lead-in paragraph) then costs at most one wrong finding, not a dozen.

Which items are asked at all (`scope.accountable`: open work, not done, not a question or a
description) is decided item by item as before; this module decides which of them form the
document's follow-up list(s) and whether a list is a list of actions at all:
- A follow-up part is a heading of the action-items kind with its subsections ("## Action items"
  > "### Short-term"), or a label line of that kind ("**Actions planned:**"). Its items, in all
  its lists and tables, are one list.
- When a document has a follow-up part, that is where its own remediation lives: items that are
  action-like only by their form elsewhere (a task-box checklist of tests under "Testing", a
  "we will" in the lessons, imperatives in a summary) are not asked for owners or tickets.
- When it has none, the plans it tells in prose and in lists elsewhere are its follow-ups: they
  are judged together, once.
- A list most of whose items are not actions at all (questions, notes, descriptions, statements
  that nothing changes) is not a list of actions: its other items are not asked either.
- An item given an owner (or a ticket or date) where it is listed again elsewhere in the document
  (a summary list repeated in a table with owners) is owned (tracked) there; so is an item whose
  list has its owner (ticket) on the heading or the line above it ("### Storage (owner: @storage)",
  "Owned by the release team:").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from reviewer.document import Document, SectionKind, Segment, SegmentKind
from reviewer.patterns import LazyPattern, lazy
from reviewer.rules.action_items.item import (
    ACTION_LABEL,
    LEGEND,
    ActionItem,
    is_action_item,
    is_narrative_commitment,
    parse_item,
)
from reviewer.rules.action_items.prompts import author_prompts
from reviewer.rules.action_items.reader import for_readers
from reviewer.rules.action_items.reading import opens_with_verb
from reviewer.rules.action_items.records import a_record
from reviewer.rules.action_items.role import ASIDE_PARTS, DONE_PARTS, aside_parts, done_parts
from reviewer.rules.action_items.scope import SCOPE, accountable, candidate, not_an_action
from reviewer.rules.base import DocumentInput, RuleContext, SegmentContext

_LISTED = (SegmentKind.LIST_ITEM, SegmentKind.TABLE_ROW)
# A sentence of the follow-up part that says where its items are tracked, with the link or key:
# "These are tracked in the OPS-12 epic", "Progress: https://.../milestone/4".
_TRACKER = lazy(r"\b(?:track(?:ed|ing|er)?|milestones?|epics?|project board|board|progress)\b", re.I)
_TICKET = lazy(r"\b[A-Z][A-Z0-9]{1,9}-\d+\b|(?<![\w&])#\d+\b|https?://\S+")


@dataclass(frozen=True)
class FollowUpList:
    items: tuple[Segment, ...]  # its open action items, in document order: the first is where a finding sits
    in_prose: bool  # plans told outside any follow-up part (the document has none)
    tracker: bool = False  # the part's own text links the tracker that holds its items ("Tracked in OPS-12")


def _roots(document: Document) -> dict[int, int]:
    """For each heading that opens or continues a follow-up part: the start of the part's outermost heading."""
    roots: dict[int, int] = {}
    stack: list[tuple[int, int | None]] = []  # (level, root) of the open headings
    for section in document.sections:
        if section.heading is None:
            continue
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        root: int | None = None
        if section.kind is SectionKind.ACTION_ITEMS:
            parent = stack[-1][1] if stack else None
            root = parent if parent is not None else section.span.start
            roots[section.span.start] = root
        stack.append((section.level, root))
    return roots


def part_of(document: Document) -> list[int | None]:
    """For each segment: the follow-up part it sits in (its outermost heading's start), or None."""
    roots = _roots(document)
    starts = [s.span.start for s in document.sections]
    out: list[int | None] = []
    at = -1
    for segment in document.segments:
        while at + 1 < len(starts) and starts[at + 1] <= segment.span.start:
            at += 1
        # The last section opened before a segment is the innermost one holding it.
        out.append(roots.get(starts[at]) if at >= 0 else None)
    return out


def _has_part(document: Document, parts: list[int | None], done: frozenset[int]) -> bool:
    """The document has a follow-up part that holds more than finished work."""
    return any(part is not None and not (s.kind in _LISTED and s.index in done)
               for s, part in zip(document.segments, parts, strict=True))


def _follow_up_parts(document: Document, memo: dict | None) -> tuple[list[int | None], bool]:
    """`part_of` and `_has_part`, once per review: the reminder rule reads them (OUTSIDE_FOLLOW_UPS) and
    so do the owner and ticket rules (follow_up_lists)."""
    if memo is not None and "follow-up-parts" in memo:
        return memo["follow-up-parts"]
    parts = part_of(document)
    found = parts, _has_part(document, parts, done_parts(document, memo))
    if memo is not None:
        memo["follow-up-parts"] = found
    return found


def outside_follow_ups(document: Document, memo: dict | None = None) -> frozenset[int]:
    """The list items, table rows and sentences outside the document's follow-up part, when it has one.

    The reminder rule (AC001) reads these as prose: a bullet under "Lessons" or "Testing" is
    action-like by its form only, and a "we should ..." in the lessons or a closing paragraph states a
    lesson or a stance; only a plain commitment with an unmistakable reminder in it ("we will train
    ...") is asked. A sentence that labels itself as an action ("Action taken: ...") is a follow-up
    of its own. A document with no follow-up part has none: its lists and prose are where its plans are.
    An aside (role.aside_parts: "### Notes", "Open questions:") is outside wherever it sits, and so is
    text written to the reader (reader.for_readers: "what you need to do", a notice's announcement), and so
    is a template's guidance to the author (prompts.author_prompts: "*List the follow-ups here.*")."""
    aside = aside_parts(document, memo) | for_readers(document, memo) | author_prompts(document, memo)
    parts, has_part = _follow_up_parts(document, memo)
    if not has_part:
        return aside
    return aside | frozenset(s.index for s, part in zip(document.segments, parts, strict=True)
                             if part is None and (s.kind in _LISTED or not ACTION_LABEL.match(s.prose)))


# Read per segment (is this item outside the follow-up part?), so an edit elsewhere keeps cached hits.
OUTSIDE_FOLLOW_UPS = DocumentInput("outside-follow-ups", outside_follow_ups,
                                   project=lambda outside, segment: segment.index in outside)


def _segment_context(ctx: RuleContext, rule_id: str) -> SegmentContext:
    """The per-item questions (scope.accountable) read these document inputs."""
    return SegmentContext(rule_id=rule_id, inputs={item.name: ctx.input(item) for item in (LEGEND, SCOPE, DONE_PARTS)},
                          memo=ctx.segment_memo, projected=(DONE_PARTS,))


def _mostly_not_actions(run: list[Segment], memo: dict) -> bool:
    """Most of the list's own items (its outermost level) are not actions: questions, notes, descriptions."""
    depth = min(s.list_depth for s in run)
    top = [s for s in run if s.list_depth == depth]
    return sum(not_an_action(s, memo) for s in top) * 2 > len(top)


def _recorded(run: list[Segment], title: str, memo: dict) -> bool:
    """The list under one title records what now holds (records.a_record: results verified, features
    delivered). A run of items can cross a heading or a label line; the record is read under one title."""
    mine = [s for s in run if s.section_title == title]
    depth = min(s.list_depth for s in mine)
    return a_record([s for s in mine if s.list_depth == depth], memo)


@dataclass(frozen=True)
class _Runs:
    runs: list[list[Segment]]
    of: dict[int, int]  # segment index -> its run


def _listed_runs(document: Document, ctx: RuleContext) -> _Runs:
    """The document's lists and tables, computed once per review."""
    if "listed-runs" not in ctx.memo:
        runs = _runs(document)
        ctx.memo["listed-runs"] = _Runs(runs, {s.index: n for n, run in enumerate(runs) for s in run})
    return ctx.memo["listed-runs"]


def _runs(document: Document) -> list[list[Segment]]:
    """The document's lists and tables: runs of list items (or table rows) with nothing else between."""
    runs: list[list[Segment]] = []
    for segment in document.segments:
        if segment.kind in _LISTED and runs and runs[-1][-1].index == segment.index - 1 \
                and runs[-1][-1].kind is segment.kind:
            runs[-1].append(segment)
        elif segment.kind in _LISTED:
            runs.append([segment])
    return runs


@dataclass(frozen=True)
class _Open:
    """What the owner rules and the ticket rule ask alike, answered once per review."""
    parts: list[int | None]  # per segment: its follow-up part (followups.part_of)
    maybe: list[bool]  # per segment: no aside, in the follow-ups' place, a candidate, no lead-in, not in a list of non-actions
    trackers: frozenset[int]  # the parts whose own text links the tracker that holds their items


def _open_candidates(document: Document, ctx: RuleContext) -> _Open:
    """The per-segment tests before `accountable`, which do not depend on `tracking`, for both calls of
    `follow_up_lists` (AC002/AC004 ask without it, AC005 with it): each was run twice per review."""
    if "open-candidates" in ctx.memo:
        return ctx.memo["open-candidates"]
    parts, has_part = _follow_up_parts(document, ctx.memo)
    aside = ctx.input(ASIDE_PARTS)
    assert isinstance(aside, frozenset)
    # a reader's step, a notice's announcement or a template's prompt to the author: no owner on the team
    aside |= for_readers(document, ctx.memo) | author_prompts(document, ctx.memo)
    runs = _listed_runs(document, ctx)
    verdicts: dict[int, bool] = {}  # run -> mostly not actions? (asked only of runs that hold a candidate)
    records: dict[tuple[int, str], bool] = {}  # (run, title) -> a record of what holds?

    def not_actions(segment: Segment) -> bool:
        run = runs.of.get(segment.index)
        if run is None:
            return False
        if run not in verdicts:
            verdicts[run] = _mostly_not_actions(runs.runs[run], ctx.segment_memo)
        if (run, segment.section_title) not in records:
            records[run, segment.section_title] = _recorded(runs.runs[run], segment.section_title, ctx.segment_memo)
        return verdicts[run] or records[run, segment.section_title]

    maybe = [segment.index not in aside and _may_ask(segment, part, has_part, not_actions)
             for segment, part in zip(document.segments, parts, strict=True)]
    trackers = frozenset(part for segment, part in zip(document.segments, parts, strict=True)
                         if part is not None and segment.kind is SegmentKind.SENTENCE and _TRACKER.search(segment.prose)
                         and _TICKET.search(segment.text))
    ctx.memo["open-candidates"] = found = _Open(parts, maybe, trackers)
    return found


def follow_up_lists(document: Document, ctx: RuleContext, rule_id: str, *, tracking: bool = False) -> list[FollowUpList]:
    """The open action items the owner rules (or, with `tracking`, the ticket rule) ask, list by list."""
    key = ("follow-up-lists", tracking)
    if key in ctx.memo:
        return ctx.memo[key]
    sctx = _segment_context(ctx, rule_id)
    found = _open_candidates(document, ctx)
    groups: dict[int | None, list[Segment]] = {}
    asked: list[tuple[int, int, bool]] = []  # the open list items above this one: (depth, block, asked?)
    for segment, part, maybe in zip(document.segments, found.parts, found.maybe, strict=True):
        if segment.kind is not SegmentKind.LIST_ITEM:
            asked = []
        else:
            while asked and asked[-1][0] > segment.list_depth:
                asked.pop()
            if asked and asked[-1][0] == segment.list_depth and asked[-1][1] != segment.block:
                asked.pop()
        # A nested item under an item that is asked, or a second sentence of it, is part of that one item.
        within = any(was for _, _, was in asked)
        ok = not within and maybe and accountable(segment, sctx, tracking=tracking)
        if segment.kind is SegmentKind.LIST_ITEM and not (asked and asked[-1][1] == segment.block):
            asked.append((segment.list_depth, segment.block, ok))
        if ok:
            groups.setdefault(part, []).append(segment)
    lists = [FollowUpList(tuple(items), part is None, part in found.trackers) for part, items in groups.items()]
    ctx.memo[key] = lists
    return lists


def switched_on(lists: list[FollowUpList], ctx: RuleContext) -> list[FollowUpList]:
    """The lists without the items the writer switched the asking rule off for (a disable comment over
    one item): the list's finding counts and names only the others."""
    out = [replace(group, items=tuple(s for s in group.items if not ctx.suppressed(s))) for group in lists]
    return [group for group in out if group.items]


def lead_in(segment: Segment) -> bool:
    """A sentence ending in ':' ("To prevent this in future:") announces a list: it is no item itself."""
    return segment.kind is SegmentKind.SENTENCE and segment.prose.rstrip(" *_").endswith(":")


def lead_ins(document: Document, memo: dict | None = None) -> frozenset[int]:
    """The lead-in sentences right above a list of actions ("We are taking these steps:" + "- Add ...").

    The plan is in the items, each judged on its own; a lead-in with no list of actions under it
    ("We will be more careful with these steps:" + a list of topics) is the commitment itself."""
    segments = document.segments
    return frozenset(s.index for s, after in zip(segments, segments[1:], strict=False)
                     if lead_in(s) and after.kind in _LISTED and _an_action(after))


def _an_action(segment: Segment) -> bool:
    """An action item that says what is done ("Add an alert", "We will add ..."), not just a topic."""
    if not is_action_item(segment):
        return False
    text = parse_item(segment, {}).text
    return opens_with_verb(text) or is_narrative_commitment(segment)


# Read per segment (is this sentence such a lead-in?), so an edit elsewhere keeps cached hits.
LEAD_INS = DocumentInput("lead-ins-of-action-lists", lead_ins, project=lambda found, segment: segment.index in found)


def _may_ask(segment: Segment, part: int | None, has_part: bool, not_actions: Callable[[Segment], bool]) -> bool:
    """The tests before `accountable`, which alone depends on whether owners or tickets are asked."""
    if part is None and has_part:
        return False  # the document keeps its follow-ups in its follow-up part
    if not candidate(segment):
        return False
    if lead_in(segment):
        return False
    return not not_actions(segment)


# -- an owner or a ticket given once for a whole list, on the line or the heading above it ---------------

# "Owner: @db-team", "Owned by the storage team:", "### Database (@dba)": the list under it is theirs.
_LEAD_OWNER = lazy(r"(?<![\w.])@[\w][\w./-]*|\b(?:owners?|assignee|dri)\s*[:=]\s*[\w@]|\b(?:owned by|assigned to)\s+\S",
                   re.I)


@dataclass(frozen=True)
class LeadAnswers:
    owned: frozenset[int]  # list items whose owner is named on the line or the heading above their list
    tracked: frozenset[int]  # ... whose ticket is given there ("### Alerting (OPS-44)", "Tracked in OPS-12:")


def lead_answers(document: Document, ctx: RuleContext) -> LeadAnswers:
    """Owners and tickets a writer gives once, above a list, for all of its items."""
    if "lead-answers" in ctx.memo:
        return ctx.memo["lead-answers"]
    owned: set[int] = set()
    tracked: set[int] = set()
    segments = document.segments
    for run in _listed_runs(document, ctx).runs:
        first = run[0]
        lead = segments[first.index - 1] if first.index > 0 else None
        lines = [first.section_title]  # a run never crosses a heading: one title for all its items
        if lead is not None and lead.kind is SegmentKind.SENTENCE and lead.section_title == first.section_title:
            lines.append(lead.text)
        if any(_LEAD_OWNER.search(line) for line in lines):
            owned.update(s.index for s in run)
        if any(_TICKET.search(line) for line in lines):
            tracked.update(s.index for s in run)
    ctx.memo["lead-answers"] = answers = LeadAnswers(frozenset(owned), frozenset(tracked))
    return answers


# -- an item listed twice: the same words where an owner or a ticket is given -----------------------

_WORD = lazy(r"(?<![@\w/-])[a-z][a-z0-9-]{3,}")  # not a handle's or a path's tail
_COMMON = frozenset("with from that this into when have will should more also each their them they then than "
                    "about after before over under only make sure need needs what which there these those "
                    "some such being been were does done".split())


def _words(text: str) -> frozenset[str]:
    # "hosts" and "host" are one word here
    return frozenset(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
                     for w in _WORD.findall(text.lower()) if w not in _COMMON)


# What a line must hold to name an owner ("@x", "(Dana)", "— Dana", "Owner: x", "Dana to ...") or a
# date or ticket (a digit, a link, "due", "by"): a cheap test before an item's full parse.
_MAY_OWN = lazy(r"[@(—–:]|^\W*[A-Z][\w'’-]*\s+(?:to|will)\b")
_MAY_TRACK = lazy(r"\d|https?://|\bdue\b|\bby\b", re.I)


def _postings(document: Document, ctx: RuleContext, may: LazyPattern) -> dict[str, list[int]]:
    """Word -> the rows and list items that may answer (segment indices), built once per review."""
    key = ("listed-words", may.pattern)
    if key not in ctx.memo:
        postings: dict[str, list[int]] = {}
        for run in _listed_runs(document, ctx).runs:
            for s in run:
                if s.kind is SegmentKind.TABLE_ROW or may.search(s.text):
                    for word in _words(s.text):
                        postings.setdefault(word, []).append(s.index)
        ctx.memo[key] = postings
    return ctx.memo[key]


def given_elsewhere(document: Document, ctx: RuleContext, answered: Callable[[ActionItem], bool], *,
                    tracking: bool = False) -> Callable[[Segment], bool]:
    """Is an item given what `answered` asks for (an owner; a date or a ticket) where it is listed again?

    Two items are one when most of the shorter one's words are in the other (at least three), and
    they are in different lists: a list does not repeat its own items, while its items often share
    their topic's words ("etcd detects corruption by default" / "etcd can reliably detect corruption")."""
    runs = _listed_runs(document, ctx)

    def elsewhere(segment: Segment) -> bool:
        postings = _postings(document, ctx, _MAY_TRACK if tracking else _MAY_OWN)
        mine = _words(parse_item(segment, ctx.segment_memo).text)
        mine_run = runs.of.get(segment.index)
        counts = Counter(index for word in mine for index in postings.get(word, ()))
        for index, count in counts.items():
            # the whole line's words first (cheap); the item's own words only for a near match
            if count < 3 or runs.of[index] == mine_run:
                continue
            item = parse_item(document.segments[index], ctx.segment_memo)
            theirs = _words(item.text)
            shared = len(mine & theirs)
            if shared >= 3 and shared * 4 >= 3 * min(len(mine), len(theirs)) and answered(item):
                return True
        return False

    return elsewhere


# -- who writes: one person, or a team ----------------------------------------------------------------

_SINGULAR = lazy(r"\b(?:I|I['’](?:m|ve|ll|d)|my|me|myself)\b")
_PLURAL = lazy(r"\b(?:we|we['’](?:re|ve|ll|d)|our|us|ourselves)\b", re.I)


def one_writer(document: Document) -> bool:
    """The document is told by one person ("I", "my") far more than by a team ("we", "our")."""
    prose = " ".join(s.prose for s in document.segments if s.kind is SegmentKind.SENTENCE)
    singular = len(_SINGULAR.findall(prose))
    return singular >= 3 and singular > 2 * len(_PLURAL.findall(prose))


def lines_of(document: Document, items: list[Segment]) -> str:
    """"line 12" / "lines 12, 14, 17": where the items are, as the writer counts lines."""
    lines = list(dict.fromkeys(str(document.position(s.span.start)[0] + 1) for s in items))
    return ("line " if len(lines) == 1 else "lines ") + ", ".join(lines)
