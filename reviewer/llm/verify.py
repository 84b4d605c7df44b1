"""Deterministic checks on LLM output: the fact lock, negation polarity, residual blame, grounded quotes.

Reliability notes section 4.4 (OWASP LLM09 Misinformation) and llm-chain notes 1.4(c). Pure and offline.

A rewrite keeps the exact multiset of *fact atoms* of its source: times, dates, timezones, durations and
numbers with units, plain numbers, versions, ticket/PR ids, URLs, IPs, emails, hostname-like identifiers,
inline code spans and redaction placeholders. Dropping one, changing one or inventing one is a rejection.
Normalisation is deliberately small and only merges spellings that are trivially the same fact:

- ``1,240`` == ``1240``; ``1.50`` == ``1.5``;
- ``14:02:00`` == ``14:02``; ``09:05`` == ``9:05``; ``2pm`` == ``2 p.m.`` == ``14:00``;
- ``40 minutes`` == ``40 min`` == ``40m`` == ``40-minute``; ``3 s`` == ``3 seconds``; ``500ms`` == ``500 ms``;
- ``v2.3.1`` == ``2.3.1``; ``PR #8812`` == ``#8812``; ``May 1st`` == ``May 1``; hostnames are case-folded.

Numbers written as words (``three``) are not atoms, so ``three`` -> ``3`` is reported as an invented number
(the notes' "treat as a mismatch").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["Check", "fact_atoms", "negation_count", "quote_grounded", "surface_facts", "verify_rewrite"]

MAX_LENGTH_RATIO = 3.0
_WS_RE = re.compile(r"\s+")

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_TZ_RE = (
    r"(?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?"
    r"|(?:CEST|CET|EEST|EET|WEST|WET|BST|IST|JST|KST|AEST|AEDT|ACST|NZST|NZDT|[ECMP][SD]T|HST|AKST|AKDT)"
)
# Canonical unit spellings. Keys are lower-case; byte/bit units keep their case (GB vs Gb differ).
_UNIT_CANON = {
    "ms": "ms", "msec": "ms", "msecs": "ms", "millisecond": "ms", "milliseconds": "ms",
    "us": "us", "µs": "us", "microsecond": "us", "microseconds": "us",
    "ns": "ns", "nanosecond": "ns", "nanoseconds": "ns",
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "m": "min", "min": "min", "mins": "min", "minute": "min", "minutes": "min",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "d": "d", "day": "d", "days": "d",
    "w": "wk", "wk": "wk", "wks": "wk", "week": "wk", "weeks": "wk",
    "month": "mo", "months": "mo", "year": "y", "years": "y", "yr": "y", "yrs": "y",
    "%": "%", "percent": "%", "x": "x",
    "k": "k", "rps": "rps", "qps": "qps", "req/s": "rps", "tps": "tps",
    "byte": "B", "bytes": "B",
}  # fmt: skip
_CASED_UNIT_RE = r"[KMGTP]i?B|[KMGTP]b(?:ps)?|kB|kb(?:ps)?|B"
_UNIT_RE = (
    r"%|percent\b|(?:" + _CASED_UNIT_RE + r")\b"
    r"|(?i:ms|msecs?|milliseconds?|µs|us|microseconds?|ns|nanoseconds?|secs?|seconds?|s|mins?|minutes?|m|hrs?|hours?|h"
    r"|days?|d|wks?|weeks?|w|months?|years?|yrs?|x|k|rps|qps|req/s|tps|bytes?)\b"
)
_NUMBER_RE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"

_ATOM_RE = re.compile(
    "|".join(
        [
            r"(?P<placeholder>\[\[[A-Z][A-Z_]*?_\d+\]\])",
            r"(?P<code>(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`))",
            r"(?P<url>\b(?:https?|ftp|wss?|s3|gs)://[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]])",
            r"(?P<email>(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b)",
            r"(?P<ipv4>(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?(?:/\d{1,2})?(?![\w]|\.\d))",
            r"(?P<ipv6>(?<![\w:.])(?=[0-9A-Fa-f:]*::|(?:[0-9A-Fa-f]{1,4}:){7})(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{1,4}(?![\w:]))",
            r"(?P<datetime>\b\d{4}-\d{2}-\d{2}(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w-]))",
            rf"(?P<mdate>\b{_MONTH_RE}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?)",
            rf"(?P<dmdate>\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE}\b(?:,?\s+\d{{4}}\b)?)",
            r"(?P<time>(?<![\w:.])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:\s?(?i:[ap]\.?m\.?)(?!\w))?(?![\w:]))",
            r"(?P<ampm>(?<![\w:.])(?:1[0-2]|0?[1-9])\s?(?i:[ap]\.?m\.?)(?!\w))",
            rf"(?P<tz>\b(?:{_TZ_RE})(?![\w]))",
            r"(?P<ticket>\b[A-Z][A-Z0-9]{1,9}-\d+(?:-\d+)*(?![\w-]|\.\w))",
            r"(?P<ref>(?:\b(?:PR|MR|pull request|issue|Issue|ticket|Ticket)\s?)?(?<![\w&])#\d+\b)",
            r"(?P<status>\b[1-5]xx\b)",
            r"(?P<version>(?<![\w.])(?:v\d+(?:\.\d+)*|\d+\.\d+\.\d+(?:\.\d+)*)(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?(?![\w]|\.\d))",
            rf"(?P<number>(?<![\w.,])[-+]?(?:{_NUMBER_RE})(?:(?:\s+|-)?(?P<unit>{_UNIT_RE}))?(?![\w]|[.,]\d))",
            # identifier-like: dotted names, snake_case, or hyphenated names with a digit or a tech part
            r"(?P<ident>(?<![\w.-])[A-Za-z0-9][A-Za-z0-9_]*(?:[.\-/][A-Za-z0-9_]+)+(?![\w])|(?<![\w.-])[A-Za-z0-9]+_[A-Za-z0-9_]+)",
            # alphanumeric words with letters and digits: SEV2, p99, ec2, k8s, 1st, a3f9c2d
            r"(?P<alnum>\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]+\b)",
        ]
    )
)

_TECH_PARTS = frozenset(
    "api svc db gateway gw proxy cache queue redis kafka mq prod staging dev canary k8s lb alb elb nlb "
    "cdn dns grpc backend frontend worker workers cluster shard cron etl eu us ap east west".split()
)  # fmt: skip


def _norm_number(raw: str) -> str:
    s = raw.replace(",", "")
    try:
        d = Decimal(s)
    except InvalidOperation:
        return s
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def _norm_clock(hour: int, minute: int, second: str | None) -> str:
    out = f"{hour:02d}:{minute:02d}"
    if second is not None and float(second) != 0:
        out += f":{second}"
    return out


def _norm_time(raw: str) -> str:
    m = re.match(r"(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s?([ap])?", raw, re.I)
    assert m is not None
    hour, minute = int(m.group(1)), int(m.group(2))
    if m.group(4):
        hour = hour % 12 + (12 if m.group(4).lower() == "p" else 0)
    return _norm_clock(hour, minute, m.group(3))


def _norm_ampm(raw: str) -> str:
    m = re.match(r"(\d{1,2})\s?([ap])", raw, re.I)
    assert m is not None
    hour = int(m.group(1)) % 12 + (12 if m.group(2).lower() == "p" else 0)
    return _norm_clock(hour, 0, None)


def _norm_month_date(raw: str) -> str:
    month = re.search(r"[A-Za-z]{3}", raw)
    nums = re.findall(r"\d+", raw)
    assert month is not None and nums
    day = int(nums[0])
    year = nums[1] if len(nums) > 1 else None
    out = f"{month.group(0).capitalize()} {day}"
    return f"{out} {year}" if year else out


def _norm_unit(raw: str) -> str:
    canon = _UNIT_CANON.get(raw.lower())
    if canon is not None:
        return canon
    return raw  # cased byte/bit units: GB, MiB, Gbps ...


def _keep_ident(raw: str, glossary: frozenset[str]) -> bool:
    if raw.lower() in glossary:
        return True
    if "_" in raw or any(c.isdigit() for c in raw):
        return True
    if "." in raw:
        parts = raw.split(".")
        # "e.g", "i.e" and similar abbreviations are not identifiers
        return any(len(p) >= 2 for p in parts) and not all(len(p) <= 1 for p in parts)
    if "/" in raw and "-" not in raw:
        return False  # "and/or", "read/write": prose
    parts = re.split(r"[-/]", raw.lower())
    return any(p in _TECH_PARTS for p in parts)


def _normalise(m: re.Match[str], glossary: frozenset[str]) -> str | None:
    kind = m.lastgroup
    raw = m.group(0)
    if kind in ("ticks", "unit"):  # inner groups; resolve to the outer alternative
        kind = next(k for k in ("code", "number") if m.group(k) is not None)
    if kind == "code":
        return _WS_RE.sub(" ", raw)  # a model may collapse runs of spaces; the code itself must not change
    if kind in ("placeholder", "ticket", "status", "url", "ipv4"):
        return raw
    if kind in ("email", "ipv6"):
        return raw.lower()
    if kind == "datetime":
        return raw.upper()
    if kind in ("mdate", "dmdate"):
        return _norm_month_date(raw)
    if kind == "time":
        return _norm_time(raw)
    if kind == "ampm":
        return _norm_ampm(raw)
    if kind == "tz":
        return re.sub(r"\s+", "", raw)
    if kind == "ref":
        return raw[raw.index("#") :]
    if kind == "version":
        return raw[1:] if raw.startswith("v") else raw
    if kind == "number":
        unit = m.group("unit")
        num = raw[: m.start("unit") - m.start()] if unit else raw
        value = _norm_number(num.strip().rstrip("-").strip())
        return f"{value} {_norm_unit(unit)}" if unit else value
    if kind == "ident" and _keep_ident(raw, glossary):
        return raw.lower()
    if kind == "alnum":
        return re.sub(r"(?<=\d)s$", "", raw.lower())  # plural "SEV2s" == "SEV2" (and k8s -> k8 on both sides)
    return None


def _atoms(text: str, glossary: frozenset[str]) -> Iterable[tuple[str, str]]:
    """(normalised atom, surface text) pairs in text order."""
    for m in _ATOM_RE.finditer(text):
        atom = _normalise(m, glossary)
        if atom is not None:
            yield atom, m.group(0)


def surface_facts(text: str, *, glossary: Iterable[str] = ()) -> list[str]:
    """The fact atoms as written in ``text`` (first spelling of each, in order): for showing to the model."""
    gl = frozenset(g.lower() for g in glossary)
    seen: dict[str, str] = {}
    for atom, raw in _atoms(text, gl):
        seen.setdefault(atom, raw)
    return list(seen.values())


def fact_atoms(text: str, *, glossary: Iterable[str] = ()) -> Counter[str]:
    """The normalised fact atoms of ``text`` as a multiset.

    ``glossary``: extra system/service names (for example from config) that count as identifiers even when
    they are hyphenated plain words (``payments-api`` is kept anyway because ``api`` is a technical part).
    """
    gl = frozenset(g.lower() for g in glossary)
    counts: Counter[str] = Counter(atom for atom, _ in _atoms(text, gl))
    for name in gl:
        if " " in name or not re.fullmatch(r"[\w-]+", name):
            continue
        if "-" in name or "_" in name:
            continue  # already handled by the ident rule
        n = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I))
        if n:
            counts[name] += n
    return counts


# Clause negators: the count must be equal in source and rewrite. "failed/forgot/neglected to" are included
# because a neutral rewrite of "X failed to restart Y" is "Y was not restarted" (one negation each side).
_CLAUSE_NEGATION_RE = re.compile(
    r"\b(?:not|never|cannot|nobody|nothing|none|neither|nor|no\s+one"
    r"|(?:fail(?:s|ed|ing)?|forg[eo]t(?:s|ten)?|neglect(?:s|ed)?|omit(?:s|ted)?)\s+to)\b|n[\u2019']t\b",
    re.I,
)
# Absence markers: "no <noun>", "without". Dropping one flips a fact ("no alert fired" -> "an alert fired").
# Adding one is how a blameless rewrite names a missing guardrail ("a push with no validation step"), so it
# is allowed unless strict_negation=True.
_ABSENCE_RE = re.compile(r"\b(?:no(?!\s+one\b)|without)\b", re.I)


def negation_count(text: str) -> int:
    """All negators: not, n't, never, cannot, nobody, nothing, none, neither, nor, no one, no, without, failed to,
    forgot to, neglected to, omitted to."""
    return len(_CLAUSE_NEGATION_RE.findall(text)) + len(_ABSENCE_RE.findall(text))


def _negation_problems(source: str, rewrite: str, strict: bool) -> list[str]:
    problems: list[str] = []
    clause_src, clause_new = len(_CLAUSE_NEGATION_RE.findall(source)), len(_CLAUSE_NEGATION_RE.findall(rewrite))
    absence_src, absence_new = len(_ABSENCE_RE.findall(source)), len(_ABSENCE_RE.findall(rewrite))
    if strict:
        clause_src, clause_new = clause_src + absence_src, clause_new + absence_new
    if clause_src != clause_new:
        verb = "drops" if clause_new < clause_src else "adds"
        problems.append(f"negation flipped: the rewrite {verb} a negation (source {clause_src}, rewrite {clause_new})")
    elif not strict and absence_new < absence_src:
        problems.append(f"negation flipped: the rewrite drops a 'no'/'without' (source {absence_src}, rewrite {absence_new})")
    return problems


@dataclass(frozen=True)
class Check:
    ok: bool
    problems: tuple[str, ...]  # one short human-readable line per problem

    def __bool__(self) -> bool:
        return self.ok


def _fmt_counts(n: int) -> str:
    return "" if n == 1 else f" x{n}"


def verify_rewrite(
    source: str,
    rewrite: str,
    blame_hits: Callable[[str], list[str]] | None = None,
    *,
    glossary: Iterable[str] = (),
    strict_negation: bool = False,
) -> Check:
    """Check a rewrite against its source sentence (both as sent to/returned by the model, i.e. redacted).

    Rejects: an empty rewrite; one longer than ``MAX_LENGTH_RATIO`` x the source; any source fact atom missing
    (multiset); any atom not in the source (invented); a changed count of clause negators (not, n't, never,
    nobody, failed to ...); fewer "no"/"without" than the source (more are allowed unless ``strict_negation``,
    which compares the total count of all negation words); and, with ``blame_hits``, any residual blame hit.
    """
    if not rewrite.strip():
        return Check(False, ("rewrite is empty",))
    problems: list[str] = []
    if len(rewrite) > MAX_LENGTH_RATIO * max(len(source), 1):
        problems.append(
            f"rewrite is too long: {len(rewrite)} characters, more than {MAX_LENGTH_RATIO:g}x the source ({len(source)})"
        )
    gl = tuple(glossary)
    src = fact_atoms(source, glossary=gl)
    new = fact_atoms(rewrite, glossary=gl)
    for atom, n in src.items():
        if new[atom] < n:
            missing = n - new[atom]
            problems.append(f"dropped fact: {atom!r}{_fmt_counts(missing)}")
    for atom, n in new.items():
        if src[atom] < n:
            extra = n - src[atom]
            problems.append(f"invented fact: {atom!r}{_fmt_counts(extra)} (not in the source)")
    problems.extend(_negation_problems(source, rewrite, strict_negation))
    if blame_hits is not None:
        hits = blame_hits(rewrite)
        if hits:
            problems.append("residual blame: " + "; ".join(hits))
    return Check(not problems, tuple(problems))


_QUOTE_TRANS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    }
)  # fmt: skip


def _norm_quote_text(text: str) -> str:
    return _WS_RE.sub(" ", text.translate(_QUOTE_TRANS))


def quote_grounded(quote: str, segment: str) -> bool:
    """Is ``quote`` an exact substring of ``segment``?

    Tolerant only of whitespace runs (any run equals one space; leading/trailing whitespace of the quote is
    ignored) and straight vs curly quote marks. Case, punctuation and words must match exactly.
    """
    q = _norm_quote_text(quote).strip()
    if not q:
        return False
    return q in _norm_quote_text(segment)
