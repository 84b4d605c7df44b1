"""Who does the act an action item asks for, and does it leave a mechanism behind?

The phrase lists in reminders.yaml name reminders people already write; this module reads the
shape of any item instead, so unseen wording is judged the same way:

- the doer: an imperative or a person subject with a modal ("operators must ...") is a person;
  "have / get / make / let X do" hands the act to X, a person or a mechanism ("have the pipeline
  fail on broken links");
- the verb's class (action_verbs.yaml): a one-off change to the system, a finding-out, or a
  person's routine act (test, read, wait, back up, review);
- what it works on (document_objects.yaml): a document ("describe the order in the README"),
  people ("notify the data team") or a quality of people ("improve the team's knowledge");
- an occasion ("before upgrading", "after each release", "every Monday"): a person's act tied to
  a recurring situation is a practice people must remember, which is what a reminder is.
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy
from reviewer.rules import lexicon
from reviewer.rules.action_items.clause import (
    Clause,
    denominal,
    lemma,
    lemmas,
    main_clause,
    opens_with_catenative,
    verb_lemmas,
    verb_tags,
)
from reviewer.rules.action_items.phrases import _DETERMINER, _WORDS, _head_kind, kind_of, noun_phrase, verb_of
from reviewer.rules.action_items.policy import sets_up_rule
from reviewer.rules.action_items.rehearsal import carries_out_procedure
from reviewer.rules.agents import systems

# A recurring situation or a frequency: "before upgrading", "when running the purge", "each
# night", "regularly". A deadline ("before the end of Q3", "by Friday") is not an occasion.
_OCCASION = lazy(
    r"\b(?:before|after|when|whenever|while|during|until|prior to|ahead of)\s+(?!(?:the\s+)?(?:end|deadline|"
    r"next (?:week|month|quarter|sprint|year)|launch date|q[1-4]|eo[dwmqy]|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec|monday|tuesday|wednesday|thursday|friday|tomorrow)\b)"
    r"|\b(?:each|every|any)\s+(?:[\w-]+\s+)?(?:time|day|week|month|morning|evening|night|shift|sprint|release|deploy|"
    r"deployment|upgrade|update|change|merge|incident|restart|rollout|migration|maintenance|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|weekend|quarter|year|hour|minute|build)s?\b|\b(?:regularly|periodically|routinely|daily|weekly|monthly|quarterly|"
    r"nightly|hourly|always|once a \w+|from time to time|manually|by hand|carefully|closely|thoroughly|in advance|"
    r"beforehand|ahead of time|personally|more (?:often|frequently|regularly|promptly|quickly)|up[- ]to[- ]date|"
    r"sooner|earlier|faster|quicker|promptly|on time|in (?:a )?timely (?:manner|fashion)|without delay|"
    r"one (?:by|at a) (?:one|time)|at the (?:end|start|beginning) of (?:each|every|a|the|"
    r"your) \w+|(?:for|during|outside|in|within) (?:the )?(?:low-traffic|quiet|off-peak|peak|office|business|working) \w+|"
    r"only (?:in|during|after|when|between|within|on|outside))\b|\bfirst(?=\s*(?:[,.;!()]|$))", re.I)
# "one" is the generic person of advice ("one should be sure of a change before ...").
_PRONOUN = lazy(r"^(?:we|i|you|they|one|all of us|each of us)$", re.I)
_WRITERS = lazy(r"^(?:we|i|all of us|each of us)$", re.I)
# A rule for people ("operators must ..."); "we will" is a commitment and is read by its verb.
_OBLIGATION = lazy(r"^(?:should|must|shall|need to|needs to|have to|has to|ought to|are expected to|"
                         r"is expected to|will need to|will have to)$", re.I)
# "check whether / why / if": an open question is investigation.
_QUESTION = lazy(r"^(?:whether|if|why|how|what|which|where|who)\b", re.I)
_DESTINATION = lazy(r"\b(?:in|into|to|on|onto)\s+(?:the\s+|our\s+|a\s+|an\s+)?((?:[\w'’-]+\s+){0,3}[\w'’-]+)",
                          re.I)
# A leading occasion that is a person's activity ("When restoring a backup", "Before you deploy"):
# the imperative after it is a step people must remember. ("When the queue grows" is a system state.)
_PERSON_OCCASION = lazy(r"^(?:when|whenever|before|after|while|once|until)\s+(?:\w+ing\b|(?:you|we|i|someone|"
                        r"anyone|an? (?:engineer|operator|admin|developer|reviewer))\b)", re.I)
# What a permission grants: an act that gives or limits it is a constraint, not a practice.
# Who can reach a system: exposing or opening an endpoint sets a boundary ("do not expose the RPC ports").
_REACH = frozenset({"expose", "open", "unexpose"})
_ENDPOINT = lazy(r"\b(?:ports?|endpoints?|apis?|interfaces?|dashboards?|buckets?|databases?|consoles?|sockets?)\b",
                 re.I)
# "do better" with nothing after it but a time: no act, no object, no mechanism.
_VAGUE_PLEDGE = lazy(r"^(?:much |far )?(?:better|our best)(?:\s+(?:in (?:the )?future|going forward|next time|"
                     r"from now on|than this))?(?:\s*\([^)]*\))?\W*$", re.I)  # an owner in brackets may follow
_OWNERSHIP = frozenset({"own", "have", "hold", "get", "receive"})
_PROHIBITION = lazy(r"^\W*(?:do not|don['’]?t|never)\s+", re.I)
_CAPABILITY = lazy(r"\b(?:access|permissions?|rights|privileges?|roles?|credentials|keys?)\b", re.I)
# A finite verb or auxiliary: the item is a sentence, not a bare noun phrase.
_FINITE = lazy(r"\b(?:is|are|was|were|will|would|should|must|can|could|has|have|had|do|does|did|need|needs|"
               r"shall|may|might|\w+ed)\b", re.I)
# A trigger: a condition on the system's state ("when disk usage exceeds 90%", "if the job fails").
# An act tied to it describes what a mechanism does, not a habit people keep.
_TRIGGER = lazy(r"\b(?:when|whenever|if|once|as soon as)\b[^,.;]*?\b(?:exceed\w*|reach\w*|drops?|dropped|falls?|"
                r"fail\w*|stops?|stopped|crash\w*|goes down|went down|is down|are down|is unreachable|times? out|"
                r"above|below|more than|less than|greater than|fewer than|higher than|lower than|\d+(?:\.\d+)?\s*%|"
                r"\d+\s*(?:ms|s|sec|seconds|minutes?|min|hours?|h|mb|gb|tb))", re.I)
# A mechanism as the means of the act: "in a scheduled job", "with a script", "via cron".
_MEANS = lazy(r"\b(?:in|with|via|through|by|using|from) (?:a |an |the |our )?(?:[\w-]+ )?(?:scheduled |nightly |cron )?"
              r"(?:jobs?|scripts?|cron\w*|pipelines?|ci|bots?|hooks?|automation|tool(?:ing)?|build)\b", re.I)
# The object acts by itself: a relative clause with a present-tense verb ("a cluster that mirrors ...").
_ACTING_OBJECT = lazy(r"^[^,;]{0,60}?\b(?:that|which) (?:\w+ly )?(?!is\b|are\b|was\b|were\b|has\b|have\b)"
                      r"[a-z]+s\b", re.I)
# A purpose of finding out: "review the report to learn what failed" is investigation.
_FINDING_OUT = lazy(r"\bto (?:learn|understand|find out|determine|identify|establish|see) (?:what|why|how|whether|if|"
                    r"where|when|which|who)\b", re.I)
# A verb-looking first word followed by "of" is a noun ("Review of ...", "Record of ..."): a topic.
_NOUN_USE = lazy(r"^(?:of|for the record)\b", re.I)
# Verbs by which people hold a capability ("have access", "use personal credentials").
_HOLD = frozenset({"have", "get", "be", "hold", "gain", "use", "give", "grant"})
# A decision rule opens with its condition ("If an attack is ongoing: ...", "Otherwise: ..."):
# a prohibition inside it is part of a decision policy.
_CONDITION = lazy(r"^\W*(?:if|otherwise|unless|in case|when)\b[^:]{0,120}:", re.I)
# Verbs of checking: their object is what a person inspects, so a mechanism as the object
# ("test that the webhooks work") does not make the act automatic.
_INSPECT = frozenset({"test", "check", "verify", "confirm", "review", "audit", "inspect", "monitor", "watch", "observe",
                      "look", "read", "double-check", "recheck", "track"})
# "Be prudent", "be more conservative with ...": a disposition asked of people (not "be able to",
# and not a passive "be deployed").
_BE_ADJECTIVE = lazy(r"^(?:(?:more|less|extra|very|really|a bit|much|far|even|better)\s+){0,3}(?!able\b|aware of (?:the )?alert|"
                     r"the\b|an?\b|our\b|their\b|its\b|in\b|on\b|at\b|part\b|done\b|there\b|one\b)"
                           r"(?:prepared|informed|organi[sz]ed|(?![a-z]+(?:ed|en)\b)[a-z]{3,})\b", re.I)
# What the writers pledge to be ("we intend to be much more transparent"): a quality of conduct.
# Any other adjective after "we will be" may describe the system ("we will be more resilient").
_CONDUCT = lazy(r"^(?:(?:more|less|extra|very|really|a bit|much|far|even|better)\s+){0,3}(?:careful|cautious|"
                r"transparent|explicit|diligent|vigilant|mindful|attentive|proactive|conservative|prudent|thorough|"
                r"communicative|informative|forthcoming|rigorous|deliberate|disciplined|aware|alert|open)\b", re.I)
# Noun-phrase items ("Better communication with partners"): a comparative and a quality of people.
_COMPARATIVE = lazy(r"^\W*(?:more|better|improved?|closer|clearer|regular|extra|increased|careful|proper|"
                          r"greater|stronger)\s+", re.I)


def document_subject(clause: Clause) -> bool:
    """'The upgrade guide will be updated', 'Our docs now explain ...': the outcome is a text."""
    words = noun_phrase(clause.subject)
    return bool(words) and _head_kind(words) == "document"


def thing_subject(clause: Clause) -> bool:
    """A 'be' clause about a thing ('release phases are to be spread out'): a state set, no person's act."""
    words = noun_phrase(clause.subject)
    return clause.verb == "be" and bool(words) and not _PRONOUN.match(clause.subject) \
        and _head_kind(words) not in ("audience", "document")


