"""Who is the subject of a clause: a person, a system, or unknown.

Blame rules need this to tell "Bob failed to renew the cert" (a person, blame) from
"the deploy failed to start" (a system, fine). Heuristics, precision first: when the
subject is unclear a rule should stay quiet unless its phrase blames on its own.
"""

from __future__ import annotations

import re
from enum import Enum

from reviewer.patterns import lazy
from reviewer.rules import lexicon

_CLAUSE_BREAK = lazy(r"[,;:()\u2014\u2013]|\s-\s|\b(?:and|but|because|when|while|which|that|so|after|before|since|until|although|though|then|as)\b", re.I)
_WORD = lazy(r"[^\W\d_][\w'’-]*", re.U)
def _title_word(word: str) -> bool:
    # "Jean-Luc" is a name; "Cert-manager" is a tool.
    parts = [p for p in word.replace("’", "'").split("-") if p]
    if not parts:
        return False
    for part in parts:
        core = part.replace("'", "")
        if not (len(core) > 1 and core[0].isupper() and core[1:].islower() and core.isalpha()):
            return False
    return True


_NOT_NAME_ENDINGS = ("ing", "ed", "ly", "tion", "ment", "ness", "ity", "ies", "ize")  # "Minimize ..." is a verb
# Sentence-initial words that are capitalised only because they start the sentence.
_COMMON_INITIALS = frozenset(
    "the a an this that these those it its there then when while after before during at on in "
    "by for from to with without our we they he she i you unfortunately however also finally "
    "meanwhile later around about nobody somebody someone everyone no one root cause impact "
    "timeline summary action resolution detection once because since although if as security engineering "
    "platform infra infrastructure ops support management leadership product customer customers users "
    "traffic load latency everything nothing something each every both all some most many one two three "
    "monitoring alerting proper quick manual automated naturally surely again instead today yesterday "
    "tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)

COMMON_INITIALS = _COMMON_INITIALS  # for rules that trim sentence-opening filler off a name


_FILLERS = frozenset("also then just simply again still never only really unfortunately sadly ultimately "
                     "apparently".split())


class Agent(Enum):
    PERSON = "person"
    SYSTEM = "system"
    UNKNOWN = "unknown"


def names() -> frozenset[str]:
    return lexicon.load("names").lower_terms


def roles() -> frozenset[str]:
    return lexicon.load("roles").lower_terms


def systems() -> frozenset[str]:
    return lexicon.load("systems").lower_terms


def clause_before(text: str, pos: int) -> str:
    """The text from the start of the clause holding `pos` up to `pos`."""
    head = text[:pos]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


# A parenthetical is not part of the clause around it: "an extension (that X requires) was removed".
_PARENTHETICAL = lazy(r"\([^()]*\)")
_COORDINATORS = frozenset({"and", "but", "then", "or", ",", "so"})
# Words that can open a clause's own subject; a coordinated clause opening with anything else
# (a verb: "... and mistakenly concluded", "..., but clones the wrong branch") shares the subject
# of the clause before it.
_SUBJECT_OPENERS = frozenset(
    "the a an this that these those it its our their my his her your we they i he she you nobody someone somebody "
    "everyone everybody anyone no none some all there one each both neither either".split()
)


def _classify(words: list[str], accepted: frozenset[str], subject_first: bool = False,
              loose_initial: bool = False) -> Agent:
    """Person, system or unknown, from the words of a clause up to its verb phrase."""
    lowered = [w.lower() for w in words]
    if lowered and lowered[-1] == "who":
        return Agent.PERSON  # "personnel who failed to": `who` only refers to people
    if subject_first and not _PERSONAL.isdisjoint(lowered):
        return Agent.PERSON  # "X reverts his change and ...": only people have a "his"
    if not subject_first and _leading_role(words):
        return Agent.PERSON  # "The developer creating the pull request misjudged ..."
    if not subject_first:
        # The subject sits right before the verb: multi-word roles and systems first ("health check").
        for candidate in (" ".join(lowered[-2:]), lowered[-1]):
            if candidate in systems():
                return Agent.SYSTEM
    for index, low in enumerate(lowered):
        if low in accepted:
            continue
        if _is_role(low) or " ".join(lowered[index : index + 2]) in roles() or words[index].startswith("@"):
            return Agent.PERSON
        if is_name(words, index, loose_initial=loose_initial):
            return Agent.PERSON
        if subject_first and (low in systems() or " ".join(lowered[index : index + 2]) in systems()):
            return Agent.SYSTEM
    if any(w in systems() for w in lowered):
        return Agent.SYSTEM
    return Agent.UNKNOWN


_PERSONAL = frozenset("his her him himself herself".split())
_MODIFIERS = frozenset("the a an our their one new junior senior same other first second lead".split())


def _leading_role(words: list[str]) -> bool:
    """The clause opens with a role ("the developer ...") that is not a modifier ("the operator dashboard")."""
    for index, word in enumerate(words[:3]):
        low = word.lower()
        if low in _MODIFIERS:
            continue
        if low not in roles() or low in ("we", "i", "you", "they", "he", "she") or "'" in word or "’" in word:
            return False
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        return following not in systems() and following not in roles() and not following.endswith(("'s", "’s"))
    return False


_PRONOUNS = frozenset("i we you he she they".split())


def is_role_word(low: str) -> bool:
    """A role or group word, singular or plural ("engineer", "SREs", "crew")."""
    return _is_role(low)


def _is_role(low: str) -> bool:
    """A role word, singular or plural ("SREs", "DBAs", "on-callers"), or an occupation by its form."""
    if low in roles():
        return True
    stem = low[:-1] if low.endswith("s") and len(low) > 3 else ""
    return (bool(stem) and stem in roles() and stem not in _PRONOUNS) or _OCCUPATION.fullmatch(low) is not None


# Occupations named by their suffix (pharmacist, clinician, librarian, caseworker): an open class the
# role list cannot keep up with. Not the -ist verbs and list nouns (insist, checklist; specialist is one); a bare
# "worker" stays a system noun as often as a person, a one-word compound on it is a trade.
_OCCUPATION = lazy(r"(?!(?:\w*[^a]list|\w*exist|assist|persist|resist|consist|insist|subsist|desist)s?$)"
                   r"[a-z]{3,}ists?|[a-z]{2,}(?:ician|arian)s?|[a-z]{3,}workers?")


def _words(chunk: str) -> list[str]:
    # A host or domain name ("docs.example.dev", "HE.net") names a service: its parts are no
    # role ("dev") or pronoun ("HE").
    chunk = _HOSTNAME.sub(" service ", chunk)
    return [w for w in _HANDLE_OR_WORD.findall(chunk) if w.lower() not in _FILLERS]


_HANDLE_OR_WORD = lazy(r"@[\w-]+|[^\W\d_][\w'’-]*", re.U)
_HOSTNAME = lazy(r"(?<![@\w.])[A-Za-z0-9][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:[a-z]{2,}|NET|COM|ORG|IO|DEV)\b(?![.\w]*@)")


_IRREGULAR_PAST = frozenset("ran sent made took left put set got went did had was were forgot broke chose wrote told "
                            "thought saw found gave kept lost read hit cut shut".split())


_NOT_VERBS_AFTER_TO = frozenset("the a an our my your their his her its this that these those all each every some any no "
                                "be me us them him it".split())


def _opens_with_verb(words: list[str]) -> bool:
    """Does a coordinated clause open with a finite verb, or an infinitive ("..., then to pause the
    queue"): no subject of its own?"""
    first = words[0]
    low = first.lower()
    if low == "to" and len(words) > 1 and words[1][:1].islower() and words[1].lower() not in _NOT_VERBS_AFTER_TO:
        return True
    if not first[:1].islower() or low in _SUBJECT_OPENERS or low in roles() or low in systems():
        return False
    return low in _IRREGULAR_PAST or low.endswith("ed") or (low.endswith("s") and not low.endswith(("ss", "us", "is")))


_GERUND_SUBJECT = lazy(r"(?<![\w'’-])(?:me|us|him|her)\s+$", re.I)
_GERUND = lazy(r"(?:\w+ly\s+)?[a-z-]+ing\b", re.I)


def subject_of(text: str, pos: int, accepted: frozenset[str] = frozenset(), loose_initial: bool = False) -> Agent:
    """Classify the subject of the clause whose verb phrase starts at `pos`.

    A clause with no subject of its own after "and"/"but"/"," (a coordinated verb phrase)
    takes the subject of the clause before it: "We read the notes and mistakenly skipped step 3".
    A gerund's subject in the object case is a person: "which led to us misreading the limits".
    """
    # (the gerund first: an anchored match, where the pronoun test searches the whole head)
    if _GERUND.match(text, pos) and _GERUND_SUBJECT.search(text, 0, pos):
        return Agent.PERSON
    head = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), text[:pos])
    breaks = list(_CLAUSE_BREAK.finditer(head))
    end = len(head)
    inherited = False
    for i in range(len(breaks) - 1, -2, -1):
        start = breaks[i].end() if i >= 0 else 0
        words = _words(head[start:end])
        coordinated = i >= 0 and breaks[i].group().strip().lower() in _COORDINATORS
        end = breaks[i].start() if i >= 0 else 0
        if words and not (coordinated and _opens_with_verb(words)):
            # an inherited subject opens its clause: classify its first words only
            return _classify(words[:4] if inherited else words, accepted, subject_first=inherited,
                             loose_initial=loose_initial)
        if not coordinated:
            return Agent.UNKNOWN
        inherited = True
    return Agent.UNKNOWN


