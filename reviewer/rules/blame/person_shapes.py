"""BL001's sentence shapes: who can be the agent, the acts, and the judges that tie an act to a failure.

Each `Shape` row is one way a sentence names a person as the cause: its pattern, the words it
needs (a cheap gate before the regex runs), and the judge that decides whether the act is tied
to the failure. blame_individual.py runs them and decides whether the agent is a person.
"""

from __future__ import annotations

import re

from reviewer.document import Segment
from reviewer.patterns import lazy
from reviewer.rules import agents, clauses, lexicon
from reviewer.rules.blame.non_act import (  # noqa: F401 - compound_shapes imports these from here
    _NOTHING,
    _REASON,
    _act_not_done,
    _step_missed,
    organisation_step,
)
from reviewer.rules.blame.planned import planned_take_down
from reviewer.rules.blame.shape import Shape, first_words, leading_words, words_of

# A name, or a chat/VCS handle ("@mkowal"): handles name people.
NAME_WORD = r"(?:@[A-Za-z][\w-]*|[A-ZÀ-ÖØ-ÞŁ][a-zß-öø-ÿłńśźżęąćóé'’-][\w'’-]*)"
_WHO = rf"(?<![\w'’-])(?P<who>{NAME_WORD}(?:\s+{NAME_WORD})?)"
_ROLE = (r"(?P<who>(?:the|our|an?|one)\s+(?:on-?\s?call\s+|oncall\s+|new\s+|junior\s+|senior\s+|primary\s+|"
         r"secondary\s+)?(?:engineer|SRE|DBA|operator|developer|dev|deployer|intern|new hire|contractor|admin|"
         r"on-?\s?call|oncall))")
STRONG = (r"(?:broke|caused|missed|ignored|skipped|bypassed|overlooked|misconfigured|messed\s+up|screwed\s+up|"
           r"took\s+down|brought\s+down|botched|mishandled|disregarded|dropped\s+the\s+ball|blew\s+away|nuked|"
           r"fumbled|borked|trashed|wiped\s+out)")
_STRONG_PERFECT = r"(?:broken|taken\s+down|brought\s+down|wiped\s+out|messed\s+up)"
TRIGGER = (r"(?:pushed|deployed|merged|ran|applied|shipped|approved|committed|deleted|dropped|removed|disabled|"
            r"changed|modified|edited|executed|rolled\s+out|introduced|typed|entered|truncated|overwrote|"
            r"force-pushed|kicked\s+off|triggered|turned\s+off|flipped|toggled|enabled|rotated|pointed|muted|"
            r"silenced|scaled|drained|promoted|opened|granted|upgraded|reconfigured|configured|set|"
            r"pushes|deploys|merges|runs|applies|ships|approves|deletes|drops|removes|disables|changes|"
            r"modifies|edits|executes|enables|rotates|points|mutes|silences|scales|drains|promotes|opens|"
            r"grants|upgrades|truncates|flips|toggles|capped|lowered|raised|reduced|increased|resized|cut|"
            r"caps|lowers|raises|reduces|increases|unknowingly\s+\w+ed)")
# Making something is neutral until the thing made is judged: "@kim added the faulty webhook".
CREATE = r"(?:added|adds|created|creates|wrote|writes|uploaded|installed|published|released|sent|built|tagged)"
# "I managed to push broken code", "we went ahead and deployed the untested build"
# ... and "I made a change that crashed the site": making a change is an act like any other.
_ANY_ACT = (r"(?:managed\s+to|went\s+ahead\s+and|decided\s+to|chose\s+to|proceeded\s+to)\s+[a-z]+|"
            r"made\s+(?:an?|the|some|this|that|my|our)\s+(?:[\w-]+\s+){0,2}?(?:change|edit|update|tweak|commit)s?")
NEGATION = r"(?:did\s+not|didn't|does\s+not|doesn't|was\s+not|wasn't)\s+(?:acknowledge|respond|answer|check|notice|look|escalate|follow|read|test|review|wait|ask|page|verify|confirm|run|update|tell|inform|notify)"
# Mitigation is not the failure: "Sam deployed the revert", "Ana scaled up to absorb load".
_MITIGATION = lazy(r"\b(?:fix|fixes|hotfix|revert|reverts|reverted|rollback|roll\s+back|rolled\s+back|mitigat\w*|"
                         r"restore\w*|recover\w*|ticket|incident|bridge|support\s+case|status\s+page|exposed|leaked|compromised|"
                         r"to\s+(?:absorb|relieve|reduce|stop|unblock|contain|drain\s+the\s+backlog))\b",
                         re.I, prefilter=True)