def person_subject(clause: Clause) -> bool:
    """A person or a group of people with a modal of obligation or intention ('operators must')."""
    if not clause.subject or not _OBLIGATION.match(clause.modal):
        return False
    words = noun_phrase(clause.subject)
    cut = next((i for i, w in enumerate(words) if i and re.search(r"(?:ing|ed)$", w)), len(words))
    return bool(_PRONOUN.match(clause.subject)) or _head_kind(words[:cut]) == "audience"  # "the person doing X"


def permission_rule(head: str) -> bool:
    """'Developers should not have write access to prod', 'operators must use personal credentials':
    who holds a capability is a constraint, whatever modal states it. So is who can reach an endpoint:
    'do not expose the admin API publicly' is a boundary on the system, not a habit."""
    clause = main_clause(_PROHIBITION.sub("", head))
    verb, _ = verb_of(clause)
    held = verb in _HOLD and bool(_CAPABILITY.search(clause.rest))
    reached = clause.verb in _REACH and bool(_ENDPOINT.search(" ".join(clause.rest.split()[:6])))  # its object
    return (held or reached) and (person_subject(clause) or not clause.subject)


# A setting changed to a value ("raise the stop timeout to 120 seconds", "cap retries at 3"): the
# system is reconfigured; whatever else the item asks of people, it names a mechanism.
_SETS_VALUE = lazy(r"\b(?:set|sets|raise|raised|lower|lowered|increase|increased|decrease|decreased|reduce|reduced|"
                   r"bump|bumped|cap|capped|limit|limited|change|changed|extend|extended|shorten|shortened)\b"
                   r"[^.;:]{0,60}?\b(?:to|at)\s+\d[\d,.]*\s*(?:%|ms|s|sec|seconds?|minutes?|mins?|hours?|h|days?|"
                   r"[kmgt]i?b|requests?|connections?|replicas?|retries|attempts|nodes?|workers?|x)?(?![\w-])", re.I)


