"""Which section kinds a postmortem covers, read from its content as well as its headings.

Real postmortems put each part where it fits: the impact is a clause in the summary, the
detection is a timeline entry, the action items are "we will ..." sentences or a bold
"Actions planned:" line. A kind counts as present when a heading names it, a labelled
lead-in ("Impact: ...") opens a paragraph with it, or its content shape is there:
- timeline: a run of entries that each open with a time or a date;
- action items: any action item (listed, or an explicit commitment in prose);
- timeline, untimed: a list of three or more events told in the past tense in one of the
  story's sections, or three sentences that each carry a clock time;
- action items: any action item (listed, or an explicit commitment in prose), or a list under
  Lessons whose items carry what follow-ups carry (an owner, a ticket, "should", "needs to");
- the other kinds: a sentence that does that kind's job, found by the verbs and nouns that
  job needs (an impact sentence says what broke for whom, or counts who was hit; a detection
  sentence says how the problem became known; ...). A statement of fact does its job in
  any section but the action items (a detection told under "What went wrong" is still how it
  was found); lessons are read only in the story's own places;
- detection, wherever it is told: word that reached the team (notice.py), not an alert added since;
  a timeline's entries (notice.py) are the story's place under any heading, and tell the first signal;
- lessons, under a heading of the writer's own: a part that mostly judges (reflection.py).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable

from reviewer.document import Document, SectionKind, Segment, SegmentKind
from reviewer.parser.headings import section_kind
from reviewer.patterns import LazyPattern, lazy
from reviewer.rules.action_items.item import is_action_item
from reviewer.rules.structure.notice import OPENS_TIMED, first_signal, timeline_entries, word_reached_team
from reviewer.rules.structure.prose import ENDED_PROBLEM, cause_by_sequence, plan_by_grammar
from reviewer.rules.structure.prose import FAILURE as _FAILURE
from reviewer.rules.structure.reflection import reflective_part
from reviewer.rules.structure.shapes import (
    action_items_by_shape,
    cause_by_title,
    done_follow_up,
    lessons_by_shape,
    places,
)

# What a sentence does when it covers a kind (matched on lower-cased prose).
# Who or what the service is for: a count of these, or a failure that reaches them, is impact.
# Infrastructure (hosts, nodes, pods, deploys) failing is the mechanism, not yet the impact.
_WHO = (r"users?|customers?|clients?|requests?|queries|orders?|employees|merchants?|shoppers?|visitors?|players?|"
        r"developers?|builds?|jobs?|sites?|tenants?|accounts?|devices?|transactions?|payments?|messages?|emails?|"
        r"packages?|downloads?|attempts?|calls?|pages?|sessions?|logins?|uploads?|people|members?|subscribers?|"
        r"installs?|apps?")
_REACH = (rf"(?:\d[\d,.]*\s*)?(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)|\d+(?:\.\d+)?\s?%|percent|{_WHO}|"
          # a span of the clock or of the day: "between 10:02 and 10:40", "from 09:12 until 09:50", "most of the morning"
          r"(?:between|from)\s+\d{1,2}[:.]\d{2}\b[^.;]{0,20}?\b(?:and|to|until|till)|"
          r"(?:most|all|much|part|the rest) of the (?:day|morning|afternoon|evening|night|weekend)|overnight")
_JOB: dict[SectionKind, LazyPattern] = {
    SectionKind.IMPACT: lazy(
        r"\b(?:affect(?:ed|ing|s)?|impact(?:ed|ing|s)?|unavailable|unusable|unreachable|outage|downtime|(?:was|were|went) offline|"
        r"(?:was|were|went) down|down for|could ?n[o']t|unable to|(?:no )?loss of|lost|disrupt\w*|degrad\w*|"
        r"locked out|compromised|exposed|leaked|wiped out|errors? for|failed for|\d+(?:\.\d+)?\s?%|"
        r"(?:majority|minority|most|half|all|many|some) of (?:the |our )?(?:users|customers|clients|nodes|miners|"
        r"requests|operators|sites|services|traffic|builds|deployments))"
        # the failure kept those the service is for from acting: "this prevented users from signing in"
        rf"|\b(?:prevent(?:ed|s|ing)|stopp(?:ed|ing)|block(?:ed|s|ing)|kept|keeps)\s+(?:(?:the|our|any|all|many|some|most)\s+)?"
        rf"(?:[\w-]+\s+)?(?:{_WHO})\s+from\b"
        # the failure reached the people the service is for: "the defaced banner was visible to everyone",
        # "the broken invoice was sent to customers"
        rf"|\b(?:visible|shown|displayed|sent|seen)\s+(?:to|by)\s+(?:everyone|everybody|all\b|every\b|"
        rf"(?:the\s+|our\s+|many\s+|some\s+|most\s+)?(?:[\w-]+\s+)?(?:{_WHO}|viewers|readers|streamers))"
        # a failure with its reach: "errors for 42 minutes", "every client failed to connect"
        rf"|\b(?:{_FAILURE})\b.{{0,80}}\b(?:{_REACH})\b|\b(?:{_REACH})\b.{{0,80}}\b(?:{_FAILURE})\b"
        # a count of who or what was hit: "18,000 queries", "about a third of checkout attempts"
        rf"|(?:(?<![\d:.])\d[\d,.]*(?![\d:])\s*(?:k|m)?|\b(?:a|one|two) (?:third|quarter|half)|\bhalf|\bmost|\bevery|\ball)\s+(?:of\s+)?"
        rf"(?:the\s+|our\s+)?(?:[\w-]+\s+)?(?:{_WHO})\b"),
    SectionKind.ROOT_CAUSE: lazy(
        r"\b(?:caused by|root cause|cause (?:of|was)|because|due to|triggered by|result(?:ed)? (?:from|of)|"
        r"the reason|stem(?:s|med) from|caus(?:ed|es|ing) (?:a|an|the|this|it)\b|the (?:problem|issue|bug|fault) (?:was|is)|led to|leads to|"
        r"originat\w+|was the result|"
        # when it started and what set it off: "the delay started when the provider rotated ..."
        r"(?:started|began|happened|occurred|broke|stopped|failed) (?:when|after|once)|set off by|the trigger was|"
        # a finding stated as such: "I found that the provider had rotated ...", "it turned out the key ..."
        r"found (?:out )?that|turned out)\b"),
    SectionKind.RESOLUTION: lazy(
        r"\b(?:fix(?:ed|es)?|resolv\w+|restor\w+|roll(?:ed)? ?back|revert\w*|mitigat\w+|recover\w*|"
        r"back (?:online|up|to normal)|redeploy\w*|restart\w*|rotat(?:ed|ing)|revok\w+|patch(?:ed)?|"
        r"removed|deleted|disabled|working again|returned to normal|workaround|hotfix\w*|"
        # what else ends an incident: "installed a new certificate", "switched to the backup node"
        r"(?:new|fixed|patched|replacement) [\w-]+ (?:was |were )?installed|install(?:ed|ing) (?:a |the )?(?:new|fixed|patched)|"
        r"replac(?:ed|ing)|renew(?:ed|ing)|reissu(?:ed|ing)|switch(?:ed|ing)|"
        r"fail(?:ed|ing)? ?over|scal(?:ed|ing) (?:up|out)|(?:raised|increased|extended|doubled|bumped) (?:the |its |our )?(?:[\w-]+ ){0,2}(?:limits?|quotas?|size|capacity|"
        r"timeouts?|memory|disk|space|threshold|count|ttl)|cleared|purged|rebuilt|"
        r"deploy(?:ed|ing) (?:a|an|the) (?:[\w-]+ )?(?:upgrade|update|patch)|re-?ran|re-?synced|unjailed|unblocked|re-?enabled|drained|freed|rebooted|resumed|(?:is|was|are|were) back)\b"),
    SectionKind.DETECTION: lazy(
        r"\b(?:notic\w+|detect\w*|alert(?:ed|s)? (?:fire[sd]?|goes off|went off|trigger(?:s|ed)?)|pages (?:the|our|an?) |alert(?:ed|ing)|paged|"
        r"reports|reported|reporting|ping(?:s|ed)|discover\w+|notif(?:ied|ication)|became aware|spotted|caught|flagged|pinged|"
        r"was found|found (?:that|the|out)|first (?:sign|report|saw)|notif\w+|"
        r"(?:showed|displayed|indicated|surfaced) (?:that|an? error|errors)|"
        # how word reached people: "got a page", "the first calls", "a merchant emailed support"
        r"(?:got|get|gets|received?|receives) (?:an? |the |several |many |\d+ )?(?:pages?|calls?|alerts?|reports?|"
        r"emails?|tickets?|messages?|complaints?)|first (?:calls?|reports?|alerts?|pages?|complaints?|tickets?|signs?)|"
        r"emailed|messaged|contacted|reached out|opened an? (?:issue|ticket)|learn(?:ed|t) (?:of|about)|found out|"
        r"(?:made|became) aware|brought (?:it |this )?to (?:our|the team's) attention|alarm(?:s|ed)? (?:fired|went off)|"
        r"told (?:us|the team|support)|let (?:us|the team) know)\b"
        # the writer met the failure while using the service: "this morning I opened the app and, instead of
        # the feed, it had logged me out"
        r"|\b(?:i|we) (?:\w+ )?(?:opened|visited|loaded|went to|logged in(?:to)?|signed in(?:to)?)\b(?:[^.;]|\.(?=\S)){0,120}?"
        r"\b(?:instead of|only to|and found)\b"),
    SectionKind.ACTION_ITEMS: lazy(r"\b(?:action items?|action points?|follow-?ups?)\b"),
    SectionKind.LESSONS: lazy(
        r"\b(?:lessons?|learn(?:ed|t|ings?)|takeaways?|went (?:well|wrong)|(?:got|were) lucky|"
        r"in (?:hindsight|retrospect)|reflect\w*|conclusions?)\b", prefilter=True),
}
# More ways each job is told, kept apart so that their literal pre-checks skip most sentences.
_JOB_MORE: dict[SectionKind, LazyPattern] = {
    SectionKind.RESOLUTION: ENDED_PROBLEM,  # "we stopped the attack", "I have since closed the hole" (prose.py)
    # what those the service is for went through, told without a number: "visitors saw a blank page",
    # "some customers ran into timeouts" (vague, which ST002 asks to quantify; not missing)
    SectionKind.IMPACT: lazy(
        rf"\b(?:{_WHO}|people|everyone|everybody|anyone|readers|viewers)\s+(?:\w+\s+)?(?:saw|see|got|get|had|have|hit|"
        rf"experienced|experience|faced|ran into|run into|encountered|were shown|received)\s+(?:[\w-]+\s+){{0,3}}?"
        rf"(?:{_FAILURE}|trouble|problems?|issues?|failures?|blank|empty|timeouts?|delays?|slowness|broken|old|wrong|"
        rf"incorrect|duplicated?)\b", prefilter=True),
    SectionKind.ROOT_CAUSE: lazy(
        # the connectives that join a cause to its effect: "..., which meant the sender skipped ...",
        # "as a result, ...", "the problem came down to ...", "we traced it to ..."
        # (lookbehinds keep the pre-check's literals selective: "meant", "why", not "this")
        r"(?:(?<=which )|(?<=this )|(?<=that ))meant\b|\bmeant that\b|"
        r"(?:(?<=that's )|(?<=that’s )|(?<=that is )|(?<=this is )|(?<=which is )|(?<=that was )|(?<=this was ))why\b|"
        r"\b(?:as a (?:result|consequence)|consequently|therefore|hence|thus|(?:came|comes|boiled|boils) down to|"
        r"traced (?:it|this|the \w+(?: \w+)?) (?:back )?to|the culprit|(?:was|were) responsible for|explains? why)\b|"
        # ... or the event first, then what the system did: "when the host restarted, the mailer began again"
        r"^\W*(?:when|once|as soon as)\b[^,.;]{5,120}\b(?:[a-z]+ed|ran|went|hit|broke|fell|grew|took)\b[^,.;]{0,60},\s+"
        r"(?:the|our|its|it|this|that|every|each|all)\b", prefilter=True),
    SectionKind.DETECTION: lazy(
        # the first evidence, by its noun: "the first hint was a reply from a customer", "early symptoms"
        r"\b(?:(?:first|earliest|initial|early) (?:[\w-]+ )?(?:signs?|hints?|clues?|symptoms?|indications?|signals?|warnings?)|"
        # word from the people hit: "a merchant wrote to support", "asked why", "called the help line"
        r"repl(?:ied|ies) (?:to|about|that|with|saying)|(?:wrote|writes) (?:to|in|on|us)|"
        r"(?:called|calls|phoned|rang) (?:us|our|support|the (?:help|support|service) ?(?:line|desk|team))|"
        r"(?:asked|asking) (?:us |support )?(?:why|whether|if|about)|complain\w*)\b", prefilter=True),
}


# Content counts in the places a story is told (untitled text, summary, timeline); a
# sentence inside another kind's section does that section's job ("in hindsight" under
# Detection is not a lessons section). Questions and counterfactuals state nothing.
_NARRATIVE = frozenset({SectionKind.SUMMARY, SectionKind.OTHER, SectionKind.TIMELINE, SectionKind.METADATA})
# Statements of fact (impact, cause, fix, detection) count wherever they are told; what the
# team will do is not a statement of what happened.
_FACT_KINDS = frozenset({SectionKind.IMPACT, SectionKind.ROOT_CAUSE, SectionKind.RESOLUTION, SectionKind.DETECTION})
# Outside the story's own places, detection counts when it says how people learned of the problem
# ("a merchant emailed support"); an alert that "paged" under Resolution describes the fixed system.
_TOLD = lazy(
    # someone learned of it or told us: "a merchant emailed support", "we noticed", "customers reported"
    r"\b(?:we|i|the team|our team|on-?call|someone|somebody|support|users|customers|clients|partners|"
    r"(?:our |the )?(?:monitoring|alerting)(?: system| tools?)?|"
    r"an? (?:user|customer|client|merchant|partner|colleague|developer|member|engineer|researcher)\b[\w -]{0,20}?)"
    r"\s+(?:\w+\s+){0,2}?(?:notic\w+|detect(?:s|ed)|discover\w+|reported|emailed|messaged|contacted|reached out|wrote|called|"
    r"learn(?:ed|t) (?:of|about)|found out|(?:were|was|became) (?:made )?aware|got|received?|told us|let us know)\b|"
    # the monitoring told us: "at 22:03 UTC, alerts indicated a connectivity issue"
    r"\balerts?\s+(?:\w+\s+){0,3}?(?:indicated|showed|fired|went off|triggered|warned|told)\b|"
    r"\breport(?:s|ed)? (?:from|by) (?:a|an|the|our|several|many|\d+)\b|\bfirst (?:calls?|reports?|signs?|"
    r"complaints?)\b|\bbrought (?:it |this )?to (?:our|the team's) attention\b")
_HYPOTHETICAL = lazy(r"\?\s*$|\b(?:would|could|should|might) have\b|\bnobody\b|\bno one\b|\bwithout\b")


def _hypothetical(lower: str) -> bool:
    """_HYPOTHETICAL in a lower-cased segment. Each alternative holds one of these literals, and
    most segments hold none: the substring tests skip a search that cost more than the rest of
    this file's work per segment."""
    return ("?" in lower or " have" in lower or "nobody" in lower or "no one" in lower or "without" in lower) \
        and bool(_HYPOTHETICAL.search(lower))


