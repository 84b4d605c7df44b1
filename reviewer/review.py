"""THE review: input checks -> Document -> rules -> optional stage -> merge -> FileReport.

Every front end (CLI check and fix, GitHub, editor, evals, the public API) calls `review`;
none assembles a review of its own. The report carries its document, so renderers and
`fix` use the document's own line index instead of the text travelling beside the report.

Input problems (too large, binary, not UTF-8, unreadable) and unexpected crashes become a
one-line ToolError on that file's report: the caller goes on with its other files.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from reviewer.findings import FileReport, Finding, ToolError
from reviewer.sources import Source
from reviewer.stage import ReviewStage, StageResult

if TYPE_CHECKING:
    from reviewer.config import Config
    from reviewer.document import Document
    from reviewer.engine import SegmentCache
    from reviewer.parser import TokenCache

log = logging.getLogger(__name__)
BINARY_PROBE = 8192  # a NUL byte in the first 8 KiB: not a text file


class ReviewCache:
    """What an editor (or a server) keeps between reviews: tokens per chunk, hits per segment.

    Built lazily: `import reviewer` stays free of the parser and the rules.
    """

    def __init__(self) -> None:
        from reviewer.engine import SegmentCache
        from reviewer.parser import TokenCache

        self.tokens: TokenCache = TokenCache()
        self.segments: SegmentCache = SegmentCache()


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def too_large(size: int | None, limit: int) -> ToolError:
    """`size` None: only known to be over the limit (a stream read up to limit + 1 bytes)."""
    got = f"{_mb(size)}, limit {_mb(limit)}" if size is not None else f"more than the {_mb(limit)} limit"
    return ToolError(f"file is too large ({got}; raise max-file-bytes in the config)", "too-large")


def _utf8_size(text: str, limit: int) -> int:
    if len(text) * 4 <= limit:  # cannot exceed the limit whatever the characters
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def check_input(data: str | bytes, limit: int, size: int | None = None) -> str | ToolError:
    """The text to review, or why it cannot be reviewed. Bytes lose a UTF-8 BOM; str is kept
    as given (an editor buffer's offsets must stay the editor's)."""
    if isinstance(data, str):
        if _utf8_size(data, limit) > limit:
            return too_large(_utf8_size(data, limit), limit)
        if "\x00" in data[:BINARY_PROBE]:
            return ToolError("not a text file (binary content)", "binary")
        return data
    if size is not None and size > limit:
        return too_large(size, limit)
    if len(data) > limit:
        return too_large(None if size is None else len(data), limit)
    if b"\x00" in data[:BINARY_PROBE]:
        return ToolError("not a text file (binary content)", "binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return ToolError(f"not valid UTF-8 (byte {exc.start}, line {line})", "encoding")
    return text.removeprefix("\ufeff")


def review(source: str | bytes | Source, path: str | None = None, *, config: Config | None = None,
           stage: ReviewStage | None = None, cache: ReviewCache | None = None) -> FileReport:
    """Review one postmortem: text (an editor buffer), bytes (a file's content) or a Source.

    `path` names the input in the report (required unless `source` is a Source). An empty
    text is a document with nothing in it and is reviewed like any other.
    """
    if config is None:
        from reviewer.config import default_config

        config = default_config()
    size: int | None = None
    if isinstance(source, Source):
        path = path or source.path
        if source.error is not None:
            return FileReport(path, errors=(source.error,))
        size = source.size
        data: str | bytes = source.data
    else:
        data = source
    if path is None:
        raise TypeError("review() needs path= for a text or bytes input")
    checked = check_input(data, config.max_file_bytes, size)
    if isinstance(checked, ToolError):
        return FileReport(path, errors=(checked,))
    # Imported here: `import reviewer` (every CLI command, --help) stays free of the parser and rules.
    from reviewer.engine import merge, run_rules
    from reviewer.parser import parse_markdown

    try:
        document = parse_markdown(checked, path, cache.tokens if cache else None)
        findings, tool = run_rules(document, config, cache.segments if cache else None)
    except Exception as exc:  # a reviewer bug costs this file, never the run
        log.exception("review of %s failed", path)
        return FileReport(path, errors=(ToolError(
            f"internal error while reviewing ({exc.__class__.__name__}: {exc})", "internal"),))
    if stage is None:
        return FileReport(path, tuple(merge(document, [*findings, *tool], config)), document=document)
    result = _run_stage(stage, document, [*findings, *tool], config)
    return FileReport(
        path, tuple(merge(document, result.findings, config)), notes=result.notes, document=document,
        rewrites=result.rewrites, action_labels=result.action_labels, usage=result.usage,
        incomplete=result.incomplete,
    )


def _run_stage(stage: ReviewStage, document: Document, findings: list[Finding], config: Config) -> StageResult:
    try:
        return stage.run(document, findings, config)
    except Exception as exc:  # the stage is optional: its failure leaves the rule findings standing
        log.exception("review stage failed on %s", document.path)
        note = f"review stage failed ({exc.__class__.__name__}: {exc}); rule findings only"
        return StageResult(tuple(findings), notes=(note,), incomplete=True)
