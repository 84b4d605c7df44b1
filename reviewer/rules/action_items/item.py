"""Read one action item out of a list item or table row: its text, owner(s), due date, ticket."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reviewer.document import Cell, Document, SectionKind, Segment, SegmentKind
from reviewer.patterns import lazy
from reviewer.rules import lexicon
from reviewer.rules.action_items.clause import lemmas, verb_lemmas
from reviewer.rules.base import DocumentInput

_ITEM_HEADERS = lazy(r"action|item|task|description|what|follow|remediation|todo|summary|title", re.I)
_OWNER_HEADERS = lazy(r"owner|owning|owned|assignee|assigned|who|dri|responsible|accountable|lead", re.I)
_DUE_HEADERS = lazy(r"due|date|deadline|eta|target|when|by", re.I)
_TICKET_HEADERS = lazy(r"bug|ticket|issue|jira|link|tracking|tracker|ref", re.I)

_HANDLE = lazy(r"(?<![\w.])@[\w][\w./-]*", prefilter=True)
_INLINE_OWNER = lazy(
    r"(?:(?i:\bowners?\s*[:=]\s*|\bassignee\s*[:=]\s*|\bassigned\s+to\s*:?\s*|\bDRI\s*[:=]\s*)|[—–]\s*|\(\s*)"
    r"(?P<owner>@[\w./-]+(?:\s*(?:,|/|&|\band\b)\s*@?[\w./-]+)*|[A-ZÀ-ÖØ-ÞŁ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-ÞŁ][\w'’-]+)?"
    r"(?:\s*(?:,|/|&|\band\b)\s*[A-ZÀ-ÖØ-ÞŁ][\w'’-]+)*|we|team|the team|someone|everyone|tbd|TBD|unassigned)"
)
# After an explicit label the owner may be any name, a lower-case team slug included.
_LABELLED_OWNER = lazy(r"(?i:\bowners?\s*[:=]\s*|\bassignee\s*[:=]\s*|\bDRI\s*[:=]\s*)"
                       r"(?P<owner>[\w@](?:[\w./-]*[\w])?(?:\s*(?:,|/|&)\s*[\w@](?:[\w./-]*[\w])?)*)")
# ... and the names end the phrase ("owner: ingest team" is a phrase the other readers judge).
_OWNER_END = lazy(r"\s*(?:$|[.;:)(\]|]|\bdue\b|\bby\b)", re.I)
# A capitalised word before "to"/"will" is a name unless it is a verb ("Need to add ...", "Plan to ...").
_LEADING_OWNER = lazy(r"^\W*(?!(?:Need|Needs|Have|Has|Want|Plan|Try|Going|Continue|Remember|Start|Begin|Make|Aim|"
                            r"Ensure|Decide|Agree|Remain|Remains|Still|Need)\b)(?P<owner>@[\w./-]+|[A-ZÀ-ÖØ-ÞŁ][a-z]+)\s+(?:to|will)\s+[a-z]")
_DATE = lazy(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b(?:Q[1-4]|H[12])(?:\s*'?\d{2,4})?\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\bdue\b|\bby\s+(?:end\s+of\s+)?"
    r"(?:next\s+)?(?:week|sprint|month|quarter|friday|monday|tuesday|wednesday|thursday)\b|\bsprint\s+\d+\b",
    re.I,
)
_TICKET = lazy(r"\b[A-Z][A-Z0-9]{1,9}-\d+\b|(?<![\w&])#\d+\b|https?://\S+")
_VAGUE = frozenset(
    "we us team the team someone somebody everyone everybody all anyone anybody tbd tba tbc unassigned "
    "n/a na none ? - -- — nobody eng engineering all engineers all teams the engineers engineers devs sre "
    "ops".split()
) | {"the team", "all teams", "all engineers", "the engineers", "n/a", "no owner"}
_LINKED, _SPLIT = lazy(r"\[([^\]]*)\]\([^)]*\)"), lazy(r"\s*(?:,|/|&|\+|;|\band\b)\s*")
_PLACEHOLDER = frozenset({"", "-", "--", "—", "tbd", "tba", "?", "n/a", "none", "unassigned", "no owner"})


@dataclass(frozen=True)
class ActionItem:
    text: str  # the action's own words (first/action cell for tables)
    text_start: int  # offset of `text` in the segment
    owner: str | None  # raw owner text, None when there is no owner field or marker at all
    owners: tuple[str, ...]
    has_due: bool
    has_ticket: bool

    @property
    def vague_owner(self) -> bool:
        return self.owner is not None and self.owner.strip().lower() in _VAGUE and self.owner.strip() != ""


def is_listed_action_item(segment: Segment) -> bool:
    """A list item or table row of an action-items section (where owners and tickets are expected)."""
    return segment.section is SectionKind.ACTION_ITEMS and segment.kind in (
        SegmentKind.LIST_ITEM, SegmentKind.TABLE_ROW)


# An explicit commitment is an action item wherever it sits: a labelled lead-in ("Action
# point: ..."), a first-person future or obligation ("we will ...", "we should ..."), or a
# passive future ("more training will be held").
ACTION_LABEL = lazy(r"^[\W_]*(?:action (?:points?|items?)|actions? (?:planned|taken|to take)|follow-?ups?|"
                    r"todo|next steps?)\s*[*_]*\s*[:\-–—]", re.I)
_SUBJECT = r"(?:we|i|the team|our team|our [\w-]+ team|the [\w-]+ team)"
_META = r"(?:describe|explain|discuss|cover|outline|go through|walk through|detail|break down|share more|see|know|" \
        r"never know|talk about|speak about|write (?:more |further )?about|post about|blog about|look back|start with|" \
        r"begin with|return to|come back|get to|focus on here)"
_COMMITMENT = lazy(
    r"^\W*(?:going forward|moving forward|from now on|in (?:the )?future|next time|to prevent (?:this|a recurrence|"
    r"recurrence|similar))\b|"
    # "we'll", "we’re adding": the contraction joins the subject with no space
    rf"\b{_SUBJECT}(?:\s+|(?=['’](?:ll|re|ve)\b))(?:will|shall|['’]ll|are going to|plan to|intend to|aim to|commit to|"
    rf"(?:have |['’]ve )decided to|(?:are|['’]re) (?:now |also |currently )?(?:working on|looking (?:at|into)|planning|"
    rf"redesigning|adding|building|introducing|moving|changing|updating|improving|reviewing|implementing|"
    rf"exploring|evaluating|considering|migrating|rolling out|setting up|creating|writing|developing|preparing)|"
    rf"should|must|need to|have to|ought to)\b(?!\s+(?:not\s+)?(?:have\b|(?:(?:also|now|then|first|briefly|further)\s+)?{_META}\b))"
    r"|\b(?:will|shall) (?:also |now )?be (?:\w+ed|done|set up|built|run|held|taken|written|made|given|sent|put)\b",
    re.I)
# Not a commitment: a question, a wish about the past, or a plan the writer has not made: a
# possibility modal ("in the future I might redeploy ...", "we may want to") leaves it undecided.
_NOT_COMMITMENT = lazy(rf"\?\s*$|\bif (?:we|i) (?:had|would)\b|\b{_SUBJECT}\s+(?:might|may|could)\b|"
                       r"\b(?:maybe|perhaps|possibly)\b|"
                       # work under way while the writer reports it ("so I am doing a build right now"): an
                       # update from inside the incident, not a follow-up
                       r"\bright now\b|"
                       # a stance, not work: "I will treat it as such from now on", "we'll regard X as ..."
                       rf"\b{_SUBJECT}(?:\s+|(?=['’]ll\b))(?:will|shall|['’]ll)\s+(?:\w+\s+)?(?:treat|regard|view|see|think of)\s+"
                       r"(?:\S+\s+){0,4}?as\b|"
                       # what the page itself is for: "On this page, we will report any outages"
                       r"^\W*(?:on|in|with|through) this (?:page|post|document|report|article|write-?up|blog|site)\b",
                       re.I)
# A future inside what someone thought or assumed is reported thought, not a plan: "we thought it
# would be enough and that five services will be solved quickly", "don't assume it will be built".
_THOUGHT = lazy(r"\b(?:think|thinks|thought|assume[sd]?|expect(?:s|ed)?|believe[sd]?|hope[sd]?|seem(?:s|ed)?|"
                r"fel[lt]|feel|imagined?|guess(?:ed)?|worried|feared|knew|"
                # what the writer now knows is knowledge, not a plan: "we are now aware that if we
                # proceed ..., we will require ...", "we realised that the job would fail"
                r"(?:aware|reali[sz](?:e[sd]?|ing)|understand|understood|learn(?:ed|t)|knows?|discovered|noticed)\s+that)\b(?:(?!\b(?:but|then|so)\b)[^.;:])*(?<!,\s)(?<!,\sand\s)$"
                # ... also past the comma that closes a condition inside what is known ("aware that if
                # we proceed with X, we will need Y")
                r"|\b(?:aware|reali[sz]e[sd]?|understand|understood|learn(?:ed|t)|knows?)\s+that\s+"
                r"(?:if|when|once|unless|because|since)\b[^.;:]*$",
                re.I)


# Memoised per text: the AC001 gate, its detector and the owner rules' scope ask it of the same segments.
@lru_cache(maxsize=8192)
def _commits(prose: str) -> bool:
    """A commitment in the sentence's own voice: the first match not governed by a verb of thinking."""
    return any(not _THOUGHT.search(prose, 0, match.start()) and not _behaviour_told(prose, match) and not
               _STANCE.match(prose, match.end()) for match in _COMMITMENT.finditer(prose)) and not _NOT_COMMITMENT.search(prose)


