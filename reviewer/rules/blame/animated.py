"""BL007 animated-language: hyperbole, shouting capitals and exclamation runs."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import cache

from reviewer.document import Document, Segment
from reviewer.findings import Edit, Severity
from reviewer.patterns import lazy
from reviewer.rules import clauses, lexicon
from reviewer.rules.base import ACCEPTED_NAMES, DocumentInput, Example, Hit, Rule, SegmentContext
from reviewer.rules.common import hit, span_of
from reviewer.rules.wordlist import word_list_detector

_CAPS = lazy(r"(?<![\w/.-])[A-Z][A-Z'’]{1,}(?![\w/-])(?!\.\w)")
_TECH_TERMS = lazy(r"disaster[- ]recovery|catastrophic\s+(?:backtracking|forgetting|cancellation)|"
                         r"(?:service|process|runtime|goroutine|thread|binary|program|handler|worker|kernel|server|"
                         r"app|pod|it)\s+panic(?:ked|s)?\b|panic(?:ked)?\s+(?:on|with|at|in)\b", re.I)
def _wordlike(word: str) -> bool:
    """LUCKY reads as a word; EMQX, MQTT, JIRA read as names (short or consonant-heavy), and so
    do key-like strings (AKIAQWRTZPLMNBVC: too long, unpronounceable)."""
    vowels = sum(ch in "AEIOU" or (ch == "Y" and i > 0) for i, ch in enumerate(word))
    if len(word) > 14 or _UNPRONOUNCEABLE.search(word):
        return False
    return len(word) >= 5 and vowels >= 2 and vowels / len(word) >= 0.3


# Five consonants in a row, or a Q not followed by U: not an English word.
_UNPRONOUNCEABLE = lazy(r"[B-DF-HJ-NP-TV-XZ]{5}|Q(?!U)")
# Adjectives and adverbs writers stress: FURIOUS, TOTALLY, AWFUL, LUCKY, CRAZY, MESSY.
_EMPHATIC_SHAPE = lazy(r"(?:OUS|LY|FUL|EST|IBLE|ABLE|LESS|CKY|ZY|([B-DF-HJ-NP-TV-Z])\1Y)$")
_TWO_CAPITALS = lazy(r"[A-Z]{2}")
_TECH_WORDS = frozenset({"disaster", "disaster-recovery", "catastrophic", "panic", "panicked", "panics"})
_LABEL_AFTER = lazy(r"^\*{0,2}:")
# A capitalised word naming a thing before a technical head noun: "the MANIFEST file",
# "a TOMBSTONE record", "the BATCH mode".
_DETERMINER_BEFORE = lazy(r"\b(?:the|a|an|our|their|its|this|that|these|those|his|her|my|your)\s+$", re.I)
_NAME_GOES_ON = lazy(r"[ \u00a0][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]")
_HEAD_NOUN = lazy(
    r"^\s+(?:files?|tables?|commands?|statements?|keys?|flags?|modes?|records?|states?|status|fields?|columns?|"
    r"headers?|values?|buckets?|endpoints?|methods?|query|queries|requests?|events?|messages?|options?|variables?|"
    r"settings?|levels?|phases?|stages?|codes?|types?|locks?|markers?|entries|entry|segments?|blocks?|pages?|"
    r"logs?|directory|folder|role|policy|permission|queue|topic|index|clause|keyword|signal|instruction|opcode)\b",
    re.I)


_CODE_SPAN = lazy(r"`[^`\n]+`", prefilter=True)


def _written_as_code(document: Document, memo: dict) -> frozenset[str]:
    """Capitalised words the document writes as code somewhere (`MANIFEST`): names, wherever they occur."""
    return frozenset(word.rstrip("'’") for segment in document.segments
                     for span in _CODE_SPAN.findall(segment.text) for word in _CAPS.findall(span))


def _in_segment(names: frozenset[str], segment: Segment) -> frozenset[str]:
    return frozenset(w for w in names if w in segment.prose)


CODE_NAMES = DocumentInput("capitals-written-as-code", _written_as_code, project=_in_segment)


def _is_label(segment: Segment, start: int, end: int) -> bool:
    """A status or label: a whole table cell (ONGOING), or a word before a colon (NOTE:)."""
    if _LABEL_AFTER.match(segment.prose[end:]):
        return True
    return _whole_cell(segment, start, end)


def _whole_cell(segment: Segment, start: int, end: int) -> bool:
    absolute_start, absolute_end = segment.span.start + start, segment.span.start + end
    for cell in segment.cells:
        if cell.span.start <= absolute_start and absolute_end <= cell.span.end:
            return cell.text.strip(" *_`") == segment.text[start:end]
    return False


# What may come before a label at the head of an entry: bullets, markup, dates and times
# ("- 02:17 UTC", "Oct 3, 14:05", "T+40m"), nothing else.
_ENTRY_HEAD = lazy(r"^(?:[\W\d_]|(?<=\d)[a-z]{1,3}\b|\b(?:am|pm|utc|gmt|z|cet|cest|eet|eest|bst|ist|est|edt|cst|cdt|"
                   r"mst|mdt|pst|pdt|jst|kst|aest|aedt|nzst|nzdt|msk|sgt|hkt|"
                   r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
                   r"august|september|october|november|december|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
                   r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)*$", re.I)
# What marks the end of a label: a colon, a dash or a bar.
_SEPARATOR_AFTER = lazy(r"^[*_\]]*\s*(?:[:\u2014\u2013|]|-{1,2}\s)")
_ENTRY_END = lazy(r"^[*_]*\.?\s*$")
# Words that make a run a clause someone says, not a label: pronouns and articles ("WE LOST THE DB").
_CLAUSE_WORDS = frozenset({"the", "a", "an", "we", "i", "you", "they", "he", "she", "it", "our", "this", "that",
                           "us", "them", "my", "your", "their"})


def _is_layout_label(segment: Segment, run: list[tuple[int, int, str]], emphatic: frozenset[str]) -> bool:
    """Capitals that work as a label are a layout convention, not tone: the head of a timeline
    entry before a dash or colon, or set in bold ("- 02:17 **OUTAGE BEGINS** — ..."), a bracketed
    tag ("[RESOLVED]"), a whole table cell ("NOT STARTED"). Only a short run with no emphatic word
    and no pronoun or article: "NOBODY ANSWERED THE PAGE" at the head of an entry still shouts."""
    lows = [w[2].lower() for w in run]
    if len(run) > 4 or any(low in emphatic or low in _CLAUSE_WORDS for low in lows):
        return False
    prose, start, end = segment.prose, run[0][0], run[-1][1]
    before, after = prose[:start], prose[end:]
    if _whole_cell(segment, start, end) or (before.rstrip("*_ ").endswith("[") and after.lstrip("*_ ").startswith("]")):
        return True
    if not _ENTRY_HEAD.match(before):
        return False
    # Set off by a separator ("ROOT CAUSE —"), or, after a time, by bold or the end of the entry ("14:36 **MITIGATED**,").
    dated = any(ch.isdigit() for ch in before)
    bold = before.endswith(("**", "__")) and after.startswith(before[-2:])
    return bool(_SEPARATOR_AFTER.match(after) or (dated and (bold or _ENTRY_END.match(after))))


# A number that ends a name ("EDGE 2", "SESSION 44"), not one that counts what follows ("CHECK 3 times").
_NUMBER_AFTER = lazy(r"[ \u00a0]#?\d[\d,.]*(?!\s+[a-z]+s\b)(?![\d,.\w])")


def _numbered(prose: str, run: list[tuple[int, int, str]]) -> bool:
    """Capitals before a number that ends their name, with no pronoun or article and no English ending."""
    return bool(_NUMBER_AFTER.match(prose, run[-1][1])) and not any(
        w[2].lower() in _CLAUSE_WORDS or _ENGLISH_ENDING.search(w[2]) for w in run)


def _names_listed(prose: str, run: list[tuple[int, int, str]]) -> bool:
    """Capitals listed one after another with commas between them, one at least no English-looking
    word and none with the ending of an English adjective or participle ("SLOW, CONFUSING" shouts)."""
    return len(run) >= 2 and all("," in prose[a[1]:b[0]] for a, b in itertools.pairwise(run)) and \
        any(not _wordlike(w[2]) for w in run) and not any(_ENGLISH_ENDING.search(w[2]) for w in run)


# The endings of English adjectives and participles (CONFUSING, AWKWARD, BROKEN, USELESS): not a name's.
_ENGLISH_ENDING = lazy(r"(?:ING|ED|EN|OUS|LY|FUL|EST|IBLE|ABLE|LESS|IVE|ARD|ANT|ENT|ER|ZY|CKY)$")


@cache
def _shouting_words() -> tuple[frozenset[str], frozenset[str]]:
    """(emphatic words, words that shout only in a run): built once, not per sentence."""
    shouting = lexicon.load("shouting")
    return (frozenset(e.term.lower() for e in shouting.entries if e.tag != "in-run"),
            frozenset(e.term.lower() for e in shouting.entries if e.tag == "in-run"))


def _shouting(segment: Segment, code_names: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Capitals that mean shouting: an emphatic word (NEVER, HUGE), an ordinary-looking word
    that is no known name (FURIOUS), or a run of them (DO NOT TOUCH). Names are not shouting:
    acronyms and technical keywords (DNS, DROP TABLE), words with digits or underscores,
    unpronounceable or key-like strings, status labels and table-cell values (ONGOING)."""
    prose = segment.prose
    if not _TWO_CAPITALS.search(prose):
        return
    known = lexicon.load("acronyms").lower_terms
    emphatic, in_run = _shouting_words()
    words = [(m.start(), m.start() + len(m.group().rstrip("'’")), m.group().rstrip("'’"))
             for m in _CAPS.finditer(prose)]
    runs: list[list[tuple[int, int, str]]] = []
    for word in words:
        gap = prose[runs[-1][-1][1]:word[0]] if runs else ""
        if runs and re.fullmatch(r"[\s,]+", gap):
            runs[-1].append(word)
        else:
            runs.append([word])
    for run in runs:
        lows = [w[2].lower().replace("’", "'") for w in run]
        if (len(run) == 1 and _is_label(segment, run[0][0], run[0][1])) or _is_layout_label(segment, run, emphatic):
            continue
        # Capitals that run on into a Title-case word are part of a proper name ("OAKRIDGE DATA Services").
        # ... and so are two or more after a determiner: "the LEGACY BILLING cluster" is a noun phrase.
        # ... and so are capitals before a number ("PEERING 4", "ROUTE 66"), and several in a row set apart
        # by commas of which one at least is no word ("ORION, KDX, VEGA"): a list of names, not a phrase said loudly.
        names_a_thing = bool(_HEAD_NOUN.match(prose[run[-1][1]:]) or _NAME_GOES_ON.match(prose, run[-1][1])
                             or (len(run) >= 2 and _DETERMINER_BEFORE.search(prose, 0, run[0][0]))
                             or _numbered(prose, run) or _names_listed(prose, run))
        loud = any(low in emphatic for low in lows) or (len(run) >= 2 and any(low in in_run for low in lows))
        technical = any(low in known and low not in emphatic and low not in in_run for low in lows)
        ordinary = any(low not in known and low not in in_run and w[2] not in code_names and _wordlike(w[2])
                       for low, w in zip(lows, run, strict=True))
        # One ordinary-looking capital word alone is usually a name (FASTA, ATTACH, MONITORING);
        # it shouts when it is an emphatic adjective or adverb (FURIOUS, TOTALLY) or the sentence exclaims.
        alone = len(run) == 1 and not _EMPHATIC_SHAPE.search(run[0][2]) and "!" not in prose
        if loud or (ordinary and not technical and not names_a_thing and not alone):
            yield run[0][0], run[-1][1]


