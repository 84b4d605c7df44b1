"""What an action item changes, read where the phrase lists and the verb's object say nothing.

Three readings, each a small closed class of kinds, not of phrasings:

- the goal is people's knowledge: "read the vendor's guide to understand the failover", "walk the
  rota through the restore so that everyone knows the steps". The act serves what people know, so
  it is training, unless the act itself builds something (checked by the caller first);
- the act is done by the system: "capture the timestamps automatically" names no person's act, even
  with a verb that would otherwise be a person's record-keeping;
- a question ("Got feedback?", "Can we shard the queue?") proposes nothing: it asks; nor does an act
  that weighs choices ("test and evaluate these options", "trial the alternatives"): that is investigation;
- a light practice noun ("efforts", "focus") has no content of its own: "increase our efforts to add
  disk checks" is the checks, so an artefact anywhere in the item decides;
- where the change lands: a message verb's object is the message and the people after "to / with"
  receive it ("communicate the new quota limits to all customers", "discuss the alert thresholds at
  the ops meeting"); a placing verb's object goes where its destination says ("add a section on the
  canary to the deploy guide" changes the guide). Mechanism words there are the topic.
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy
from reviewer.rules import lexicon
from reviewer.rules.action_items.clause import lemmas, main_clause, verb_tags
from reviewer.rules.action_items.phrases import _DETERMINER, _head_kind, kind_of, noun_phrase, verb_of

# A goal that is knowledge, in the two shapes a purpose takes: an infinitive ("to understand the
# protocol", "to get familiar with ...") or a clause with its own subject ("so that everyone knows ...").
_TO_KNOW = lazy(r"\b(?:in order )?to (?:(?:better|fully|really) )?(?:understand|learn|know|familiari[sz]e|"
                r"get (?:familiar|acquainted|comfortable)|become (?:familiar|aware)|be (?:familiar|aware))\b", re.I)
_SO_KNOW = lazy(r"\bso (?:that )?(?:everyone|everybody|we|you|they|people|all|each|the \w+(?: \w+)?) "
                r"(?:(?:will|would|can|could|should|all|better|also|actually|really) )*"
                r"(?:knows?|understands?|learns?|(?:is|are|be) (?:aware|familiar|prepared))\b", re.I)
# Acts whose object is what a person takes in or goes through: their knowledge goal is the change.
# A change to the system ("upgrade the client to understand the new header") is the system's doing.
_PERSON_ACTS = frozenset({"people", "practice", "record", "activity", "produce"})
_KNOW = frozenset({"understand", "learn", "know", "familiarise", "familiarize", "get", "become", "be"})
# The act is done by the system, not by a person: a manner adverb of automation.
_AUTOMATIC = lazy(r"\b(?:automatically|programmatically|by default|without (?:manual|human) (?:steps?|"
                  r"intervention|action))\b", re.I)
# A question: an item that opens with an auxiliary or a question word and ends in "?", or a verbless one.
_QUESTION = lazy(r"^\W*(?:(?:can|could|should|shall|would|will|do|does|did|is|are|was|were|have|has|how|what|why|"
                 r"which|who|when|where|any|got|need|want)\b[^?]*|[^?\s]+(?:\s+[^?\s]+){0,2})\?\W*$", re.I)


def knowledge_goal(prose: str) -> tuple[str, str] | None:
    """('soft', goal) when a person's act serves what people know, else None.

    Called last, once nothing in the item named a mechanism: the goal then says what changes.
    """
    match = _TO_KNOW.search(prose) or _SO_KNOW.search(prose)
    if not match or match.start() == 0:
        return None
    clause = main_clause(prose[:match.start()])
    verb, tag = verb_of(clause)
    obj = noun_phrase(clause.rest)
    if tag not in _PERSON_ACTS or not obj or _head_kind(obj) == "runs" or verb_of(main_clause(prose))[0] in _KNOW:
        return None  # "deploy the agent to learn the traffic shape": a system is changed; "we need to
        # understand the terms": the knowing is the act itself, read elsewhere
    return "soft", f"{verb} … {match.group().strip()}"


def by_the_system(text: str) -> bool:
    """'Capture the timestamps automatically': the act happens without a person."""
    return _AUTOMATIC.search(text) is not None


def asks_a_question(text: str) -> bool:
    """'Got feedback?', 'Can we shard the queue?': a question, not a commitment."""
    return _QUESTION.match(text.strip()) is not None


# Practice nouns whose content is their complement ("efforts to ...", "focus on ..."): light nouns.
_LIGHT = lazy(r"(?:efforts?|focus|attention|energy|time)$", re.I)
_BY_ACT = lazy(r"\bby (\w+ing)\b", re.I)
_PEOPLE_TAGS = frozenset({"people", "practice", "record", "activity"})


def empty_practice(found: tuple[str, str], prose: str) -> bool:
    """A practice reading whose noun is light and whose item names an artefact: 'step up our efforts to
    add disk alerts' changes the alerts, not a habit."""
    if found[0] != "soft" or _LIGHT.search(found[1]) is None:
        return False
    means = _BY_ACT.search(prose)  # "... by caching images": the act that carries the effort
    built = means is not None and not {verb_tags().get(f, "") for f in lemmas(means.group(1))} & _PEOPLE_TAGS
    return built or any(e.tag == "" for e, _ in lexicon.load("mechanism_objects").finditer(prose))


# Verbs whose object is a message for people: what they are told about changes nothing by itself.
_MESSAGE = frozenset({"communicate", "announce", "share", "circulate", "explain", "present", "publicise", "publicize",
                      "discuss", "spread", "broadcast", "relay", "convey"})