def sets_value(text: str) -> bool:
    """The item changes a setting to a number: a configuration change, not a habit."""
    return _SETS_VALUE.search(text) is not None


def has_trigger(head: str) -> bool:
    """A condition on the system's state ('when disk usage exceeds 90%', 'if a backup job fails')."""
    return bool(_TRIGGER.search(head))


def trigger_to_channel(head: str) -> bool:
    """A message to a channel or handle on a trigger: what an alert does."""
    return has_trigger(head) and bool(re.search(r"(?<![\w])[#@][\w-]+", head))


def leading_system_subject(head: str) -> bool:
    """The item opens with a mechanism as its subject: 'The purge tool now asks ...', 'The job will ...'."""
    words = _WORDS.findall(head)
    if not words or not _DETERMINER.match(words[0]):
        return False
    for i, word in enumerate(words[1:8], start=1):
        if re.fullmatch(r"will|should|must|can|now|also|then|is|are|was|were|has|have|\w+s|\w+ed", word, re.I) \
                and (set(lemmas(word)) & verb_lemmas() or not re.fullmatch(r"\w+s", word)):
            return _head_kind([w for w in words[1:i] if not _DETERMINER.match(w)][-1:]) == "runs"
    return False


def by_mechanism(rest: str) -> bool:
    """The act's means is a mechanism ('in a scheduled job', 'with a script', 'via cron')."""
    return bool(_MEANS.search(rest))


