"""BL001 blame-individual: a person as the agent of the failure.

A finding needs an agent (a name, a role, a group, "we"/"I", a handle), an act, and something
that ties the act to the failure: a verb no one uses neutrally ("broke", "skipped"), a judged
object or effect ("pushed the bad config", "..., which took down checkout"), or a step the
agent did not take ("we did not test it"). Each sentence shape is one `Shape` row: its pattern,
the words it needs, and the judge that decides whether the act is tied to the failure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reviewer.document import Segment
from reviewer.findings import Edit, Severity
from reviewer.patterns import lazy
from reviewer.rules import agents
from reviewer.rules.base import ACCEPTED_NAMES, Example, Hit, Rule, SegmentContext
from reviewer.rules.blame import cause_agent
from reviewer.rules.blame.compound_shapes import COMPOUND_SHAPES
from reviewer.rules.blame.person_shapes import (
    CREATE,
    NAME_WORD,
    NAMELESS,
    NEGATION,
    NEGATIVE,
    PEOPLE_RE,
    PRONOUN_SHAPES,
    STRONG,
    TRIGGER,
    rest_of,
)
from reviewer.rules.blame.person_shapes import (
    SHAPES as SIMPLE_SHAPES,
)
from reviewer.rules.blame.shape import Shape, word_runs, words_of
from reviewer.rules.common import hit, replacement

SHAPES = SIMPLE_SHAPES + COMPOUND_SHAPES


def _who_span(segment: Segment, match: re.Match[str]) -> tuple[int, int] | None:
    """The name's span, without sentence-opening filler ("Then Marlow" -> "Marlow")."""
    if match.groupdict().get("who") is None:
        return None
    start, end = match.span("who")
    first, _, rest = segment.prose[start:end].partition(" ")
    if rest[:1].isupper() and first.lower() in agents.COMMON_INITIALS:
        start += len(first) + 1 + (len(rest) - len(rest.lstrip()))
    return start, end


_DOTTED = lazy(r"\.[A-Za-z]{2,}\b")
# An apposition after the name (and the rest of a multi-word name) that says what it is:
# "Amazon SES, the email service we use".
_APPOSITION = lazy(r"(?:\s+[A-Z][\w.-]*)*,\s+(?:the|a|an|our|their)\s+((?:[\w-]+\s*){1,3})")


_CLAUSE_WORDS = frozenset("we i you they he she who that which whose".split())


def _names_a_thing(prose: str, end: int) -> bool:
    apposition = _APPOSITION.match(prose, end)
    if apposition is None:
        return False
    words = []
    for word in apposition.group(1).lower().split():
        if word in _CLAUSE_WORDS:
            break  # "the email service we use": the noun phrase ends where its relative clause starts
        words.append(word)
    # "Dana, the database admin" is a person: a role word anywhere in the apposition wins
    return any(w in agents.systems() for w in words) and not any(agents.is_role_word(w) for w in words)


_OBJECT_OF = lazy(r"\b(?:on|in|at|from|with|of|to|for|via|into|onto|about|the|a|an|our|their|its)\s+$", re.I)


def _is_person(segment: Segment, match: re.Match[str], ctx: SegmentContext, shape: Shape) -> bool:
    if match.groupdict().get("who") is not None and _DOTTED.match(segment.prose, match.end("who")):
        return False  # "due to HE.net needing ...": part of a host or domain name, a service
    if shape.kind == "cause-by" and match.groupdict().get("who") is not None \
            and not cause_agent.names_a_person(segment.prose, match.start("who"), match.end("who")):
        return False  # "due to Twilio webhooks", "traced to Kestrel's controller": a thing, not a person
    if match.groupdict().get("who") is not None and _names_a_thing(segment.prose, match.end("who")):
        return False  # "caused by Amazon SES, the email service we use": the apposition says what it is
    if shape.kind in NAMELESS or match.groupdict().get("role") is not None:
        return True
    span = _who_span(segment, match)
    if span is None:
        return True  # a role alternative matched ("the deployer did not wait")
    start, end = span
    who = segment.prose[start:end]
    if start == match.start() and _OBJECT_OF.search(segment.prose[:start]):
        return False  # "the page on Immunefi did not list ...": the object of a preposition is not the agent
    if who.lower() in ctx.accepted_names or any(w.lower() in ctx.accepted_names for w in who.split()):
        return False
    whole = match.group("who")
    if shape.kind in PRONOUN_SHAPES and (whole.lower() == "they" or PEOPLE_RE.fullmatch(whole) or agents.ORGANISATION_RE.fullmatch(whole)):
        return True  # a pronoun or a group ("we did not test it", "the crew")
    return agents.person_at(segment.prose, start, end, loose_initial=shape.human_only)