# A disposition after the modal ("we will always strive to ...", "we will continue to be vigilant", "... continue
# filtering spam"): a value, or what already goes on; it names nothing new anyone would do (a closing stance).
_STANCE = lazy(r"\s+(?:always\s+|also\s+)?(?:continue\s+(?:to|\w+ing)\b|strive|endeavou?r|do\s+(?:our|my)\s+(?:very\s+)?(?:best|utmost)|"
               r"do\s+better|remain|stay\s+(?:committed|focused|vigilant)|be\s+committed)\b", re.I)


# A thing's own future in the same sentence ("Feeds will keep only the newest posts and older ones
# will be removed"): a passive future after it describes the new behaviour, it commits no one.
_THING_FUTURE = lazy(r"(?:^|[.;:!?]\s)\W*(?:[\w.’'-]+\s+){0,3}?([\w.’'-]+)\s+will\s+(?!be\b)(?:\w+\s+)?\w+[^.;:!?]*$", re.I)
_PEOPLE_SUBJECTS = frozenset("we i you they he she team everyone someone somebody nobody people staff engineers "
                             "who".split())


def _behaviour_told(prose: str, match: re.Match[str]) -> bool:
    if not match.group().lower().startswith(("will", "shall")):
        return False  # only the passive future ("will be removed") has no agent of its own
    thing = _THING_FUTURE.search(prose, 0, match.start())
    return thing is not None and thing.group(1).lower() not in _PEOPLE_SUBJECTS