def system_subject(clause: Clause) -> bool:
    """The clause's subject is a mechanism ('the deploy tool now asks ...', 'the job will check ...')."""
    return bool(clause.subject) and _head_kind(noun_phrase(clause.subject)) == "runs"


def mechanism_agent(head: str) -> bool:
    """'Have the CI pipeline fail on broken links', 'make the deploy tool roll back': a system acts."""
    clause = main_clause(head)
    verb, tag = verb_of(clause)
    return tag == "cause" and causee(clause.rest)[0] == "runs"


def record_item(head: str) -> tuple[str, str] | None:
    """'Document the rate limiter's settings': a record verb makes a text, whatever it is about.

    The mechanism words in its object are the topic; only a further clause ("... and add an
    alert") can build something, and the caller checks that part for mechanisms.
    """
    clause = main_clause(head)
    verb, tag = verb_of(clause)
    if tag != "record" or clause.passive or clause.negated or _NOUN_USE.match(clause.rest):
        return None  # "document how / why ..." is still a document: no open-question test here
    return "docs", verb


# An inquiry named as a noun (an analysis, an audit, a post mortem) and a recurrence that makes it a routine.
_INQUIRY_NOUN = lazy(r"^(?:analys[ie]s|audits?|post-?mortems?|mortems?|retrospectives?|retros?|rcas?)$", re.I)
_RECURS = lazy(r"\b(?:every|each|regular(?:ly)?|routine(?:ly)?|periodic(?:ally)?|always|whenever|daily|weekly|monthly|"
               r"quarterly|annual(?:ly)?|yearly|nightly)\b", re.I)


def _inquiry(obj: list[str]) -> bool:
    """The object names an act of finding out: 'additional analyses', 'a complete post mortem', 'an assessment'."""
    head = obj[-1] if obj else ""
    return bool(_INQUIRY_NOUN.match(head)) or verb_tags().get(denominal(head), "") == "inquire"