def _framing(segment: Segment, ctx: SegmentContext, entry: lexicon.Entry, match: re.Match[str]) -> bool:
    """Hyperbole, unless it is a technical term ('disaster recovery', 'kernel panic') or denied
    ('no panic', 'head off any panic')."""
    if not segment.words.isdisjoint(_TECH_WORDS) and any(
            a <= match.start() < b for a, b in (m.span() for m in _TECH_TERMS.finditer(segment.prose))):
        return False
    if _proper_name(segment.prose, match):
        return False  # "patched for the Meltdown and Spectre bugs": a named flaw, not a description of the incident
    if match.group().lower().startswith("panic"):
        return _people_panic(segment, match, ctx)
    if entry.tag == "failure-mode" and not _GRADES.search(segment.prose, 0, match.start()):
        return False  # "the disk had a total failure", "prevents complete failures": a failure mode, not a verdict
    if entry.tag == "threshold" and _MEASURED_NOUN.match(segment.prose, match.end()):
        return False  # "introduces unacceptable risk": a risk assessment against a threshold, no one judged
    if _DEGREE_BEFORE.search(segment.prose, 0, match.start()):
        return False  # "the certs are in an even more chaotic state": a comparison, not hyperbole
    return not clauses.negated_before(segment.prose, match.start())


