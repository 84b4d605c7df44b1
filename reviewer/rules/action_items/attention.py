"""Readings that tell a change in people's attention from a change in what the system does.

An item is a guardrail when it names a mechanism that changes what the system allows or does,
even under a soft verb: "make sure the deploy script refuses to run when ..." gives a script a
behaviour. It is reminder-like when only people's attention, knowledge or intentions change,
even when mechanism words appear as the topic: "tell deployers to wait for the canary" leaves
the canary as it was. The readings here are structural (who acts, on what, where):

- ensure + a mechanism that is given a behaviour ("the job cannot start if ...", "the CLI asks
  for confirmation") builds something; ensure + a state a person confirms ("the tests pass")
  does not;
- a communication verb aimed at people ("tell / teach / instruct / onboard the rota ...") is a
  reminder whatever its message is about, unless the message itself asks them to build;
- a light verb with an act noun ("create a backup before ...", "do a review after ...") is that
  act, read like its verb;
- an act located at a meeting ("raise it at the all-hands") is talk;
- a pledge of effort ("invest more in", "prioritise", "get better at") or a manner asked of
  people ("prepare better", "go slower") names no act that changes anything.
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy
from reviewer.rules import lexicon
from reviewer.rules.action_items.clause import Clause, denominal, lemma, lemmas, main_clause, verb_tags
from reviewer.rules.action_items.people import heads_people, opens_with_people
from reviewer.rules.action_items.phrases import kind_of, noun_phrase, verb_of
from reviewer.rules.action_items.policy import sets_up_rule
from reviewer.rules.action_items.reading import _MEANS, _OCCASION
from reviewer.rules.agents import systems

# "make sure", "ensure", "be sure", "make certain": what follows says who changes.
_ENSURE = lazy(r"\b(?:make (?:sure|certain)|ensure|be sure|be certain)\s+(?:that\s+)?", re.I)
# What a mechanism does once given a behaviour: it refuses, limits, asks, fires, checks by itself.
# A state ("the tests pass", "the job is running") is what a person confirms, so it is not here.
_BEHAVIOUR = lazy(
    r"^(?:(?:can ?not|can['’]t|won['’]t|will not|does not|doesn['’]t|do not|don['’]t|never|only|always|also|"
    r"automatically|will|would|can only|must|should)\s+)*"
    r"(?:(?:expire|rotate|scale|replicate|throttle)[sd]?\b|"  # verbs only: not "renewals", "rotation"
    r"(?:start|run|refuse|reject|block|abort|stop|halt|fail|exit|ask|prompt|require|fire|page|alert|warn|notify|"
    r"check|validate|verify|detect|retry|roll|time|lock|deny|prevent|skip|pause|wait|confirm|log|report|"
    r"(?:be|is|are|gets?) (?:triggered|blocked|rejected|enforced|automated|disabled|locked))\w*\b)", re.I)
# A system given a property or a place: "has a hot standby", "are in different zones", "get the
# agent installed by default", "is read-only". A status ("is running", "are in sync") is not here.
_CONFIGURED = lazy(r"^(?:has|have|gets? (?:[\w-]+ ){0,5}by default|(?:is|are) not (?:exposed|reachable|public|"
                   r"accessible|writable|routable)|(?:is|are) (?:always |all |each )?(?:in|on|behind|"
                   r"across|spread|split|separated|isolated|replicated|redundant|encrypted|private|pinned|read-?only|"
                   r"limited|capped|restricted|set (?:up )?(?:to|with)|configured (?:to|with)|placed|hosted|"
                   r"(?:\w+ )?by default)|(?:runs?|lives?|sits?) (?:in|on|behind))\b", re.I)
# People in the complement who receive a system's act or hold a capability: "ensure we're alerted of
# lag", "make sure everyone on the rota has the permissions to roll back" (detection and a permission,
# not people asked to remember). A restriction on when an act may run ("make sure risky migrations
# only run during working hours") is a rule the schedule or the pipeline enforces.
# A subject, then a receiving verb: who the subject is, people or not, is asked of people.py.
_RECEIVES = lazy(r"^(?P<who>[\w@-]+(?:\s+[\w@-]+){0,8}?)\s*(?:are|is|['’]re|get|gets|will be|will get)\s+(?:always\s+|"
                 r"immediately\s+|automatically\s+|promptly\s+)?(?:alerted|paged|notified)\b", re.I)
_GRANTED = lazy(r"^(?P<who>[\w@-]+(?:\s+[\w@-]+){0,8}?)\s+(?:has|have|gets?|(?:is|are) given|(?:is|are) granted)\s+"
                r"(?:the\s+|enough\s+|sufficient\s+|(?:the\s+)?right\s+|(?:the\s+)?necessary\s+)?(?:[\w-]+\s+)?"
                r"(?:permissions?|access|rights|privileges|credentials|roles?)\b", re.I)


def _people_receive(after: str) -> bool:
    """People receive a system's act or hold a capability ('we're paged', 'everyone on the rota has access')."""
    return any((m := shape.match(after)) and opens_with_people(m.group("who"), served=True)
               for shape in (_RECEIVES, _GRANTED))


_ONLY_WHEN = lazy(r"^(?:[\w-]+\s+){1,8}?(?:are|is|can be|may be)?\s*only\s+(?:be\s+)?(?:run|runs|deployed|applied|executed|"
                  r"merged|released|made|started|scheduled|performed)\b(?:\s+[\w-]+){0,3}?\s+(?:during|between|"
                  r"after|outside|within|in)\b", re.I)
_ONLY_CAN = lazy(r"^only (?:[\w-]+ ){1,5}(?:can|may|is able to|are able to|has access|have access)\b", re.I)
_DETERMINER = lazy(r"^(?:the|a|an|our|all|every|each|any|this|these|those|new|its|their)$", re.I)
# Verbs that pass a message or a skill to people: what they are told about is the topic.
_TELL = frozenset({"tell", "teach", "instruct", "brief", "onboard", "educate", "train", "retrain", "inform",
                   "advise", "encourage", "urge", "coach", "mentor", "present"})
# People outside the team act on their own systems when asked ("ask the vendor to add ..."): not a reminder.
_OUTSIDE = lazy(r"\b(?:vendors?|providers?|upstream|suppliers?|partners?|hosts?|isps?)\b", re.I)
# A light verb before an act noun: "create a backup", "do a review", "take a snapshot".
_LIGHT = frozenset({"create", "take", "make", "do", "perform", "carry", "run", "conduct"})
_ACT_NOUN = lazy(r"^(?:a |an |the |one |another |extra |fresh |full |manual |quick |final |second )*"
                 r"(?:[\w-]+ )?(backup|snapshot|copy|review|check|sanity check|walkthrough|read-?through)s?\b", re.I)
# Verbs of a judging look (not 'check' or 'verify', which people repeat as a step).
_AUDIT = frozenset({"review", "audit", "inspect", "examine", "revisit", "reassess", "evaluate", "assess"})
# A meeting is where people talk: an act placed there is communication.
_MEETING = lazy(r"\b(?:at|in|during) (?:the |our |a |an |each |every |next |weekly |monthly |daily |upcoming |"
                r"quarterly |regular |team |engineering |company |internal |ops |[\w-]+ )+(?:all[- ]hands|meetings?|stand-?ups?|"
                r"syncs?|retros?|retrospectives?|forums?|town ?halls?|guild|brown[- ]bags?|demo days?|1:1s?|"
                r"one-on-ones?|huddles?|planning sessions?)\b", re.I)
# A pledge of effort names no act: "invest more in reliability", "prioritise stability".
_PLEDGE = frozenset({"invest", "prioritise", "prioritize", "focus", "strive", "endeavour", "endeavor", "commit",
                     "dedicate", "devote"})
_GET_BETTER = lazy(r"^(?:get|become|be|do)\s+(?:(?:much|far|a lot|a bit)\s+)?(?:better|a better job)"
                   r"(?=\s+(?:at|about|in|on|when|with|of)\b|\W*$)", re.I)  # not "get better data on ..."
# Finding out is investigation, whatever frame it sits in ("prioritise the investigation into ...",
# "do a review of the incident with the vendor").
_INQUIRY = lazy(r"\b(?:investigat\w*|root[- ]caus\w*|analy[sz]\w*|research\w*|diagnos\w*|debug\w*|"
                r"troubleshoot\w*|rca|review of (?:the |this |our )?(?:incident|outage|event|failure))\b",
                re.I)
_PRIORITY = lazy(r"^(?:[\w-]+ ){1,4}(?:a|our) (?:bigger|higher|top|greater|real|first|key|core) priority\b", re.I)
# A manner asked of people right after the verb: "prepare better for ...", "go slower on ...".
_MANNER = lazy(r"^(?:(?:much|far|a lot|a bit|even)\s+)?(?:better|slower|more slowly|more carefully|more cautiously|"
               r"more deliberately|more thoroughly|more conservatively|harder)"
               r"(?=\s+(?:at|about|in|on|for|when|with|before|during|after|next|going)\b|\W*$)", re.I)
# A manner at the end of the clause: "plan upgrades better", "review the diffs more carefully".
_MANNER_END = lazy(r"\b(?:better|slower|more slowly|more carefully|more cautiously|more thoroughly|more closely|"
                   r"more rigorously|harder)(?=(?:\s+(?:next time|in (?:the )?future|going forward|from now on))?"
                   r"(?:\s*\([^)]*\))?\W*$)", re.I)  # a time for it and an owner in brackets may follow
# A message people write or send by hand: "send a mail to the admin list", "write clearer updates".
_SEND = frozenset({"write", "send", "post", "publish", "give", "put", "draft", "issue", "share"})
_MESSAGE = lazy(r"\b(?:(?:e-?)?mails?|messages?|notes?|notices?|announcements?|heads-?ups?|updates?|posts?|"
                r"newsletters?|bulletins?|blog posts?|blogs?|write-?ups?|articles?|status updates?)$", re.I)
# An act named as a noun after a comparative: "more testing before deploying", "better planning of ...".
_MORE_ACT = lazy(r"^\W*(?:more|better|proper|improved|additional|extra|increased|careful|thorough|regular|closer|"
                 r"earlier|clearer)\s+(\w+(?:ing|ion|ment))\b", re.I)
# Making a plan writes a text people follow ("implement the plan" carries one out).
_PLANNER = frozenset({"make", "prepare", "have", "create", "write", "draft", "develop", "come up with", "put"})
# Upkeep a system can do on a schedule, and the frequencies only a machine keeps.
_UPKEEP = frozenset({"backup", "back", "snapshot", "prune", "renew", "restart", "reboot", "drain", "rotate", "purge",
                     "clear", "clean", "vacuum", "compact", "reindex", "archive", "sync", "refresh", "expire", "trim"})
_MACHINE_FREQUENCY = lazy(r"\b(?:nightly|hourly|daily|every (?:\d+ )?(?:night|day|hour|minute)s?|each (?:night|day|hour)|"
                          r"every \d+ \w+|once an? (?:day|hour|night))\b", re.I)
_PERSON_TIME = lazy(r"\b(?:before|after|when|whenever|while|prior to)\s+(?:\w+ing|you|we|someone|anyone|each|every|any)\b",
                    re.I)
# A purpose or an object of finding out, or a wait on an outside fix.
_FIND_OUT = lazy(
    r"\bto (?:see|find out|learn|understand|determine|decide|establish|identify|work out|figure out)"
    r"(?: (?:whether|if|why|how|what|when|which|where)\b|\s+(?:the|their|its|our|his|her)\b)|"
    r"\b(?:understanding|idea|picture) of (?:why|whether|what (?:happened|caused|went|triggered))\b|"
    r"\bfor (?:a|an|the) (?:upstream )?(?:fix|patch|release|response|answer)\b|"
    r"\b(?:when|until|once) (?:a|an|the) (?:upstream )?(?:fix|patch|release) (?:lands|ships|is (?:out|released|available|"
    r"merged))\b|^\W*(?:discuss|talk|check|ask|consult|decide|agree)\b.{0,80}?\b(?:whether|if)\b", re.I)
_INCIDENT_REVIEW = lazy(r"\b(?:review|analysis|examination) of (?:the |this |that )?(?:incident|outage|event|failure)\b",
                        re.I)  # "do a review of the incident with the vendor": finding out what happened
# How people handle a mechanism's output: neglecting it (forbidden) or responding to it (in time).
_NEVER = lazy(r"^\W*(?:never|do not|don['’]t|(?:we|you|operators|engineers|on-?call(?: engineers)?) (?:must|should) "
              r"(?:never|not))\s+", re.I)
_NEGLECT = frozenset({"ignore", "silence", "skip", "bypass", "snooze", "mute", "dismiss", "override", "disregard"})
_RESPOND = frozenset({"respond", "reply", "acknowledge", "ack", "answer", "react", "escalate", "triage"})
_WITHIN = lazy(r"\bwithin (?:\d+|an?|one|two|five|ten|fifteen|thirty) (?:minutes?|hours?|mins?|days?)\b", re.I)
# Where a text goes: "to the wiki", "into the alert description".
_INTO = lazy(r"\b(?:to|into|in|on|onto)\s+((?:the|a|an|our|each|every)\s+(?:[\w-]+\s+){0,3}[\w-]+)", re.I)
# Verbs of looking: a mechanism as what people look at is watched, not built ("look at alerts more often").
_LOOK = frozenset({"look", "check", "watch", "review", "read", "monitor", "inspect", "observe"})
# The way people do something: "improve how we handle incidents", "our incident response".
_OUR_WAY = lazy(r"^(?:on\s+|in\s+|at\s+)?(?:how|the way|the ways) (?:we|you|they|the team|teams|people|engineers|"
                r"staff|operators)\b|^(?:our|the|the team['’]s) (?:[\w-]+ )?(?:incident (?:response|handling|"
                r"management)|on-?call (?:practices|habits)|ways of working|practices|habits)\b", re.I)


def _names_mechanism(text: str) -> bool:
    return any(True for _ in lexicon.load("guardrail_signals").finditer(text)) or any(
        True for _ in lexicon.load("intention_signals").finditer(text))


def _mechanism_noun(words: list[str]) -> bool:
    """A system artifact or a mechanism that acts (the job, the deploy script, alerts, the CLI)."""
    content = [w for w in words if w.lower() not in ("the", "a", "an", "our", "all", "every", "each", "any", "this")]
    if not content:
        return False
    head = content[-1:]
    return kind_of(head) == "runs" or any(
        e.tag == "" for e, _ in lexicon.load("mechanism_objects").finditer(" ".join(head))) or bool(
        re.fullmatch(r"(?:cli|tool|command|binary|installer|api|endpoint|server|service|system|app|"
                     r"application|workers?|cron(?:job)?|deploy(?:er|ment)? script)", head[0], re.I))


def mechanism_complement(after: str) -> bool:
    """'... the job cannot start if ...', '... the CLI asks for confirmation': the complement of an
    ensure verb gives a mechanism a behaviour, so the item builds; '... the tests pass' is a state a
    person confirms. A system given a property ('the database has a hot standby', 'the web nodes are
    in two zones') or a permission ('only the deploy user can write ...') is built as well."""
    if _ONLY_CAN.match(after) or _people_receive(after) or _ONLY_WHEN.search(after):
        return True  # a permission boundary, a system that alerts the people, a rule on when an act may run
    words = after.split()
    for i in range(1, min(len(words), 7)):
        tail = " ".join(words[i:i + 8])
        if _BEHAVIOUR.match(tail):  # "the job cannot start", "access tokens expire after a day"
            return _system_noun([w.strip(",.;:") for w in words[:i]])
        if _CONFIGURED.match(tail):
            return _system_noun([w.strip(",.;:") for w in words[:i]])
    return False


def _system_noun(words: list[str]) -> bool:
    """A part of the system (not a document people read): 'the database', 'the web nodes', 'new VMs'."""
    content = [w.lower() for w in words if not _DETERMINER.match(w)]
    if not content or kind_of(content[-1:]) == "document":
        return False
    head = content[-1]
    return _mechanism_noun(content) or head in systems() or head.rstrip("s") in systems() or bool(
        re.fullmatch(r"vms?|instances?|machines?|hosts?|nodes?|clusters?|disks?|volumes?|buckets?|repos?|"
                     r"repositor(?:y|ies)|accounts?|users?|keys?|secrets?|tokens?|certs?|certificates?", head))


def ensured_mechanism(prose: str, start: int) -> bool:
    """The ensure cue at `start` is followed by a mechanism given a behaviour."""
    cue = _ENSURE.match(prose, start)
    return cue is not None and mechanism_complement(prose[cue.end():])


def watched_item(head: str) -> tuple[str, str] | None:
    """'Look at the alerts more often', 'check the dashboards every morning': a mechanism is what a
    person looks at, at an occasion; nothing is built (unless a further clause builds: '... and add ...')."""
    clause = main_clause(head)
    verb, _ = verb_of(clause)
    if verb not in _LOOK or clause.passive or clause.subject and not heads_people(clause.subject, modifiers=1):
        return None
    if verb == "look" and re.match(r"to\s+[a-z]", clause.rest.strip()):
        return None  # "we are looking to create ...": an aim, nobody looks at anything
    occasion = _OCCASION.search(head)
    if not occasion or _MEANS.search(clause.rest):
        return None
    return "soft", f"{verb} … {occasion.group()}"


def scheduled_upkeep(head: str) -> bool:
    """'Back up the config database nightly', 'take daily backups', 'prune old images every night': upkeep
    at a machine's frequency is a schedule the system keeps, not a habit (a person's occasion, 'before
    upgrading', keeps it a practice; so does 'manually', a strong cue read earlier)."""
    clause = main_clause(head)
    verb, _ = verb_of(clause)
    act = _ACT_NOUN.match(clause.rest) if verb in _LIGHT else None
    upkeep = verb in _UPKEEP or bool(act and act.group(1).lower() in ("backup", "snapshot", "copy")) or bool(
        verb in _LIGHT and re.match(r"^(?:\w+ )?(?:backups?|snapshots?)\b", clause.rest, re.I))
    return upkeep and bool(_MACHINE_FREQUENCY.search(head)) and not _PERSON_TIME.search(head) and not re.search(
        r"\b(?:manually|by hand)\b", head, re.I)


def our_way(clause: Clause) -> bool:
    """'Improve how we handle incidents': a change to the way people work, not an open question."""
    return verb_of(clause)[1] in ("change", "produce") and bool(_OUR_WAY.match(clause.rest.strip()))


def finding_out(head: str) -> bool:
    """'Monitor the cluster to see whether the leak comes back', 'talk to the vendor to understand their
    design', 'discuss at the sync whether we keep the replica', 'follow the upstream bug until a fix
    lands': the act serves finding something out, or waits on someone else's fix. Investigation."""
    return bool(_FIND_OUT.search(head) or _INCIDENT_REVIEW.search(head)) or _audits_once(head)


def _audits_once(head: str) -> bool:
    """'We need to review our proxy configuration': a judging look at a part of the system, tied to no
    occasion, is a one-off audit (finding out); at an occasion ('before each release') it is a habit."""
    clause = main_clause(head)
    if lemma(clause.verb) not in _AUDIT or clause.passive or _OCCASION.search(head):
        return False
    words = [w.strip(",.;:") for w in noun_phrase(clause.rest)]
    # a coordinated object ("our proxy and database configuration") is headed by its last noun
    coordinated = re.split(r"[,;:.(]", clause.rest, maxsplit=1)[0].split()
    return bool(words) and (_system_noun(words) or " and " in clause.rest and _system_noun(coordinated[-1:]))


def attended_item(head: str) -> tuple[str, str] | None:
    """'Never ignore alerts on staging', 'respond to pages within 15 minutes', 'never skip the canary':
    people handling what a mechanism already gives them. The alert or the canary is what they attend
    to; the item builds nothing."""
    prohibited = _NEVER.match(head)
    clause = main_clause(head[prohibited.end():] if prohibited else head)
    verb = lemma(clause.verb)
    if clause.passive or clause.subject and not heads_people(clause.subject, modifiers=1) or _MEANS.search(clause.rest):
        return None
    if prohibited and verb in _NEGLECT:
        return "soft", f"never {verb}"
    if verb in _RESPOND and (_OCCASION.search(head) or _WITHIN.search(clause.rest)):
        return "soft", f"{verb} …"
    return None


def document_item(head: str) -> tuple[str, str] | None:
    """'Write a runbook for the rate limiter', 'add a section on quotas to the wiki': a text made about
    mechanisms is still a text; the mechanisms are its topic. Not when the text goes into a mechanism
    ('add the runbook link to the expiry alert'): then the alert is what changes."""
    clause = main_clause(head)
    verb, tag = verb_of(clause)
    if tag not in ("produce", "record") or clause.passive or clause.negated or sets_up_rule(verb, clause.rest):
        return None  # "establish a process for handing over the pager": a decision rule, not a text
    obj = noun_phrase(clause.rest)
    content = [w for w in obj if not _DETERMINER.match(w)]
    if not content or kind_of(content[-1:]) != "document" or re.match(r"^\W*(?:\w+\s+)?[\w-]+\.[a-z]", clause.rest) \
            or re.search(r"\bautomatic(?:ally)?\b", head, re.I):
        return None  # "update the docs.rs source" names a system; "... automatically": the system acts
    for place in _INTO.finditer(clause.rest[len(" ".join(obj)):]):
        words = [w for w in noun_phrase(place.group(1)) if not _DETERMINER.match(w)]
        part = bool(words) and re.fullmatch(r"descriptions?|messages?|text|notifications?|body|annotations?|output",
                                            words[-1], re.I) is not None
        if words and (_mechanism_noun(words[-1:]) or part and any(_mechanism_noun([w]) for w in words)):
            return None  # "... to the new cert-expiry alert": the text goes into a mechanism
    return "docs", f"{verb} … {content[-1]}"


def told_item(head: str) -> tuple[str, str] | None:
    """'Tell deployers to wait for the canary', 'Onboard the contractors on our change policy': a
    message or a skill passed to people is a reminder; mechanism words in it are its topic.
    Not when the message asks them to build ('ask teams to add an alert') or goes outside the team."""
    clause = main_clause(head)
    verb, _ = verb_of(clause)
    if verb not in _TELL or clause.passive or clause.negated:
        return None
    words = noun_phrase(clause.rest)
    content = [w for w in words if w.lower() not in ("the", "a", "an", "our", "all", "every", "each", "any", "new")]
    if not content or kind_of(content[-1:]) != "audience" or _OUTSIDE.search(" ".join(words)):
        return None
    message = clause.rest[len(" ".join(words)):]
    asked = re.match(r"^\s*(?:to|that they|they)\s+(?:(?:always|never|not|also)\s+)*([\w-]+)", message, re.I)
    if asked and verb_tags().get(next((f for f in lemmas(asked.group(1)) if f in verb_tags()), ""), "") in (
            "change", "produce"):
        return None  # "ask teams to add alerts for their services": they are asked to build
    return "soft", f"{verb} … {content[-1]}"


def attention_reading(head: str) -> tuple[str, str] | None:
    """The structural readings above for an item that names no mechanism (the caller checked)."""
    if _names_mechanism(head) or re.search(r"\bby \w+ing\b", head, re.I) or _INQUIRY.search(head):
        return None  # "... by adding a handover bot": the item is read by the act that does it
    clause = main_clause(head)
    verb, tag = verb_of(clause)
    rest = clause.rest.strip()
    meeting = _MEETING.search(head)
    if meeting and clause.verb:
        return "soft", f"{verb} … {meeting.group().strip()}"  # "raise capacity at the next all-hands"
    if verb in _PLEDGE or (lemma(clause.verb) in _PLEDGE):
        obj = noun_phrase(re.sub(r"^(?:more|further|heavily|on|in|to)\s+(?:(?:on|in|to)\s+)?", "", rest, flags=re.I))
        if not _mechanism_noun(obj):
            return "soft", f"{verb} …"  # "invest more in reliability", "prioritise stability"
    if clause.verb == "make" and _PRIORITY.search(rest):
        return "soft", "make … a priority"  # "make reliability a bigger priority": no act named
    if _GET_BETTER.match(f"{clause.verb} {rest}"):
        return "soft", f"{clause.verb} better"  # "get better at estimating the blast radius"
    if tag != "change" and _MANNER.match(rest):
        return "soft", f"{verb} {_MANNER.match(rest).group()}"  # type: ignore[union-attr]
    if tag in ("change", "produce") and _OUR_WAY.match(rest):
        return "soft", f"{verb} … {' '.join(rest.split()[:3])}"  # "improve how we handle incidents"
    if tag in ("practice", "people", "activity") and _MANNER_END.search(rest):
        return "soft", f"{verb} … {_MANNER_END.search(rest).group().strip(' .!')}"  # type: ignore[union-attr]
    obj = noun_phrase(rest)
    if verb in _SEND and obj and _MESSAGE.search(" ".join(obj)):
        return "soft", f"{verb} … {obj[-1]}"  # "send a mail to the admin list before changing DNS"
    if verb in ("update", "brief", "warn") and obj and kind_of(obj[:1]) == "audience" and _OCCASION.search(head) \
            and not re.match(r"clients?$", obj[0], re.I):
        return "soft", f"{verb} … {obj[0]}"  # "update users more often during outages"
    if verb in _PLANNER and obj and re.fullmatch(r"plans?", re.sub(r"^(?:ready|available)$", "", obj[-1]) or obj[-2],
                                                 re.I) and not re.search(
            r"\b(?:query|execution|pricing|data|billing)\s+plans?\b", " ".join(obj), re.I):
        return "docs", f"{verb} … plan"  # "prepare a rollback plan before each migration": a text for people
    act = _MORE_ACT.match(head)
    if act and not clause.subject:
        noun = act.group(1).lower()
        tags = verb_tags()
        said = next((f for f in (*lemmas(noun), denominal(noun)) if f in tags), "")
        if said and (tags[said] in ("people", "record") or (tags[said] == "practice" and (
                said not in _LOOK | {"test", "audit"} or _OCCASION.search(head)))):
            return "soft", act.group().strip()  # "more testing before deploying": people doing more of an act
    if verb in ("monitor", "observe", "watch") and not clause.passive and (not obj or not _mechanism_noun(obj)) \
            and not re.search(r"\b(?:with|using|via|through|in) [A-Z][\w-]+", rest):  # "... with Prometheus": a tool
        return "soft", f"{verb} …"  # "monitor the memory use of the new nodes": people watching, no alert named
    if verb == "review" and obj and re.fullmatch(r"(?:processe?s?|procedures?|practices?|polic(?:y|ies))", obj[-1], re.I):
        return "docs", f"review … {obj[-1]}"  # "we will review our procedures": a text people follow is reread
    if verb in _LIGHT:
        act = _ACT_NOUN.match(rest)
        if act and _OCCASION.search(head):
            return "soft", f"{verb} … {act.group(1)}"  # "create a backup before running the migration"
    return None