def subject_before_verb(text: str, pos: int, accepted: frozenset[str] = frozenset()) -> Agent:
    """The subject of a clause whose verb comes before `pos`: a trailing adverbial ("Jamal ran the
    purge against prod by mistake") qualifies the act of the words before the clause's first past
    verb. A lone capitalised word there reads as a name (the adverbial judges a person's act)."""
    head = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), text[:pos])
    words = _words(clause_before(head, pos))
    for index, word in enumerate(words[1:5], start=1):
        low = word.lower()
        if low in _IRREGULAR_PAST or (low.endswith("ed") and len(low) > 3 and word[:1].islower()):
            return _classify(words[:index], accepted, loose_initial=True)
    return Agent.UNKNOWN


# ... also after a lead phrase with no subject of its own ("While shipping the poll, forgot to ..."):
# its verb is a gerund, so the note's subject is still the writer.
_CLAUSE_OPENING = lazy(r"(?:^|[:;]|\s[-–—])\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\w+ly,?\s+)?"
                       r"(?:(?i:while|when|after|before|during|since|on|upon)\s+[a-z]+ing\b[^,.;:!?()]{0,80},\s+)?$")


_CONJOINED = lazy(r"\b(?:and|but)\s+(?:then\s+)?(?:\w+ly\s+)?$", re.I)
_OPENINGS = lazy(r"(?:^|[.!?:;]|\s[-–—])\s*(?:[-*+]\s+|\d+[.)]\s+)?")


