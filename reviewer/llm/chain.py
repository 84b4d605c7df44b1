"""The prompt chain: detect in context -> rewrite flagged sentences -> review action items.

Every answer is validated (schema, ids, grounded quotes, fact lock, blame rules) before it
touches a finding; a failed check gets one re-ask with the complaint, then the rule result
stands and an RV finding says why. One failing batch never costs the others.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from reviewer.config import Config, LLMSettings
from reviewer.document import Document, SectionKind, Segment, Span
from reviewer.engine import make_finding, review_text, severity_for
from reviewer.findings import Edit, Finding, Severity
from reviewer.llm import prompts
from reviewer.llm.cache import AnswerCache
from reviewer.llm.redact import Redactor
from reviewer.llm.schemas import (
    CATEGORY_RULE,
    WEAK_LABELS,
    ActionAnswer,
    DetectAnswer,
    RewriteAnswer,
)
from reviewer.llm.tokens import count_tokens
from reviewer.llm.verify import quote_grounded, surface_facts, verify_rewrite
from reviewer.parser import parse_markdown
from reviewer.rules.action_items.item import is_action_item
from reviewer.rules.base import Hit
from reviewer.rules.registry import TOOL_RULES, by_id

log = logging.getLogger(__name__)
BLAME_GROUPS = ("BL", "HR")
MAX_GUARDRAIL_CHARS = 400


class AnswerRejected(Exception):
    """The model answered, but not with something we can use."""


@dataclass
class Usage:
    requests: int = 0
    cache_hits: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    batches: int = 0
    reasks: int = 0
    rejected_rewrites: int = 0
    accepted_rewrites: int = 0
    failures: list[str] = field(default_factory=list)

    def cost(self, settings: LLMSettings) -> float | None:
        if settings.price_per_1k_input is None or settings.price_per_1k_output is None:
            return None
        return self.tokens_in / 1000 * settings.price_per_1k_input + self.tokens_out / 1000 * settings.price_per_1k_output

    def summary(self, settings: LLMSettings) -> str:
        cost = self.cost(settings)
        text = (f"LLM: {self.requests} requests for {self.batches} batches, {self.cache_hits} cache hits, "
                f"{self.tokens_in} tokens in / {self.tokens_out} out, {self.accepted_rewrites} rewrites accepted, "
                f"{self.rejected_rewrites} rejected, {self.reasks} re-asks, {len(self.failures)} failed")
        return text + (f", est. cost ${cost:.4f}" if cost is not None else "")


@dataclass
class Negotiated:
    """What the server turned out to support, learnt once per run."""

    method: str = "json_schema"


_FORMAT_ERROR = ("response_format", "json_schema", "json_object")


def _rejects_format(exc: BaseException) -> bool:
    """A 4xx/5xx that says the server cannot do json_schema structured output (llama.cpp's server)."""
    status = getattr(exc, "status_code", None)
    text = f"{exc} {getattr(exc, 'body', '')}"  # the server's reason is in the response body
    return status in (400, 415, 422, 500, 501) and any(word in text for word in _FORMAT_ERROR)


@dataclass
class ChainResult:
    findings: list[Finding]
    notes: list[str]
    usage: Usage
    rewrites: dict[Span, str] = field(default_factory=dict)  # segment span -> verified, restored rewrite
    action_labels: dict[Span, str] = field(default_factory=dict)  # action-item segment span -> label

    @property
    def complete(self) -> bool:
        return not self.notes


def _structured(model, schema: type[BaseModel], method: str):
    """Structured output with the raw answer kept; `method` only where the model supports it."""
    try:
        return model.with_structured_output(schema, method=method, include_raw=True)
    except (TypeError, ValueError, NotImplementedError):
        return model.with_structured_output(schema, include_raw=True)


def _nonce(*parts: str) -> str:
    """A delimiter tag derived from the content: stable for the cache, not guessable in advance."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:10]


class LLMChain:
    def __init__(self, model, settings: LLMSettings, identity: str, config: Config,
                 cache: AnswerCache | None = None, redact: bool = True, usage: Usage | None = None,
                 negotiated: Negotiated | None = None) -> None:
        self.model = model
        self.settings = settings
        self.identity = identity
        self.config = config
        self.cache = cache
        self.redact = redact
        self.usage = usage if usage is not None else Usage()
        self.negotiated = negotiated or Negotiated(settings.structured_method)
        self._failures_before = len(self.usage.failures)
        self._semaphore: asyncio.Semaphore | None = None

    # -- public ------------------------------------------------------------------------
    def review(self, document: Document, findings: list[Finding]) -> ChainResult:
        return asyncio.run(self.areview(document, findings))

    async def areview(self, document: Document, findings: list[Finding]) -> ChainResult:
        self._semaphore = asyncio.Semaphore(max(1, self.settings.max_concurrency))
        redactor = Redactor() if self.redact else None
        shown = {s.index: (redactor.redact(s.text) if redactor else s.text) for s in document.segments}
        title = next((s.title for s in document.sections if s.heading is not None), document.path)
        title = redactor.redact(title) if redactor else title
        detect_task = asyncio.create_task(self._detect(document, findings, shown, title))
        actions_task = asyncio.create_task(self._actions(document, findings, shown, title))
        findings, blamed = await detect_task
        findings = await self._rewrite(document, findings, blamed, shown, title, redactor)
        action_updates = await actions_task
        findings = self._merge_actions(document, findings, action_updates)
        labels = {document.segments[i].span: v.label for i, v in action_updates.items()}  # type: ignore[attr-defined]
        rewrites = {f.segment_span: f.suggestion for f in findings
                    if f.segment_span is not None and f.suggestion and f.edits and "rewrite by the LLM" in (f.note or "")}
        notes = []
        failures = self.usage.failures[self._failures_before:]
        if failures:
            note = f"LLM review incomplete: {len(failures)} request(s) failed ({failures[0]})"
            notes.append(note)
            findings.append(self._tool_finding(document, "RV003", Span(0, 0), note, Severity.INFO))
        return ChainResult(sorted(findings, key=lambda f: (f.span.start, f.rule)), notes, self.usage,
                           rewrites, labels)  # type: ignore[arg-type]

    async def arewrite_one(self, text: str, why: str, title: str = "") -> str | None:
        """One sentence rewritten, verified (one re-ask), restored; None when no answer is safe.

        The editor's "Rewrite neutrally (LLM)" action uses this for the paragraph at the cursor.
        """
        self._semaphore = self._semaphore or asyncio.Semaphore(max(1, self.settings.max_concurrency))
        redactor = Redactor() if self.redact else None
        shown_text = redactor.redact(text) if redactor else text
        segment = parse_markdown(text, "<rewrite>").segments
        if not segment:
            return None
        first = dataclasses.replace(segment[0], index=0, text=text)
        accepted, _ = await self._rewrite_batch([first], {0: shown_text}, {0: why}, title or "postmortem")
        if 0 not in accepted:
            return None
        return redactor.restore(accepted[0]) if redactor else accepted[0]

    # -- requests ----------------------------------------------------------------------
    async def _ask(self, schema: type[BaseModel], step: str, user: str, nonce: str,
                   check: Callable[[BaseModel], list[str]]) -> BaseModel:
        """One validated answer, with one re-ask carrying the complaint; raises AnswerRejected."""
        system = prompts.render("system.j2", step=step, nonce=nonce)
        complaint = ""
        for attempt in range(2):
            text = user if not complaint else f"{user}\nYour previous answer was rejected: {complaint}\n"
            try:
                answer = await self._call(schema, system, text)
            except AnswerRejected as exc:  # schema mismatch, empty answer: worth one re-ask
                problems = [str(exc)]
            else:
                problems = check(answer)
            if not problems:
                return answer
            complaint = "; ".join(problems)[:1000]
            if attempt == 0:
                self.usage.reasks += 1
        raise AnswerRejected(complaint)

    def _key(self, schema: type[BaseModel], system: str, user: str) -> str:
        return AnswerCache.key(self.identity, prompts.bundle_fingerprint(), schema.__name__,
                               [["system", system], ["user", user]])  # type: ignore[list-item]

    async def _call(self, schema: type[BaseModel], system: str, user: str) -> BaseModel:
        # Answers are cached as received, good or bad: our checks are deterministic, so a
        # replay reproduces the same acceptances and rejections without a request.
        key = self._key(schema, system, user)
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None and "rejected" in cached:
                self.usage.cache_hits += 1
                raise AnswerRejected(str(cached["rejected"]))
            if cached is not None and "answer" in cached:
                try:
                    answer = schema.model_validate(cached["answer"])
                    self.usage.cache_hits += 1
                    return answer
                except ValidationError:
                    pass
        from langchain_core.messages import HumanMessage, SystemMessage

        assert self._semaphore is not None
        async with self._semaphore:
            limit = self.settings.timeout * (self.settings.max_retries + 1) + 5
            messages = [SystemMessage(system), HumanMessage(user)]
            try:
                self.usage.requests += 1
                method = self.negotiated.method
                try:
                    out = await asyncio.wait_for(_structured(self.model, schema, method).ainvoke(messages), limit)
                except Exception as exc:
                    if method != "json_schema" or not _rejects_format(exc):
                        raise
                    # The server has no json_schema response_format: use a forced tool call,
                    # which such servers turn into a grammar. Learnt once for the whole run.
                    log.info("server rejected json_schema output; using function calling")
                    self.negotiated.method = "function_calling"
                    self.usage.requests += 1
                    out = await asyncio.wait_for(
                        _structured(self.model, schema, "function_calling").ainvoke(messages), limit)
            except (ValidationError, ValueError) as exc:
                # The client parsed the answer itself and it did not fit the schema (extra
                # fields, wrong types, invalid JSON): a bad answer, worth a re-ask.
                self._reject(key, f"answer did not match the schema ({_first_line(exc)})")
        raw = out.get("raw") if isinstance(out, dict) else None
        meta = getattr(raw, "usage_metadata", None) or {}
        self.usage.tokens_in += int(meta.get("input_tokens") or 0)
        self.usage.tokens_out += int(meta.get("output_tokens") or 0)
        if not meta:
            self.usage.tokens_in += count_tokens(system + user, self.identity.split("@")[0])
        parsed = out.get("parsed") if isinstance(out, dict) else None
        if not isinstance(out, dict) or out.get("parsing_error"):
            error = out.get("parsing_error") if isinstance(out, dict) else "no answer"
            self._reject(key, f"answer did not match the schema ({_first_line(Exception(str(error)))})")
        if not isinstance(parsed, schema):
            self._reject(key, "empty or unparsable answer")
        assert isinstance(parsed, BaseModel)
        if self.cache is not None:
            self.cache.put(key, {"answer": parsed.model_dump(mode="json")})
        return parsed

    def _reject(self, key: str, reason: str):
        if self.cache is not None:
            self.cache.put(key, {"rejected": reason})
        raise AnswerRejected(reason)

    # -- step 1: detect ----------------------------------------------------------------
    def _narrative(self, document: Document) -> list[Segment]:
        return [s for s in document.segments if not is_action_item(s)]

    def _batches(self, segments: list[Segment], shown: dict[int, str]) -> list[list[Segment]]:
        model = self.identity.split("@")[0]
        batches: list[list[Segment]] = []
        current: list[Segment] = []
        used = 0
        for segment in segments:
            cost = count_tokens(shown[segment.index], model) + 12
            if current and used + cost > self.settings.token_budget:
                batches.append(current)
                current, used = [], 0
            current.append(segment)
            used += cost
        if current:
            batches.append(current)
        return batches

    async def _detect(self, document: Document, findings: list[Finding], shown: dict[int, str],
                      title: str) -> tuple[list[Finding], set[int]]:
        narrative = self._narrative(document)
        batches = self._batches(narrative, shown)
        position = {s.index: i for i, s in enumerate(narrative)}
        verdicts: dict[int, object] = {}
        for result in await self._gather("detect", batches, lambda b: self._detect_batch(
                b, narrative, position, findings, shown, title)):
            verdicts.update(result)
        merged, blamed = self._merge_detect(document, findings, verdicts, shown)
        # Where the judgement failed, the rule findings stand as they are, and still get a rewrite.
        for f in findings:
            segment = self._segment_of(document, f)
            if segment is not None and segment.index not in verdicts and f.rule[:2] in BLAME_GROUPS:
                blamed.add(segment.index)
        return merged, blamed

    async def _gather(self, step: str, batches: list[list[Segment]], run) -> list:
        """Run every batch concurrently; a failed batch is recorded and left out, never raised."""
        results = await asyncio.gather(*(run(b) for b in batches), return_exceptions=True)
        done = []
        for batch, result in zip(batches, results, strict=True):
            self.usage.batches += 1
            if isinstance(result, BaseException):
                if getattr(result, "fatal", False):  # e.g. a missing eval recording: stop the run
                    raise result
                self._failed(step, batch, result)
            else:
                done.append(result)
        return done

    async def _detect_batch(self, batch: list[Segment], narrative: list[Segment], position: dict[int, int],
                            findings: list[Finding], shown: dict[int, str], title: str) -> dict[int, object]:
        first, last = position[batch[0].index], position[batch[-1].index]
        context_before = narrative[max(0, first - 1):first]
        context_after = narrative[last + 1:last + 2]
        judged = {s.id: s for s in batch}
        rows = [{"id": s.id, "section": s.section.value, "role": "judge" if s.id in judged else "context",
                 "text": " ".join(shown[s.index].split())} for s in [*context_before, *batch, *context_after]]
        hints = [{"id": s.id, "rule": f.rule, "name": f.name, "excerpt": f.excerpt[:120]}
                 for s in batch for f in findings
                 if f.rule[:2] in BLAME_GROUPS and s.span.contains(f.span)]
        nonce = _nonce(title, *(r["text"] for r in rows))
        user = prompts.render("detect.j2", nonce=nonce, title=title, segments=rows, hints=hints)

        def check(answer: BaseModel) -> list[str]:
            assert isinstance(answer, DetectAnswer)
            problems = []
            ids = [v.id for v in answer.verdicts]
            missing = sorted(set(judged) - set(ids))
            unknown = sorted(set(ids) - set(judged))
            if missing:
                problems.append(f"no verdict for {', '.join(missing)}")
            if unknown:
                problems.append(f"verdicts for ids that were not asked: {', '.join(unknown)}")
            for v in answer.verdicts:
                if v.id not in judged or v.verdict != "blame":
                    continue
                if v.category is None:
                    problems.append(f"{v.id}: a blame verdict needs a category")
                if not v.quote or not quote_grounded(v.quote, shown[judged[v.id].index]):
                    problems.append(f"{v.id}: the quote {v.quote!r} is not in the sentence")
            return problems

        answer = await self._ask(DetectAnswer, "detect", user, nonce, check)
        assert isinstance(answer, DetectAnswer)
        return {judged[v.id].index: v for v in answer.verdicts if v.id in judged}

    def _merge_detect(self, document: Document, findings: list[Finding], verdicts: dict[int, object],
                      shown: dict[int, str]) -> tuple[list[Finding], set[int]]:
        """Confirm, dismiss (kept, marked) or add blame findings; return them and the blamed segments."""
        out: list[Finding] = []
        blamed: set[int] = set()
        for finding in findings:
            segment = self._segment_of(document, finding)
            verdict = verdicts.get(segment.index) if segment is not None else None
            if verdict is None or finding.rule[:2] not in BLAME_GROUPS:
                out.append(finding)
                continue
            if verdict.verdict == "blame":  # type: ignore[attr-defined]
                out.append(dataclasses.replace(finding, note="confirmed by the LLM"))
                blamed.add(segment.index)  # type: ignore[union-attr]
            else:
                out.append(dataclasses.replace(finding, dismissed=True,
                                               note=f"LLM: not blame in context: {verdict.reason}"))  # type: ignore[attr-defined]
        flagged = {self._segment_of(document, f).index for f in findings  # type: ignore[union-attr]
                   if f.rule[:2] in BLAME_GROUPS and self._segment_of(document, f) is not None}
        for index, verdict in verdicts.items():
            if verdict.verdict != "blame" or index in flagged:  # type: ignore[attr-defined]
                continue
            segment = document.segments[index]
            rule_id = CATEGORY_RULE[verdict.category or "person-as-cause"]  # type: ignore[attr-defined]
            span = self._quote_span(segment, verdict.quote, shown[index]) or segment.span  # type: ignore[attr-defined]
            rule = by_id()[rule_id]
            hit = Hit(span, f"LLM: {verdict.category} — {verdict.reason}")  # type: ignore[attr-defined]
            out.append(make_finding(document, rule_id, rule.name, severity_for(rule_id, rule.severity, self.config),
                                    hit, segment.span, source="llm"))
            blamed.add(index)
        return out, blamed

    def _quote_span(self, segment: Segment, quote: str | None, shown: str) -> Span | None:
        if not quote:
            return None
        start = segment.text.find(quote)
        if start < 0:
            return None
        return Span(segment.span.start + start, segment.span.start + start + len(quote))

    @staticmethod
    def _segment_of(document: Document, finding: Finding) -> Segment | None:
        return document.segment_at(finding.span)

    # -- step 2: rewrite ---------------------------------------------------------------
    async def _rewrite(self, document: Document, findings: list[Finding], blamed: set[int], shown: dict[int, str],
                       title: str, redactor: Redactor | None) -> list[Finding]:
        targets = sorted(blamed)
        if not targets:
            return findings
        reasons: dict[int, str] = {}
        for f in findings:
            seg = self._segment_of(document, f)
            if seg is not None and seg.index in targets and not f.dismissed and f.rule[:2] in BLAME_GROUPS:
                reasons.setdefault(seg.index, f.message.split(":")[0])
        segments = [document.segments[i] for i in targets]
        batches = self._batches(segments, shown)
        accepted: dict[int, str] = {}
        rejected: dict[int, str] = {}
        for ok, bad in await self._gather("rewrite", batches, lambda b: self._rewrite_batch(b, shown, reasons, title)):
            accepted.update(ok)
            rejected.update(bad)
        out = []
        for f in findings:
            seg = self._segment_of(document, f)
            if seg is not None and seg.index in accepted and f.rule[:2] in BLAME_GROUPS and not f.dismissed:
                text = redactor.restore(accepted[seg.index]) if redactor else accepted[seg.index]
                f = dataclasses.replace(f, suggestion=text, edits=(Edit(seg.span, text),),
                                        note=(f.note + "; " if f.note else "") + "rewrite by the LLM, verified")
            out.append(f)
        for index, why in rejected.items():
            seg = document.segments[index]
            out.append(self._tool_finding(document, "RV002", seg.span,
                                          f"LLM rewrite rejected: {why}; the rule finding stands without a rewrite",
                                          Severity.INFO))
        self.usage.accepted_rewrites += len(accepted)
        self.usage.rejected_rewrites += len(rejected)
        return out

    async def _rewrite_batch(self, batch: list[Segment], shown: dict[int, str], reasons: dict[int, str],
                             title: str) -> tuple[dict[int, str], dict[int, str]]:
        complaints: dict[str, str] = {}
        pending = {s.id: s for s in batch}
        accepted: dict[int, str] = {}
        for attempt in range(2):
            items = [{"id": s.id, "text": " ".join(shown[s.index].split()),
                      "why": reasons.get(s.index, "it blames a person"),
                      "facts": surface_facts(shown[s.index]), "complaint": complaints.get(s.id, "")}
                     for s in pending.values()]
            nonce = _nonce(title, *(str(i["text"]) for i in items))
            user = prompts.render("rewrite.j2", nonce=nonce, title=title, items=items)
            system = prompts.render("system.j2", step="rewrite", nonce=nonce)
            try:
                answer = await self._call(RewriteAnswer, system, user)
            except AnswerRejected:
                if attempt == 1:
                    raise
                self.usage.reasks += 1
                continue
            assert isinstance(answer, RewriteAnswer)
            got = {r.id: r.rewrite for r in answer.rewrites if r.id in pending}
            complaints = {}
            for sid, seg in list(pending.items()):
                if sid not in got:
                    complaints[sid] = "no rewrite was returned for this sentence"
                    continue
                check = verify_rewrite(" ".join(shown[seg.index].split()), got[sid], self._blame_hits)
                if check.ok:
                    accepted[seg.index] = got[sid]
                    del pending[sid]
                else:
                    complaints[sid] = "; ".join(check.problems)
            if not pending:
                break
            if attempt == 0:
                self.usage.reasks += 1
        return accepted, {pending[sid].index: complaints.get(sid, "rejected") for sid in pending}

    def _blame_hits(self, text: str) -> list[str]:
        report = review_text(text, "<rewrite>", Config(select=list(BLAME_GROUPS)))
        return [f"{f.rule} '{f.excerpt}'" for f in report.findings]

    # -- step 3: action items ----------------------------------------------------------
    async def _actions(self, document: Document, findings: list[Finding], shown: dict[int, str],
                       title: str) -> dict[int, object]:
        items = [s for s in document.segments if is_action_item(s)]
        if not items:
            return {}
        context = " ".join(" ".join(shown[s.index].split()) for s in document.segments
                           if s.section in (SectionKind.SUMMARY, SectionKind.ROOT_CAUSE, SectionKind.TRIGGER))[:4000]
        out: dict[int, object] = {}
        for batch in self._batches(items, shown):
            self.usage.batches += 1
            by_sid = {s.id: s for s in batch}
            rows = [{"id": s.id, "text": " ".join(shown[s.index].split())} for s in batch]
            nonce = _nonce(title, context, *(r["text"] for r in rows))
            user = prompts.render("actions.j2", nonce=nonce, title=title, context=context, items=rows)

            def check(answer: BaseModel, by_sid=by_sid) -> list[str]:
                assert isinstance(answer, ActionAnswer)
                ids = {i.id for i in answer.items}
                problems = []
                if set(by_sid) - ids:
                    problems.append(f"no classification for {', '.join(sorted(set(by_sid) - ids))}")
                if ids - set(by_sid):
                    problems.append(f"classifications for ids that were not asked: {', '.join(sorted(ids - set(by_sid)))}")
                return problems

            try:
                answer = await self._ask(ActionAnswer, "actions", user, nonce, check)
            except Exception as exc:  # one failed batch leaves the rest and all rule findings
                if getattr(exc, "fatal", False):
                    raise
                self._failed("actions", batch, exc)
                continue
            assert isinstance(answer, ActionAnswer)
            out.update({by_sid[i.id].index: i for i in answer.items if i.id in by_sid})
        return out

    def _merge_actions(self, document: Document, findings: list[Finding], verdicts: dict[int, object]) -> list[Finding]:
        if not verdicts:
            return findings
        out: list[Finding] = []
        flagged: set[int] = set()
        for f in findings:
            seg = self._segment_of(document, f)
            verdict = verdicts.get(seg.index) if seg is not None else None
            if verdict is None or f.rule != "AC001":
                out.append(f)
                continue
            flagged.add(seg.index)  # type: ignore[union-attr]
            if verdict.label in WEAK_LABELS:  # type: ignore[attr-defined]
                guardrail = self._usable_guardrail(verdict.guardrail)  # type: ignore[attr-defined]
                out.append(dataclasses.replace(f, note=f"confirmed by the LLM ({verdict.label})",  # type: ignore[attr-defined]
                                               suggestion=guardrail or f.suggestion))
            else:
                out.append(dataclasses.replace(f, dismissed=True,
                                               note=f"LLM: a {verdict.label}, not a reminder"))  # type: ignore[attr-defined]
        rule = by_id()["AC001"]
        for index, verdict in verdicts.items():
            if index in flagged or verdict.label not in WEAK_LABELS:  # type: ignore[attr-defined]
                continue
            seg = document.segments[index]
            guardrail = self._usable_guardrail(verdict.guardrail)  # type: ignore[attr-defined]
            hit = Hit(seg.span, f"LLM: this action item is {verdict.label}-style: reminders decay, guardrails do not",  # type: ignore[attr-defined]
                      guardrail)
            out.append(make_finding(document, "AC001", rule.name, severity_for("AC001", rule.severity, self.config),
                                    hit, seg.span, source="llm"))
        return out

    def _usable_guardrail(self, text: str | None) -> str | None:
        if not text or not text.strip() or len(text) > MAX_GUARDRAIL_CHARS or self._blame_hits(text):
            return None
        return " ".join(text.split())

    # -- bookkeeping -------------------------------------------------------------------
    def _failed(self, step: str, batch: list[Segment], exc: BaseException) -> None:
        reason = _describe(exc)
        log.warning("LLM %s batch (%s..%s) failed: %s", step, batch[0].id, batch[-1].id, reason)
        self.usage.failures.append(f"{step}: {reason}")

    def _tool_finding(self, document: Document, rule_id: str, span: Span, message: str,
                      severity: Severity) -> Finding:
        return make_finding(document, rule_id, TOOL_RULES[rule_id][0], severity, Hit(span, message), None,
                            source="llm")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else exc.__class__.__name__)[:200]


def _describe(exc: BaseException) -> str:
    """One line, no traceback: what went wrong with a request."""
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return "timed out"
    name = exc.__class__.__name__
    status = getattr(exc, "status_code", None)
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    if status:
        return f"HTTP {status} ({name})"
    if "Timeout" in name:
        return "timed out"
    return f"{name}: {text}" if text else name