_LEAD_IN = lazy(r"^[ \t*_]*([A-Z][\w '’/&()-]{1,40}?)[ \t*_]*:")
_DAY_HEADING = lazy(r"^\W*(?:day\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)|(?:the\s+)?(?:first|"
                    r"second|third|fourth|fifth|last|final|next)\s+day|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.I)
_TIMED_HEADING = lazy(r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[:.h]\d{2}|[a-z]{3,9}\.? \d{1,2}\b)", re.I)


def present_kinds(document: Document) -> set[SectionKind]:
    """Every section kind the document covers, under a heading or not."""
    present = told_kinds(document)
    present.update(kind for kind in _BY_SHAPE if kind not in present and by_shape(document, kind))
    return present


# What is still missing, read from the shapes of its parts (after the cheaper readers of told_kinds).
# Each reader adds only its own kind, so a caller asks one only for a kind it needs (ST001 need not
# read the shape of a lessons part where "What went well" already answers for it).
# (and from the grammar of plain prose, prose.py: a plan with no one as its subject, a cause told as events)
_BY_SHAPE = {
    SectionKind.ACTION_ITEMS: lambda document: action_items_by_shape(document, _lists(document))
    or plan_by_grammar(document, places(document)),
    SectionKind.LESSONS: lambda document: lessons_by_shape(document) or reflective_part(document),
    SectionKind.ROOT_CAUSE: lambda document: cause_by_title(document) or cause_by_sequence(document, places(document)),
}


def by_shape(document: Document, kind: SectionKind) -> bool:
    """The shape of some part of the document tells `kind` (see shapes.py); False for other kinds."""
    reader = _BY_SHAPE.get(kind)
    return reader is not None and reader(document)


def told_kinds(document: Document, until: Callable[[set[SectionKind]], bool] | None = None) -> set[SectionKind]:
    """The section kinds the document's headings, lead-ins and sentences tell: `present_kinds`
    without the shape readers. With `until`, the sentences are read only until `until(kinds found)`
    holds (ST001 stops once every kind it requires is there, mostly from the headings alone): the
    result then holds those kinds but maybe not every other kind the document tells."""
    starts = [s.span.start for s in document.segments]
    present = {s.kind for s in document.sections if s.heading is None or _has_body(starts, s.span.start, s.span.end)
               or _has_other_content(document, s.heading.end, s.span.end)}
    present.discard(SectionKind.OTHER)
    if SectionKind.TIMELINE not in present and (_timeline_run(document) or _event_list(document)
                                                 or _timed_story(document)):
        present.add(SectionKind.TIMELINE)
    if SectionKind.ACTION_ITEMS not in present and _follow_up_list(document):
        present.add(SectionKind.ACTION_ITEMS)
    narrative = [s for s in document.segments if s.kind is not SegmentKind.TABLE_ROW or s.section is not
                 SectionKind.TIMELINE]
    if narrative and SectionKind.SUMMARY not in present and narrative[0].kind is not SegmentKind.TABLE_ROW:
        present.add(SectionKind.SUMMARY)  # an opening paragraph is the summary
    seen = -1  # how many kinds `until` last saw: it is asked again only when one was added
    entries = timeline_entries(document)
    for segment in document.segments:
        if until is not None and len(present) != seen:
            seen = len(present)
            if until(present):
                break
        lead = _LEAD_IN.match(segment.text) if ":" in segment.text else None  # the colon is needed
        if lead:
            present.add(section_kind(lead.group(1)))
        elif segment.kind is SegmentKind.TABLE_ROW and len(segment.cells) >= 2 and segment.cells[1].text.strip() \
                and len(segment.cells[0].text) <= 40:
            present.add(section_kind(segment.cells[0].text))  # a key-value header table: "| Impact | ... |"
        if segment.section is SectionKind.ACTION_ITEMS and _CHECKED.search(
                document.source[max(0, segment.span.start - 6):segment.span.start]):
            present.add(SectionKind.RESOLUTION)  # "- [x] restarted the relayer": work done during the incident
        if SectionKind.ACTION_ITEMS not in present and is_action_item(segment):
            present.add(SectionKind.ACTION_ITEMS)
        if SectionKind.ACTION_ITEMS not in present and (_PREVENTS.search(segment.lower) or _NEXT_RELEASE.search(
                segment.lower)) and not _COUNTERFACTUAL.search(segment.lower):
            present.add(SectionKind.ACTION_ITEMS)  # a change made so that it cannot happen again is the follow-up
        in_actions = segment.section is SectionKind.ACTION_ITEMS  # a statement of fact there still states it
        if _hypothetical(segment.lower) or (in_actions and (segment.kind is not SegmentKind.SENTENCE
                                                                  or _NOT_EVENT.search(segment.prose)
                                                                  or _COMMITMENT.search(segment.prose))):
            continue
        entry = segment.index in entries  # a timeline's entry is the story's place, under any heading
        if SectionKind.DETECTION not in present and ((segment.section is not SectionKind.RESOLUTION and word_reached_team(
                segment.lower)) or (entry and first_signal(segment.lower))):  # (under the fix: word about the fix)
            present.add(SectionKind.DETECTION)  # word of it reached the team, or a timeline's first signal
        told_here = entry or segment.section in _NARRATIVE
        for kind, pattern in _JOB.items():
            if kind in present or not (told_here or kind in _FACT_KINDS) or not (
                    pattern.search(segment.lower) or (kind in _JOB_MORE and _JOB_MORE[kind].search(segment.lower))):
                continue
            if kind is SectionKind.DETECTION and done_follow_up(segment, segment.section):
                continue  # "we have since added alerting that pages the on-call": a follow-up, not this detection
            if told_here or kind is not SectionKind.DETECTION or _TOLD.search(segment.lower):
                present.add(kind)
    # Headings with no body of their own still count when they are timed (an H3 per entry), and a
    # story told day by day under headings that name its days ("Day One", "Day Two") is a timeline.
    if any(s.heading is not None and _TIMED_HEADING.match(s.title) for s in document.sections) or \
            sum(s.heading is not None and bool(_DAY_HEADING.match(s.title)) for s in document.sections) >= 2:
        present.add(SectionKind.TIMELINE)
    present.discard(SectionKind.OTHER)
    return present


# The words that carry English prose ("the", "of", "we" ...): about a fifth of any English text,
# and next to none of a German, Czech or Spanish one. The content readers below know English only.
_ENGLISH = frozenset("the of and to is are were we our that this it for with from not be been has have had by at on a"
                     .split())
_WORD = lazy(r"[^\W\d_]+")


def reads_english(document: Document) -> bool:
    """The document's prose is English, or too short to tell. A report in another language tells its
    impact, cause and fix in words these readers do not know: finding a kind "missing" there would only
    say that the reader cannot read it."""
    # One scan of the joined prose ("\n" is no letter), and counting stops at the share needed: an
    # English text gets there within its first sentences (this ran over every word of every document).
    words = _WORD.findall("\n".join(s.lower for s in document.segments))
    if len(words) < 20:
        return True
    need, found = 0.08 * len(words), 0
    for word in words:
        if word in _ENGLISH:
            found += 1
            if found >= need:
                return True
    return False


# A change whose stated purpose is that the incident does not recur: "To prevent this from happening
# again, we added ...", "We reworked the upload path so that this cannot happen again." (A counterfactual,
# "the check would have prevented it", states no change and is skipped as hypothetical.) Work done since
# for the future ("we then reworked the importer to avoid regressions in the future") is the follow-up too:
# what changes so that it does not recur is told, done rather than planned.
_PREVENTS = lazy(r"\b(?:(?:to|will|would|help)\s+(?:prevent|avoid|stop)\b|so\s+(?:that\s+)?(?:this|it|the\s+\w+)\s+(?:can\s?not|can['’]t|"
                 r"won['’]t|will\s+not|does\s?n[o']t|does\s+not|never))(?:[^.;]){0,40}?\b(?:happen\w*|recur\w*|occur\w*)\s+again\b|"
                 r"\b(?:prevent|avoid)\w*\s+(?:a\s+|any\s+)?(?:recurrences?|regressions?)\b|\b(?:to|will|would|help)\s+(?:prevent|"
                 r"avoid)\b[^.;]{0,40}?\b(?:in\s+(?:the\s+)?future|going\s+forward|from\s+now\s+on)\b")

# A change promised for a coming release: "the next release of the client will handle ...".
_NEXT_RELEASE = lazy(r"\b(?:next|upcoming|coming|following)\s+(?:release|version|update|deploy(?:ment)?)\b[^.;!?]{0,80}?"
                     r"\bwill\b")
_COUNTERFACTUAL = lazy(r"\b(?:would|could|should|might)\s+(?:not\s+)?have\b|\?\s*$")

_COMMENT = lazy(r"<!--.*?(?:-->|$)", re.S)


def _has_other_content(document: Document, start: int, end: int) -> bool:
    """Text under a heading that is no segment: a block-quoted chat log, a code block, an image.
    A template's HTML comment and the sub-headings themselves are not content."""
    text = document.source[start:end]
    if not text.strip():
        return False
    for section in document.sections:  # blank out the headings inside (ATX, setext, pseudo)
        if section.heading is not None and start <= section.heading.start < end:
            a, b = section.heading.start - start, min(section.heading.end, end) - start
            text = text[:a] + " " * (b - a) + text[b:]
    text = _COMMENT.sub(" ", text)
    return bool(re.search(r"[^\s=\-#*_|>]", text))


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
        run = run + 1 if OPENS_TIMED.match(segment.text) else 0
        if run >= 3:
            return True
    return False


# An event told in the past tense near the start of a list item: "The renewal job failed ...",
# "A partner reported ...", "We renewed ...", or an item opening with a sequence word.
_PAST_EVENT = lazy(
    r"^\W*(?:(?:then|next|later|after(?:wards| that)?|finally|eventually|meanwhile|shortly|soon|once|within)\b|"
    r"(?:\S+\s+){0,6}?(?:[a-z]{2,}ed|was|were|went|began|saw|found|ran|took|made|got|came|sent|broke|rose|fell|hit|"
    r"lost|kept|led|left|spun|grew|caught|brought|wrote|told|knew|thought|became|gave|paid|shut)\b)", re.I)
# A plan in prose: "we are moving ...", "we plan to ...", "going forward ...".
_COMMITMENT = lazy(r"\b(?:we|i)\s+(?:are|am|['’]re|['’]m)\s+(?:\w+\s+)?\w+ing\b|\b(?:plan|intend|going)\s+to\b|"
                   r"\bgoing forward\b|\b(?:from now on|in future|in the future)\b", re.I)
_NOT_EVENT = lazy(r"\b(?:should|must|will|need(?:s)? to|would)\b", re.I)
# Where an untimed list of events is a chronology: where the story is told (not the steps of the fix,
# the causes, the lessons or the plans).
_STORY = frozenset({SectionKind.SUMMARY, SectionKind.OTHER, SectionKind.TIMELINE, SectionKind.METADATA})
# A sentence's clock time tells the story wherever facts are told ("Starting at 22:08 UTC, renders failed"
# under Impact); the plans and lessons only look back on it.
_TIMED_PLACES = _STORY | {SectionKind.IMPACT, SectionKind.ROOT_CAUSE, SectionKind.TRIGGER, SectionKind.RESOLUTION,
                          SectionKind.DETECTION}
_CLOCK = lazy(r"\b(?:[01]?\d|2[0-3])[:.h][0-5]\d\b(?!\.\d)")


def _lists(document: Document) -> list[list[Segment]]:
    """The top-level items of each list, in order (a paragraph or another section ends a list)."""
    out: list[list[Segment]] = []
    last: Segment | None = None
    for segment in document.segments:
        if segment.kind is not SegmentKind.LIST_ITEM:
            last = None
            continue
        if segment.list_depth > 1 or (last is not None and segment.block == last.block):
            continue
        if last is None or last.section is not segment.section or last.section_title != segment.section_title:
            out.append([])
        out[-1].append(segment)
        last = segment
    return out


def _event_list(document: Document) -> bool:
    """Three or more list items, most of them past-tense events, in one of the story's sections."""
    for items in _lists(document):
        if len(items) < 3 or items[0].section not in _STORY:
            continue
        events = sum(bool(_PAST_EVENT.match(i.prose)) and not _NOT_EVENT.search(i.prose) for i in items)
        if events >= 3 and events * 3 >= len(items) * 2:
            return True
    return False


# A sentence that opens on its date: "On March 14 ...", "On 2024-03-14, ...", "Later on 3 May ...".
_DATED_OPENING = lazy(r"^\W*(?:(?:later|then|early|late)\s+)?(?:on|by)\s+(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
                      r"(?:\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
                      r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)", re.I)


def _timed_story(document: Document) -> bool:
    """Three sentences outside the plans and lessons that each carry a clock time ("At 14:02 UTC ...")
    or open on their date ("On March 14 ..."): a story told in order of time."""
    timed = (s for s in document.segments if s.section in _TIMED_PLACES and (_CLOCK.search(s.prose)
                                                                       or _DATED_OPENING.match(s.prose)))
    # a status page's "Posted Jun 28, 2017 - 16:47 UTC" sign-offs date its posts
    posted = sum(1 for s in document.sections if s.heading is not None and _POSTED_TITLE.match(s.title))
    return len(list(itertools.islice(timed, 3))) + posted >= 3


_POSTED_TITLE = lazy(r"^Posted\b.*\b\d{1,2}:\d{2}\b")


# What a follow-up carries that a lesson does not: an owner, a ticket, an obligation or a plan.
_FOLLOW_UP = lazy(
    r"(?<![\w.])@[\w-]+|\s[-–—]\s*[A-Z][a-z]+\W*$|\((?:owner:?\s*)?[A-Z][a-z]+\)\W*$|\b[A-Z][A-Z0-9]{1,9}-\d+\b|"
    r"(?<![\w&])#\d+\b|\b(?:todo|tbd|due)\b|\b(?:should|must|needs? to|will)\b", re.I)
_FOLLOW_UP_CASE = lazy(r"\s[-–—]\s*[A-Z][a-z]+\W*$|\((?:owner:?\s*)?[A-Z][a-z]+\)\W*$")


def _follow_up_list(document: Document) -> bool:
    """A list under Lessons (or an untitled part) whose items read as follow-ups: two of them carry
    an owner, a ticket, an obligation or a plan, or one carries an owner or a ticket."""
    for items in _lists(document):
        if items[0].section not in (SectionKind.LESSONS, SectionKind.OTHER):
            continue
        if _ASKS_BETTER.search(items[0].section_title) and sum(bool(_PROPOSAL.search(i.text)) for i in items) >= 2:
            return True  # "What could have been done better?" answered by a list of changes
        marked = [i for i in items if _FOLLOW_UP.search(i.text)]
        strong = [i for i in marked if _TRACKED.search(i.text) or _FOLLOW_UP_CASE.search(i.text)]
        if len(marked) >= 2 or strong:
            return True
    return False


# A heading that asks what could be better ("What could have been done better?", "Areas for
# improvement") is answered by changes when its items propose: a could/should/would, or an item
# named by what it would add ("A plan to roll back ...", "Optimising the queries ...").
_ASKS_BETTER = lazy(r"\b(?:better|improve\w*|improvements?)\b", re.I)
_PROPOSAL = lazy(r"\b(?:could|should|would|might)\b|^\W*(?:(?i:an?)\s+\w+\s+(?:to|for)\b|(?i:more|better)\s+\w+|"
                 r"(?!(?:Missing|Lacking|Being|Having|Nothing|Something|Everything)\b)[A-Z]\w+ing\b)")
_CHECKED = lazy(r"\[[xX✓✔]\]\s*$")
_TRACKED = lazy(r"(?<![\w.])@[\w-]+|\b[A-Z][A-Z0-9]{1,9}-\d+\b|(?<![\w&])#\d+\b")