# A gerund is an act as the object ("Missed adding the alert", "Forgot updating the DNS record").
_OBJECT_OPENS = lazy(r"^\s+(?:the|a|an|our|this|that|these|those|their|its|his|her|my|all|every|both|it|them|to|"
                    r"about|how|what|why|which|whether|we|i|there|[a-z]{2,}ing\s+(?:the|a|an|our|this|that|these|those|"
                    r"their|its|my|all|some|any|a\s+few|few))\b", re.I)


def subjectless_act(text: str, pos: int, end: int) -> bool:
    """`subjectless`, and the verb at text[pos:end] takes an object: "Overlooked the notice", not the
    adjective in "Overlooked areas: none"."""
    return (bool(_OBJECT_OPENS.match(text[end:])) or _sole_predicate(text, end)) and subjectless(text, pos)


# A finite verb or a label's colon after the opening participle: then the participle is an adjective
# ("Missed alerts are retried", "Overlooked areas: none").
_FINITE_AFTER = lazy(r"[:]|\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|should|must|may|might|"
                     r"do|does|did|get|gets|got|stay|stays|remain|remains)\b", re.I)
_BARE_PLURAL = lazy(r"\s+[a-z][a-z-]*[^s's]s\b(?!['’])", re.I)


def _sole_predicate(text: str, end: int) -> bool:
    """The note's opening verb is the only verb of a finished sentence ("Missed backward compatibility
    for the old clients."): the words after it are its object, whatever they open with. Not a title
    (no closing stop), and not a bare plural after it ("Missed heartbeats on the relays." reads as a
    noun phrase as often as a note)."""
    rest = text[end:]
    stop = re.search(r"[.!]\s*$", rest)
    if stop is None or _BARE_PLURAL.match(rest):
        return False
    return not _FINITE_AFTER.search(rest, 0, stop.start())