# Harm that an effect clause can name: "..., which led to an outage" judges the act; "..., which
# led to a large diff" only links it to a consequence.
_HARM = (r"outages?|incidents?|fail\w*|errors?|5\d\d|down|downtime|brok\w*|break\w*|crash\w*|loss|lost|losing|"
         r"corrupt\w*|wip\w+|delet\w*|degrad\w+|unavailab\w+|time-?outs?|timed\s+out|spik\w+|leak\w*|expos\w+|"
         r"breach\w*|stale|wrong|incorrect|disrupt\w*|problems?|issues?|bugs?|stuck|block\w*|overload\w*|"
         r"exhaust\w*|saturat\w*|pages?|paged|alerts?|alarms?|harm\w*|damag\w*|lockout|locked")
NEGATIVE = lazy(
    r"\b(?:bad|broken|faulty|wrong|incorrect|untested|unreviewed|buggy|invalid|malformed|bogus|rogue|"
    r"unapproved|unvetted|risky)\b(?!-\w)|\bwithout\b|\bnever\s+told\b|"
    r"\b(?:that|which)\s+(?:then\s+|immediately\s+|promptly\s+)?(?:broke|took\s+down|brought\s+down|"
    r"locked|deleted|corrupted|overloaded|wiped|crashed|"
    rf"(?:caused|triggered|led\s+to|started\s+the)(?=[^.;!?]{{0,80}}?\b(?:{_HARM})\b))",
    re.I,
)
_ADVERB = r"(?:\w+ly\s+)?"
# Adverbs between a negation and its verb: "did not yet know" is about "know", not "yet".
# "we did not in fact get ...": a sentence adverbial between the negation and the verb.
_NOT_ADVERB = r"(?:\w+ly\s+)?(?:(?:yet|even|ever|always|quite|fully|really|actually|just|once|then|in\s+fact)\s+)?"
# Any verb not done, named in the `verb` group for the judge ("did not copy", "didn't even test").
_ANY_STEP_NOT_DONE = rf"(?:did\s+not|didn['’]t)\s+{_NOT_ADVERB}(?P<verb>[a-z]+)\b"
_EFFECT = lazy(
    r"\b(?:caus\w+|broke|break\w*|sending|took\s+down|taking\s+down|led\s+to|leading\s+to|locked|locking|"
    r"outage|stale|wrong|reversed|lost|loss|climb\w*|spik\w*|fail(?!-?over|-?back|-?safe)\w*|5\d\d|errors?|blocked|blocking|wiped|"
    r"corrupt\w*|incorrect|broken|instead\s+of|scanned|breach\w*|dropp\w+|"
    r"delet\w*|before\s+(?:the|anyone|it|any)|never\s+(?:told|been)|without\b|skipp\w+|skip\b|--(?:skip|force|no-)\S*|bypass\w*|fell\s+over|"
    r"crash\w*|short\s+of|only\s+\d|too\s+early|prematurely|against\s+(?:the|our)\s+(?:policy|baseline|runbook|"
    r"checklist|process|freeze|guidance|advice|rules?))\b",
    re.I)
# For a role ("the contractor opened port 22 ..."), only a plain statement of harm counts.
_STRONG_EFFECT = lazy(r"\b(?:caus\w+|broke|break\w*|took\s+down|taking\s+down|led\s+to|leading\s+to|outage|"
                            r"fell\s+over|wiped|corrupt\w*|leak\w*|breach\w*|compromis\w*|scanned|lost|without\b|"
                            r"instead\s+of|wrong|incorrect)\b", re.I)
_CAUSAL_LEAD = lazy(r"\b(?:outage|incident|failure|errors?|silent|dropped|broke|began|started|traffic)\b[^.]*"
                          r"\b(?:when|because|after|once|as\s+soon\s+as)\s+$", re.I)
_BLAMING_THINGS = {"mistake", "error", "typo", "fat-finger", "screw-up", "blunder", "oversight"}
_CONSEQUENCE = lazy(r"\b(?:broke|caused|took\s+down|brought\s+down|triggered|led\s+to|resulted\s+in|"
                          r"started|corrupted|deleted|locked|overloaded|was\s+the|is\s+the|changed|set|removed|"
                          r"disabled|dropped|introduced|pushed|wiped|emptied|exposed|leaked|skipped|ignored|missed|"
                          r"bypassed)\b", re.I)


# People who are not named: first person, pronouns for people, groups and trades ("we", "the crew",
# "our contractors", "nobody from facilities"). Systems never take these words.
_PEOPLE_BODY = (r"(?:(?-i:I)|we|he|she|nobody|no\s+one|none\s+of\s+us|(?:the|our|my|a|an|some|all|several|many|multiple|other|few|both|its|their|these|those|one\s+of\s+(?:the|our|these|those))\s+"
           r"(?:[\w'’-]+\s+){0,2}?(?:team|crew|staff|staffers|personnel|contractors?|technicians?|operators?|engineers?|"
           r"developers?|admins?|maintainers?|guy|employees?|member\s+of\s+staff|staff\s+member|volunteers?|SREs?|DBAs?|"
           r"on-?call(?:ers?)?|responders?|reviewers?|deployers?|interns?|individuals?|officers?|workers?|installers?|"
           r"contributors?|committers?|(?-i:IC)|incident\s+commanders?|people|guys|folks|colleagues|co-?workers|teammates))")
