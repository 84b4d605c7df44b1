"""Lists that record what is already true: results verified, features delivered. No open work.

Action items are open work: something someone will do. A list can sit where follow-ups do ("Prevention:",
"Improvements:") and still hold none: each item states what now holds ("config reloads no longer drop
routes", "the exporter properly configured with a fallback", "the new cleanup step prevents leftovers").
That is a record of results or of a delivery; its items need no owner or ticket, because nobody is to
do them. The owner and ticket rules (AC002, AC005) read them so; the reminder rule still judges a step
the follow-up part tells as done (dev recall depends on it: the remediation chosen is judged by its means).

Told by tense and aspect, not by words of a topic:
- an item states a result when its subject comes first and its verb tells a state: "no longer" + verb;
  a participle after the subject ("entries checked before insertion", "routing properly configured") — a
  passive with its "is" left out; a present-tense verb the lexicon knows with its object ("the step
  prevents leftovers"); or a verb then a manner adverb ("reloads work reliably");
- an item is an action when it opens with a verb in its base form (an imperative) or holds a modal or
  a plan ("will", "should", "need to", "plan to"): whatever else its list holds, it is open work;
- a present-tense fact ("reloads work reliably", "the step prevents leftovers") could also be the goal of
  an open item ("config pushes go through the canary"): it counts only beside a plain result;
- a list is a record when none of its items is an action, one plainly states a result, and at least half
  of them state results: the verbless items beside them ("improved defaults for small hosts") name what
  was delivered.
"""

from __future__ import annotations

import re

from reviewer.document import Segment
from reviewer.patterns import lazy
from reviewer.rules.action_items.clause import lemmas, verb_lemmas
from reviewer.rules.action_items.item import is_commitment, parse_item

# A short label before the item's own words ("**Cleanup:** the job ..."): what follows is the item.
_LABEL = lazy(r"^[\W_]*[\w][^:.!?]{0,60}?[*_]*\s*:\s*[*_]*\s*(?=\S)")
_WORD = lazy(r"[A-Za-z][\w'’-]*")
_PLAN = lazy(
    r"\b(?:will|would|should|must|shall|can|could|may|might|need(?:s)? to|ha(?:s|ve) to|to be|going to|"
    r"plan(?:s|ned)? to|want(?:s)? to|intend(?:s)? to|todo|tbd)\b|['’]ll\b",
    re.I,
)
# The subject: one to five words that open with no verb ("network restarts", "the new cleanup step").
# (No auxiliary in it: "X is continuously tested" / "X are approved by" state a rule as often as a result.)
_AUX = r"(?:is|are|was|were|be|been|being|has|have|had|will|would|should|must|shall|can|could|may|might|not|that|which)"
_SUBJECT = rf"^\W*(?:(?!{_AUX}\b)[\w'’-]+\s+){{1,5}}?"
_PREP = r"(?:before|after|with|without|during|when|whenever|against|through|via|from|for|on|in|to|across|at|by)"
_NO_LONGER = lazy(_SUBJECT + r"(?:no longer|never again)\s+[a-z]", re.I)
# "routing properly configured with ...", "entries checked before insertion", "the cache warmed on start"
# (not a plan told with a participle: "a cron job scheduled to ...", "a second region proposed for ...")
_PARTICIPLE = lazy(
    _SUBJECT + r"(?:(?!only|early|family)[a-z]{3,}ly\s+)?(?!(?:required|needed|wanted|proposed|planned|"
    r"suggested|expected|requested|recommended|desired|scheduled|considered|decided|agreed|committed|"
    r"intended|aimed|hoped|tried|started|blocked|tracked|owned)\b)[a-z]{3,}ed\s+(?:" + _PREP + r"\b|$)",
    re.I,
)
# "config reloads work reliably", "alerts fire correctly"
_VERB_MANNER = lazy(_SUBJECT + r"[a-z]{3,}\s+(?!only|early|family)(?:[a-z]{3,}ly)\s*(?:$|[.;,]|" + _PREP + r"\b)", re.I)
_MANNER_LEAD = lazy(r"^\W*(?:(?!only|early|family)[a-z]{3,}ly,?\s+)+", re.I)
_PRESENT = lazy(r"^([a-z]{3,}(?<!s)s)$", re.I)


def _own_words(segment: Segment, memo: dict | None) -> str:
    text = parse_item(segment, memo).text
    label = _LABEL.match(text)
    return text[label.end() :] if label else text


def is_action(segment: Segment, memo: dict | None = None) -> bool:
    """An imperative (a base-form verb first, after any manner adverb) or an item that holds a modal or a
    plan: open work."""
    text = _own_words(segment, memo)
    first = _WORD.search(_MANNER_LEAD.sub("", text))
    if first and first.start() < 4 and first.group().lower() in verb_lemmas():
        return True
    return bool(_PLAN.search(text)) or is_commitment(segment)


def _present_verb(text: str) -> bool:
    """A verb the lexicon knows, in the third person, after the subject and before its object."""
    words = [w.strip(",.;:*_") for w in text.split()]
    for i, word in enumerate(words[1:6], start=1):
        if (
            _PRESENT.match(word)
            and set(lemmas(word)) & verb_lemmas()
            and i + 1 < len(words)
            and words[i + 1].lower() not in ("for", "on", "in", "to", "of", "and", "or", "from", "with", "at")
        ):
            return True
    return False


def states_result(segment: Segment, memo: dict | None = None) -> int:
    """2 when the item plainly states what now holds (a change of state: "no longer"; a participle after its
    subject); 1 when it states a present fact that could also be a goal ("reloads work reliably", "the step
    prevents leftovers"); 0 when it states neither (or it is an action)."""
    if is_action(segment, memo):
        return 0
    text = _own_words(segment, memo)
    if _NO_LONGER.match(text) or _PARTICIPLE.match(text):
        return 2
    return 1 if _VERB_MANNER.match(text) or _present_verb(text) else 0


def a_record(items: list[Segment], memo: dict | None = None) -> bool:
    """No item of the list is an action, one at least plainly states a result, and half of them state
    one: a present fact alone ("config pushes go through the canary") is as often the goal of an open item."""
    if not items or any(is_action(s, memo) for s in items):
        return False
    results = [states_result(s, memo) for s in items]
    return 2 in results and sum(r > 0 for r in results) * 2 >= len(items)
