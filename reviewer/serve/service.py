"""What the HTTP API does, without the web framework: review, annotate, fix, list rules.

Every review goes through the one reviewer entry point (`_review`); the JSON report is the
CLI's own renderer, so `POST /v1/review` and `pmreview check --format json` agree byte for
byte on the same text and config. Nothing here reads or writes a file.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from reviewer.config import Config
from reviewer.document import Document
from reviewer.edits import EditModel
from reviewer.findings import FileReport, Finding, Report, ToolError
from reviewer.fix import FilePlan, plan_file
from reviewer.render.json_format import report_dict
from reviewer.review import ReviewCache, check_input
from reviewer.review import review as run_review
from reviewer.rules.docs import options_json
from reviewer.rules.registry import GROUPS, TOOL_RULES, all_rules

FAMILIES = {
    "BL": "Blame language",
    "AC": "Action items",
    "ST": "Structure",
    "TL": "Timeline",
    "HR": "Performance-management language",
    "RV": "Reviewer diagnostics",
}


class BadInput(ValueError):
    """The request is well-formed but cannot be served as asked (HTTP 400)."""


class TooLarge(ValueError):
    """The text is over the configured max-file-bytes (HTTP 413)."""


@dataclass(frozen=True)
class Reviewed:
    text: str
    report: FileReport
    document: Document | None  # None when the text could not be reviewed


def check_text(text: str, path: str, max_bytes: int) -> str:
    """The same input checks as the CLI's file reader: size, binary content."""
    data = text.encode("utf-8", errors="surrogatepass")
    if len(data) > max_bytes:
        raise TooLarge(f"text is too large ({len(data) / 1_000_000:.1f} MB, limit {max_bytes / 1_000_000:.1f} MB; "
                       "the server's max-file-bytes)")
    checked = check_input(data, max_bytes)  # lone surrogates from a client fail its UTF-8 check
    if isinstance(checked, ToolError):
        raise BadInput(f"text rejected: {checked.message}")
    return text  # as given (a leading BOM kept): the page's offsets are offsets into its own text


# One cache for the process, as the language server keeps one per buffer: the page re-reviews a
# mostly unchanged draft on every pause in typing, so only the sections and sentences that
# changed are parsed and checked again. Keys are content, so drafts cannot see each other's
# results; the lock keeps the (unsynchronised) LRU caches consistent across worker threads.
_CACHE = ReviewCache()
_LOCK = threading.Lock()


def review(text: str, path: str, config: Config) -> Reviewed:
    """The one reviewer entry point, with this server's cache."""
    with _LOCK:
        report = run_review(text, path, config=config, cache=_CACHE)
    return Reviewed(text, report, report.document)


def warm_up(config: Config) -> None:
    """Review every rule's examples once, so the first draft a user pastes does not pay for
    loading lexicons and compiling patterns (about a second on a slow machine)."""
    sample = "\n\n".join(example.text for rule in all_rules() for example in rule.flagged)
    review(sample, "warm-up.md", config)


def report_json(reviewed: Reviewed) -> dict:
    """Exactly `pmreview check --format json` for this one text."""
    return report_dict(Report((reviewed.report,)))


def finding_id(finding: Finding) -> str:
    """Fingerprint plus start position: unique within one review, derivable from the JSON report."""
    return f"{finding.fingerprint}@{finding.start.line}:{finding.start.column}"


def is_safe(finding: Finding) -> bool:
    """A suggestion that is safe to apply without reading it: mechanical edits, not dismissed."""
    return bool(finding.edits) and not finding.dismissed and finding.suppressed_reason is None


class Utf16:
    """Code-point offsets (Python) -> UTF-16 offsets (JavaScript strings)."""

    def __init__(self, text: str) -> None:
        self._table: list[int] | None = None
        if any(ord(ch) > 0xFFFF for ch in text):
            table, pos = [0], 0
            for ch in text:
                pos += 2 if ord(ch) > 0xFFFF else 1
                table.append(pos)
            self._table = table

    def __call__(self, offset: int) -> int:
        return offset if self._table is None else self._table[offset]