_PEOPLE = rf"(?P<who>{_PEOPLE_BODY})"
PEOPLE_RE = lazy(_PEOPLE_BODY, re.I)
# Destroying production is its own judgement: "I dropped the production database"; so is letting
# something lapse: "we let the certificate expire".
_DESTROY = (r"(?:let|allowed)\s+(?:[\w'’-]+\s+){1,6}?(?:to\s+)?(?:expire|lapse|run\s+out|fill\s+up)\b|"
            r"(?:deleted|destroyed|wiped|erased|nuked)\s+everything\b(?!\s+(?:in|on|from|under|older|that|which|except)\b)|(?:dropped|deleted|destroyed|wiped|erased|truncated|overwrote|nuked|took\s+down|brought\s+down)\s+"
            r"(?:\w+\s+){0,3}?(?:production|prod|live|main|primary|customer)\b")
# ... and so is destroying a whole store of work that nobody called unwanted: "I deleted the project",
# "we had overwritten the boot sector" (not "I deleted the old test database", not "... on purpose").
_STORE = (r"(?:projects?|repositor(?:y|ies)|repos?|director(?:y|ies)|folders?|buckets?|mailbox(?:es)?|databases?|"
          r"DBs?|tables?|boot\s+sectors?|partition\s+tables?|partitions?|disks?|drives?|volumes?|servers?|"
          r"clusters?|namespaces?|file\s?systems?)")
_SPARED = (r"(?:old|older|unused|stale|leftover|temporary|temp|test|scratch|duplicate|empty|orphaned|obsolete|"
           r"incomplete|partial|corrupt(?:ed)?|failed|junk|spare|dev|local|extra|wrong|bad|broken)")
_DESTROY_STORE = (r"(?:dropped|deleted|destroyed|wiped|erased|truncated|overwrote|overwritten|nuked)\s+(?:out\s+)?"
                  r"(?:the|our|their|my|his|her|its|(?:an?\s+)?entire|all\s+(?:of\s+)?(?:the|our|my|their))\s+"
                  rf"(?!(?:[\w'’-]+\s+){{0,3}}?{_SPARED}\b)(?:[\w'’-]+\s+){{0,3}}?{_STORE}\b"
                  r"(?![^.;!?]*\b(?:on\s+purpose|intentionally|deliberately|as\s+planned|to\s+(?:free|make\s+room|"
                  r"clean|reclaim|save\s+space|start\s+(?:over|again|fresh))))")
_DESTROY = f"{_DESTROY}|{_DESTROY_STORE}"
# Harm done, as what someone is responsible for: "I was responsible for taking down checkout" (not
# "responsible for taking the backups": a duty).
_HARMING = (r"(?:causing|breaking|crashing|corrupting|(?:taking|bringing|knocking)\s+(?:[\w-]+\s+){0,4}?"
            r"(?:down|out|offline))\b")
# Steps a person takes; "did not <step>" names a missed step ("we did not test it with users").
_STEP_PAST_IRREGULAR = {"tell": "told", "let": "let", "read": "read", "run": "ran", "send": "sent", "keep": "kept"}


def _past(verb: str) -> str:
    if verb in _STEP_PAST_IRREGULAR:
        return _STEP_PAST_IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _steps() -> tuple[str, str]:
    bases = sorted(lexicon.load("steps").lower_terms, key=lambda t: (-len(t), t))  # a stable text across processes
    base = "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in bases)
    past = "|".join(re.escape(_past(b.split()[0])) + (r"\s+" + r"\s+".join(b.split()[1:]) if " " in b else "")
                    for b in bases)
    return base, past


_STEP, _STEP_PAST = _steps()
# "never" takes the past ("we never tested it"); "we never page on warnings" is a policy, not a lapse.
# ... and the pluperfect of a report ("staff had not followed the procedure").
_NOT_DONE = (rf"(?:(?:did\s+not|didn['’]t)\s+(?:\w+ly\s+)?(?:{_STEP})|(?:never|had\s+not|hadn['’]t|had\s+never)\s+"
             rf"(?:\w+ly\s+)?(?:{_STEP_PAST}))\b")
# Who, with a post-modifier naming where they sit: "the engineer on duty", "Dana from support".
_WHERE = (r"(?:\s+(?:on|at)\s+(?:the\s+)?(?:duty|call|shift|site|desk|night\s+shift)|"
          r"\s+(?:from|of|on|at)\s+(?:the\s+)?[\w-]+(?:\s+(?:team|desk|shift))?)?")
# A group by its trade with no determiner: "staff had not followed the procedure".
_BARE_GROUP = r"(?:staff|personnel|employees|engineers|operators|developers|contractors|technicians|officers|workers)"