def _proper_name(prose: str, match: re.Match[str]) -> bool:
    """A capitalised hyperbole word inside a sentence written in normal case is a name ('the Meltdown
    bug', 'Project Chaos'); at the start of a sentence, in a title-cased line or in capitals ('a CATASTROPHIC
    failure') it is the word itself."""
    word = match.group()
    if not word[:1].isupper() or word.isupper() or _SENTENCE_START.search(prose, 0, match.start()):
        return False
    start = prose.rfind("\n", 0, match.start()) + 1  # the line it is on: a title-cased heading line decides alone
    end = prose.find("\n", match.end())
    words = _CASED_WORD.findall(prose, start, len(prose) if end == -1 else end)
    return sum(w[:1].isupper() for w in words) * 2 < len(words)


_SENTENCE_START = lazy(r"(?:^|[.!?:;]\s+|^\W+|[\-*•]\s+)\W*$")
_CASED_WORD = lazy(r"\b[^\W\d_]{2,}\b")


# Quantities a threshold word can grade without judging anyone: "unacceptable risk", "... latency".
_MEASURED_NOUN = lazy(r"\s+(?:levels?\s+of\s+)?(?:risks?|latency|latencies|exposure|error\s+rates?|"
                      r"(?:failure\s+|loss\s+)?rates?|levels?|thresholds?|downtime\s+windows?)\b", re.I)