def annotate(reviewed: Reviewed) -> list[dict]:
    """Per finding (same order as the report): what the page needs to highlight and apply it.

    A suggestion is an `edit` (with Apply) only when the one edit model accepts it for this
    text; one it refuses (it would change the block structure) is shown as guidance.
    """
    document = reviewed.document
    if document is None:
        return []
    u16 = Utf16(reviewed.text)
    model = EditModel(reviewed.text)
    out = []
    for f in reviewed.report.findings:
        segment = f.segment_span or f.span
        checked = model.check(f) if f.edits else None
        applicable = checked is not None and checked.refused is None and bool(checked.edits)
        item: dict[str, object] = {
            "id": finding_id(f),
            "family": f.rule[:2],
            "start": u16(f.span.start),
            "end": u16(f.span.end),
            "safe": applicable and is_safe(f),
            "kind": "edit" if applicable else ("proposal" if f.suggestion else "advice"),
        }
        if applicable:
            item["before"] = document.source[segment.start : segment.end]
            item["after"] = f.suggestion
        elif checked is not None and checked.refused:
            item["refused"] = checked.refused
        out.append(item)
    return out


_MISSING = re.compile(r"^Missing section: ([a-z-]+)")


def checklist(reviewed: Reviewed, config: Config) -> list[dict]:
    """The required sections, each present or missing, as the structure rule (ST001) judges them, and
    whether the document is asked for it (a short note is not asked for a lessons section)."""
    from reviewer.rules.base import RuleContext
    from reviewer.rules.structure.content import reads_english
    from reviewer.rules.structure.sections import REQUIRED, REQUIRED_SECTIONS, absent, asked

    required = config.option(REQUIRED_SECTIONS)
    if reviewed.document is None:
        return [{"section": name, "present": False, "asked": True} for name in required]
    document = reviewed.document
    hits = REQUIRED.run(document, RuleContext(document=document, options=config.options))
    missing = {m.group(1) for hit in hits if (m := _MISSING.match(hit.message))}
    unasked = {n for n in required if not asked(document, n, required)} if document.segments else set()
    if unasked and reads_english(document):  # not flagged, and not there either
        missing |= set(absent(document, sorted(unasked)))
    return [{"section": name, "present": name not in missing, "asked": name not in unasked} for name in required]


def summary(reviewed: Reviewed) -> dict[str, int]:
    counts = {group: 0 for group in GROUPS}
    for f in reviewed.report.findings:
        if not f.dismissed:
            counts[f.rule[:2]] = counts.get(f.rule[:2], 0) + 1
    return counts


def select_findings(reviewed: Reviewed, ids: list[str] | None, safe: bool) -> list[Finding]:
    """The findings named by id (`fingerprint@line:col`, or a bare fingerprint for every occurrence)."""
    chosen: list[Finding] = []
    findings = reviewed.report.findings
    unknown = []
    for wanted in ids or []:
        matches = [f for f in findings if finding_id(f) == wanted or f.fingerprint == wanted]
        if not matches:
            unknown.append(wanted)
        chosen.extend(m for m in matches if m not in chosen)
    if unknown:
        raise BadInput(f"unknown suggestion id(s) for this text: {', '.join(unknown[:5])} "
                       "(ids come from a review of the same text)")
    without = [finding_id(f) for f in chosen if not f.edits]
    if without:
        raise BadInput(f"no mechanical edit for: {', '.join(without[:5])} (only findings with edits can be applied)")
    if safe:
        model = EditModel(reviewed.text)
        chosen.extend(f for f in findings if is_safe(f) and f not in chosen and model.check(f).refused is None)
    return chosen


def fix(reviewed: Reviewed, ids: list[str] | None, safe: bool) -> FilePlan:
    return plan_file(reviewed.report.path, reviewed.text, select_findings(reviewed, ids, safe))


def rules_json() -> list[dict]:
    rows: list[dict] = [
        {"id": r.id, "name": r.name, "family": r.group, "severity": r.severity.label, "summary": r.summary,
         "rationale": r.rationale, "guardrail": r.guardrail, "options": options_json(r)}
        for r in all_rules()
    ]
    rows.extend({"id": rid, "name": name, "family": "RV", "severity": "warning", "summary": summary,
                 "rationale": "", "guardrail": "", "options": []} for rid, (name, summary) in TOOL_RULES.items())
    return rows