def rest_of(match: re.Match[str]) -> str:
    groups = match.groupdict()
    return (groups.get("rest") or "") + " " + (groups.get("tail") or "")


def _object_judged(segment: Segment, match: re.Match[str]) -> bool:
    """A neutral act blames only with a judged object ("the untested build", "a PR that broke main").

    Only the act's own object counts: not a purpose ("a script to find the broken rows"), not an
    effect that was expected ("which locked the table, as planned"), and "without" only when what
    was left out is a check ("without review", not "without downtime")."""
    rest = segment.text[match.start("rest"):match.end("rest")]
    rest = _PURPOSE.split(rest, maxsplit=1)[0]
    if _MITIGATION.search(rest) or _EXPECTED.search(rest):
        return False
    judged = NEGATIVE.search(rest + " ")
    if judged and judged.group().lower() == "without":
        return bool(_WITHOUT_CHECK.search(rest))
    return bool(judged) and not _removes_faulty(segment, match, judged)


def _removes_faulty(segment: Segment, match: re.Match[str], judged: re.Match[str] | None) -> bool:
    """"removed the bad node from the pool": taking a faulty thing out is a remedy ("deleted the wrong
    index" is not: the target was wrong)."""
    return judged is not None and judged.group().lower() in _FAULTY \
        and bool(_REMOVAL.search(segment.prose, match.start(), match.start("rest")))


_REMOVAL = lazy(r"\b(?:removed|deleted|dropped|disabled|drained|removes|deletes|drops|disables|drains|truncated|"
                r"rotated|reverted)\b", re.I)
_FAULTY = frozenset("bad broken faulty buggy malformed bogus rogue invalid".split())


_PURPOSE = lazy(r"\b(?:to|so\s+that|in\s+order\s+to)\s+(?=[a-z]+\b)", re.I)
_EXPECTED = lazy(r"\bas\s+(?:expected|planned|intended|designed|scheduled)\b", re.I)
_WITHOUT_CHECK = lazy(r"\bwithout\s+(?:(?:running|doing|performing|taking|making|getting|asking\s+for|waiting\s+for|"
                      r"requesting)\s+(?:the\s+|a\s+|an\s+|any\s+)?(?:[\w-]+\s+)?)?(?:any\s+|a\s+|an\s+)?(?:review\w*|test\w*|approv\w*|check\w*|tell\w*|inform\w*|"
                      r"notif\w*|wait\w*|back(?:ing)?\s*up|backups?|confirm\w*|verif\w*|canary|staging|dry[\s-]run|"
                      r"ask\w*|permission|a\s+ticket|announc\w*)", re.I)


_JUDGED_THING = lazy(r"\b(?:mis[a-z]{4,}(?:ion|ment)s?|mistakes?|errors?|bugs?|typos?|regressions?)\b", re.I)


def _passive_judged(segment: Segment, match: re.Match[str]) -> bool:
    """The act is judged after the verb ("... by Sam without review"), or the passive's subject is the
    judged thing ("a misconfiguration was introduced by our team")."""
    rest = rest_of(match)
    subject = agents.clause_before(segment.prose, match.start())
    if _MITIGATION.search(subject + " " + rest):
        return False
    if _OWN_PASSIVE.search(match.group("rest")):
        return False  # "a bug was introduced upstream that was picked up by Flutter": the by-phrase is the relative's
    return bool(NEGATIVE.search(rest + " ") or _EFFECT.search(rest) or NEGATIVE.search(subject + " ")
                or _JUDGED_THING.search(subject))


# A relative clause with its own passive verb between the matched verb and "by": the agent is that verb's.
_OWN_PASSIVE = lazy(r"\b(?:that|which|who)\s+(?:was|were|is|are|got|has\s+been|had\s+been)\s+(?:\w+ly\s+)?[a-z]+", re.I)
# "thanks to" and "courtesy of" credit someone; they name a cause of the failure only beside a stated harm.
_CREDIT = lazy(r"(?:thanks\s+to|courtesy\s+of)\s", re.I)
_HARM_WORD = lazy(rf"\b(?:{_HARM})\b", re.I)


_THANKED_FOR = lazy(r"^\s+for\b", re.I)


def _credit_names_harm(segment: Segment, match: re.Match[str]) -> bool:
    """"we investigated more thanks to Pierre" credits a person; "thanks to Bob the site was down" blames;
    "thanks to Pierre for the patch" thanks him for a contribution, whatever harm the sentence names."""
    if _CREDIT.match(match.group()) and _THANKED_FOR.match(segment.prose[match.end():]):
        return False
    return not _CREDIT.match(match.group()) or bool(_HARM_WORD.search(segment.prose))