# Where a prose commitment is an action item: in the places a report puts its follow-ups when
# it has no list for them (lessons, untitled or unrecognised sections, text under an
# action-items heading). In the analysis sections (summary, impact, cause, resolution,
# detection, timeline) a "we will" belongs to the story being told.
_COMMITMENT_SECTIONS = frozenset({SectionKind.LESSONS, SectionKind.OTHER, SectionKind.ACTION_ITEMS})


def is_narrative_commitment(segment: Segment) -> bool:
    """A commitment to future practice in any section but the timeline ("We will be more careful
    when ..." in a summary or resolution). Only a strong reminder in it makes it an action item for
    AC001: in the analysis sections a "we will" is usually part of the story."""
    if segment.section is SectionKind.TIMELINE or segment.kind is SegmentKind.TABLE_ROW:
        return False
    return _commits(segment.prose) and not _story_steps_only(segment.prose)


# A passive future about one specific thing of the story ("This release will be announced to the
# validators", "the patched build will be promoted") is the recovery's next step, not future
# practice; a document or an activity as that subject ("the runbook will be updated", "training
# will be held") still is.
_ONE_THING_PASSIVE = lazy(r"\b(?:this|that|these|those|the)\s+((?:[\w.()-]+\s+){0,2}?[\w.()-]+)\s+(?:will|shall)\s+"
                          r"(?:also\s+|now\s+|soon\s+)?be\s+\w+", re.I)


