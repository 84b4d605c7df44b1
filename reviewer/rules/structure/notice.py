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
"""

from __future__ import annotations

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