def _reduced_judged(segment: Segment, match: re.Match[str]) -> bool:
    """"a faulty config pushed by Dana ...": the noun the participle describes is judged, or what
    follows states harm plainly ("... took down search"); not a report or a fix made by someone."""
    subject = agents.clause_before(segment.prose, match.start())
    tail = match.group("tail") or ""
    if _MITIGATION.search(subject + " " + tail):
        return False
    return bool(NEGATIVE.search(subject + " ") or _JUDGED_THING.search(subject) or _STRONG_EFFECT.search(tail))


def _role_judged(segment: Segment, match: re.Match[str]) -> bool:
    after = segment.text[match.start("rest"):]
    return bool(_STRONG_EFFECT.search(after)) and not _MITIGATION.search(after)


def _trigger_judged(segment: Segment, match: re.Match[str]) -> bool:
    raw_rest = segment.text[match.start("rest"):match.end("rest")]  # flags inside `code` count ("--skip-canary")
    if _MITIGATION.search(raw_rest) or _EXPECTED.search(raw_rest):
        return False  # a fix, or an effect that was planned ("dropped the stale index, as planned")
    # "we deployed 2.3 and errors rose": first person doing a neutral act is neutral, like an
    # unnamed role; it blames only with a judged object ("we pushed the untested config").
    if _removes_faulty(segment, match, NEGATIVE.search(raw_rest + " ")):
        return False
    if match.group("who").lower() in ("we", "i"):
        return bool(NEGATIVE.search(raw_rest + " "))
    # A bare "Chiara changed X" is a timeline fact; it blames when the sentence ties it to the
    # failure ("..., sending 90% of traffic", "the outage began when ...").
    effect_from = 0
    unwanted = _UNWANTED_OBJECT.match(raw_rest)
    if unwanted and _REMOVAL.search(segment.prose, match.start(), match.start("rest")):
        effect_from = unwanted.end()  # "Maria deleted the stale records": what was removed was unwanted, a cleanup
    return bool(NEGATIVE.search(raw_rest + " ") or _EFFECT.search(raw_rest[effect_from:] + segment.text[match.end("rest"):])
                or _CAUSAL_LEAD.search(segment.prose[: match.start()]))


# Verbs that no one uses neutrally, except in a few fixed senses: "broke the job into batches",
# "missed our SLO" (an outcome, not a lapse); and a decision with its reason is a decision:
# "we skipped staging, as the fix was one line".
_SPLIT_INTO = lazy(r"^\s*(?:\w+\s+){0,3}?into\b", re.I)
_NOT_A_LAPSE = lazy(r"^\s+(?:our|the|its|their|this|that)\s+(?:[\w-]+\s+)?"
                         r"(?:SLOs?|SLAs?|targets?|deadlines?|window|goals?|objectives?|budgets?|numbers|estimates?)\b", re.I)
_DECISIONS = ("skipped", "ignored", "bypassed", "disregarded")


_NOTHING_AFTER = lazy(r"^\s+(?:nothing|none|nobody|no\s+\w+|anything)\b", re.I)
_APOLOGY_FOR = lazy(r"\b(?:sorry|apologi[sz]\w*|regret\w*)\b[^.;!?]{0,40}?\bfor\s+(?:the|any|all|this|that)\b[^.;:,!?]{0,60}$",
                    re.I)


# Destroying what the writer calls unwanted is a cleanup step: "wiped out the incomplete copies".
_DESTROYS = ("wiped", "nuked", "trashed", "blew away")
_UNWANTED_OBJECT = lazy(r"^\s+(?:(?:the|all|any|those|these|our|my|its)\s+)?(?:[\w-]+\s+){0,1}?"
                        r"(?:incomplete|partial|half-[\w-]+|stale|leftover|left-over|temporary|orphaned|corrupt(?:ed)?|"
                        r"duplicate|obsolete|unused|failed|junk)\b", re.I)


def _strong_judged(segment: Segment, match: re.Match[str]) -> bool:
    verb = re.search(rf"{STRONG}\s*$", match.group(), re.I)
    after = segment.prose[match.end():]
    if _NOTHING_AFTER.match(after):
        return False  # "we upgraded the cluster and broke nothing"
    if _EXPECTED.search(after.split(".")[0]) or (verb and planned_take_down(verb.group(), after)):
        return False  # "we caused a short blip of 502s while switching, as expected", "took down X to swap Y": planned
    if verb and verb.group().lower().startswith(_DESTROYS) and _UNWANTED_OBJECT.match(after):
        return False  # "I wiped out the half-restored files": a cleanup of what was not wanted, no harm
    if verb and ((verb.group().lower().startswith("broke") and _SPLIT_INTO.match(after))
                 or (verb.group().lower().startswith("missed") and (_NOT_A_LAPSE.match(after)
                                                             or not clauses.missed_a_signal(segment.prose, verb.start() + match.start(), match.end())))):
        return False
    # "sorry for the disruption we caused": the harm an apology names, not a finding of fault
    if verb and verb.group().lower().startswith("caus") and _APOLOGY_FOR.search(segment.prose[:match.start()]):
        return False
    # someone else's skip with a reason still singles them out; "we skipped X, as ..." is our own decision
    own = (match.groupdict().get("who") or "").lower() in ("we", "i")
    return not (own and verb and verb.group().lower().startswith(_DECISIONS) and _REASON.search(after))


