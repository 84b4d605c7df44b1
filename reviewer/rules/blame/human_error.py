"""BL002 human-error-cause: "human error" given as a cause."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.patterns import lazy
from reviewer.regex_needles import PickedAlternation
from reviewer.rules.base import Example, Hit, Rule, SegmentContext
from reviewer.rules.common import hit

_SLIP = r"(?:mistake|error|blunder|misstep|slip)s?"
# The same nouns with the ones that are only a person's when someone owns them ("our oversight").
_LAPSE = r"(?:mistake|error|blunder|misstep|slip|oversight|lapse|misjudge?ment|miscalculation)s?"
# A people noun in a possessive or a by-phrase: a role, a trade or a group (closed class of kinds).
_PEOPLE_NOUN = (r"(?:on-?call(?:ers?)?|engineers?|operators?|developers?|admins?|administrators?|SREs?|DBAs?|"
                r"deployers?|reviewers?|contractors?|interns?|team|crew|staff|technicians?|release\s+managers?|"
                r"managers?|leads?|responders?|maintainers?|colleagues?|teammates?|employees?)")
# What may follow a noun that is a person's only when owned ("my failure to renew", "our oversight."):
# the end of its noun phrase. "Our failure domain", "our error budget" are compounds of a thing.
_NP_ENDS = (r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:to|of|in|on|at|and|or|was|is|that|which|here|there|during|when|with|"
            r"for|meant|led|caused|let|cost|brought|took|broke)\b)")
# Each row: a way of naming a person's mistake as the cause. Structure, not phrases: a mistake
# noun attached to a person (an owner, a maker, "on our end") or to "this" act.
_FORMS = (
    # "human error", "operator error", "user misunderstanding"
    r"\b(?:human|operator|user|pilot|engineer|engineering|personnel|manual|people)\s+"
    r"(?:error|mistake|failure|misunderstanding|oversight)s?\b",
    # "a mistake by the on-call", "an error on the part of Sam", "a misjudgement made by one of our engineers"
    rf"\b(?:a|an|the)\s+(?:simple\s+|honest\s+|silly\s+|careless\s+|human\s+|genuine\s+|costly\s+|small\s+)?{_LAPSE}\s+"
    r"(?:made\s+)?(?:(?:by|from|of|on\s+the\s+part\s+of)\s+"
    rf"(?=(?:the\s+|an?\s+|our\s+|one\s+of\s+(?:the|our)\s+)?(?:[\w-]+\s+)?{_PEOPLE_NOUN}\b(?!['’])|(?:mine|ours|me|us|him|her)\b)|"
    # a name only after "by" (an error "from Kafka" is the system's message), and only a capitalised word
    r"(?:by|on\s+the\s+part\s+of)\s+(?=(?-i:[A-ZÀ-ÖØ-ÞŁ][a-zß-ÿł]+)\b(?!['’.])))",
    # the mistake has an owner: "her mistake", "our own error", "it's all my fault"
    rf"\b(?:my|our|his|her|their)\s+(?:own\s+)?(?:\w+\s+)?(?:{_SLIP}|fault)\b",
    # ... and a lapse or a failure, when the noun ends its phrase: "our oversight", "my failure to renew"
    rf"\b(?:my|our|his|her)\s+(?:own\s+)?(?:(?:oversight|lapse|misjudge?ment|miscalculation)s?|failure){_NP_ENDS}",
    # a role's or a group's: "an engineer's mistake", "the team's oversight"
    rf"\b(?:an?|the|our|one)\s+(?:[\w-]+\s+)?{_PEOPLE_NOUN}['’]s?\s+(?:own\s+)?(?:\w+\s+)?{_LAPSE}\b",
    # someone made it: "made a genuine mistake", "I'd often make a mistake", "made our share of mistakes",
    # "made several wrong assumptions" (a quantity of them, or a judged belief or decision)
    r"\b(?:made|make|makes|making)\s+(?:(?:our|my|his|her|their)\s+(?:fair\s+)?share\s+of|plenty\s+of|lots\s+of|a\s+lot\s+of|"
    r"a\s+(?:few|couple|number|series|string|handful)\s+of|a|an|the|this|that|these|those|one|two|three|some|several|many|"
    r"multiple|numerous|countless|a\s+few|few|other|similar|such)\s+"
    rf"(?:(?:{_SLIP}|{_LAPSE})\b|[\w-]+\s+{_SLIP}\b)",
    # ... or a decision or a belief judged by its maker: "we made a poor call", "I made several wrong assumptions"
    r"\b(?:I|we|he|she|they)\s+(?:\w+\s+)?made\s+(?:a|an|the|this|that|some|several|two|three|many|multiple|a\s+few|a\s+couple\s+of)\s+"
    r"(?:\w+\s+)?(?:poor|bad|wrong|hasty|rash|careless|questionable|incorrect|false|faulty)\s+"
    r"(?:decisions?|calls?|choices?|judge?ments?|assumptions?|guess(?:es)?)\b",
    r"\bmy\s+bad\b",
    # the act itself is judged: "This was a mistake.", "skipping the dry run was the wrong call"
    # (not "a mistake in the parser": a mistake inside an artifact is a bug)
    r"\b(?:was|is|turned\s+out\s+to\s+be|prove[ds]?(?:\s+to\s+be)?)\s+(?:a|an|the|our|my)\s+(?:\w+\s+){0,2}?(?:mistake|blunder|misstep|"
    r"(?:wrong|bad|poor|misguided|unwise|ill-advised|ill-judged|short-?sighted)\s+(?:call|decision|choice|idea|move|thing\s+to\s+do)|"
    r"poor\s+one|error\s+(?:of|in)\s+judge?ment)\b(?!\s+(?:in|inside|within)\b)",
    # ... or judged by a predicate, when the subject is an act: a decision ("the decision to skip the canary was
    # unwise") or a gerund with its object opening the clause ("disabling the alert was ill-advised")
    r"\b(?:the|our|my|their|that|this)\s+(?:decision|choice|call)(?:\s+to\s+[^.;:!?]{0,70}?)?\s+(?:was|is|turned\s+out\s+to\s+be|proved)\s+"
    r"(?:\w+ly\s+)?(?:wrong|unwise|ill-advised|ill-judged|ill-considered|misguided|short-?sighted)\b|"
    r"(?:^|[,;:(]\s*|\b(?:and|but|so|that)\s+)(?!(?:some|no|any|every)thing\b)[A-Za-z]+ing\s+(?:the|a|an|our|all|every|this|that|it|"
    r"those|these|off|out|up|down|back)\b[^.;:!?,]{0,60}?\b(?:was|is|turned\s+out\s+to\s+be|proved)\s+(?:\w+ly\s+)?"
    r"(?:unwise|ill-advised|ill-judged|ill-considered|misguided|short-?sighted|wrong(?=\s*(?:[.;,!)]|$)))",
    r"\b(?:this|that|it)\s+(?:was|is)\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?miss\b",
    # the mistake's maker follows it: "the same mistake that I made", "the errors we made", "we did two errors"
    rf"\b{_SLIP}\s+(?:that|which)\s+(?:I|we|he|she|they)\s+(?:made|did|had\s+made)\b|"
    rf"\b{_LAPSE}\s+(?:(?:that|which)\s+)?(?:I|we|he|she)\s+(?:had\s+|have\s+)?made\b",
    rf"\b(?:I|we|he|she|they)\s+(?:\w+\s+)?did\s+(?:a|an|one|two|three|several|some|many|a\s+few)\s+(?:\w+\s+)?{_SLIP}\b",
    # ... or the copula equates the mistake with a person's act: "the first mistake was a change I pushed",
    # "the real blunder was that we trusted the cache", "our biggest misstep was skipping the dry run"
    # (not what people saw or met: "the mistake was one we had seen before")
    r"\b(?:mistake|blunder|misstep)s?\s+(?:here\s+)?(?:was|is)\s+(?:(?:that\s+)?(?:[\w'’-]+\s+){0,6}?(?:that\s+|which\s+)?"
    r"(?-i:I|we|he|she|they)\s+(?:had\s+|have\s+|just\s+|then\s+)?"
    r"(?!(?:saw|noticed|found|hit|met|encountered|observed|discovered|spotted|caught|fixed|reported|expected|got|"
    r"received|learned|learnt|had|have|were|was|are|did|do|could|would|can|will)\b)"
    r"(?:[a-z]+ed|made|ran|wrote|put|set|left|sent|took|chose|gave|built|broke|forgot|thought|did)\b|"
    r"(?!(?:being|going|coming|happening|nothing|something|anything|everything|during)\b)[a-z]+ing\b)",
    # the act is owned and given as a cause: "due to my actions", "because of our oversight"
    r"\b(?:due\s+to|because\s+of|caused\s+by|result\s+of)\s+(?:my|our|his|her)\s+(?:own\s+)?(?:actions?|failure|oversight|negligence)\b",
    # "an error on our end", "an oversight on my side"
    rf"\b{_LAPSE}\s+on\s+(?:our|my|his|her|their)\s+(?:end|part|side)\b|\bfaults?\s+on\s+(?:our|my|his|her|their)\s+(?:end|part|side)\b",
    r"\bPEBKAC\b|\bPEBCAK\b|\bID-?10-?T\b|\blayer\s+8\b",
)
# Each sentence is searched with only the rows whose words it holds (most hold "error" and little else).
_PATTERN = PickedAlternation(_FORMS, re.I)
# "error" words that are about software, not people: "user error rate", "user errors in logs".
_NOT_A_CAUSE = lazy(r"^\s*(?:rates?|budget|count|codes?|messages?|logs?|spikes?|percentage|ratio|handling|"
                          r"page|pages|state|response|responses)\b", re.I)
# The slip noun modifies a compound's head: "their error reporting platform", "our error tracking
# tool" (a gerund followed by a noun, not by the gerund's object: "our mistake leaving the port open").
_COMPOUND_HEAD = lazy(r"\s+[a-z]+ing\s+(?!(?:the|a|an|our|their|its|this|that|these|those|to|in|on|of|for|with|by|"
                      r"at|from|and|or|it|them|us|me|him|her|up|down|out|off|over)\b)[a-z]{3,}\b")


def _compound(match: re.Match[str]) -> bool:
    """An owned slip noun that modifies a compound ("their error reporting platform")."""
    return bool(_OWNED.match(match.group()) and _COMPOUND_HEAD.match(match.string, match.end()))


_OWNED = lazy(r"(?:my|our|his|her|their)\s", re.I)
# Denied or generic: "this is not an error on the part of ...", "it wasn't my fault", "any operator
# error is a symptom", "to never make mistakes".
_DENIED = lazy(r"(?:\b(?:not|never|no|any|every|without)|n['’]t)\s+(?:\w+\s+){0,2}$|"
                     r"\b(?:seems?|seemed|looks?|looked|appears?|appeared)\s+(?:like|to\s+be)\s+(?:\w+\s+){0,2}$|"
                     r"\b(?:rather|other)\s+than\s+(?:\w+\s+){0,2}$|\binstead\s+of\s+(?:\w+\s+){0,2}$|"
                     r"\b(?:whether|if)\s+(?:\w+\s+){0,3}$|"  # an embedded question asserts nothing
                     # a risk or a disposition names what could happen: "prone to human error", "the risk of operator error"
                     r"\b(?:prone|susceptible|vulnerable|open|exposed)\s+to\s+(?:\w+\s+){0,1}$|"
                     r"\b(?:risk|chance|likelihood|possibility|room)\s+(?:of|for)\s+(?:\w+\s+){0,1}$", re.I)


_NEEDS = frozenset("unwise ill-advised ill-judged ill-considered misguided short-sighted shortsighted wrong one "
                   "bad idea move decisions calls choices judgment judgement judgments judgements error errors mistake mistakes failure failures slip slips pebkac pebcak id10t id-10-t layer fault "
                   "misunderstanding oversight blunder blunders misstep missteps miss call decision choice action actions "
                   "negligence oversights lapse lapses misjudgment misjudgement misjudgments misjudgements miscalculation "
                   "miscalculations assumption assumptions guess guesses faults".split())


# A short phrase in quotation marks used as a noun of the sentence ('caused by an "embarrassing human
# error"', 'blamed it on "operator error"') is a scare quote, not someone's speech: the sentence itself
# gives it as the cause. The prose masks quotations, so these are read from the text. Not a phrase
# named as a phrase ('the words "human error"'): the quote must follow an article, a preposition or a copula.
_SCARE_QUOTE = lazy(r"\b(?:a|an|the|by|to|of|on|was|were|is|as|blamed|blames)\s+"
                    r"(?:(?!(?:words?|phrases?|terms?|labels?|expressions?|tags?|names?|category)\b)[\w-]+\s+)?"
                    r"[“\"'](?P<body>[^“”\"'\n`]{3,60})[”\"']", re.I)


def _scare_quoted(segment: Segment) -> Iterator[re.Match[str]]:
    if not any(q in segment.text for q in ('"', "“", "'")):
        return
    for quote in _SCARE_QUOTE.finditer(segment.text):
        body = quote.group("body")
        if len(body.split()) <= 5 and not segment.prose[quote.start("body"):quote.end("body")].strip():
            yield from _PATTERN.finditer(segment.text, quote.start("body"), quote.end("body"))


def _may_scare_quote(text: str) -> bool:
    """A quote mark and an error word in the text, for the gate: plain substring tests (the gate asks
    every segment; two generator expressions cost more than the rest of it)."""
    if '"' not in text and "“" not in text and "'" not in text:
        return False
    lower = text.lower()
    return "error" in lower or "mistake" in lower


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    prose = segment.prose
    for path, match in (*(("phrase", m) for m in _PATTERN.finditer(prose)),
                        *(("scare-quote", m) for m in _scare_quoted(segment))):
        if _NOT_A_CAUSE.match(prose[match.end():]) or _compound(match) or _DENIED.search(prose[max(0, match.start() - 40):match.start()]):
            continue
        yield hit(
            segment, match.start(), match.end(),
            f"'{match.group().strip()}' is given as a cause: name the condition that allowed the action "
            "(a manual step with no validation, a missing confirmation, an unsafe default)",
            suggestion="Replace it with the condition that allowed the action, e.g. 'a manual step with no "
                       "validation or confirmation'.",
            path=path,
        )


RULE = Rule(
    id="BL002",
    name="human-error-cause",
    category="human-error",
    summary='"Human error" or "operator error" is named as a cause.',
    rationale=(
        "Human error is where an investigation starts, not where it ends. Every action was allowed "
        "by a tool, a default, a missing check or a time pressure; those are what the team can change."
    ),
    guardrail="Describe the precondition: 'The CLI accepted a production target without confirmation.'",
    severity=Severity.ERROR,
    detect=detect,
    gate=lambda segment, ctx: not segment.words.isdisjoint(_NEEDS) or _may_scare_quote(segment.text),
    flagged=(
        Example("Root cause: human error."),
        Example("The outage was the result of operator error during the failover."),
        Example("It came down to a simple mistake by the on-call engineer."),
        Example("The cutover failed, and that was entirely our own mistake.", note="a mistake with an owner"),
        Example("Our release manager made an honest error when tagging the build.", note="someone made it"),
        Example("Skipping the dry run was the wrong call.", note="deictic judgement of the act itself"),
        Example("The stale token was an error on our end.", note="an error placed on a party"),
        Example("I hope nobody repeats the mistake that I made with the purge flag.", note="the maker follows the mistake"),
        Example("Looking back, we did two errors during the cutover.", note="a non-native 'did an error' has a maker too"),
        Example("The ledger lost a day of entries due to my actions.", note="an owned act given as the cause"),
        Example("We made a poor call when we paused the failover.", note="a decision judged by its maker"),
        Example("I hope nobody repeats the same mistake that I made.", note="the denial is of repeating it, not of the mistake"),
        Example('The operator said the outage was caused by an "unfortunate human error".',
                note="a scare-quoted phrase the sentence gives as the cause"),
        Example("Restarting all brokers at once was a bad idea.", note="an act judged as a bad idea"),
        Example("The first mistake was a small config change I pushed on Friday.", name="mistake-is-an-act-of-mine",
                note="the copula makes a person's act the mistake"),
        Example("The biggest misstep was restarting every broker at once.", name="mistake-is-a-gerund"),
        Example("Skipping the canary proved to be a mistake.", name="act-proved-a-mistake", note="another copula, the same judgement"),
        Example("The decision to disable the alert was short-sighted.", name="decision-judged-by-a-predicate"),
        Example("In hindsight, disabling the alert was ill-advised.", name="gerund-act-judged-by-a-predicate",
                note="a gerund with its object opening the clause is an act"),
    ),
    passing=(
        Example("Support saw it first in their error tracking dashboard.", name="owned-noun-in-a-compound",
                note="the error word modifies a compound's head: a tool, not a person's mistake"),
        Example("The user error rate rose to 4% at 14:05 UTC."),
        Example("Root cause: the CLI accepted a production target without confirmation."),
        Example("The API returned 5xx errors for 12 minutes."),
        Example("Nobody thinks this was anyone's fault, least of all my own team's.",
                note="fault explicitly denied"),
        Example("Any operator error is a sign of a missing guard, so we look for the guard.",
                note="a general statement about operator error, not a cause"),
        Example("Their error pages were served for ten minutes.", note="software's error output"),
        Example("It can look like plain human error, but the form accepted any address.",
                note="an apparent human error the sentence rejects"),
        Example("The balancer makes the wrong choice of zone when the header is missing.", note="software choosing"),
        Example("Whether the freeze was the wrong call is still open.", note="an embedded question asserts nothing"),
        Example('We no longer use the phrase "human error" in our reviews.', note="a phrase named as a phrase"),
        Example('"Human error" is where an investigation starts, not where it ends.', note="a quotation, not a cause"),
        Example("Hand-edited zone files are prone to human error.", note="a disposition of a process, not this incident's cause"),
        Example("The new pipeline removes the risk of operator error at release time.", note="a risk named, not a cause"),
        Example("The mistake was one we had seen before in the parser.", name="mistake-people-saw",
                note="what people saw is not what they did"),
        Example("The mistake was coming from the rounding code.", name="mistake-progressive", note="a progressive, not an act"),
        Example("The decision log was wrong about the timeline.", name="decision-as-a-modifier", note="a log, not a decision"),
        Example("After restarting the node the cache was wrong.", name="gerund-not-the-subject",
                note="the gerund opens an adverbial; the subject is a thing"),
        Example("Pricing was wrong for EU users.", name="gerund-noun-without-object", note="a noun in -ing, no act"),
    ),
    tags=("blame", "human-error"),
)