def _story_steps_only(prose: str) -> bool:
    """Every commitment in the prose is a passive future about one specific non-document thing."""
    commitments = [m for m in _COMMITMENT.finditer(prose) if not _THOUGHT.search(prose, 0, m.start())]
    if not commitments:
        return False
    steps = [m for m in _ONE_THING_PASSIVE.finditer(prose)
             if lexicon.load("document_objects").first_found(m.group(1)) is None]
    return all(any(s.start() <= c.start() < s.end() for s in steps) for c in commitments)


def is_commitment(segment: Segment) -> bool:
    """A sentence or list item outside an action-items list that commits to future work."""
    if segment.section not in _COMMITMENT_SECTIONS or segment.kind is SegmentKind.TABLE_ROW:
        return False
    prose = segment.prose
    if ACTION_LABEL.match(prose):
        return not _NOT_COMMITMENT.search(prose)
    return _commits(prose)


# Work already finished needs no owner or ticket: a status cell or marker that says so, or a
# report in the past tense ("We enabled branch protection", "the fix was deployed").
# A status cell that closes the item: finished (in any of the words a tracker uses for it) or decided
# against ("won't do", "cancelled"): either way nobody owns open work any more.
_DONE_STATUS = lazy(r"^\W*(?:done|completed?|closed|fixed|resolved|shipped|merged|finished|implemented|deployed|released|"
                    r"rolled out|in place|delivered|applied|live|won['’]?t (?:do|fix)|wontfix|not planned|cancell?ed|"
                    r"dropped|rejected|declined|obsolete|superseded)\W*"
                    # ... followed only by its evidence: "Done (PR #12)", "Completed 2024-05-01", "Fixed in v1.2"
                    # (a date, a version, a PR, ticket or link; not "Done by Friday", "Done in 2 weeks": a plan)
                    r"(?:$|(?:in|on|via|with|at|as of|since|see)?\s*(?:[(\[#]|\d{4}-\d{2}|\d{1,2}/\d{1,2}/|v?\d+\.\d|"
                    r"pr\b|https?://|[A-Z][A-Z0-9]+-\d))",
                    re.I)
# A heading told in the past or the perfect lists work done ("Actions taken", "Changes made", "What
# we did", "Fixes deployed"); one told in the future or as a plan ("Changes we will make") does not.
_DONE_TITLE = lazy(r"\b(?:taken|done|completed|finished|already|did|made|implemented|deployed|shipped|applied|"
                   r"put in place)\b(?<!\bto be done)(?<!\bwill be done)", re.I)
# A column whose header asks whether the work is finished ("Done?", "Completed", "Fixed"), not when it is
# due ("Complete by", "Target completion"); an affirmative cell or the date it was finished answers it.
_DONE_HEADER = lazy(r"^(?!.*\b(?:by|due|target|eta|planned|plan|expected)\b).*\b(?:done|completed?|fixed|resolved|shipped|"
                    r"closed|finished|implemented|merged)\b", re.I)
_AFFIRMED = lazy(r"^\W*(?:yes|y|true|x|done|✓|✔|☑|✅|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2} [a-z]{3,9},? \d{4}|"
                 r"[a-z]{3,9} \d{1,2},? \d{4})\W*$", re.I)
_STRUCK_OUT = lazy(r"~~[^~]*~~")


def closes(cell: Cell) -> bool:
    """A status cell that closes its row: a done or closed status ("Done (PR #12)", "~~Open~~ Done"), or
    an affirmative answer under a done column ("Done?" -> "Yes", "Completed" -> "2024-05-01")."""
    text = _STRUCK_OUT.sub(" ", cell.text)  # a status struck through is the old one
    return bool(_DONE_STATUS.match(text) or (_DONE_HEADER.search(cell.header) and _AFFIRMED.match(text)))


# ... unless the title negates it ("What we have not done yet", "Not done", "Still to be done").
NOT_DONE_TITLE = lazy(r"\b(?:not|never|yet to|un(?:done|finished|resolved))\b|n['’]t\b", re.I)
DONE_TITLE = _DONE_TITLE  # the part of a document a heading or a label line heads (role.py)
# A done mark anywhere ("(done)", "✅"), or a bracketed status that opens the item and closes it
# either way: finished or decided against ("[N/A] Replace the cron host", "[Won't do] Split ...").
_DONE_MARK = lazy(r"[(\[]\s*(?:done|completed?|fixed|resolved|shipped)\s*[)\]]|✅|✔|☑|"
                  r"^\W*[(\[]\s*(?:n/?a|not needed|won['’]?t (?:do|fix)|wontfix|skipped|cancell?ed|dropped|"
                  r"obsolete|superseded|rejected|declined|not planned|merged|deployed|released)\s*[)\]]", re.I)