def _possessive_judged(segment: Segment, match: re.Match[str]) -> bool:
    return match.group("thing").lower() in _BLAMING_THINGS or bool(_CONSEQUENCE.search(rest_of(match)))


# Job titles that single out whoever held them when "the"/"our" makes them one person.
_TITLE = (r"(?:on-?call|engineer|contractor|intern|new\s+hire|deployer|developer|operator|admin|administrator|"
          r"sysadmin|DBA|SRE|author|reviewer|approver|maintainer|release\s+manager|manager|technician|tester|"
          r"responder|incident\s+commander|team\s+lead|tech\s+lead|employee|staffer|moderator)")
_ROLE_WORDS = frozenset("engineer sre dba operator developer dev deployer intern hire contractor admin on-call oncall "
                        "call author reviewer captain ic lead administrator sysadmin approver maintainer manager "
                        "technician tester responder commander employee staffer moderator".split())
_PEOPLE_WORDS = frozenset({"i", "i've", "i’ve", "we've", "we’ve", "i'd", "i’d", "we'd", "we’d"}) | words_of("we he she nobody one none team crew staff staffers personnel contractor contractors technician "
                       "technicians operator operators engineer engineers developer developers admin admins maintainer dba dbas sre "
                       "sres on-call oncall "
                       "maintainers guy employee employees member volunteer volunteers "
                       "people guys folks colleagues coworkers co-workers teammates")
# strong-people's verb follows whitespace: the first words of its verb lists (leading_words reads
# _DESTROY's alternatives, so a new one is in the gate or fails at import).
_STRONG_PEOPLE_VERBS = first_words(STRONG) | first_words(_STRONG_PERFECT) | leading_words(_DESTROY)
# The word run a negated shape's auxiliary opens with ("didn't" -> "didn"), for `runs=`: a shape that
# adds a negation form adds its first word here.
DID_RUNS = frozenset({"did", "didn"})
DOES_RUNS = frozenset({"does", "doesn"})
HAD_RUNS = frozenset({"had", "hadn"})
_NEGATION_WORDS = frozenset("not didn't didn’t never doesn't doesn’t wasn't hadn't hadn’t".split())

def _names_fault(segment: Segment) -> bool:
    """The literal words "responsible" needs, one of them (its pattern is case-sensitive)."""
    return any(word in segment.prose for word in ("responsible", "blame", "fault", "cause"))