# A message passed by hand, as the subject of a passive ("guidance was issued to staff").
_SENT = _MESSAGE | {"send", "issue", "post", "give", "email", "mail"}
_MESSAGE_NOUN = lazy(r"\b(?:e-?mails?|messages?|notes?|notices?|memos?|announcements?|guidance|reminders?|letters?|"
                     r"bulletins?|newsletters?|summar(?:y|ies)|updates?|instructions)\b", re.I)
_SENT_TO = lazy(r"\b(?:to|among|across)\s+((?:[\w'’-]+\s*){1,4})", re.I)
_RECEIVER = lazy(r"\b(?:to|with|among|across|amongst)\s+((?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s*(?:[,.;:()]|$|\b(?:before|"
                 r"after|when|during|at|in|so|and|by)\b)", re.I)
_AT_MEETING = lazy(r"\b(?:at|in|during) (?:the |our |a |an |each |every |next |weekly |monthly |[\w-]+ ){0,3}"
                   r"(?:all[- ]hands|meetings?|stand-?ups?|syncs?|retros?|retrospectives?|town ?halls?|reviews?)\b", re.I)
_MADE_AWARE = lazy(r"^(?:(?:all|the|our|every|each|any|new)\s+)*(?:[\w-]+\s+)?([\w-]+)\s+(?:more\s+|fully\s+)?"
                   r"(aware|familiar|conscious)\b", re.I)
# Verbs that put a thing somewhere: their destination says what changes.
_PLACE = frozenset({"add", "include", "insert", "append", "put", "move", "link", "list", "mention", "note"})
_IDENTIFIER = lazy(r"`|\s{2,}|\b[\w-]*\d[\w-]*\b")  # a code span (masked to blanks) or an id with a digit
_DESTINATION = lazy(r"\b(?:to|into|in|on|onto)\s+(?=(?:the|a|an|our|each|every)\s)", re.I)


def message_item(head: str) -> tuple[str, str] | None:
    """'Communicate the new quota limits to all customers', 'discuss the alert thresholds at the weekly
    ops meeting': a message passed to people, whatever it is about."""
    clause = main_clause(head)
    verb, _ = verb_of(clause)
    aware = _MADE_AWARE.match(clause.rest) if clause.verb == "make" else None
    if aware and kind_of([aware.group(1)]) == "audience":
        return "soft", f"make … {aware.group(2)}"  # "make people aware of the rate limits": knowledge changes
    if clause.passive and verb in _SENT and _MESSAGE_NOUN.search(clause.subject) and not clause.negated:
        receiver = _SENT_TO.search(clause.rest)  # "an email was sent to all operators": a message people read
        words = [w for w in noun_phrase(receiver.group(1)) if not _DETERMINER.match(w)] if receiver else []
        people = any(kind_of([w]) == "audience" for w in words[:3])  # "to all operators explaining ..."
        return ("soft", f"{clause.subject} … {verb}") if people else None
    if verb not in _MESSAGE or clause.passive or clause.negated:
        return None
    meeting = _AT_MEETING.search(clause.rest)
    if meeting:
        return "soft", f"{verb} … {meeting.group().split()[-1]}"
    for receiver in _RECEIVER.finditer(clause.rest):
        words = [w for w in noun_phrase(receiver.group(1)) if not _DETERMINER.match(w)]
        if words and kind_of(words[-1:]) == "audience":
            return "soft", f"{verb} … {words[-1]}"
    return None


def placed_in_document(head: str) -> tuple[str, str] | None:
    """'Add a section on the canary to the deploy guide': what is added lands in a text people read."""
    clause = main_clause(head)
    verb, _ = verb_of(clause)
    if verb not in _PLACE or clause.passive or clause.negated or by_the_system(head):
        return None
    obj = [w for w in noun_phrase(clause.rest) if not _DETERMINER.match(w)]
    if not obj or kind_of(obj[-1:]) == "runs":
        return None  # "add a disk alert to the runbook" builds the alert
    for place in _DESTINATION.finditer(clause.rest):
        after = clause.rest[place.end():]
        words = [w for w in noun_phrase(after) if not _DETERMINER.match(w)]
        kind = kind_of(words[-1:])
        if kind == "document" and _IDENTIFIER.search(after[:after.find(words[-1])]):
            return None  # "to the `orders-v2` index template": a named system object, not a text people read
        if kind == "document":
            return "docs", f"{verb} … {words[-1]}"
        if kind == "runs":
            return None  # "add the runbook link to the expiry alert": the alert changes
    return None


# What an inquiry weighs: choices, named by their kind, under a verb that looks or tries ("we listed several
# approaches" reports a text).
_WEIGHING = frozenset({"practice", "people", "inquire", "activity"})
_CHOICES = lazy(r"^(?:options?|alternatives?|approaches|candidates|choices|trade-?offs|solutions)$", re.I)


def weighs_choices(head: str) -> bool:
    """'We'll test and evaluate these options', 'trial the alternatives': finding out which to take."""
    clause = main_clause(head)
    joined = re.match(r"^(?:and|or)\s+([\w-]+)\s+(.*)$", clause.rest, re.I)
    if joined and clause.verb not in ("try", "go", "come") and any(
            verb_tags().get(f) == "inquire" for f in lemmas(joined.group(1))):  # not "try and identify ..."
        return True  # "test and evaluate ...": the joined verb says what the act is for
    obj = [w for w in noun_phrase(joined.group(2) if joined else clause.rest) if not _DETERMINER.match(w)]
    return bool(obj) and _CHOICES.match(obj[-1]) is not None and verb_of(clause)[1] in _WEIGHING
