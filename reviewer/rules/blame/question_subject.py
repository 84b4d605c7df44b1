"""Who acts in a why-question: a person or team, or a design, policy or system (BL008).

A why-question cross-examines people when a person or team is who acts in it: its subject ("Why did
Sam not check the backups?", "Why didn't the on-call page anyone?"), the agent of its passive ("Why was
the change not reviewed by another developer?") or a pronoun subject of a clause joined to it ("Why
was the bridge open and we still waited?"). A person met only in a condition, a reason or a that-clause
("Why are guest accounts owners if they cannot use the role?") or as an object ("Why did the alert page
nobody?") leaves the question about the design or the system.
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy
from reviewer.rules import agents

# The auxiliary of a why-question and its negation: "why did", "why wasn't", "why did ... not".
_AUX = lazy(
    r"\s*(?:(?:did|does|do|was|were|is|are|has|have|had|would|could|should|can|will|must|might)"
    r"(?:n['’]t)?\s+)?(?:not\s+)?(?:exactly\s+|even\s+|really\s+)?",
    re.I,
)
# Where the question's own clause ends: a condition, a reason, a time or a that/which clause.
_SUBORDINATE = lazy(
    r"[(;:]|\b(?:if|when|whenever|because|since|although|though|while|unless|whereas|given|"
    r"so\s+that|before|after|until|once|that|which|where|whose|even\s+though)\b",
    re.I,
)
# People by their pronoun; the nominative ones are subjects wherever they stand.
_PEOPLE = lazy(r"(?:anyone|anybody|nobody|no\s+one|someone|somebody|everyone|everybody|we|they|he|she|you|I)\b", re.I)
_NOMINATIVE = lazy(r"\b(?:we|they|he|she|I)\b", re.I)
_AGENT = lazy(r"\bby\s+", re.I)
# "take an hour for anyone to notice": time taken by a person's act (not "no budget for anyone to test").
_FOR = lazy(r"\b(?:take|took|taken|taking)\s+(?:[\w'’-]+\s+){0,4}?for\s+", re.I)
_TAKE_PERSON = lazy(r"\b(?:take|took|taken|taking)\s+(?:us|them|him|her|me|you)\b", re.I)
_ASIDE = lazy(r"\s*,[^,?]{1,80},")
_TO_AFTER = lazy(r"(?:[\w'’-]+\s+){1,4}?to\s+[a-z]", re.I)
_DETERMINERS = frozenset("the a an our their your his her my its another any every this that one some".split())
_WORD = lazy(r"@[\w-]+|[^\W\d_][\w'’-]*")


def _person_phrase(text: str, pos: int) -> bool:
    """Does the noun phrase at `pos` name a person or team: a pronoun, a known given name or a
    handle ("Priya", "@li"), or a role at its head ("the on-call", "another developer", not "the
    operator dashboard")?"""
    if _PEOPLE.match(text, pos):
        return True
    words = [m for m in _WORD.finditer(text, pos)][:4]
    if not words or text[pos : words[0].start()].strip():
        return False
    first = words[0].group()
    if first.startswith("@") or (
        first.lower() in agents.names() and agents.person_at(text, words[0].start(), words[0].end())
    ):
        return True
    lows = [w.group().lower() for w in words]
    index = 0
    while index < len(lows) and lows[index] in _DETERMINERS:
        index += 1
    if index < len(lows) - 1 and not agents.is_role_word(lows[index]) and agents.is_role_word(lows[index + 1]):
        index += 1  # "a second engineer", "the payments team"
    for at in range(index, min(index + 3, len(lows))):
        if not agents.is_role_word(lows[at]) or _PEOPLE.fullmatch(lows[at]):
            return False
        following = lows[at + 1] if at + 1 < len(lows) else ""
        if following in agents.systems() or (agents.plural_like(following) and not agents.is_role_word(following)):
            return False  # "the operator dashboard", "contractor accounts": the role word modifies a thing
        if not agents.is_role_word(following):
            return True  # "the on-call engineer": a role heads the phrase
    return False


def people_act(body: str, why_end: int) -> bool:
    """Is a person or team who acts in the why-question whose question word ends at `why_end`?"""
    aside = _ASIDE.match(body, why_end)  # "Why, after three alerts, did nobody act?"
    subject = _AUX.match(body, aside.end() if aside else why_end)
    start = subject.end() if subject else why_end
    if _person_phrase(body, start):
        return True  # "Why did Sam not check ...?", "Why didn't the on-call page anyone?"
    # The question's own clause: from its subject to the first condition, reason or relative clause.
    end = _SUBORDINATE.search(body, start + 1)
    main = body[: end.start()] if end else body
    if any(_person_phrase(main, m.end()) for m in _AGENT.finditer(main, start)):
        return True  # "... not reviewed by another developer?": the passive's agent is a person
    if any(_person_phrase(main, m.end()) and _TO_AFTER.match(main, m.end()) for m in _FOR.finditer(main, start)):
        return True  # "Why did it take an hour for anyone to notice?": a person is who acts in the infinitive
    if _TAKE_PERSON.search(main, start):
        return True  # "Why did it take us an hour to notice?": the time a person took
    return bool(_NOMINATIVE.search(main, start))  # "... and we still waited?": a pronoun subject of a joined clause