_GATE = frozenset().union(*(s.needs for s in SHAPES if s.needs)) \
    | words_of(STRONG + " " + TRIGGER + " " + NEGATION + " " + CREATE) \
    | words_of("responsible fault cause one person")

# Shapes that open with a name are tried only where a capitalised word starts: a handful of
# positions per sentence instead of every character.
_NAME_START = lazy(rf"(?<![\w'’-]){NAME_WORD}(?:\s+{NAME_WORD})?(?:(?P<poss>['’]s\b)|\s+(?P<next>[\w-]+))?")
# The word after a name must be able to start one of the anchored shapes.
_NEXT_WORDS = words_of(STRONG + " " + TRIGGER + " " + CREATE) | {"was", "is"}


def _name_starts(text: str) -> list[int]:
    starts = []
    for m in _NAME_START.finditer(text):
        nxt = (m.group("next") or "").lower()
        possessive = m.group("poss") or "'s" in m.group(0) or "’s" in m.group(0)
        if possessive or nxt in _NEXT_WORDS or nxt.endswith("ly"):
            starts.append(m.start())
            if m.group(0).count(" ") >= 1 and m.group(0).split()[0].lower() in agents.COMMON_INITIALS:
                starts.append(m.start() + len(m.group(0).split()[0]) + 1)  # "Then Marlow pushed"
    return starts


def _matches(shape: Shape, text: str, name_starts: list[int]) -> Iterator[re.Match[str]]:
    if not shape.anchored:
        yield from shape.pattern.finditer(text)
        return
    end = -1
    for pos in name_starts:
        if pos < end:
            continue
        match = shape.pattern.match(text, pos)
        if match:
            end = match.end()
            yield match


def _may_blame(segment: Segment, ctx: SegmentContext) -> bool:
    return not segment.words.isdisjoint(_GATE) or "'s" in segment.prose or "’s" in segment.prose


class _NeedsIndex:
    """SHAPES whose `needs` a segment's words meet and whose `runs` its word runs meet, in SHAPES
    order, found with two set intersections instead of tests per shape (rebuilt when SHAPES is
    replaced, as tests do)."""

    def __init__(self, shapes: tuple[Shape, ...]) -> None:
        self.shapes = shapes
        self.ungated = sum(1 << i for i, s in enumerate(shapes) if s.needs is None)
        self.bits = self._bits(shapes, lambda s: s.needs)
        self.keys = frozenset(self.bits)
        self.runless = sum(1 << i for i, s in enumerate(shapes) if s.runs is None)
        self.run_bits = self._bits(shapes, lambda s: s.runs)
        self.run_keys = frozenset(self.run_bits)
        self.by_mask: dict[int, tuple[Shape, ...]] = {}

    @staticmethod
    def _bits(shapes: tuple[Shape, ...], words_of_shape: Callable[[Shape], frozenset[str] | None]) -> dict[str, int]:
        bits: dict[str, int] = {}
        for i, shape in enumerate(shapes):
            for word in words_of_shape(shape) or ():
                bits[word] = bits.get(word, 0) | 1 << i
        return bits

    def select(self, words: frozenset[str], runs: frozenset[str] | None) -> tuple[Shape, ...]:
        mask = self.ungated
        bits = self.bits
        for word in self.keys.intersection(words):
            mask |= bits[word]
        if runs is not None:  # None: a fold letter, no run gate (word_runs)
            allowed = self.runless
            run_bits = self.run_bits
            for word in self.run_keys.intersection(runs):
                allowed |= run_bits[word]
            mask &= allowed
        found = self.by_mask.get(mask)
        if found is None:
            found = self.by_mask[mask] = tuple(s for i, s in enumerate(self.shapes) if mask >> i & 1)
        return found


_INDEX = _NeedsIndex(SHAPES)


