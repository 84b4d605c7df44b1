"""Detection told as word reaching the team, wherever the sentence sits.

How the team found out is often the report's first sentence, not a "Detection" section: "on Sunday
we received a mail from the host that the server had stopped answering". What marks it is who is
told what, not a heading or one noun:
- the team receives word: "we got a call from a reseller about ...", "the on-call received an
  email saying ...", "I received a message from the vendor to tell us ..." (a message received
  *from* someone, *about* something or carrying what it says);
- the team is the one told: "the provider warned us", "a monitor paged the on-call", "we were
  notified by the bank", "the team was alerted at night".
Under the fix's own section, word that reached the team is about the fix ("the vendor told us the
part ships Monday"), and content.py does not ask there. Only what happened counts. A monitor the team set up afterwards that "will page us", "would have
told us" or that "we added ... to notify us" is a follow-up, not how this incident was found.
The verbs of telling are a list (the closed class of verbs that carry word to someone); the
structure around them (the team as the one told or the one receiving) is what the reader asks.

A timeline is told from the team's side, so where a sentence sits says who saw: an entry of a
timeline (under a Timeline heading, or in a list whose items open on their times or dates, whatever
the heading above it) is the story's own place, wherever the list is, and an entry that tells the
first signal in the passive is the team's own seeing (`first_signal`):
- a perception told in the passive: "a failed upload is seen", "errors first observed";
- a report filed: "ticket opened by a reseller", "first bug report created".
The same words in a part that tells no entries ("the error was seen in many builds") say nothing of
who found out, and are not read there.
"""

from __future__ import annotations

import re

from reviewer.document import Document, SectionKind
from reviewer.patterns import lazy
from reviewer.rules.action_items.clause import lemma, lemmas, verb_tags

_TEAM = (
    r"(?:we|i|the\s+team|our\s+team|(?:the\s+|our\s+)?on-?call(?:\s+engineer|\s+person)?|"
    r"(?:the\s+|our\s+)?(?:ops|sre|support|security|infra(?:structure)?|platform|engineering|dev(?:elopment)?)\s+team)"
)
_TEAM_OBJECT = r"(?:us|me|the\s+team|our\s+team|(?:the\s+|our\s+)?on-?call(?:\s+engineer|\s+person)?)"
# What carries word: a message noun, or a clause that says what the word was.
_MESSAGE = (
    r"(?:e-?mails?|mails?|messages?|calls?|pages?|alerts?|reports?|tickets?|notifications?|notices?|"
    r"warnings?|texts?|letters?|complaints?|questions?|word|dms?|sms)"
)
_SAYS = r"(?:about|saying|stating|telling|reporting|warning|informing|asking|to\s+(?:tell|inform|warn|let|say|report))"
_RECEIVED = lazy(
    rf"\b{_TEAM}\s+(?:\w+\s+){{0,2}}?(?P<verb>received|got)\s+(?:(?:an?|the|some|several|many|two|three|\d+)\s+)?"
    rf"(?:(?:[\w-]+\s+){{0,2}}?{_MESSAGE}\b|(?:[\w-]+\s+){{0,3}}?{_SAYS}\b)",
    prefilter=True,
)
_TELLING_WORDS = frozenset(
    "told informed notified warned alerted paged pinged emailed e-mailed messaged contacted called texted woke".split()
)
_TELLING = "(?:" + "|".join(sorted(_TELLING_WORDS)) + ")"
_TOLD_TEAM = lazy(
    rf"\b(?P<verb>{_TELLING})\s+{_TEAM_OBJECT}\b|\b{_TEAM}\s+(?P<passive>was|were|got|had\s+been)\s+(?:(?:first|then|soon|quickly|"
    rf"automatically|eventually|finally)\s+)?(?:notified|alerted|told|informed|warned|paged|pinged|contacted|called|woken)\b",
    prefilter=True,
)
# Not this incident's detection: a modal or future (what a monitor will or would do), or a change the
# team made to the system in the same sentence ("we added an alert that paged us on the retry").
# (the modal governs the verb of telling: a few words before it; "on 3 may we ..." is a date)
_MODAL = lazy(
    r"(?:\b(?:will|would|should|could|can|shall|might|must)|(?<!\d\s)\bmay|\bgoing\s+to|['’]ll)"
    r"(?:\s+[\w-]+){0,3}\s*$"
)
_TEAM_ACT = lazy(
    rf"\b{_TEAM}\s+(?:have\s+|had\s+|['’]ve\s+|['’]d\s+)?(?:(?:since|now|also|then|later|subsequently|"
    rf"already)\s+)*([a-z]+)\b"
)
_CHANGE_TAGS = frozenset({"change", "produce"})


def _a_change(verb: str) -> bool:
    if verb in _TELLING_WORDS:
        return False  # "we paged the database team": word passed on, nothing built
    return bool({verb_tags().get(v, "") for v in (*lemmas(verb), lemma(verb))} & _CHANGE_TAGS)


def word_reached_team(lower: str) -> bool:
    """A lower-cased sentence tells how word of the problem reached the team (not how it would)."""
    found = _RECEIVED.search(lower) or _TOLD_TEAM.search(lower)
    if not found:
        return False
    verb = found.start("verb") if found.group("verb") else found.start("passive")
    if _MODAL.search(lower, max(0, verb - 40), verb):
        return False
    return not any(_a_change(m.group(1)) for m in _TEAM_ACT.finditer(lower))


# An entry opens on its time or date: "14:02 UTC - ...", "2024-03-14: ...", "3/14 ...", "On March 14 at 09:00, ...".
# (content.py's timed-run reading uses it too: one notion of a timed entry for both.)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
OPENS_TIMED = lazy(
    rf"^[\s*_|>#-]{{0,6}}(?:(?:on|at|by)\s+)?(?:\[?\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[:.h]\d{{2}}\b|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b|"
    rf"{_MONTH}\s+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH})",
    re.I,
)
# The first signal, with no one named: a perception in the passive, or a report filed.
_PERCEIVED = lazy(
    r"\b(?:is|was|were|are|gets?|got)\s+(?:first\s+|then\s+|again\s+)?(?:seen|observed|spotted|noticed|detected)\b|"
    r"\b(?:first|initial|earliest)\s+(?:[\w-]+\s+)?(?:reports?|tickets?|issues?|complaints?)\b"
    r"[^.;]{0,80}?\b(?:created|opened|filed|raised|submitted|logged|received)\b"
)


def timeline_entries(document: Document) -> frozenset[int]:
    """The indexes of the segments that are entries of a timeline: under a Timeline heading, or in a
    list (the run of list segments under one heading) of which three items open on a time or date."""
    entries = {s.index for s in document.segments if s.section is SectionKind.TIMELINE}
    run: list[int] = []
    timed = 0
    title: str | None = None
    for segment in [*document.segments, None]:
        if segment is None or segment.list_depth < 1 or segment.section_title != title:
            if timed >= 3:
                entries.update(run)
            run, timed = [], 0
            title = segment.section_title if segment is not None else None
            if segment is None or segment.list_depth < 1:
                continue
        run.append(segment.index)
        timed += bool(OPENS_TIMED.match(segment.text))
    return frozenset(entries)


def first_signal(lower: str) -> bool:
    """A lower-cased timeline entry tells the first signal with no one named ("errors are seen",
    "first report opened"); read only on entries (see timeline_entries)."""
    lower = " ".join(lower.split())  # a link's blanked address is no distance
    found = _PERCEIVED.search(lower)
    return found is not None and not _MODAL.search(lower, max(0, found.start() - 40), found.start())