def subjectless(text: str, pos: int) -> bool:
    """The verb at `pos` opens its sentence with no subject: a note whose subject is the writer
    ("Forgot to renew the cert", "- Missed the expiry warning", "Lessons: didn't test the restore"),
    or follows "and"/"but" after a first predicate that has none either ("Upgrade - was patching the
    proxy and forgot the cache")."""
    if _CLAUSE_OPENING.search(text, 0, pos):
        return True
    conjoined = _CONJOINED.search(text, 0, pos)
    if conjoined is None:
        return False
    opening = [m.end() for m in _OPENINGS.finditer(text, 0, conjoined.start())]
    first = text[opening[-1] if opening else 0:conjoined.start()].split()
    if not first or not first[0][:1].islower():
        return False
    low = first[0].lower()
    return low in ("was", "were") or low in _IRREGULAR_PAST or (low.endswith(("ed", "ing")) and len(low) > 4)


# Bodies that act through their people ("the council", "the force", "the vendor"): their failures to
# take a step are some person's, unlike a product's ("Acme Mail failed to deliver").
ORGANISATION_BODIES = (r"school|council|company|bank|force|hospital|agency|firm|department|organi[sz]ation|authority|"
                       r"office|university|trust|ministry|data\s+(?:controller|processor)")  # the legal persons of data protection law
_ORGANISATION_CLAUSE = lazy(rf"^\W*(?:the|our|their|its|a|this|that)\s+(?:[\w-]+\s+){{0,2}}?(?:{ORGANISATION_BODIES}|"
                            r"vendor|supplier|provider|contractor|police|regulator|board|management)\s*$", re.I)


# An organisation named by its kind, as an agent: "the vendor", "our hosting provider", "the council".
ORGANISATION = (rf"(?:the|our|their|its|a|this|that)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{ORGANISATION_BODIES}|vendors?|suppliers?|"
                r"providers?|partners?|registrars?|regulators?|police|board|management)")
ORGANISATION_RE = lazy(ORGANISATION, re.I)
# Verbs software does on its own: an organisation not doing these names its systems ("the bank did not
# process the batch"), unlike a step only its people take ("the vendor did not notify us").
SYSTEM_VERBS = frozenset("process load start connect respond sync resolve run return handle complete work boot "
                         "deliver serve send receive render update compile build parse route authenticate "
                         "validate renew scale recover restart replicate charge".split())


def organisation_subject(text: str, pos: int) -> bool:
    """The clause before `pos` is an organisation that acts through people: "the force | failed to"."""
    head = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), text[:pos])
    return bool(_ORGANISATION_CLAUSE.match(clause_before(head, pos)))


def _strip_possessive(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")


_GROUP_NOUNS = frozenset("team squad group project org organisation organization company".split())  # "Team Blue"
_DETERMINERS = frozenset("the a an our their its this that these those your my his her every each".split())


def _names_a_thing(previous: str) -> bool:
    """People's names take no determiner and follow no identifier-like token (digits, inner capitals)."""
    return previous.lower() in _DETERMINERS or previous.lower() in _GROUP_NOUNS or any(c.isdigit() for c in previous) \
        or (any(c.isupper() for c in previous[1:]) and not previous.isupper())


def is_name(words: list[str], index: int, at_sentence_start: bool | None = None, loose_initial: bool = False) -> bool:
    """A known given name, or a Title-case word that is not sentence-initial filler.

    `loose_initial`: the verb is one only people do ("accidentally deleted"), so an unknown
    capitalised word that is the whole subject reads as a name even at the sentence start."""
    word = _strip_possessive(words[index])
    if word.lower() in names() and _title_word(word):
        return True
    if not _title_word(word) or word.lower() in _COMMON_INITIALS or word.lower() in systems() \
            or word.lower() in roles():
        return False  # "Team Payments", "Staff" are groups, not a named individual
    if index > 0 and _names_a_thing(words[index - 1]):
        return False  # "the Stargate strategy", "our Grafana", "yvUSDC Vault": a product, not a person
    first = (index == 0 or _in_opening_run(words, index)) if at_sentence_start is None else at_sentence_start
    # Sentence-initial capitals prove nothing: "Geth failed to sync", "Prow failed to load" are
    # software. Only a known given name (checked above) reads as a person there, or a lone
    # singular word before an act only people do.
    return not first or (loose_initial and len(words) == 1 and not plural_like(word)
                         and not word.lower().endswith(_NOT_NAME_ENDINGS))  # "Minimize ..." is a verb


def _in_opening_run(words: list[str], index: int) -> bool:
    """The word continues a run of capitals that opens the clause with an unknown word: "Acme Corp",
    "Lets Encrypt", "Harbor Registry" are one name, and an unknown opening capital proves nothing
    (a product or an organisation), so neither do the words after it. "Dana Reyes" (a known given
    name) and "Then Marlow" (filler) are not such runs. Used where a clause's subject is guessed
    (`subject_of`); a shape that has matched a name before a judged act keeps its own test."""
    if index == 0 or not all(_title_word(w) for w in words[:index]):
        return False
    head = _strip_possessive(words[0]).lower()
    return head not in names() and head not in _COMMON_INITIALS


def plural_like(word: str) -> bool:
    """An unknown capitalised word that reads as a plural noun ("Validators", "Nodes"), not a name."""
    low = word.lower()
    return low not in names() and len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "os"))


