"""Which action items the owner (AC002-AC004) and tracking (AC005) rules hold to account.

An owner and a ticket are questions about open work. They are not asked of:
- items in a part of the document that reports work done (role.py: "## Actions taken" and its
  subsections, a list after "Completed:");
- finished work: a done or closed status ("Deployed", "Won't do", "Done (PR #12)"), a done mark or a
  bracketed status ("[N/A]"), a checked box,
  struck-through text, a report with its subject left out ("Fixed by ...", "Released in ..."), a label such as
  "Action taken:", a past-tense report ("We enabled ...", "The researcher recommended ...") or
  a present state ("... is now documented");
- the parts of one action: the items nested under an item that continues into them
  ("We are redesigning reviews, which will:" / "encourage authors to" / "state the risks")
  complete its sentence; the question is asked once, of the outermost item;
- opinions in prose: outside a list, "we should ..." / "we will need to ..." states a lesson;
  a commitment ("we will ...", "we have decided to ...", "Action point: ...") is work to own;
- things listed among the actions that are not actions: open questions and undecided options
  ("One option is to ...", "Whether to ... is undecided"), notes ("Status: ..."), descriptions
  ("The current threshold is 90%", "The hook now refuses ..."), statements that nothing changes
  ("... will continue to run as before", "No change is needed"), template placeholders ("N/A").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.document import Document, Segment, SegmentKind
from reviewer.patterns import lazy
from reviewer.rules.action_items.item import (
    LEGEND,
    is_commitment,
    is_done,
    is_intro,
    is_listed_action_item,
    parse_item,
)
from reviewer.rules.action_items.role import DONE_PARTS
from reviewer.rules.base import DocumentInput, SegmentContext

# A label that reports the work as finished ("**Action taken:** ...", "Done: ...").
_DONE_LABEL = lazy(r"^[\W_]*(?:actions?\s+taken|done|completed|fixed|resolved|implemented|shipped|deployed|merged|"
                  r"released|rolled (?:out|back)|in place|already done)\s*[*_]*\s*[:\-–—]", re.I)
# A short label before the item's own words ("**Rollout:** the new limits are live ...", "Alerting: Add
# ..."): what follows it is read like an item of its own, so a description or a report behind a label
# is one too. A label that announces an action ("Action point:", "Next steps:") is not stripped.
_ITEM_LABEL = lazy(r"^[\W_]*(?!(?:action|actions|todo|to do|next steps?|follow-?ups?|owner|due|status|note)\b)"
                   r"[\w][^:.!?]{0,60}?[*_]*\s*:\s*[*_]*\s*(?=\S)", re.I)
# "The runbook is now documented", "Alerts are now in place", "Our process now requires ...".
_NOW_STATE = lazy(r"\b(?:is|are|has been|have been)\s+now\s+\w+|\bnow\s+(?:in place|live|enabled|requires?|"
                        r"includes?|has|have|uses?|runs?)\b", re.I, prefilter=True)
# A report with a named subject and a past-tense verb: "The security researcher also
# recommended ...", "Our vendor confirmed ...". The subject opens with a determiner or pronoun
# (an imperative opens with its verb) and holds no modal or auxiliary ("The runbook should be
# updated" is still to do).
_AUX = r"should|must|will|shall|would|could|can|may|might|to|be|been|is|are|was|were|need|needs|has|have|had|not"
_PAST_REPORT = lazy(
    r"^\W*(?:the|our|this|that|these|those|its|their|they|he|she|it|someone|somebody)\b"
    rf"(?:\s+(?!(?:{_AUX})\b)[\w'’-]+){{0,4}}?\s+(?:also\s+|then\s+|already\s+|later\s+)?"
    r"(?!(?:need|embed|proceed|exceed|succeed|feed|speed|seed|shed)\b)(?:[a-z]{2,}ed|took|made|gave|sent|ran|"
    r"wrote|built|found|said|told|chose|decided|began|held|kept|left|put|set up|went|came|became)\b", re.I)
# What an item's text must end with for its nested items to complete its sentence: a word
# that needs a complement ("... to", "which will:", "such as:").
_CONTINUES = lazy(
    r"\b(?:to|will|would|should|must|shall|can|that|which|who|by|and|or|of|for|with|on|in|into|from|as|like|"
    r"such as|e\.g\.|including|includes?|include the|the|a|an|via|using)\s*[:,]?\s*[*_]*\s*$", re.I)
# A subjectless report: "Added a free-space alert", "Rolled back the config", "Rotated the key on
# 2024-05-02". A participle before a bare noun is a proposal ("Automated rollback", "Updated
# runbook") and stays open.
_DET = r"(?:a|an|the|our|all|every|this|that|these|those|its|their|some|new|\d)"
_DONE_HEAD = lazy(
    rf"^\W*(?!(?:{'|'.join(('need', 'needed', 'dedicated', 'automated', 'improved', 'updated', 'advanced', 'detailed'))})\b)"
    rf"[a-z]{{3,}}ed(?:\s+(?:back|up|out|off|in|over|down))?\s+(?:{_DET}\b|#\d|[A-Z][A-Z0-9]+-\d|"
    # a named thing moved to a version: "Upgraded Postgres to 15", "Pinned Redis at 7.2"
    r"[A-Z][\w.-]*\s+(?:to|at|from)\s+v?\d)", re.I)
# The same report with an irregular verb at its head: the simple-past forms that differ from the
# base form ("Built a dashboard", "Wrote the runbook", "Spun up a replica"; "Run", "Set", "Put" are
# both, so they stay open).
_IRREGULAR_PAST = frozenset(
    "began bought brought built caught chose drew drove fed forbade found froze gave grew held hid led lent "
    "made paid ran rebuilt remade reran rewrote rode sank sent shook shot sold spent spun stood stole struck "
    "swept taught threw told took tore undid understood withdrew woke wore won wound wrote".split())
_HEAD_WORD = lazy(r"^\W*([a-z]+)\b(?!\s+(?:to|of|by)\b)", re.I)
# The item's last clause reports it finished: the action, then its status after a stop, a semicolon,
# a dash or a bracket ("Add a disk alert. Done.", "...; already deployed", "... This has been implemented
# in #45.", "(in place since 2024-05-01)"). "Not done yet.", "(to be done)", "done by Friday" stay open.
_TRAILING_DONE = lazy(
    r"(?:[.;:(]|\s[-–—])\s*(?:(?:this|that|it)\s+(?:has|have|is|was)\s+(?:now\s+|since\s+|already\s+)?(?:been\s+)?"
    r"(?:done|completed|implemented|fixed|addressed|shipped|deployed|merged|rolled out|put in place)(?:\s+(?:in|on|via|with)"
    r"\s+\S+)?|already\s+(?:done|completed|implemented|fixed|shipped|deployed|merged|in place|live)|(?:done|completed|"
    r"finished|fixed|resolved|shipped|deployed|merged|implemented)|(?:in place|live)\s+since\s+[^.;)]+)\W*$", re.I)
# A thing with its participle: "Disk alert added for all hosts", "Key rotated on 2024-05-02".
_DONE_TAIL = lazy(
    rf"^\W*(?:(?!(?:why|what|when|how|whether|if|that|which|who|because|so|we|i|you|they|{_AUX})\b)[\w-]+\s+){{1,4}}?"
    r"(?!(?:required|needed|wanted|proposed|planned|suggested|expected|requested|recommended|desired|scheduled|"
    r"considered|decided|agreed|committed|intended|aimed|hoped|tried|started)\b)[a-z]{3,}ed\s*(?:$|[.;,]|\b(?:for|on|in|to|across|at|everywhere)\b)",
    re.I)
# A done word set apart from the item: "... - DONE", "Status: done", "(completed 2024-05-02)".
_DONE_WORD = lazy(r"(?:[-–—:|(\[]\s*|\bstatus\s*[:=]?\s*)(?:done|completed?|fixed|resolved|shipped|merged|"
                        r"finished)\b|\b(?:DONE|COMPLETED?|FIXED|RESOLVED)\b", re.I, prefilter=True)
_DONE_WORD_CASE = lazy(r"\b(?:DONE|COMPLETED?|FIXED|RESOLVED)\b")
# Not an action at all: an open question, a note ("Status: ...", "Note: ..."), or a description
# ("The current threshold is 90%").
_QUESTION = lazy(r"[\w)\"'’]\?[\s*_]*$", prefilter=True)  # "... a second region?" (not an owner of "??")
_NOTE = lazy(r"^\W*(?:status|note|notes|context|background|fyi|for reference|see also)\s*[*_]*\s*[:\-–—]",
                   re.I)
_DESCRIPTION = lazy(
    r"^(?!.*\b(?:should|must|will|needs? to|has to|have to)\b)\W*(?:the|our|this|that|these|those|its|their|there)\b(?:\s+(?!(?:should|must|will|shall|would|could|can|"
    r"may|might|need|needs|to)\b)[\w'’-]+){0,5}?\s+(?:is|are)\s+(?!(?:to|being|going|not yet|still to|planned|"
    r"scheduled|needed|required)\b)", re.I, prefilter=True)
# A template's filler, or a list that says there is nothing to do ("- N/A", "- None").
_PLACEHOLDER = lazy(r"^\W*(?:\.\.\.|…)|^\W*(?:tbd|todo|xxx|placeholder|description here|n/?a|none|nothing)\W*$", re.I)
# Struck through: the whole item, or its action with a note after it ("~~Add a disk alert~~ — replaced
# by the capacity dashboard").
_STRUCK = lazy(r"^\W*~~[^~]+~~(?:\W*$|\s*(?:[-–—:(]|\bdropped\b|\breplaced\b|\bsuperseded\b))", re.S)
_LEAD_IN = lazy(r"^[\W_]*(?:action (?:points?|items?)|actions? (?:planned|to take)|follow-?ups?|todo|"
                      r"next steps?)\s*[*_]*\s*[:\-–—]", re.I)
_CHECKED = lazy(r"\[[xX✓✔]\]\s*$")


def completed(segment: Segment) -> bool:
    """The item reports finished work (as `is_done`, plus labels, present states and reports)."""
    if is_done(segment):
        return True
    prose = segment.prose
    if _DONE_LABEL.match(prose) or _STRUCK.match(segment.text):
        return True
    if segment.kind is SegmentKind.TABLE_ROW:
        return False
    label = _ITEM_LABEL.match(prose)
    rest = prose[label.end():] if label else ""
    if rest and (_PAST_REPORT.match(rest) or _DESCRIPTION.match(rest)):
        return True  # "**Rollout:** the new limits went live on Tuesday"
    if _TRAILING_DONE.search(prose):
        return True  # "Add a disk alert. Done.", "Add a cache alert; already deployed"
    head = _HEAD_WORD.match(prose)
    if head and head.group(1).lower() in _IRREGULAR_PAST:
        return True  # "Wrote a runbook for the failover": a subjectless report
    return bool(_NOW_STATE.search(prose) or _PAST_REPORT.match(prose) or _DONE_HEAD.match(prose)
                or _DONE_TAIL.match(prose) or _done_word(prose) or _DONE_BY.match(prose) or _NEW_BEHAVIOUR.match(prose))


# A report with its subject left out, naming what did it or where it went: "Fixed by upgrading the
# client", "Resolved by pinning the image", "Released in v1.4.2", "Merged in #88".
_DONE_BY = lazy(r"^\W*(?!(?:need|needed|required|proposed|planned|suggested|requested|expected|blocked|owned|tracked|"
                r"covered|handled|caused|triggered|affected|reported|assigned|scheduled)\b)[a-z]{3,}(?:ed|en)\s+"
                r"(?:by|in|with|via|through|as of|as part of)\s+(?!(?:the )?(?:next|future|upcoming|a future)\b)", re.I)
# A description of the behaviour a change brought: "The hook now refuses to start with ...",
# "With this change, the bot validates configs ...": a system in the present tense, told as it now is.
_NEW_BEHAVIOUR = lazy(
    r"^\W*(?:(?:with|after|since|as of|following) (?:(?:this|the|that) (?:change|fix|patch|release|update|upgrade)s?|"
    r"v?\d[\w.]*|(?:release|version) \S+),?\s+"
    r"(?:the|our|this|its|their|[\w-]+)(?:\s+[\w'’-]+){0,3}?\s+(?!(?:will|should|must|needs?|has to|have to|can)\b)"
    r"[a-z]+s\b|(?:the|our|this|that|its|their)(?:\s+[\w'’-]+){0,3}?\s+now\s+(?!(?:needs?|has to|must|should|will)\b)"
    r"[a-z]+s\b)", re.I)


def _done_word(prose: str) -> bool:
    match = _DONE_WORD.search(prose)
    return bool(match and (_DONE_WORD_CASE.search(prose) or match.group()[0] in "-–—:|([" or
                           match.group().lower().startswith("status")))


# An item whose first sentence asks ("Should we split the cluster? Still open.") or that reports the
# decision as pending ("Whether to keep the old endpoint is undecided") is a question, not work.
_ASKS_FIRST = lazy(r"^[^.!?]{3,}\?(?:\s|$)")
_UNDECIDED = lazy(r"^\W*(?:whether|possibly|perhaps|maybe)\b|"
                  # a status that leaves it undecided: "TBD whether ...", "Open question: ...", "(open question)"
                  r"^[\W_]*(?:open question|undecided|to be (?:decided|discussed))[*_]*\s*[:\-–—]|"
                  r"^\W*(?:tbd|tbc|undecided|unclear)\s+(?:whether|if)\b|\(\s*(?:open question|undecided|to be decided)\s*\)|\b(?:not (?:yet )?sure|unsure|unclear|uncertain|"
                  r"undecided)\b(?:\s+\w+){0,3}?\s+(?:whether|if|how|what|which)\b|"
                  r"^\W*(?:one|another|an|a further) (?:option|alternative|idea|possibility) (?:is|would be|could be|might be)\b|\b(?:is|are|remains?|still)\s+(?:\w+\s+)?(?:undecided|under discussion|being discussed|"
                  r"to be (?:decided|discussed|determined)|an open question|up for discussion)\b", re.I, prefilter=True)
# An item that says what stays as it is ("the nightly job will continue to run as before", "no change
# is needed to the retention policy") states that nothing is to be done.
_UNCHANGED = lazy(r"^\W*(?:no (?:further )?(?:change|changes|action|actions|work|fix) (?:is |are |was |were )?(?:needed|"
                  r"required|necessary|planned)|nothing (?:further )?(?:needs|has) to (?:be done|change))\b|"
                  r"\b(?:will|would|shall) (?:continue to \w+|remain|stay|keep \w+)(?:\s+[\w:.'’-]+){0,5}?\s+"
                  r"(?:as (?:before|is|it is|today|usual)|unchanged|the same|in place)\b|\b(?:remains?|stays?) (?:as (?:is|before)|"
                  r"unchanged)\b|\b(?:will|shall) (?:keep|continue) using\b|\bwill still be (?:available|supported|running|"
                  r"there|in place)\b|\b(?:not|no) (?:planning|going|intending|plans?) to (?:change|replace|remove|touch|alter)\b",
                  re.I, prefilter=True)


# A bracketed status that opens the item and says it was decided against ("[Won't do] ...", "[N/A] ...").
_DECIDED_AGAINST = lazy(r"^\W*[(\[]\s*(?:n/?a|not needed|won['’]?t (?:do|fix)|wontfix|skipped|cancell?ed|dropped|obsolete|"
                        r"superseded|rejected|declined|not planned)\s*[)\]]", re.I)


def withdrawn(segment: Segment) -> bool:
    """The writer took the item back: struck through, or marked as decided against. It proposes nothing."""
    return bool(_STRUCK.match(segment.text) or _DECIDED_AGAINST.match(segment.text))


def states_no_change(segment: Segment) -> bool:
    """The item says what stays as it is ("the nightly job will keep running as before"): nothing to do."""
    return bool(_UNCHANGED.search(segment.prose))


def not_an_action(segment: Segment, memo: dict | None = None) -> bool:
    """An open question, a note, a description, or a statement that nothing changes. With `memo`
    (the review's segment memo) answered once per item: the owner rules ask it of the item and of
    every item of its list (followups.py)."""
    if memo is not None:
        key = ("not-an-action", segment.index)
        if key not in memo:
            memo[key] = not_an_action(segment)
        return memo[key]
    prose = segment.prose
    text = segment.cells[0].text if segment.kind is SegmentKind.TABLE_ROW and segment.cells else prose
    return bool(_QUESTION.search(text) or _NOTE.match(prose) or _ASKS_FIRST.match(text) or _UNDECIDED.search(text)
                or _UNCHANGED.search(text) or (segment.kind is not SegmentKind.TABLE_ROW and _DESCRIPTION.match(prose)))


@dataclass(frozen=True)
class Scope:
    skip: frozenset[int]  # items that are parts of another item, finished by the document's marks, or placeholders
    heads: frozenset[int]  # outermost items that continue into nested parts: asked for the whole action
    owner_lines: frozenset[int] = frozenset()  # "Owner: @x" under an item: where the owner rules look
    owned: frozenset[int] = frozenset()  # items whose owner is given on a line under them
    tracked: frozenset[int] = frozenset()  # items whose due date or ticket is given on a line under them


def item_scope(document: Document, memo: dict | None = None) -> Scope:
    skip: set[int] = set()
    heads: set[int] = set()
    owner_lines: set[int] = set()
    owned: set[int] = set()
    tracked: set[int] = set()
    stack: list[Segment] = []  # the open list items above the current one, by depth
    for segment in document.segments:
        if segment.kind is SegmentKind.TABLE_ROW:
            stack = []
            if segment.cells and _PLACEHOLDER.search(segment.cells[0].text):
                skip.add(segment.index)
            continue
        if segment.kind is not SegmentKind.LIST_ITEM:
            stack = []
            continue
        while stack and (stack[-1].list_depth >= segment.list_depth or stack[-1].section is not segment.section):
            stack.pop()
        before = document.source[max(0, segment.span.start - 6) : segment.span.start]
        if _CHECKED.search(before) or _PLACEHOLDER.search(segment.prose):
            skip.add(segment.index)  # a checked task-list box ("- [x] ...") or a template's filler
        meta = _META_LINE.match(segment.prose) if stack else None
        if meta:  # "Owner: @appsec", "Due: 2024-06-07", "Tracking: SEC-7" under an item: the item's own fields
            skip.add(segment.index)
            if meta.group(1).lower() in _OWNER_LABELS:
                owner_lines.add(segment.index)
                owned.add(stack[-1].index)
            else:
                tracked.add(stack[-1].index)
            continue
        if stack and _DETAIL_LINE.match(segment.prose):
            # "**Description:** Research backup ISPs ... (OPS-7, by March)" under a titled item: the
            # item's own text, so its owner, date and ticket count for the item, asked once of it
            skip.add(segment.index)
            detail = parse_item(segment)
            if detail.owners:
                owned.add(stack[-1].index)
            if detail.has_due or detail.has_ticket:
                tracked.add(stack[-1].index)
            continue
        if stack:
            parent = stack[-1]
            if parent.index in skip or parent.index in heads or _continues(parent) or completed(parent):
                skip.add(segment.index)  # a part of the item above it
                if _continues(parent) and parent.index not in skip and parent.index not in heads:
                    heads.add(parent.index)
        stack.append(segment)
    # "Action point: create a mailing list." then "This has been done.": the note closes the item above it.
    for earlier, segment in zip(document.segments, document.segments[1:], strict=False):
        if segment.block != earlier.block and _DONE_NOTE.match(segment.prose):
            skip.add(earlier.index)
    return Scope(frozenset(skip), frozenset(heads), frozenset(owner_lines), frozenset(owned), frozenset(tracked))


_DONE_NOTE = lazy(r"^\W*(?:(?:this|that|it)\s+(?:has|have|is|was)\s+(?:now\s+|since\s+|already\s+)?(?:been\s+)?"
                  r"(?:done|completed|implemented|fixed|addressed|shipped)|(?:done|completed)\s*[.!]?\s*$)", re.I)


_DETAIL_LINE = lazy(r"^\W*(?:description|details?|summary|what|why|rationale|context|scope|notes?|background)"
                    r"\s*[*_]*\s*[:=]", re.I)
_OWNER_LABELS = frozenset({"owner", "owners", "assignee", "assigned to", "dri", "responsible"})
_META_LINE = lazy(r"^\W*(owners?|assignee|assigned to|dri|responsible|due(?: date)?|deadline|eta|target date|tracking|"
                  r"tracked in|ticket|issue|jira|link|priority|status)\s*[:=]", re.I)


def _continues(segment: Segment) -> bool:
    return bool(_CONTINUES.search(segment.prose.rstrip()))


SCOPE = DocumentInput("action-item-scope", item_scope)
# "We should ...", "we will need to ...", "X must ...": an obligation, not a commitment.
_OBLIGATION = lazy(r"\b(?:should|must|ought to|need(?:s)? to|have to|has to|will need to|would need to)\b", re.I)
_COMMITS = lazy(r"\b(?:will|shall|['’]ll|are going to|plan(?:s)? to|intend to|commit to|decided to|"
                      r"(?:are|['’]re) (?:now |also |currently )?\w+ing)\b(?!\s+need)", re.I)


def candidate(segment: Segment) -> bool:
    """Cheap gate: a listed action item or a prose commitment (the full test is `accountable`)."""
    return is_listed_action_item(segment) or is_commitment(segment)


def accountable(segment: Segment, ctx: SegmentContext, *, tracking: bool = False) -> bool:
    """The owner rules (and, with `tracking`, the ticket rule) ask this segment for an owner."""
    # Asked by AC002-AC004 alike: answered once per segment in the document's shared memo (the
    # answer depends only on the segment and the document inputs SCOPE and LEGEND).
    key = ("accountable", segment.index, tracking)
    if key not in ctx.memo:
        ctx.memo[key] = _accountable(segment, ctx, tracking)
    return ctx.memo[key]


def _accountable(segment: Segment, ctx: SegmentContext, tracking: bool) -> bool:
    scope: Scope = ctx.read(SCOPE)
    if segment.index in scope.owner_lines:
        return not tracking  # the owner rules read the owner where it is written
    if segment.index in (scope.tracked if tracking else scope.owned):
        return False
    closed = ("not-open-work", segment.index)  # the same for AC005 as for the owner rules
    if closed not in ctx.memo:
        ctx.memo[closed] = segment.index in scope.skip or segment.index in ctx.read(LEGEND) or ctx.read(
            DONE_PARTS, segment) or completed(segment) or not_an_action(segment, ctx.memo)
    if ctx.memo[closed]:
        return False
    if segment.index in scope.heads:
        return is_listed_action_item(segment) or is_commitment(segment)
    if is_intro(segment):
        return False  # a label over separate items ("Database:"): each item answers for itself
    if is_listed_action_item(segment):
        return True
    if tracking or not is_commitment(segment):
        return False  # tracking is asked of listed items only
    prose = segment.prose
    if _LEAD_IN.match(prose):
        return True
    # Outside a list, a labelled lead-in or a commitment is owned work; an obligation is a lesson.
    return not _OBLIGATION.search(prose) or bool(_COMMITS.search(_OBLIGATION.sub(" ", prose)))