def _with_needs_met(segment: Segment) -> tuple[Shape, ...]:
    global _INDEX
    if _INDEX.shapes is not SHAPES:
        _INDEX = _NeedsIndex(SHAPES)
    return _INDEX.select(segment.words, word_runs(segment))


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    text = segment.prose
    taken: list[tuple[int, int]] = []
    name_starts: list[int] | None = None  # worked out for the first anchored shape that passes its gates
    for shape in _with_needs_met(segment):
        # A cheap skip before a generator is even made (needs and runs are met already).
        if shape.may_open is not None and not shape.may_open(segment):
            continue
        if shape.anchored:
            if name_starts is None:
                name_starts = _name_starts(text)
            if not name_starts:
                continue
        for match in (_matches(shape, text, name_starts or []) if shape.anchored else shape.pattern.finditer(text)):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            if shape.judge is not None and not shape.judge(segment, match):
                continue
            if not _is_person(segment, match, ctx, shape):
                continue
            taken.append(match.span())
            span = _who_span(segment, match)
            who = " ".join((text[span[0]:span[1]] if span else match.group().split(" did")[0]).split())
            edits: tuple[Edit, ...] = ()
            rest = segment.text[match.start("rest"):match.end("rest")] if shape.kind == "trigger" else rest_of(match)
            if shape.rewrite and span and NEGATIVE.search(rest + " "):
                start, end = span
                edits = (replacement(segment, start, end + (2 if shape.kind == "possessive" else 0), shape.rewrite),)
            named = f"'{who}' is named" if who else f"An unstated 'we' ('{match.group().strip(' -*+')}') is named"
            yield hit(
                segment, match.start(), match.end(),
                f"{named} as the cause of the failure: describe the action, the condition that "
                "allowed it and what the person knew at the time, not who did it",
                edits, path=f"shape:{shape.kind}",
            )