def person_at(text: str, start: int, end: int, loose_initial: bool = False) -> bool:
    """Is text[start:end] a person reference (name, or role phrase)?"""
    chunk = text[start:end].strip()
    if re.fullmatch(r"@[A-Za-z][\w-]*", chunk):
        return True  # a handle names a person
    words = _WORD.findall(chunk)
    if not words:
        return False
    low = " ".join(w.lower() for w in words)
    if low in roles() or low.removeprefix("the ") in roles() or low.removeprefix("an ").removeprefix("a ") in roles():
        return True
    initial = not text[:start].strip() or bool(re.search(r"(?:[.!?:|*_]|\d\**|UTC\**|[-–—])\s*$", text[:start]))
    if initial and len(words) == 1 and plural_like(_strip_possessive(words[0])):
        return False  # "Validators missed 40 blocks", "Nodes missed attestations": a plural is no name
    if initial and not loose_initial and len(words) == 1:
        # A lone capitalised word opening a sentence is a name only if we know it as one.
        # After a timestamp or a list mark ("10:02 - Jenkins deployed ...") capitals prove nothing either.
        return _strip_possessive(words[0]).lower() in names()
    return any(is_name(words, i, at_sentence_start=initial and i == 0) for i in range(len(words)))


# "none of the reviewers noticed", "neither of them spotted": the last word of who a negated group is drawn from.
_DRAWN_FROM = lazy(r"(?:none|neither)\s+of\s+(?:[\w-]+\s+){0,2}?([\w-]+)\s+(?:\w+ly\s+|even\s+|ever\s+)*(?:was\s+|were\s+|thought\s+)?[\w]+$", re.I)


def drawn_from_people(phrase: str) -> bool | None:
    """For "none/neither of <group> <verb>": is the group people ("us", a role or trade)? None when the
    phrase names no group it is drawn from ("nobody noticed")."""
    group = _DRAWN_FROM.match(phrase)
    if group is None:
        return None
    return group.group(1).lower() == "us" or is_role_word(group.group(1).lower())


_OPENING_VERB = lazy(r"\W*(?:\w+ly,?\s+)?([A-Za-z][a-z]+)\b")


def note_act_around(text: str, pos: int) -> bool:
    """The clause holding `pos` is a note with no subject whose verb takes an object: "Ran the purge
    against prod by mistake", "Wrongly assumed the replica was in sync" (the adverbial before or after
    the verb judges the writer's own act); not "Incorrectly sized pools were replaced" (an adjective)."""
    clause = clause_before(text, pos)
    start = pos - len(clause)
    verb = _OPENING_VERB.match(text, start)
    if verb is None or verb.start(1) > pos + 20:
        return False
    word = verb.group(1).lower()
    if word not in _IRREGULAR_PAST and not (word.endswith("ed") and len(word) > 4):
        return False
    return subjectless_act(text, verb.start(1), verb.end(1))