# "total failure" grades something when a copula or an exclamation puts it there: "the launch was a
# complete failure", "what a total failure", "a total failure, again".
_GRADES = lazy(r"(?:\b(?:is|was|were|are|been|be|proved|turned\s+out\s+to\s+be|what)\s+(?:an?\s+)?|^\W*(?:an?\s+)?)$", re.I)


# A graded word compares or hedges; hyperbole is absolute: "a more chaotic environment", "somewhat messy".
_DEGREE_BEFORE = lazy(r"\b(?:more|less|fairly|somewhat|slightly|a\s+bit|a\s+little|mildly|rather)\s+$", re.I)


# Panic is an emotion only people have: "we panicked", "panic set in", "caused panic among users".
# "a Go panic", "sent the driver into panic", "the process panicked" are software terms.
_HUMAN_PANIC = lazy(r"\bpanic\s+(?:set\s+in|ensued|among|spread)|\bin\s+(?:a|full|total)\s+panic\b|"
                    r"\b(?:caus\w+|spread\w*|sow\w*|creat\w+)\s+(?:some\s+|mass\s+|widespread\s+)?panic\b|"
                    r"\b(?:mass|widespread|general|total|complete|sheer|utter)\s+panic\b", re.I)


def _people_panic(segment: Segment, match: re.Match[str], ctx: SegmentContext) -> bool:
    prose = segment.prose
    if clauses.negated_before(prose, match.start()):
        return False
    if match.group().lower() == "panicked":
        return clauses.subject_is_person(prose, match.start(), ctx.accepted_names)
    return bool(_HUMAN_PANIC.search(prose))


_hyperbole = word_list_detector("animated", "Animated language '{match}': state the measured impact instead",
                                keep=_framing)


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    taken: list[tuple[int, int]] = []
    for found in _hyperbole(segment, ctx):
        taken.append((found.span.start, found.span.end))
        yield found
    for start, end in _shouting(segment, ctx.read(CODE_NAMES, segment)):
        absolute = span_of(segment, start, end)
        if any(a < absolute.end and absolute.start < b for a, b in taken):
            continue
        word = segment.text[start:end]
        yield hit(segment, start, end, f"Shouting '{word}': write it in normal case",
                  (Edit(absolute, word.lower()),), path="shouting")  # lower case is always a valid de-escalation