# "-ed" words that do not report finished work: "we need to ...", "we have decided to ...".
_NOT_DONE_VERB = r"(?:need|needed|decided|agreed|planned|committed|intended|aimed|hoped|wanted|tried|started|proceed|" \
                 r"exceed|succeed|feed|embed|shed)"
_DONE_REPORT = lazy(
    rf"^\W*(?:(?:we|i|the team)(?:\s+|(?=['’]ve\b))(?:(?:have|['’]ve|had)\s+(?:(?!{_NOT_DONE_VERB}\b|to\b)[\w-]+\s+){{0,4}}?)?(?:(?!{_NOT_DONE_VERB}\b)\w+ed|built|made|set up|put|wrote|ran|took|sent|"
    # "the fix was deployed" reports; "Investigate whether the fork was cloned" asks (a clause after whether/if/why)
    r"began|moved|rolled out)\b|(?!\S+\s+(?:whether|if|why|how|what|when|that)\b)[\w`-]+"
    r"(?:\s+(?!(?:whether|if|why|how|what|when|that)\b)[\w`-]+){0,5}\s+(?:was|were|has been|have been)\s+(?:\w+ed|\w+en|"
    r"built|made|set up|put|run|sent)\b)", re.I)


def is_done(segment: Segment) -> bool:
    """The item reports finished work (owner and tracking rules leave it alone)."""
    if _DONE_TITLE.search(segment.section_title) and not NOT_DONE_TITLE.search(segment.section_title):
        return True  # listed under "Actions taken" / "Completed"
    if any(closes(c) for c in segment.cells[1:]):
        return True  # a status column (whatever its header) says the work is finished
    return bool(_DONE_MARK.search(segment.text)) or (segment.kind is not SegmentKind.TABLE_ROW
                                                      and bool(_DONE_REPORT.match(segment.prose)))


_INTRO = lazy(r"(?::|\bto|\bwhich will)\s*$", re.I)


def is_intro(segment: Segment) -> bool:
    """A list item that introduces nested items ("encourage reviewers to:"): judged through them."""
    if segment.kind is not SegmentKind.LIST_ITEM:
        return False
    text = segment.prose.rstrip(" *_")
    # A match ends at the last non-space character and is at most 10 long ("which will"): searching
    # from there finds the same (the \b still sees the character before) without scanning the item.
    return bool(_INTRO.search(text, max(0, len(text.rstrip()) - 10)))


# A list of imperatives under Lessons (or an untitled part) is a list of actions: "Add a disk
# alert", "Rotate the key". The imperative is the item's first word. Maxims ("Never ...",
# "Don't ...", "Always ...") state a lesson, not a to-do, and are left out.
_IMPERATIVE = lazy(
    r"^\W*(?:please\s+)?(?:add|automate|avoid|build|check|clarify|communicate|configure|consider|create|"
    r"define|disable|document|double-check|enable|encourage|ensure|establish|follow|implement|improve|"
    r"include|increase|inform|introduce|keep|limit|make|migrate|monitor|move|notify|prefer|prepare|publish|"
    r"reduce|remember|remind|remove|replace|require|restrict|review|rotate|schedule|set up|share|simplify|stop|"
    r"switch|teach|test|track|train|update|upgrade|use|validate|verify|watch|write)\b", re.I)
_SHAPED_SECTIONS = frozenset({SectionKind.LESSONS, SectionKind.OTHER})


def is_imperative_item(segment: Segment) -> bool:
    """A list item in Lessons or an untitled part that opens with an imperative."""
    return (segment.kind is SegmentKind.LIST_ITEM and segment.section in _SHAPED_SECTIONS
            and bool(_IMPERATIVE.match(segment.prose)))