RULE = Rule(
    id="BL001",
    name="blame-individual",
    category="person-as-cause",
    options=(ACCEPTED_NAMES,),
    summary="A person or role is the grammatical agent of the failure.",
    rationale=(
        "Naming who caused an outage turns the review into a defence. The next person in the same "
        "position, with the same tools and information, would take the same step; the postmortem "
        "should explain what made that step possible and reasonable."
    ),
    guardrail="Name the system condition and the missing check instead: 'The config push had no "
              "validation step, so the malformed value reached production.'",
    severity=Severity.WARNING,
    detect=detect,
    gate=_may_blame,
    flagged=(
        Example("Bob pushed the bad config to production at 14:02 UTC.",
                "An engineer pushed the bad config to production at 14:02 UTC."),
        Example("The on-call engineer missed the page at 03:10 UTC."),
        Example("Priya's change took down checkout for 40 minutes.",
                "A change took down checkout for 40 minutes."),
        Example("The outage was caused by Dave."),
        Example("The outage was triggered by Ximena, who pushed the wrong flag.", name="cause-who-clause",
                note="an unknown name with a relative clause only a person takes"),
        Example("The migration was run by Łukasz without review."),
        Example("At 09:14 UTC Sam ignored the failing canary."),
        Example("I took down the billing cluster while cleaning up old volumes.",
                note="first person as the agent of a verb no one uses neutrally"),
        Example("The night crew let the signing key expire over the weekend.",
                note="a group that let something lapse"),
        Example("We did not test the new limits against real traffic before the rollout.",
                note="a step the agent did not take, with no reason given"),
        Example("Nobody from the storage team told the on-call about the maintenance window.",
                note="nobody as the agent of a missed step"),
        Example("Then Quinn pushed the broken manifest, which took down search.",
                note="sentence-opening filler is not part of the name"),
        Example("The vendor's technician didn't copy the patched firmware to the standby unit.",
                note="any act not done, not only listed steps"),
        Example("It took us far too long to see that the replica had stopped.", note="a judged pace of people"),
        Example("At 10:12 UTC @okafor skipped the canary stage, and errors reached 30%.", note="a handle is a person"),
        Example("14:05 UTC - Sam deployed the broken build to staging.", note="a known given name after a timestamp"),
        Example("The DBAs did not snapshot the volume before the resize.", note="a plural role as the agent"),
        Example("The vendor shipped the patch, but they did not test it against our firmware.",
                note="'they' with a step only people take"),
        Example("The IC never asked the network team for their change log.", note="the incident commander as the agent"),
        Example("On my second day I merged a pull request that broke the nightly build.",
                note="first person with a judged object of a neutral act"),
        Example("@marisol added the broken retry hook to the gateway.", note="making something judged bad"),
        Example("I've broken the staging cluster more than once.", note="a perfect of a verb no one uses neutrally"),
        Example("The relay failure was caused by a technician on the night shift.", note="a role as the cause"),
        Example("The vendor said its installers were to blame for the cut cable.", note="a group as the culprit"),
        Example("I managed to ship a broken migration twice in one week.", note="a judged object after 'managed to'"),
        Example("We deleted the old admin group, which led to a lockout for every reviewer.",
                note="a consequence that names harm"),
        Example("We were short on time and skipped the soak test.", note="one subject for two predicates: a strong verb"),
        Example("Our release manager approved the change without reading the diff.", note="a job title made one person"),
        Example("A misconfiguration was introduced by our team.", note="the passive's subject is the judged thing"),
        Example("Didn't check the replica lag before promoting it.", note="a note with no subject is the writer's own"),
        Example("The auditors found that staff had not followed the key-handling procedure.",
                note="a pluperfect step not taken, a group named by its trade"),
        Example("The engineer on duty did not escalate the second alarm.", note="a role with where it sits"),
        Example("We took far too long to roll back the schema change.", note="a judged pace of the people's own act"),
        Example("We assumed the lag was a network blip without checking the replica.",
                note="a belief held without the check that would test it"),
        Example("Lessons: pushed the retry change without running the load test.",
                note="no subject after a label; a check left out"),
        Example("Sorry for the noise: we caused the outage by rotating the key early.",
                note="an apology before a finding of fault does not hide it"),
        Example("We rushed the patch out on Friday and did not rehearse the rollback.",
                note="one subject for two predicates: the second is a step not taken"),
        Example("I wiped the data volume instead of detaching it.", note="one act in place of the intended one"),
        Example("I wiped out the production volume at 10:02.", name="wiped-out-a-wanted-thing"),
        Example("Several people saw the disk alert that night but did not page anyone.", name="group-of-people-step-not-taken",
                note="a group of people named by a quantifier is an agent like 'we'"),
        Example("While tidying the release branches I deleted the whole billing repository.",
                name="destroyed-a-store-of-work", note="a whole store of work destroyed: no 'production' needed"),
        Example("Instead of opening a shell on staging I ran the purge on the live host.",
                note="the intended act first"),
        Example("Instead of cloning the disk to the spare, I had instead started copying the spare over it.",
                name="intended-act-first-pluperfect", note="an auxiliary and 'started' before the act done instead"),
        Example("A staff member lost a USB stick holding tenant records.", note="someone else mishandling property"),
        Example("The clerk threw the printed payroll sheets into a household recycling bin.",
                note="personal data put where anyone can take it"),
        Example("Two officers had forwarded the briefing outside the organisation.", note="data sent outside"),
        Example("The contractors cut all power to the hall during the cabling work.", note="a harmful act by a trade"),
        Example("@dana rotated the keys in the console, and did not update the deploy manifest.",
                note="a handle's second predicate leaves a step undone"),
        Example("We allowed the signing certificate to expire.", note="letting something lapse"),
        Example("I deleted everything.", note="destroying all of it is its own judgement"),
        Example("I made a one-line change that crashed the checkout page.", note="a change with harm named"),
        Example("I hadn't turned the backup job on.", note="a step not taken, told in the pluperfect"),
        Example("We paged the vendor but did not wait for an acknowledgement.", note="a step undone after 'but'"),
        Example("We managed to take down the primary web server while patching it.", note="harm achieved, told wryly"),
        Example("I was responsible for taking down the checkout service.", note="responsible for harm done"),
        Example("The person who approved the change missed the error.", note="one person singled out by what they did"),
        Example("The engineer on call that night ignored the page.", note="a title with where it sat"),
        Example("A faulty config pushed by Dana took down search.", note="a judged thing a person made, reduced relative"),
    ),
    passing=(
        Example("Ines ran the failover at 10:12 UTC.", name="named-failover", note="a failover is the mitigation"),
        Example("Tomas deleted the stale DNS records.", name="named-cleanup", note="removing what is unwanted: a cleanup"),
        Example("We caused a brief 502 spike while moving traffic, as expected.", name="expected-effect", note="planned"),
        Example("We deployed the wrong-region check everywhere.", name="judged-word-in-a-compound", note="what it checks"),
        Example("Alice paged the database team at 14:05 UTC."),
        Example("The long recovery was due to WE.net waiting for a spare router.",
                note="a capitalised part of a domain name is a service, not a pronoun"),
        Example("Our validator operators missed 30 attestations during the upgrade.",
                note="missed units of a protocol are an outcome, not a lapse"),
        Example("Relayers missed 12 slots while the bridge was paused.",
                note="a plural capitalised word is a group of machines, not a name"),
        Example("The on-call engineer rolled back the deploy at 14:20 UTC."),
        Example("An engineer ran the migration at 14:02 UTC, which locked the `orders` table."),
        Example("The deploy failed to start on 3 of 40 hosts."),
        Example("Kafka dropped 2% of messages during the rebalance."),
        Example("Sam joined the bridge and took over as incident commander."),
        Example("We did not roll back because the error rate was already falling.",
                note="a step not taken for a stated reason is a decision"),
        Example("We never page on warnings; they go to the team channel.", note="a standing policy, not a lapse"),
        Example("We did not find any errors in the worker logs.", note="finding is not a step"),
        Example("The Atlas scheduler broke the nightly batch into smaller jobs.",
                note="a product name after a determiner is not a person"),
        Example("We did not lose any queued messages during the failover.", note="a thing that happens, not an act"),
        Example("The pager went off three times that night, and we didn't panic.", note="a reaction, not a step"),
        Example("Each time we went to the rack to look the fault cleared and didn't re-appear while we watched.",
                note="'re-' repeats the verb it is on: appearing is not an act"),
        Example("@okafor rolled back the release at 10:20 UTC.", note="a handle doing a neutral act"),
        Example("14:05 UTC - Argus deployed the broken build to staging.",
                note="an unknown capital after a timestamp is a tool until shown otherwise"),
        Example("We added a second replica at 10:00 UTC to absorb the load.", note="making something, nothing judged"),
        Example("I wrote a query to list the broken invoices.", note="a purpose is not the object"),
        Example("We rebuilt the index without downtime.", note="'without' a harm is not a missing check"),
        Example("I ran the backfill, which locked the ledger for a minute as planned.", note="an expected effect"),
        Example("The slow page load was due to the team being on a release call.", note="people's state, not their act"),
        Example("Our squad was responsible for the incident response rota.", note="responsibility for the response"),
        Example("The outage was caused by a fault in the vendor's firmware.", note="a thing as the cause"),
        Example("The failover was started by the on-call at 10:02 UTC.", note="a role starting a step is neutral"),
        Example("We shipped release 4.2 at 10:00 UTC and the error rate rose.",
                note="first person doing a neutral act, like an unnamed role"),
        Example("We missed our latency objective for the quarter.", note="an outcome, not a lapse"),
        Example("I broke the backfill into four smaller runs.", note="'broke into' is not breaking"),
        Example("We skipped the soak test, since the change only touched a log message.",
                note="our own decision with its reason"),
        Example("The status page on Pagewell did not show the degraded region.",
                note="the object of a preposition is not the agent"),
        Example("It is worth asking why we did not test the restore path earlier.", note="an embedded question"),
        Example("The replicas came back, but they did not respond to health checks.", note="'they' may be machines"),
        Example("At first we didn't call the vendor, as there was no sign their side was involved.",
                note="a reason follows"),
        Example("We are sorry for the disruption we caused to your builds this week.",
                note="an apology names the harm, it does not find fault"),
        Example("We restarted the consumer and did not see the error again.", note="perception after 'and'"),
        Example("We rolled back and did not fail over, since the primary was healthy.", note="a reason follows"),
        Example("Instead of waiting for the vendor, I rolled back the release.", note="a mitigation chosen"),
        Example("We did not yet know which shard was affected at 10:00 UTC.",
                note="an adverb after the negation: the verb is 'know', a state"),
        Example("Priya dropped the stale partitions after the cutover, as planned.", note="a planned effect"),
        Example("We retired the old admin group, which led to a long permissions diff.",
                note="a consequence that names no harm is a link, not a judgement"),
        Example("Luckily we did not restart the primary while it was resyncing.", note="a non-act the writer is glad of"),
        Example("The new pool size was deployed by our team at 09:00 UTC.", note="a passive by a team, nothing judged"),
        Example("Deployed the fix to all regions at 10:30 UTC.", note="a note with no subject, nothing judged"),
        Example("Operators did not wait for the vendor because the patch was already tested.",
                note="a reason makes it a decision"),
        Example("The restore was slow to start after the reboot.", note="a thing's pace"),
        Example("We assumed the faulty disk was the cause and replaced it.", note="a belief, no check left out"),
        Example("Removed the bad node from the pool at 10:12 UTC.", note="taking a faulty thing out is a remedy"),
        Example("We upgraded the cluster on Monday and broke nothing.", note="a strong verb with nothing as its object"),
        Example("Skipped 3 flaky tests in the nightly run.", note="a count a tool skipped"),
        Example("The vendor paused the queue before we deployed the patch and caused a second spike.",
                note="a subject inside a time clause"),
        Example("Instead of renewing the old card and risking the same lapse next year, I moved billing to the company account.",
                note="the path not taken is named by its risk: a weighed decision"),
        Example("Mail was delayed because of Postmark, the email provider we use, which throttled our account.",
                note="the apposition says the name is a service"),
        Example("I restarted the pods instead of draining them, since the drain would take hours.",
                note="a decision with its reason"),
        Example("The employee lost access to the VPN during the outage.", note="losing access happens to people"),
        Example("We lost power to the rack at 10:02 UTC.", note="first person losing power is what happened to us"),
        Example("The contractor forwarded the alert to the on-call engineer.", note="forwarding to the right place"),
        Example("The technicians cut power to the rack as planned.", note="an expected step of the work"),
        Example("The on-call technician cut power to the failed node to stop the flapping.", note="mitigation"),
        Example("Maybe the delay came down to Team Juniper developers sharing one test cluster?",
                note="a team name is not a named individual"),
        Example("The retention policy allowed the token to expire after an hour.", note="a policy is no person"),
        Example("The cleanup job deleted everything older than 30 days.", note="a system, and a scoped deletion"),
        Example("We made a change to the retry policy.", note="a change with nothing judged"),
        Example("@dana rotated the keys and the job did not restart.", note="the second clause has its own subject"),
        Example("We had not expected the surge.", note="a state of mind, not a step"),
        Example("We looked at the logs but did not find the cause.", note="finding is not a step one skips"),
        Example("We managed to bring the queue down to zero.", note="bringing a number down is the fix"),
        Example("The retry storm managed to take down the gateway.", note="a system's harm"),
        Example("Dana was responsible for taking the nightly backups.", note="a duty, not harm"),
        Example("The process that approved the change missed the error.", note="a process is no person"),
        Example("The engineer who was paged broke the deadlock by restarting the leader.", note="breaking a stuck state is the fix"),
        Example("I didn't become aware of the outage until I opened the site myself.", note="time to detect, not a step"),
        Example("Postgres had not replicated the write.", note="a system's pluperfect"),
        Example("The switch-over sequence performed by the vendor completed in four minutes.", note="nothing judged"),
        Example("Impact: none, because we had not rolled the build out yet.", note="the non-act is why nothing broke"),
        Example("Nothing was lost since we did not run the purge that night.", note="the non-act spared the data"),
        Example("Paging lagged due to Twilio webhooks timing out.", note="the name qualifies a plural noun: a thing"),
        Example("The stale leases were traced to Kestrel's lock manager.", name="cause-is-an-unknown-capital",
                note="after a cause preposition an unknown capitalised word is a product or a vendor, not a person"),
        Example("The price swing was most likely caused by Northwind Relief Fund purchases.", name="cause-is-an-org-run",
                note="a run of capitals qualifying a plural noun is an organisation's doing, not a person"),
        Example("The node halted due to Skewed WAL Segment Offsets after the restart.", name="title-cased-term",
                note="a capitalised run holding an acronym is a term, not a person's name"),
        Example("After the migration we dropped the old test tables.", name="dropped-unwanted-store",
                note="a store the writer marks as unwanted (old, test, unused ...) is a cleanup"),
        Example("I wiped out the half-copied files I had pulled from the mirror and started again.",
                name="cleanup-of-unwanted", note="destroying what the writer calls unwanted is a cleanup step"),
        Example("I tried three restore guides, but didn't work until I rebuilt the index.", name="attempt-did-not-work",
                note="'work' tells whether an attempt succeeded, not a step"),
        Example("The first fix failed, and I did not stop there.", name="did-not-stop-there", note="carrying on"),
        Example("Few people subscribed, and I didn't mind that nobody read the newsletter.",
                name="indifference-to-a-non-act", note="a feeling about a non-act, no lapse"),
    ),
    tags=("blame", "person-as-cause"),
)