RULE = Rule(
    id="BL007",
    name="animated-language",
    category="animated",
    options=(ACCEPTED_NAMES,),
    summary="Hyperbole (disaster, nightmare), words in capitals and exclamation runs.",
    rationale=(
        "Emotional framing raises the temperature of the review and hides the numbers. A reader "
        "learns more from '38% of checkouts failed for 41 minutes' than from 'a total disaster'."
    ),
    guardrail="Replace the adjective with the measurement: duration, error rate, users affected.",
    severity=Severity.INFO,
    detect=detect,
    reads=(CODE_NAMES,),
    flagged=(
        Example("The release was a complete disaster for the EU region."),
        Example("We panicked and restarted every node at once.", name="people-panicked"),
        Example("The status banner caused widespread panic among customers.", name="panic-among-people"),
        Example("The alerts were NEVER routed to the secondary.", "The alerts were never routed to the secondary."),
        Example("Checkout was down for 40 minutes!!!", "Checkout was down for 40 minutes."),
        Example("Support was FURIOUS about the delay.", "Support was furious about the delay.", name="ordinary-word"),
        Example("The banner said DO NOT DEPLOY and someone deployed.", name="negation-in-a-run"),
        Example("The rollback took FOREVER and the whole channel was ANGRY!", name="exclaimed-capitals"),
        Example("The first hour of the response was chaotic.", name="absolute-hyperbole"),
        Example("The new scheduler was a complete failure.", name="graded-failure"),
        Example("Leaving the pager unanswered for an hour was unacceptable.", name="predicative-judgement"),
        Example("- 09:40 **ROLLBACK STARTED** — the deploy bot was NEVER told to stop.",
                "- 09:40 **ROLLBACK STARTED** — the deploy bot was never told to stop.",
                name="shouting-inside-a-timeline-entry", note="the entry's label is layout; the capitals in its prose shout"),
        Example("The refund page was CONFUSING, AWKWARD and slow.", name="shouted-adjectives-in-a-list",
                note="capitals listed with commas shout when they are ordinary adjectives"),
        Example("- 11:05 NOBODY ANSWERED THE PAGE — paging the backup.", name="a-shouted-clause-at-an-entrys-head",
                note="an emphatic word or a pronoun makes the head of an entry a clause said loudly, not a label"),
    ),
    passing=(
        Example("DNS resolution failed for 12% of requests; the TLS handshake timed out after 30 s."),
        Example("The SEV1 was declared at 14:05 UTC and the API returned HTTP 503."),
        Example('The customer wrote "this is a disaster" in ticket SUP-1182.'),
        Example("To avoid any panic: no customer data was lost.", name="denied-word"),
        Example("The shared test cluster is in a more chaotic state than production.", name="a-comparison"),
        Example("Running staging and the partner sandbox on one cluster carries unacceptable risk for both.",
                name="risk-threshold", note="a risk assessment grades a design against a threshold, not a person"),
        Example("The failover pushed the client library into panic on a nil lease.", name="software-panic"),
        Example("A Rust panic in the decoder stopped the consumer.", name="language-panic"),
        Example("The DELETE FROM statement ran without a WHERE clause.", name="sql-keywords"),
        Example("The array had a total failure of both disks at 04:10 UTC.", name="failure-mode",
                note="'total failure' names how the array failed: nothing is graded"),
        Example("The notice came from the BRACKEN VALE Water Board.", name="capitals-in-a-proper-name",
                note="capitals that run on into Title-case words are part of a name"),
        Example("The LEGACY LEDGER cluster was drained first.", name="capitals-after-a-determiner",
                note="two or more capitals after 'the' are a noun phrase: a name, not an exclamation"),
        Example("We did NOT get a page for the disk alert.", name="stressed-negation"),
        Example("| Action | Owner | State |\n|---|---|---|\n| Restore the replica | @li | ONGOING |", name="status-cell"),
        Example("| Item | Owner | State |\n|---|---|---|\n| Rotate the key | @ana | NOT STARTED |", name="status-cell-of-two-words"),
        Example("## Timeline\n\n- 06:12 **PAYMENTS DEGRADED** — card auth latency passed 4 s.\n"
                "- 06:58 **PAYMENTS RESTORED**, queue drained by 07:10.", name="milestone-labels-in-a-timeline",
                note="capitals heading a timeline entry, set off by a dash or bold after the time, are a template's label"),
        Example("[FIX DEPLOYED] The patched image reached every region at 16:20 UTC.", name="bracketed-tag"),
        Example("**SEARCH OFFLINE** — the index was rebuilt from the snapshot.", name="label-before-a-dash"),
        Example("The leaked key AKIAQWRTZPLMNBVC was revoked at 10:12 UTC.", name="key-like-string"),
        Example("Peering with VEXAN, TBIX and NWX Oslo dropped for 20 minutes.", name="a-list-of-names",
                note="capitals listed one after another, one at least no English word, name things"),
        Example("Traffic moved off TOKAMA EDGE 2 before the maintenance window.", name="capitals-before-a-number",
                note="a number that ends the capitals makes them a name"),
        Example("The store wrote a new MANIFEST file after every flush.", name="name-before-a-head-noun"),
        Example("![Restart button animation by PIXELCAT](https://example.com/restart.gif)", name="image-alt-credit"),
        Example("The importer rejected every GENBANK upload after the schema bump.", name="lone-capital-name"),
        Example("The restore began before VACUUMDB was run on the replica.", name="lone-capital-command"),
        Example("The `TOMBSTONE` marker was never purged.\n\nCompaction skipped every TOMBSTONE older than a day.",
                name="a-name-written-as-code-elsewhere"),
        Example("The host rebooted every node to patch the Meltdown and Spectre flaws.", name="a-named-flaw",
                note="a capitalised word inside a sentence in normal case is a name"),
    ),
    tags=("blame", "animated"),
)