def practice(head: str) -> tuple[str, str] | None:
    """('docs'|'soft', what decided) when the main clause asks people for an act, else None.

    Called once no reminder phrase and no mechanism word decided: it reads the structure.
    """
    phrase = _noun_item(head) or _bare_noun_item(head)
    if phrase:
        return phrase
    clause = _with_finite_verb(main_clause(head))
    verb, tag = verb_of(clause)
    if tag == "inquire" or not clause.verb or (not clause.subject and _NOUN_USE.match(clause.rest)) \
            or verb in ("optimise", "optimize", "streamline"):
        return None  # "Review of the outage:" names a topic; "optimise the restore process" makes it run faster
    pledge = bool(_PRONOUN.match(clause.subject)) and _CONDUCT.match(clause.rest) is not None  # "we'll be clearer"
    conduct = _head_kind(noun_phrase(clause.subject)) == "quality"  # "communication ... needs to be clearer"
    if clause.verb == "be" and not clause.passive and (not clause.subject or person_subject(clause) or pledge
                                                       or conduct) and _BE_ADJECTIVE.match(clause.rest):
        quality = re.sub(r"^(?:(?:more|less|extra|very|really|a bit|much|far|even|better)\s+)+", "", clause.rest)
        return "soft", f"be {(quality.split() or ['…'])[0]}"  # "be prudent when ...": a disposition
    if clause.verb == "do" and clause.subject and _VAGUE_PLEDGE.match(clause.rest):
        return "soft", "do better"  # "we promise to do better": a pledge that names no act at all
    if clause.passive and document_subject(clause):
        return "docs", f"{clause.subject} … {verb}"
    if not clause.passive and tag not in ("change", "") and document_subject(clause):
        return "docs", clause.subject  # not "our process now requires ...": that changes a rule
    if tag in ("practice", "activity", "") and _TRIGGER.search(head):
        return None  # "notify the on-call when disk usage exceeds 90%": a trigger is a mechanism's spec
    if system_subject(clause) or _MEANS.search(clause.rest) or _FINDING_OUT.search(head):
        return None  # "the deploy tool now asks ...", "test restores in a scheduled job", "... to learn why"
    if clause.passive and clause.modal in ("is", "are", "was", "were", "am"):
        return None  # "the rollout is paused" describes; it asks nothing
    rest = clause.rest
    if clause.negated and person_subject(clause) and not _CONDITION.match(head):
        return "soft", f"{clause.subject} {clause.modal} not {verb}"  # a prohibition for people
    if tag == "cause":
        return _caused(verb, rest)
    obj = noun_phrase(re.sub(r"^(?:with|to)\s+", "", rest, flags=re.I))  # "talk to X", "sync with X"
    obj_kind = _head_kind(obj)
    if obj_kind == "runs" and verb not in _INSPECT:
        return None  # "use the release script when deploying": a mechanism carries the act
    if tag == "change" and any(kind_of([w]) == "runs" for w in noun_phrase(rest) + rest.split()):
        return None  # "replace the manual steps with a release script": the result is a mechanism
    if _ACTING_OBJECT.search(rest):
        return None  # "use a staging cluster that mirrors production": the object acts by itself
    if obj_kind == "document" and not clause.passive and verb not in _INSPECT and not sets_up_rule(verb, rest):
        return "docs", f"{verb} … {obj[-1]}"  # (reading or reviewing a document makes none)
    if open_question(rest, head):
        return None  # "check whether the bug affects the old branch" finds something out
    destination = None if tag == "change" else _destination(rest.split(",", 1)[0])
    if destination and not clause.passive:
        return "docs", f"{verb} … {destination}"
    if tag in ("change", "produce"):  # "strengthen the handovers", "improve planning around upgrades"
        act = verb in _DIRECTION and people_act_noun(obj, rest)  # "improve the review of config changes"
        # ... and "set up a weekly meeting to go over open alerts": an activity for people is made
        return ("soft", f"{verb} … {obj[-1]}") if obj_kind in ("quality", "practice", "activity") or act else None
    if tag == "" and not clause.subject and _PERSON_OCCASION.match(clause.lead):
        return "soft", f"{clause.lead} … {clause.verb}"  # "When coming back from leave, pre-scale ...": a practice
    if tag == "activity":  # "schedule upgrades during quiet hours": a practice when tied to an occasion
        if _inquiry(obj) and not _RECURS.search(head):
            return None  # "conduct a complete post mortem of the processes we followed": a one-off inquiry
        if carries_out_procedure(obj, rest):
            return None  # "conduct trial runs of the failover procedure on staging": the procedure is exercised
        occasion = _OCCASION.search(head)
        return ("soft", f"{verb} … {occasion.group()}") if occasion and obj_kind != "runs" else None
    if tag == "" and person_subject(clause) and not _WRITERS.match(clause.subject) and verb not in _OWNERSHIP:
        # A rule stated for people ("authors of client libraries should account for ..."): with a verb that
        # neither builds nor finds out, it asks for their conduct. "We should ..." is the writers' own plan,
        # read by its verb; who owns a thing is a decision.
        return "soft", f"{clause.subject} {clause.modal} {verb}"
    if tag not in ("practice", "people"):
        return obj_kind == "quality" and ("soft", f"{verb} … {obj[-1]}") or None  # "spread the knowledge"
    if obj and _CAPABILITY.search(obj[-1]):  # its head: "access requests" are requests
        return None  # "give the bot write access only during ...": a permission is a constraint
    if obj_kind in ("audience", "quality"):
        return "soft", f"{verb} … {obj[-1]}"
    if clause.ongoing:
        return "soft", f"continue to {verb}"  # "continue to track the issue": a person keeps doing it
    occasion = _OCCASION.search(head)  # the whole clause: a lead adverb ("Regularly review") counts
    if occasion:
        return "soft", f"{verb} … {occasion.group()}"
    if person_subject(clause):
        return "soft", f"{clause.subject} {clause.modal} {verb}"
    return None


