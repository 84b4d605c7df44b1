"""ST001 missing-section and ST002 impact-not-quantified."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, get_args

from reviewer.document import Document, SectionKind, Span
from reviewer.findings import Severity
from reviewer.patterns import lazy
from reviewer.rules.base import Example, Hit, Rule, RuleContext, RuleOption
from reviewer.rules.structure.content import by_shape, present_kinds, reads_english, told_kinds
from reviewer.rules.structure.genre import promised

# The section kinds a config may require (a subset of SectionKind: the ones a template asks for).
SectionName = Literal["summary", "impact", "timeline", "root-cause", "resolution", "detection", "action-items",
                      "lessons"]
DEFAULT_REQUIRED: tuple[str, ...] = get_args(SectionName)
REQUIRED_SECTIONS = RuleOption(
    key="required-sections", type=list[SectionName], default=list(DEFAULT_REQUIRED),
    help="The sections every postmortem must cover, in the order they are reported. A section counts as "
         "present under another heading or in prose (see the examples). With the default list, a short note (a "
         "few paragraphs whose headings name fewer than four sections) is not asked for a lessons section; a "
         "list you set is held as written.",
)
# A required kind is also satisfied by these neighbours ("Trigger" answers "root cause").
_SATISFIED_BY = {
    SectionKind.ROOT_CAUSE: {SectionKind.TRIGGER},
    SectionKind.LESSONS: {SectionKind.WENT_WELL},
}
_QUANTITY = lazy(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|hundreds|thousand|thousands|million|millions|dozen|dozens|half|all|percent|every|none)\b"
    # durations and shares in words: "for about an hour", "a third of requests"
    r"|\ban? (?:hour|day|minute|week|month|third|quarter)\b"
    r"|\b(?:entire|whole) (?:day|morning|afternoon|evening|night|weekend|week)\b|\ball (?:day|night|weekend)\b|\bovernight\b",
    re.I)
# An explicit nil impact is a count too ("no customer data was exposed", "no customer-facing
# impact"), when nothing else is said to be hit ("..., however operators had to upgrade").
_NIL = lazy(
    r"\bno (?:[\w-]+ ){0,3}(?:was|were|has been|have been) (?:affected|compromised|lost|disclosed|exposed|"
    r"modified|leaked)|\bno loss of\b|\b(?:no|zero) (?:[\w-]+ ){0,2}(?:impact|downtime|data loss)\b|"
    # "customers were not affected", "did not affect any traffic", "nobody outside the team noticed"
    r"\b(?:was|were|is|are)\s+not\s+(?:\w+\s+)?(?:affected|impacted|compromised|exposed|disclosed)\b|"
    r"\bdid\s+not\s+(?:affect|impact|reach)\s+(?:any|a\s+single)\b|\b(?:nobody|no\s+one)\b(?:\s+[\w-]+){0,5}?\s+"
    r"(?:noticed|was\s+affected|was\s+impacted)\b", re.I)


def _anchor(document: Document) -> Span:
    """The first heading (not a metadata label), else the first line of text (not the front matter's '---')."""
    # (a status page's "Resolved" label or "Posted ..." sign-off is a heading to the parser, not the report's title)
    first = next((s.heading for s in document.sections if s.heading and s.kind is not SectionKind.METADATA), None)
    if first:
        return first
    if document.segments:
        start, end = document.segments[0].span.start, document.segments[0].span.end
        newline = document.source.find("\n", start, end)
        return Span(start, end if newline == -1 else newline)
    return Span(0, len(document.line_text(0)) if document.line_starts else 0)


# Headings that answer a required kind without naming it ("What went wrong" as the analysis).
_SATISFIED_BY_TITLE = {SectionKind.ROOT_CAUSE: re.compile(r"what went wrong|why\b", re.I)}


def asked(document: Document, name: str, required: Sequence[str]) -> bool:
    """Whether the document is held to this section: the default template bends to the document's genre
    (a short note owes no lessons section); a list of sections the team wrote down is held as written."""
    return list(required) != list(DEFAULT_REQUIRED) or promised(document, SectionKind(name))


def absent(document: Document, names: Iterable[str]) -> list[str]:
    """The sections named that nothing in the document covers (asked for or not)."""
    present = present_kinds(document)
    titles = [s.title for s in document.sections]
    return [name for name in names if not _told(SectionKind(name), present) and not (
        (pattern := _SATISFIED_BY_TITLE.get(SectionKind(name))) and any(pattern.search(t) for t in titles))]


def check_required(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    if not document.segments:
        return  # an empty draft: nothing to hold to a template yet
    required = ctx.option(REQUIRED_SECTIONS)
    # a part this genre does not promise is not asked for: a short note owes no lessons section
    missing = [name for name in _missing(document, ctx) if asked(document, name, required)]
    # The language is asked only of a document that lacks something (a scan of all its words; most
    # documents lack nothing): the content readers know English only, so in another language an
    # unread section is not a missing one.
    if not missing or not reads_english(document):
        return
    for name in missing:
        yield Hit(_anchor(document), f"Missing section: {name} (nothing in the document covers it; add a "
                                     f"'{name.replace('-', ' ').title()}' section)")


def _missing(document: Document, ctx: RuleContext) -> list[str]:
    """The required kinds nothing in the document covers, in the order the option lists them."""
    required = [SectionKind(name) for name in ctx.option(REQUIRED_SECTIONS)]
    told = told_kinds(document, until=lambda found: all(_told(kind, found) for kind in required))
    titles = [s.title for s in document.sections]
    missing: list[str] = []
    for kind in required:
        if _told(kind, told):
            continue
        title_pattern = _SATISFIED_BY_TITLE.get(kind)
        if title_pattern and any(title_pattern.search(t) for t in titles):
            continue
        # the shape readers last, and only for a kind still missing (no neighbour is told by shape)
        if not by_shape(document, kind):
            missing.append(kind.value)
    return missing


def _told(kind: SectionKind, found: set[SectionKind]) -> bool:
    return kind in found or bool(_SATISFIED_BY.get(kind, set()) & found)


_HARM = lazy(r"\b(?:lost|loss|could ?n[o']t|unable|fail\w*|errors?|down|delay\w*|late|gaps?|incomplete|broke\w*|"
             r"unavailable|outage|stale|slow\w*|time(?:d)? ?outs?|wrong|missing|twice|duplicat\w*|corrupt\w*|leak\w*|"
             r"exposed|affected|impacted|disrupt\w*|degrad\w*)\b", re.I)
_LABEL_LINE = lazy(r"^\s*([*_]{1,2})[^*_]{1,80}\1\s*$")
_CONTRAST = lazy(r"\b(?:however|but|although|though|except|apart from|other than|especially)\b", re.I)


# A template's prompt for the author, left in place: a line in italics, "<describe the impact>",
# "[add the numbers here]". It tells what belongs in the section; it is not the section's content.
_PROMPT_LINE = lazy(r"^\s*(?:<[^<>\n]{1,200}>|\[[^\[\]\n]{1,200}\])\s*$")


def check_impact(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    judged: Span | None = None
    for section in document.sections:
        if section.kind is not SectionKind.IMPACT or section.heading is None:
            continue
        # One finding per impact section: a part inside one already judged (a template's italic prompt
        # line that the parser reads as a heading, an "### Internal impact" under "## Impact") is its content.
        # Sections come in document order, so only the last judged one can still enclose this one: one
        # comparison, not one per judged section (linear in the number of sections).
        if judged is not None and judged.contains(section.span):
            continue
        judged = section.span
        # bisection: linear in the document overall. An emphasis-only line ("**Kernel traces:**") is a
        # label over a log excerpt, and a template's prompt line is guidance: neither states impact.
        body = [s for s in document.segments_within(section.span) if not _LABEL_LINE.match(s.text)]
        if not body:
            continue  # a label over evidence ("**Service impact:**" and a log block): nothing to quantify
        # (a section that holds only the template's prompt is still unanswered: its number is not given)
        body = [s for s in body if not _PROMPT_LINE.match(s.text)]
        if not body:
            yield Hit(section.heading, _UNQUANTIFIED)
            continue
        nils = [s for s in body if _NIL.search(s.text)]
        # a nil for the whole impact: nothing set against it, and no other sentence tells of harm
        # ("US tenants were not affected" beside "some EU customers lost data" is a partial nil)
        nil = bool(nils) and not any(_CONTRAST.search(s.text) for s in body) and \
            not any(_HARM.search(s.text) for s in body if s not in nils)
        if not nil and not any(_QUANTITY.search(s.text) for s in body):
            yield Hit(section.heading, _UNQUANTIFIED)


_UNQUANTIFIED = "Impact is not quantified: state duration, users or requests affected, error rate, revenue or tickets"


REQUIRED = Rule(
    id="ST001",
    name="missing-section",
    summary="A required section (summary, impact, timeline, root cause, …) is missing.",
    rationale="Readers look for the same sections in every postmortem; a missing Detection or Action items "
              "section usually means that part of the analysis was skipped. It is asked only where the content is "
              "missing: a part told in prose, under another heading or in a timeline's entries counts (the first "
              "signal in the timeline is the detection), and preventive work already done counts as the action "
              "items, since that section tells what changes so that the incident does not recur, and a finished "
              "change tells it better than a plan (open items are the action-item rules' concern).",
    guardrail="Add the section, or set `required-sections` under `[options]` for your template.",
    severity=Severity.WARNING,
    check=check_required,
    options=(REQUIRED_SECTIONS,),
    flagged=(Example("# Summary\n\nThe API was down.\n"),
             Example("# Export delays\n\nOn 12 May exports to the partner portal ran up to three hours late for 140 "
                     "accounts. We restarted the export workers and the backlog cleared by 17:00 UTC.\n",
                     note="a short note still owes why it broke and what will change"),
             Example("# Export delays\n\nExports to the partner portal ran up to three hours late for 140 accounts. "
                     "A schema change had dropped a column the export query still read. We restored the old column "
                     "name and the backlog cleared.\n\nA schema check will be added to the export release pipeline.\n",
                     name="a-note-without-a-time", note="a short note with no time and no word of how the delay was "
                     "found is missing content, not a template's part"),
             Example("# Archive disk replaced\n\n## Summary\n\nOn 2 February a storage vendor emailed us that one disk in "
                     "the photo archive had failed its self-test. Uploads failed for 40 minutes while the disk was "
                     "swapped.\n\n## Timeline (UTC)\n\n- 09:05 the vendor's email arrives\n- 11:20 uploads are paused\n"
                     "- 12:00 uploads resume\n\n## Root cause\n\nThe disk had worn out after six years.\n\n## Swapping the "
                     "disk\n\nI copied the settings to the spare host. The vendor's engineer replaced the disk and I rebuilt "
                     "the array overnight.\n\n## Action items\n\n- Replace the other disks of that batch (@storage, OPS-88)\n",
                     name="an-operations-log", note="a part under a heading of the writer's own that tells what was done, "
                     "step by step, is no reflection: the lessons are still missing"),
             Example("# Ticket sales stall\n\n## Summary\n\nOn 8 March the ticket shop rejected 30% of purchases for 50 "
                     "minutes. A fan wrote to the box office at 19:10.\n\n## Timeline (UTC)\n\n- 18:55 a cache node runs "
                     "out of memory\n- 19:10 a fan writes to the box office\n- 19:45 the node is replaced\n\n## Root cause"
                     "\n\nThe seat map was cached whole and outgrew the node.\n\n## Resolution\n\nWe replaced the node "
                     "with a larger one.\n\n## Lessons learned\n\nCache sizes need the same review as code.\n\n"
                     "## Over the evening\n\n- Replacement of the cache node at 19:45\n- Restart of the ticket shop at "
                     "19:50\n- Migration of the seat map was finished by 20:30\n",
                     name="work-done-named-by-its-nouns", note="work named by its nouns but already done (a time, a "
                     "'was finished') is no follow-up: the action items are still missing"),
             Example("# Stale dashboards\n\nOn 5 June stale sales figures affected all 60 regional managers until 14:00, "
                     "because the nightly load had hung on a lock. We have since added an alert that pages the on-call "
                     "when the load runs past 06:00.\n\n## Timeline (UTC)\n\n- 02:00 the nightly load starts and hangs\n"
                     "- 13:30 the load is killed and restarted\n- 14:00 the dashboards are current\n",
                     name="an-alert-added-later", note="an alert added since is a follow-up; how this incident was found "
                     "is still not told"),
             Example("# Login slowness\n\nOn 3 March logins took up to 20 seconds for 400 staff for two hours. The "
                     "same slowness was seen in the staging copy, because an upgrade had dropped a directory index. We "
                     "rebuilt the index.\n\nAn index check will be added to the upgrade script.\n",
                     name="a-perception-outside-a-timeline", note="a perception with no one named, told outside a "
                     "timeline's entries, does not say how the team found out: detection is still missing")),
    passing=(Example("# Summary\n\nx\n\n# Impact\n\n3 users.\n\n# Timeline\n\n- 14:00 UTC start\n\n"
                     "# Root cause\n\nx\n\n# Resolution\n\nx\n\n# Detection\n\nx\n\n# Action items\n\n"
                     "- x (@a)\n\n# Lessons learned\n\nx\n"),
             Example("The search index served stale prices for 40 minutes and 12% of orders used them.\n\n"
                     "## Chronology (UTC)\n\n- 09:02 an indexer release ships\n- 09:15 a support agent reports odd "
                     "prices\n- 09:42 the release is rolled back\n\n## Why it broke\n\nThe release skipped the "
                     "price refresh because a flag defaulted to off.\n\n**Review actions**\n\n- Add a freshness "
                     "check to the indexer deploy (@search-team)\n\n_Takeaways_\n\nThe flag default was the "
                     "surprise.\n", note="every kind is there, under other names, in prose or behind a bold line"),
             Example("# Summary\n\nThe wiki was read-only for 2 hours.\n\n## Impact\n\n300 editors could not save pages.\n\n## Timeline\n\n- 10:00 UTC "
                     "the disk fills\n- 12:00 UTC space is freed\n\n## Root cause\n\nOld dumps were never pruned.\n\n"
                     "## Resolution\n\nWe deleted the dumps.\n\n## Detection\n\nAn editor reported it.\n\n"
                     "## Lessons learned\n\nDisk growth was invisible to us.\n\n## What could we have done better?\n\n"
                     "- An alert for disk usage could have warned us a week earlier.\n- Pruning the dumps as part of "
                     "the nightly job.\n- A runbook step for freeing space.\n",
                     note="a list answering 'what could be better' with changes is the follow-up list"),
             Example("Login errors\n\nService Impact\n\nOn 2024-03-02 between 10:00 and 10:40 UTC 12% of logins "
                     "failed.\n\nIncident Summary\n\nA certificate rotation reached the auth proxy before its trust "
                     "bundle. An alert on login failures paged the on-call engineer at 10:04 UTC.\n\nTimeline\n\n"
                     "- 10:00 UTC rotation starts\n- 10:40 UTC bundle updated\n\nRoot Cause\n\nThe rotation job did "
                     "not wait for the bundle.\n\nResolution\n\nThe bundle was pushed by hand.\n\nActions\n\nWe "
                     "have added a wait on the trust bundle to the rotation job.\n\nLessons learned\n\nOrder matters "
                     "in rotations.\n", note="section names on lines of their own, as status pages print them"),
             Example("# Queue stall\n\n| | |\n|---|---|\n| Summary | Invoices were sent 3 hours late. |\n| Impact | 3,100 "
                     "invoices for 900 customers. |\n| Root cause | A consumer deadlocked after an upgrade. |\n| Detection | "
                     "A customer emailed support. |\n\n## Timeline\n\n> **21:40 UTC** batch-bot: nightly batch starts\n>\n"
                     "> **23:55 UTC** anna: queue depth is past 50k\n\n## Follow-ups\n\n- [x] Roll the consumer back\n"
                     "- [ ] Alert on queue depth (@billing)\n\n## Lessons\n\nUpgrades need a soak test.\n",
                     note="a key-value table, a block-quoted chat log and a checked box are content too"),
             Example("# Moving the wiki to a new host\n\nThe wiki was offline for two days for its 40 readers. The "
                     "copy stalled because the database was still running. A reader emailed me that the page was "
                     "blank.\n\n## Day One\n\nI started the copy in the evening.\n\n## Day Two\n\nThe restore "
                     "finished and the wiki was back online.\n\n## Mistakes\n\nI copied a live database.\n\n"
                     "## Follow-ups\n\n- Dump the database before any copy (@maria)\n",
                     note="headings that name the days tell the timeline; 'Mistakes' holds the lessons"),
             Example("# Dashboard errors\n\nA schema migration ran long, which caused a mismatch between the API and "
                     "the database; 30% of dashboard requests failed for 25 minutes until the migration finished "
                     "and the dashboard was back to normal.\n\n## Timeline (UTC)\n\n- 10:02 the migration starts\n"
                     "- 10:27 the migration finishes\n\n## Lessons learned\n\n### What didn't work\n\n"
                     "Monitoring detected the errors but e-mailed one person who was off shift.\n\n"
                     "## Action items\n\n- Page the on-call rota for dashboard alerts (@ops)\n",
                     note="'which caused a ...' states the cause; monitoring that detected it is the detection, "
                          "told under lessons"),
             Example("Search errors\nIncident Report for Example\nPostmortem\n\nWhat happened?\n\nOn May 2, 2024, "
                     "from 09:10 to 09:55 UTC, search returned errors.\n\nHow were customers impacted?\n\nAbout 20% of "
                     "search requests failed between 09:10 and 09:55 UTC.\n\nWhat went wrong during the incident?\n\n"
                     "A new index setting doubled memory use and the search nodes ran out of memory. An alert on error "
                     "rates fired and paged the on-call engineer.\n\nWhat will we do to prevent this in the future?\n\n"
                     "We added a memory check to the index rollout so that this cannot happen again.\n\nPosted May 3, "
                     "2024 - 10:00 UTC\n\nResolved\n\nThe old index setting was restored and search is back to "
                     "normal.\nPosted May 2, 2024 - 09:55 UTC\n",
                     note="a status page prints its sections as questions on lines of their own and signs each post "
                          "off with 'Posted ...'; a change made 'so that this cannot happen again' is the follow-up"),
             Example("# Badge printer stall\n\nOn 4 June visitors at the front desk saw long waits for badges. The desk "
                     "staff called the help line at 08:40.\n\n## Timeline\n\n- 08:15 a driver update stalls the "
                     "queue\n- 08:40 the desk calls the help line\n- 09:05 the driver is rolled back\n\n## How it "
                     "happened\n\nThe new driver dropped jobs longer than one page.\n\n## Putting it right\n\nWe "
                     "restored the previous driver.\n\n## Looking back\n\nOffice devices deserve the same staged "
                     "rollout as servers.\n\n## From here\n\n1. Hold driver updates for a day on one test printer.\n"
                     "2. Page the desk lead when the print queue stops moving.\n",
                     note="content first, heading words second: a 'how ... happened' heading opens the cause, a list "
                          "of imperatives is the follow-up list and reflection is the lessons, under any heading"),
             Example("# Export delays\n\nOn 12 May exports to the partner portal ran up to three hours late for 140 "
                     "accounts. A schema change had dropped a column the export query still read.\n\n"
                     "- 14:05 UTC the export-lag alert pages the on-call\n- 15:10 UTC the old column name is restored\n"
                     "- 17:00 UTC the backlog clears\n\nA schema check will be added to the export release pipeline.\n",
                     note="a short note (a status page's report of a few paragraphs) is not held to a postmortem "
                          "template's lessons section; it still owes what happened and when, why, how it was found, "
                          "how it ended and what will change"),
             Example("# Stale search results\n\n## Summary\n\nSearch results were empty for two hours on 3 June.\n\n"
                     "## Timeline (UTC)\n\n- 08:00 an index rebuild starts\n- 08:20 a customer reports empty results\n"
                     "- 10:05 the old index is restored\n\n## What happened\n\nThe rebuild job wrote to the live "
                     "index. The alias for the new index had been removed in an earlier clean-up. Every query "
                     "returned no data.\n\n## Detection\n\nA customer emailed support.\n\n## Resolution\n\nThe old "
                     "index was restored.\n\n## Next\n\nThe move to blue-green index builds is scheduled for July.\n\n"
                     "## Lessons learned\n\nA clean-up of aliases is a production change.\n",
                     note="a cause told as events (what had been removed beside what broke), a plan told as an "
                          "impersonal future event, impact told as what the system returned"),
             Example("# Loan reminders not sent\n\nOn 9 October we received a message from a branch librarian saying "
                     "that no overdue reminders had gone out that week. For six days 2,300 borrowers were affected.\n\n"
                     "## Timeline (UTC)\n\n- 3 Oct 22:00 the mail relay's certificate expires\n- 9 Oct 10:15 the "
                     "librarian's message arrives\n- 9 Oct 12:40 a new certificate is installed\n\n## Root cause\n\nThe "
                     "relay's certificate was renewed by hand, and no one had it in their calendar.\n\n## Resolution\n\nWe "
                     "installed a new certificate and re-sent the reminders.\n\n## Action items\n\n- Renew the relay "
                     "certificate automatically (@systems, LIB-214)\n\n## Musings\n\nThe hand-over between the branches "
                     "and the systems team was awkward. There was no check that reminders actually left the building. It "
                     "is still unclear who should own the relay.\n",
                     note="lessons under a heading of the writer's own, told as appraisals, gaps and open questions; "
                          "the detection told in the opening as word that reached the team"),
             Example("# Ticket sales stall\n\n## Summary\n\nOn 8 March the ticket shop rejected 30% of purchases for 50 "
                     "minutes. A fan wrote to the box office at 19:10.\n\n## Timeline (UTC)\n\n- 18:55 a cache node runs "
                     "out of memory\n- 19:10 a fan writes to the box office\n- 19:45 the node is replaced\n\n## Root cause"
                     "\n\nThe seat map was cached whole and outgrew the node.\n\n## Resolution\n\nWe replaced the node "
                     "with a larger one.\n\n## Lessons learned\n\nCache sizes need the same review as code.\n\n"
                     "## Road ahead\n\n1. Migration of the seat map to a paged cache\n2. Investigation into memory "
                     "alerts for cache nodes\n3. Introduction of a size check before each on-sale\n",
                     name="future-work-named-by-its-nouns", note="a list of work to do is the follow-up list under any "
                     "heading, told in imperatives or, as here, by the nouns of the work"),
             Example("# Stalled photo uploads\n\nFor 90 minutes on 14 April, 35% of photo uploads failed for members "
                     "of the club site.\n\n## Technical details\n\n- On April 14 at 08:05 failed uploads are seen in the "
                     "error log\n- On April 14 at 08:40 the upload queue is found full\n- After being paged by the "
                     "queue monitor, we paused the importer.\n- On April 14 at 09:35 the queue is drained and uploads "
                     "resume\n\n## Root cause\n\nThe importer retried every failed file without a limit.\n\n## "
                     "Resolution\n\nWe drained the queue.\n\n## Action items\n\n- Cap the importer's retries "
                     "(@media)\n\n## Lessons learned\n\nRetries need a budget.\n", name="detection-in-timeline-entries",
                     note="a list whose items open on their times is a timeline under any heading, and its entry that "
                          "tells the first signal with no one named ('failed uploads are seen', 'after being paged') is "
                          "the detection"),
             Example("# Lost survey answers\n\nOn 2 June a form change dropped the answers of 120 respondents for "
                     "six hours, because the new field names no longer matched the table. A respondent emailed us at "
                     "15:00. We restored the answers from the form log at 18:00.\n\n## Timeline (UTC)\n\n- 09:00 the "
                     "form change ships\n- 15:00 a respondent's email arrives\n- 18:00 the answers are restored\n\n## "
                     "Since then\n\nWe have rebuilt the form release so that field names are checked against the "
                     "table, to avoid regressions in the future.\n\n## Lessons learned\n\nA form is a schema.\n",
                     name="follow-up-already-done", note="preventive work already done is the follow-up: the "
                     "action-items section tells what changes so that it does not recur, and a finished change tells "
                     "that better than a plan (what is still open is the action-item rules' concern)"),
             Example("# Card reader outage\n\nOn 9 May the card readers at both shops were offline for 40 minutes "
                     "and 60 customers could not pay by card. A cashier called us at 11:10.\n\n## Timeline\n\n- 10:55 "
                     "a firmware push starts\n- 11:10 a cashier calls\n- 11:35 the old firmware is back\n\n## Root "
                     "cause\n\nThe push had no staged rollout.\n\n## Resolution\n\nWe rolled the firmware back.\n\n"
                     "## Action items\n\n- Stage firmware pushes by shop (@retail-it)\n\n## In my own words\n\nIf I "
                     "had pushed to one shop first, the fault would have shown there. We would have kept the second "
                     "shop open. Had we waited a day, the vendor's fix would have reached us.\n",
                     name="lessons-as-hindsight", note="hindsight on the team's own acts, told in the conditional, "
                     "is a reflection: the lessons, under a heading of the writer's own"),
             Example("# Scraper on the price list\n\nOn 20 May a scraper read our private price list for two "
                     "hours; 300 partner prices were exposed. Our firewall alerted us at 10:00, and we "
                     "blocked the scraper's network and closed the hole in the export page by noon.\n\n## Timeline "
                     "(UTC)\n\n- 08:00 scraping starts\n- 10:00 the firewall alert fires\n- 12:00 the export page is "
                     "locked\n\n## Root cause\n\nThe export page had no login check.\n\n## Action items\n\n- Add "
                     "a login check test to every export page (@web)\n\n## Lessons learned\n\nPrivate pages need "
                     "tests too.\n", name="resolution-as-an-act-on-the-problem", note="the fix told as the team's "
                     "finished act on the problem itself ('closed the hole') is the resolution"),
             Example("# Caída del correo\n\nEl martes el servidor de correo dejó de aceptar mensajes durante dos "
                     "horas porque el disco estaba lleno. Borramos los registros antiguos y el servicio volvió a "
                     "funcionar.\n",
                     note="a report in another language: the section readers know English only, and an unread "
                          "section is not a missing one")),
    tags=("structure",),
)

IMPACT = Rule(
    id="ST002",
    name="impact-not-quantified",
    summary="The impact section has no number, duration or count.",
    rationale="'Some users were affected' cannot be compared, prioritised or checked. Numbers can.",
    guardrail="Give duration, users or requests affected, error rate, revenue or support tickets.",
    severity=Severity.WARNING,
    check=check_impact,
    flagged=(Example("## Impact\n\nSome customers could not log in for a while.\n",
                     "## Impact\n\n1,240 customers could not log in for 42 minutes.\n"),
             Example("## Impact\n\n_What was the impact on riders and staff?_\n\n- Some riders could not book a bike "
                     "during the outage.\n", "## Impact\n\n_What was the impact on riders and staff?_\n\n- 420 riders "
                     "could not book a bike for 35 minutes.\n", name="a-template-prompt-under-the-heading",
                     note="one finding for the section: the template's italic prompt is guidance, not a second section"),
             Example("## Impact\n\n[e.g. 1,200 users for 30 minutes]\n\nSome riders could not book a bike.\n",
                     name="a-number-in-the-prompt", note="the template's bracketed example is not the section's count")),
    passing=(Example("## Impact\n\nCheckout failed for 38% of requests over 41 minutes.\n"),
             Example("## Log excerpts\n\n**Impact on the mail relay:**\n\n```text\n10:02:11 relay: queue full\n```\n\n"
                     "**Disk traces:**\n\n```text\n10:02:15 sda: io wait 60%\n```\n",
                     note="a bold label over a log block is evidence, not the impact section"),
             Example("## Impact\n\nNo customer records were exposed; the leaked key could only read build logs.\n",
                     note="an explicit nil impact is quantified"),
             Example("## Impact\n\nMerchants were not affected: the delay only reached the internal ledger export.\n",
                     note="a nil impact told as a negated passive")),
    tags=("structure",),
)