SHAPES: tuple[Shape, ...] = (
    Shape("strong", lazy(rf"{_WHO}\s+{_ADVERB}{STRONG}\b"), anchored=True, human_only=True, runs=first_words(STRONG),
          judge=_strong_judged),
    Shape("strong-role", lazy(rf"\b{_ROLE}\s+{_ADVERB}{STRONG}\b", re.I), needs=_ROLE_WORDS, runs=first_words(STRONG),
          judge=_strong_judged),
    Shape("strong-people", lazy(rf"\b{_PEOPLE}(?:\s+(?:have|has|had)|['’]ve|['’]d)?\s+(?:just\s+)?{_ADVERB}"
                                      rf"(?:{STRONG}|{_DESTROY}|{_STRONG_PERFECT})\b", re.I),
          judge=_strong_judged,
          needs=_PEOPLE_WORDS, runs=_STRONG_PEOPLE_VERBS),
    Shape("trigger", lazy(rf"{_WHO}\s+{_ADVERB}{TRIGGER}\b(?P<rest>[^.;!?]*)"), anchored=True, runs=first_words(TRIGGER),
          judge=_trigger_judged, rewrite="an engineer"),
    Shape("create", lazy(rf"{_WHO}\s+{_ADVERB}{CREATE}\b(?P<rest>[^.;!?]*)"), anchored=True, runs=first_words(CREATE),
          judge=_object_judged, rewrite="an engineer"),
    # First person (or he/she) doing a neutral act with a judged object; an unnamed role doing
    # the same ("an engineer pushed the bad config") is the neutral rewrite, so it is not here.
    Shape("people-act", lazy(rf"(?<![\w'’-])(?P<who>(?-i:I)|(?i:we|he|she))\s+(?:just\s+)?{_ADVERB}"
                                   rf"(?i:{TRIGGER}|{CREATE}|{_ANY_ACT})\b(?P<rest>[^.;!?]*)"),
          needs=frozenset({"i", "we", "he", "she"}), judge=_object_judged),
    Shape("role-trigger", lazy(
        rf"\b(?P<role>(?i:(?:the|our)\s+(?:[\w-]+\s+){{0,2}}?{_TITLE}(?:\s+on\s+(?:the\s+)?[\w-]+(?:\s+team)?)?))"
        rf"\s+{_ADVERB}{TRIGGER}\b"
        r"(?P<rest>[^.;!?]*)"), needs=_ROLE_WORDS, judge=_role_judged, runs=first_words(TRIGGER)),
    Shape("negation", lazy(rf"(?:{_WHO}|\b(?i:{_ROLE.replace('(?P<who>', '(?:')}))\s+(?i:{NEGATION})\b"),
          needs=_NEGATION_WORDS, human_only=True, judge=_step_missed,  # a stated reason makes it a decision
          runs=DID_RUNS | DOES_RUNS | {"was", "wasn"}),
    Shape("step-not-taken", lazy(
        rf"(?<![\w'’-])(?P<who>{NAME_WORD}(?:\s+{NAME_WORD})?|(?i:{_PEOPLE_BODY}|they|{_BARE_GROUP}|{agents.ORGANISATION}))(?i:{_WHERE})\s+"
        rf"(?i:{_NOT_DONE})"),
          needs=_NEGATION_WORDS, human_only=True, judge=organisation_step(_step_missed), runs=DID_RUNS | HAD_RUNS | {"never"}),
    Shape("act-not-done", lazy(
        rf"(?<![\w'’-])(?P<who>{NAME_WORD}(?:\s+{NAME_WORD})?|(?i:{_PEOPLE_BODY}|{agents.ORGANISATION}))(?i:{_WHERE})\s+"
        rf"(?i:{_ANY_STEP_NOT_DONE})"),
          needs=_NEGATION_WORDS, human_only=True, judge=organisation_step(_act_not_done), runs=DID_RUNS),
    # A judged pace of people: "we were too slow to roll back", "it took us far too long to notice".
    # ... also as the people's own act ("we took too long to roll back", "we waited too long") or a
    # slowness in acting ("we were slow to notice"); "the restore was slow" is about a thing.
    Shape("too-slow", lazy(rf"\b{_PEOPLE}\s+(?:was|were)\s+(?:\w+\s+)?too\s+(?:slow|late)\b|"
                           r"\btook\s+(?:us|me|him|her|the\s+team)\s+(?:\w+\s+)?too\s+long\b|"
                           rf"\b{_PEOPLE_BODY}\s+(?:\w+ly\s+)?(?:took|waited|spent|wasted)\s+(?:[\w-]+\s+){{0,3}}?"
                           r"(?:far\s+|much\s+|way\s+|a\s+bit\s+|slightly\s+)?too\s+long\b(?!\s+for\b)|"
                           rf"\b{_PEOPLE_BODY}\s+(?:was|were)\s+(?:\w+\s+)?(?:too\s+)?(?:slow|late)\s+(?:to|in)\s+\w+", re.I),
          needs=frozenset({"too", "slow", "late"})),
    # A belief held or a decision taken without the check that would test it: "we assumed it was the
    # network without checking", "Sam decided to restart it without asking the owner".
    Shape("belief-unchecked", lazy(
        rf"(?<![\w'’-])(?P<who>{NAME_WORD}|(?i:{_PEOPLE_BODY}|they))\s+(?:\w+ly\s+)?(?i:assumed|concluded|decided|believed|"
        r"presumed|trusted|guessed)\b[^.;!?]*?\b(?i:without\s+(?:first\s+|even\s+|actually\s+)?(?:check|verif|confirm|test|"
        r"look|ask|measur|read)\w*)"), needs=frozenset({"without"}), human_only=True),
    Shape("nobody-did", lazy(rf"\b(?i:nobody|no\s+one)(?:\s+(?:from|in|on)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?\s+"
                                   rf"(?i:{_STEP_PAST})\b"), needs=frozenset({"nobody", "one"}), judge=_step_missed),
    Shape("the-one", lazy(rf"{_WHO}\s+(?:was|is)\s+the\s+(?:one|person|engineer)\s+who\b"), anchored=True, runs=frozenset({"who"}),
          human_only=True),
    Shape("possessive", lazy(
        rf"{_WHO}['’]s\s+(?:\w+\s+)?(?P<thing>change|commit|PR|pull request|deploy|deployment|push|script|"
        r"command|query|config|merge|mistake|error|typo|migration|edit|fat-finger|screw-up|blunder|"
        r"oversight)\b(?P<rest>[^.;!?]*)"), anchored=True, human_only=True, judge=_possessive_judged, rewrite="a",
          may_open=lambda segment: "'s" in segment.prose or "’s" in segment.prose),
    Shape("cause-by", lazy(
        rf"\b(?:caused\s+by|due\s+to|because\s+of|thanks\s+to|courtesy\s+of|blame\s+(?:goes\s+)?(?:to|on)|"
        rf"traces?\s+back\s+to|traced\s+(?:back\s+)?to|c[oa]mes?\s+down\s+to|(?:was\s+)?triggered\s+by|"
        rf"initiated\s+by|started\s+by)\s+{_WHO}"),
        needs=words_of("caused due because thanks courtesy blame traces trace traced comes came come triggered "
                     "initiated started"), judge=_credit_names_harm),
    Shape("cause-by-people", lazy(
        rf"\b(?:caused\s+by|due\s+to|because\s+of|blame\s+(?:goes\s+)?(?:to|on)|traces?\s+back\s+to|"
        rf"traced\s+(?:back\s+)?to|c[oa]mes?\s+down\s+to)\s+{_PEOPLE}(?!['’]s)\b"
        r"(?!\s+(?:being|having|was|were|is|are)\b)", re.I),
        needs=words_of("caused due because thanks blame traces trace traced comes came come")),
    Shape("people-to-blame", lazy(
        rf"\b{_PEOPLE}\s+(?:is|was|were|are|am|['’]m)\s+(?:solely\s+|directly\s+|personally\s+|entirely\s+)?(?:responsible\s+for\s+"
        r"(?:the|this)\s+(?:outage|incident|failure|breakage)(?![\s-]+(?:response|review|management|handling|process|"
        rf"command\w*|channel|report|call|bridge|rota))|responsible\s+for\s+{_HARMING}|to\s+blame|at\s+fault)", re.I),
          needs=frozenset({"blame", "fault", "responsible"})),
    Shape("responsible", lazy(
        rf"{_WHO}\s+(?:is|was)\s+(?:solely\s+|directly\s+|personally\s+|entirely\s+)?(?:responsible\s+for\s+"
        r"(?:the|this)\s+(?:outage|incident|failure|breakage)(?![\s-]+(?:response|review|management|handling|process|"
        rf"command\w*|channel|report|call|bridge|rota))|responsible\s+for\s+{_HARMING}|to\s+blame|at\s+fault|the\s+(?:root\s+)?cause)"),
        anchored=True, human_only=True, may_open=_names_fault),
    Shape("passive", lazy(
        r"\b(?:was|were|got)\s+(?:\w+ly\s+)?(?:pushed|deployed|merged|run|applied|approved|deleted|dropped|"
        r"changed|shipped|committed|rolled\s+out|introduced|broken|typed|edited|raised|lowered|scoped|"
        r"decommissioned|promoted|disabled|removed|set|granted|created|configured|executed|performed|carried\s+out|"
        r"issued|entered|installed)\b(?P<rest>[^.;!?]*?)"
        rf"\bby\s+(?:{_WHO}|(?P<role>(?i:(?:the|our)\s+(?:[\w-]+\s+){{0,2}}?(?:{_TITLE}|team|crew))))(?P<tail>[^.;!?]*)"),
          needs=frozenset({"by"}), judge=_passive_judged),
    # The same act in a reduced relative: "an incorrect switch-over sequence performed by the vendor
    # caused ..."; the noun it describes is the judged thing, or the sentence names the harm after it.
    Shape("passive-reduced", lazy(
        r"(?<=[\w,]\s)(?:deployed|merged|applied|approved|pushed|introduced|executed|performed|carried\s+out|"
        r"issued|entered|typed|run)\s+by\s+"
        rf"(?:{_WHO}|(?P<role>(?i:(?:the|our)\s+(?:[\w-]+\s+){{0,2}}?(?:{_TITLE}|team|crew|vendor|supplier))))(?P<tail>[^.;!?]*)"),
          needs=frozenset({"by"}), judge=_reduced_judged),
    Shape("passive-strong", lazy(
        r"(?i:\b(?:was|were)\s+(?:not\s+read|left\s+unread|ignored|missed|overlooked|skipped|neglected|"
        r"disregarded|not\s+followed|not\s+checked|not\s+acknowledged|dismissed|silenced|muted)\b[^.;!?]*?\bby\s+)"
        rf"(?:{_WHO}|(?P<role>(?i:(?:the|a|an|our)\s+(?:[\w-]+\s+){{0,3}}?(?:on-?call|engineer|admin|contractor|"
        r"responders?|author|deployer|reviewer|developer|operator|intern|SRE|DBA|IC|captain|lead|team))))"),
        needs=frozenset({"by"})),
)
# Shape kinds by agent (compound_shapes.py adds shapes of these kinds too).
PRONOUN_SHAPES = frozenset({"belief-unchecked", "step-not-taken", "pluperfect-not-done", "managed-to-harm", "act-not-done", "act-not-done-and", "strong-and", "instead-of",
                            "instead-of-lead"})  # shapes whose agent may be "we", "they" or a group
NAMELESS = frozenset({"strong-role-modified", "subjectless-not-done", "subjectless-act", "subjectless-strong", "staff-mishandled", "too-slow", "strong-role", "role-trigger", "strong-people", "nobody-did", "people-act",
                       "cause-by-people", "people-to-blame"})  # the agent is a role or group