# Verbs that name a direction, not a change: what they improve says what changes.
_DIRECTION = frozenset({"improve", "strengthen", "enhance", "refine", "bolster"})
# People's acts a system can carry: as a noun they may name the mechanism ("improve testing").
_SYSTEM_CAPABLE = frozenset({"test", "monitor", "track", "watch", "check", "backup", "alert", "log"})


def people_act_noun(obj: list[str], rest: str) -> bool:
    """The object's head names a person's act as a noun ('the review of ...', 'escalation', 'coordination'),
    and nothing in the item names an artefact: improving it changes how people work."""
    content = [w for w in obj if not _DETERMINER.match(w)]
    if not content:
        return False
    head = content[-1].lower()
    verb = denominal(head) or (head if head in verb_tags() else "")
    return verb_tags().get(verb, "") in ("people", "practice") and verb not in _SYSTEM_CAPABLE and not any(
        e.tag == "" for e, _ in lexicon.load("mechanism_objects").finditer(rest))


def opens_with_verb(text: str) -> bool:
    """The clause opens with a verb the lexicon knows: an imperative."""
    first = _WORDS.match(text.strip())
    return first is not None and bool(set(lemmas(first.group())) & verb_lemmas())


def open_question(rest: str, head: str) -> bool:
    """The verb's object is an open question ('whether ...', 'why ...') asked once, not at an occasion."""
    rest = re.sub(r"^(?:at|into|over|through|on)\s+", "", rest.strip(), flags=re.I)  # "look at why ..."
    return bool(_QUESTION.match(rest)) and not _OCCASION.search(head)


_MANNER = lazy(r"(?!only|early|family|supply|apply|reply|rely|fly)[a-z]{3,}ly", re.I)


def _with_finite_verb(clause: Clause) -> Clause:
    """'Our docs now explain ...' has no modal: the subject runs up to the first verb the lexicon knows."""
    words = clause.rest.split()
    while clause.verb in ("we", "i", "you") and words and re.fullmatch(r"\w+ly|also|now|still", words[0], re.I):
        words = words[1:]  # "We absolutely need ..."
    if clause.verb in ("we", "i", "you") and not clause.subject and words:
        first = words[0].strip(",.;:")
        guesses = [f for f in lemmas(first) if f in verb_lemmas()]
        if guesses:  # "We need better ...", "I test upgrades on a spare node first"
            return Clause(guesses[0], " ".join(words[1:]), False, tuple(guesses), clause.verb, "")
    if not _DETERMINER.match(clause.verb) or clause.subject:
        return clause
    for i, word in enumerate(words[:8]):
        known = set(lemmas(word.strip(",.;:"))) & verb_lemmas()
        finite = re.search(r"(?:s|ed)$", word.strip(",.;:")) or words[i - 1].lower() in ("now", "also", "already")
        if not known and finite and i > 0 and _MANNER.fullmatch(words[i - 1]):
            break  # "each app largely relies on mocked calls": the verb a manner adverb marks, though unknown
        if known and i > 0 and finite:
            verb = next(f for f in lemmas(word.strip(",.;:")) if f in known)
            subject = " ".join([clause.verb, *words[:i]]).lower()
            subject = re.sub(r"\s+(?:now|also|already|currently)$", "", subject)
            return Clause(verb, " ".join(words[i + 1:]), False, (verb,), subject, "")
    return Clause("", clause.rest)