# An emphasis-only line that announces future practice ("*Things to remember next time:*", "**Going
# forward**") heads a list of actions wherever it sits, also inside Root cause or Resolution.
_PSEUDO_HEADING = lazy(r"^\s*([*_]{1,2})(?=[^*_]{3,80}\1\s*$)[^*_]*\b(?:next time|going forward|moving forward|in (?:the )?"
                       r"future|from now on|remember|lessons?|takeaways?|to ?dos?|follow[- ]?ups?|actions?|improvements?|"
                       r"differently|prevent\w*|next steps?)\b", re.I)


def pseudo_heading_items(document: Document, memo: dict | None = None) -> tuple[int, ...]:
    """List items that open with an imperative under an emphasis-only line announcing future practice."""
    out: list[int] = []
    heading = False
    for segment in document.segments:
        if segment.kind is SegmentKind.LIST_ITEM:
            first = re.match(r"^\W*([A-Za-z][\w-]*)", segment.prose)
            if heading and first and (_IMPERATIVE.match(segment.prose) or set(lemmas(first.group(1))) & verb_lemmas()):
                out.append(segment.index)
            continue
        heading = bool(_PSEUDO_HEADING.match(segment.text))
    return tuple(out)


# AC001 reads them: a reminder bullet under "*Next time:*" in Root cause is still a reminder.
PSEUDO_HEADING_ITEMS = DocumentInput("pseudo-heading-items", pseudo_heading_items)


def is_action_item(segment: Segment) -> bool:
    """Listed in an action-items section, an explicit commitment, an imperative list item, or a
    sentence of prose under an action-items heading (a report that writes its actions as prose,
    "**Action taken:** Our runbook now ...")."""
    return is_listed_action_item(segment) or is_commitment(segment) or is_imperative_item(segment) or (
        segment.section is SectionKind.ACTION_ITEMS and segment.kind is SegmentKind.SENTENCE)


def parse_item(segment: Segment, memo: dict | None = None) -> ActionItem:
    """The segment's action item; `memo` (RuleContext.memo) shares the parse between rules."""
    if memo is not None:
        key = ("action-item", segment.index)
        if key not in memo:
            memo[key] = parse_item(segment)
        return memo[key]
    if segment.kind is SegmentKind.TABLE_ROW and segment.cells:
        return _from_table(segment)
    return _from_list(segment)


def _owners(raw: str) -> tuple[str, ...]:
    clean = re.sub(r"[*_`]", "", _LINKED.sub(r"\1", raw)).strip()  # "[dba](https://...)": one owner, not two
    if clean.lower() in _PLACEHOLDER or set(clean) <= set("?-—. "):
        return ()
    return tuple(p for p in (s.strip() for s in _SPLIT.split(clean)) if p)


def _from_table(segment: Segment) -> ActionItem:
    cells = segment.cells
    base = segment.span.start
    item_cell = next((c for c in cells if _ITEM_HEADERS.search(c.header)), cells[0])
    owner_cell = next((c for c in cells if _OWNER_HEADERS.search(c.header)), None)
    due_cell = next((c for c in cells if _DUE_HEADERS.search(c.header) and c is not owner_cell), None)
    ticket_cell = next((c for c in cells if _TICKET_HEADERS.search(c.header)), None)
    owner = owner_cell.text if owner_cell else None
    owners = _owners(owner) if owner is not None else ()
    if owner_cell is None:
        inline = _inline_owner(item_cell.text)
        owner, owners = inline if inline else (None, ())
    row = segment.text
    has_due = bool(due_cell and due_cell.text.strip() and due_cell.text.strip().lower() not in _PLACEHOLDER) \
        or bool(_DATE.search(item_cell.text))
    has_ticket = bool(ticket_cell and _TICKET.search(ticket_cell.text)) or bool(_TICKET.search(row))
    return ActionItem(item_cell.text, item_cell.span.start - base, owner, owners, has_due, has_ticket)