def _caused(verb: str, rest: str) -> tuple[str, str] | None:
    """'have someone check', 'get a peer to review', 'make it a habit', 'let support know'."""
    kind, word = causee(rest)
    if kind == "audience" or kind == "quality" or (kind == "activity" and verb == "have"):
        return "soft", f"{verb} … {word}"  # ... "have more meetings with the supplier": people meet
    if kind == "document":
        return "docs", f"{verb} … {word}"
    return None


# A word that reads as an adjective: after a noun it is the state the causer makes, not a compound's head.
_ADJECTIVE = lazy(r"^(?:[\w-]+(?:ous|ive|ful|able|ible|ic|ant|ent|ary|ory|less|-only|ier|est)|safe|strict|slow|fast|"
                  r"clear|simple|secure|public|private|default|optional|required|idempotent|explicit)$", re.I)


def causee(rest: str) -> tuple[str, str]:
    """The kind of the first noun after 'have / get / make / let' that names a doer, and that noun.

    Read word by word: in "have the CI pipeline build the docs" the doer is the pipeline, not
    the docs; in "make it a habit" the habit says what is made.
    """
    words = [w for w in noun_phrase(rest) if not _DETERMINER.match(w)][:4]
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        if after and not set(lemmas(after)) & verb_lemmas() and not _ADJECTIVE.match(after):
            continue  # "make the admin panel read-only", "have the database team review": a modifier
        kind = kind_of([word]) or ("runs" if " ".join(words[max(0, i - 1):i + 1]).lower() in systems()
                                   or word.lower() in systems() else "")
        if kind in ("runs", "audience", "quality", "document", "activity"):
            return kind, word  # "get the load balancer to drain ...": a part of the system acts
    return "", ""


def _destination(rest: str) -> str | None:
    """A document the act puts something into: 'in the README', 'to the ops guide', 'into a cheat sheet'."""
    for match in _DESTINATION.finditer(rest):
        words = noun_phrase(match.group(1))
        if words and set(lemmas(words[0])) & verb_lemmas():
            continue  # "to adjust the changelog" is an infinitive, not a place
        if words and _head_kind(words) == "document":
            return words[-1]
    return None


def _bare_noun_item(head: str) -> tuple[str, str] | None:
    """'Runbook for the failover', 'Communication with partners during outages': a verbless item is
    read by its head noun; a document or a quality of people is what it asks for."""
    words = noun_phrase(head)
    if words and re.match(r"^an?$", words[0], re.I):
        words = words[1:]  # "A short guide on ...": an article opens a noun item as well
    if not words or _DETERMINER.match(words[0]) or _FINITE.search(head) or opens_with_verb(head) or (
            opens_with_catenative(head)):
        return None  # "Consider adding checksum verification ...": a verb and its act, read by the clause
    kind = _head_kind(words)
    if kind == "document":
        return "docs", words[-1]
    if kind == "quality" or verb_tags().get(denominal(words[-1]), "") == "people":
        return "soft", words[-1]  # ... or a people act named as a noun: "staff briefing on the new rules"
    return None


def _noun_item(head: str) -> tuple[str, str] | None:
    """'Better communication with partners', 'More attention to the region flag': no verb, a quality."""
    match = _COMPARATIVE.match(head)
    if not match:
        return None
    words = noun_phrase(head[match.end():])
    if words and lemma(words[0]) in verb_tags():
        return None  # "more" opening a clause, not a noun phrase
    kind = _head_kind(words)
    if kind in ("quality", "practice"):
        return "soft", f"{match.group().strip()} {words[-1]}"
    if kind == "document":
        return "docs", f"{match.group().strip()} {words[-1]}"
    return None