def _inline_owner(text: str) -> tuple[str, tuple[str, ...]] | None:
    handles = _HANDLE.findall(text)
    if handles:
        return ", ".join(handles), tuple(handles)
    labelled = _LABELLED_OWNER.search(text)
    if labelled and _OWNER_END.match(text, labelled.end()):
        # "owner: build-infra, BI-220": any name after the label; tickets and dates are not owners
        names = [n for n in _SPLIT.split(labelled.group("owner")) if n and not _TICKET.fullmatch(n)
                 and not _DATE.fullmatch(n)]
        raw = ", ".join(names)
        if raw.strip().lower() in _VAGUE or not names:
            return raw, ()
        return raw, _owners(raw)
    for pattern in (_INLINE_OWNER, _LEADING_OWNER):
        # A name in brackets is an owner only when it is all the bracket holds, or a list of names
        # with a date: "(Dana)", "(Dana, due May 3)"; not "(Patroni or similar)", "(Sentry integration)".
        match = next((m for m in pattern.finditer(text) if not m.group().lstrip().startswith("(")
                      or (_BRACKET_OWNER_END.match(text, m.end()) and not _NOT_A_NAME.match(m.group("owner")))), None)
        if match:
            raw = match.group("owner")
            if raw.strip().lower() in _VAGUE:
                return raw, ()
            return raw, _owners(raw)
    return None


def _from_list(segment: Segment) -> ActionItem:
    text = segment.text
    inline = _inline_owner(segment.prose if "@" not in segment.text else text)
    owner, owners = inline if inline else (None, ())
    return ActionItem(text, 0, owner, owners, bool(_DATE.search(text)), bool(_TICKET.search(text)))


# A bracketed word that qualifies the item rather than naming who does it: "(Probably)", "(Optional)".
_NOT_A_NAME = lazy(r"^(?:probably|possibly|likely|maybe|perhaps|optional(?:ly)?|ideally|eventually|hopefully|later|soon|"
                   r"pending|blocked|ongoing|stretch|wip)$", re.I)
_BRACKET_OWNER_END = lazy(r"\s*(?:\)|[,;/&]|\band\b|\bdue\b|\bby\b)", re.I)
_LABELLED = lazy(r"^\W*([\w/]{1,15})\s+[-–—:]\s+\S")


def legend_items(document: Document, memo: dict | None = None) -> tuple[int, ...]:
    """List items that define the values of an action table's column ("P1 - important for ...").

    A legend item opens with a one-word label that is also a cell value of a table in the
    same section: it explains the table, it is not an action of its own.
    """
    values: dict[SectionKind, set[str]] = {}
    for segment in document.segments:
        if segment.kind is SegmentKind.TABLE_ROW:
            values.setdefault(segment.section, set()).update(c.text.strip().lower() for c in segment.cells[1:])
    out = []
    for segment in document.segments:
        label = _LABELLED.match(segment.text) if segment.kind is SegmentKind.LIST_ITEM else None
        if label and label.group(1).lower() in values.get(segment.section, set()):
            out.append(segment.index)
    return tuple(out)


# Owner and tracking rules skip legend items; which items those are depends on the tables.
LEGEND = DocumentInput("legend-items", legend_items)


_CHECKED_BOX = lazy(r"\[[xX✓✔]\]\s*$")


def checked_items(document: Document, memo: dict | None = None) -> tuple[int, ...]:
    """List items whose task-list box is checked ("- [x] restarted the relayer")."""
    return tuple(s.index for s in document.segments if s.kind is SegmentKind.LIST_ITEM
                 and _CHECKED_BOX.search(document.source[max(0, s.span.start - 6):s.span.start]))


# A checked box lives in the source before the item's text, so it is read from the document.
CHECKED = DocumentInput("checked-items", checked_items)


def has_done_status(segment: Segment) -> bool:
    """A status cell of the item's row says it is finished. A table that tracks steps by state
    also lists the steps taken during the incident; an inline mark ("Update the runbook
    [Completed]") closes a follow-up whose kind still matters, so it is not read here."""
    return any(closes(c) for c in segment.cells[1:])


def nested_intros(document: Document, memo: dict | None = None) -> tuple[tuple[int, str], ...]:
    """(index of a nested item, prose of the intro item it continues), for every such item."""
    out: list[tuple[int, str]] = []
    stack: list[Segment] = []  # the open list items above the current one, by depth
    for segment in document.segments:
        if segment.kind is not SegmentKind.LIST_ITEM:
            stack = []
            continue
        while stack and (stack[-1].list_depth >= segment.list_depth or stack[-1].section is not segment.section):
            stack.pop()
        if stack and is_intro(stack[-1]):
            out.append((segment.index, stack[-1].prose.strip()))
        stack.append(segment)
    return tuple(out)


# Nested items are read with the item they continue ("encourage reviewers to:" + "look for ...").
INTROS = DocumentInput("nested-intros", nested_intros)
