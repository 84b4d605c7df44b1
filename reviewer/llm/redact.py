"""Redact secrets and personal data before any LLM request; restore only by exact placeholder match.

Pure, regex-only and offline (no spaCy, no presidio, no tldextract): see reliability notes section 3.
OWASP LLM02 (2025) Sensitive Information Disclosure.

- ``Redactor.redact`` replaces each sensitive value with an opaque typed placeholder such as
  ``[[SECRET_1]]``, ``[[EMAIL_1]]``, ``[[IP_1]]`` or ``[[URL_CREDENTIALS_1]]``. Within one ``Redactor`` the
  same value always gets the same placeholder and different values get different ones (R-RED-1).
- Overlapping detections are resolved to a non-overlapping set before replacing: priority first
  (secret > URL credentials > email > IP), then the longest match (R-RED-3). Priority first is what keeps the
  host of ``https://user:pass@host`` intact (the email pattern would otherwise claim ``pass@host``).
- ``Redactor.restore`` replaces only exact placeholders this Redactor issued; anything else that looks like a
  placeholder (unknown number, changed case, extra spaces) is left as it is (section 3.3). Check the answer
  with ``missing_placeholders``/``unexpected_placeholders`` before restoring.
- Hostnames, service names, ticket ids, versions and timestamps are deliberately kept: they are facts the
  rewrite must keep (fact lock, section 4.4).

A Redactor holds the value map in memory only. Never log, cache or send ``mapping()``. Not thread-safe: use one
Redactor per document/run.
"""

from __future__ import annotations

import bisect
import ipaddress
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "PLACEHOLDER_RE",
    "SECRET_KINDS",
    "Redactor",
    "contains_secret",
    "find_sensitive",
    "missing_placeholders",
    "unexpected_placeholders",
]

#: Matches any well-formed placeholder, issued by us or not.
PLACEHOLDER_RE = re.compile(r"\[\[([A-Z][A-Z_]*?)_(\d+)\]\]")

#: Placeholder kinds that hold credentials: never restore these into PR comments or logs.
SECRET_KINDS = frozenset({"SECRET", "URL_CREDENTIALS"})

# Lower number = higher priority when detections overlap.
_PRIORITY = {"SECRET": 0, "URL_CREDENTIALS": 1, "EMAIL": 2, "IP": 3}


@dataclass(frozen=True)
class _Pattern:
    kind: str
    name: str
    regex: re.Pattern[str]
    group: int | str = 0  # which group is the sensitive value; named groups are tried in order
    validate: Callable[[str], bool] | None = None


@dataclass(frozen=True)
class Detection:
    start: int
    end: int
    kind: str
    rule: str
    value: str


def _valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _valid_ipv6(value: str) -> bool:
    # "::" alone, or a run of colons, is not something prose would mean as an address.
    return any(c in "0123456789abcdefABCDEF" for c in value.split("%", 1)[0]) and _valid_ip(value)


def _looks_secret_after_colon(value: str) -> bool:
    # "token: abc" style in prose ("the token: expired") is often not a secret; require a digit, a
    # non-letter, or some length. "=" assignments are accepted as they are (code/config context).
    return len(value) >= 12 or any(not c.isalpha() for c in value)


def _entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def _looks_random_key(value: str) -> bool:
    mixed = any(c.isupper() for c in value) and any(c.islower() for c in value)
    marked = any(c.isdigit() or c in "/+" for c in value)
    return mixed and marked and _entropy(value) >= 4.2


_B64URL = r"[A-Za-z0-9_-]"
_KEYWORD = (
    r"(?:password|passwd|passphrase|pwd|secret|client[_-]?secret|secret[_-]?(?:access[_-]?)?key|"
    r"token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth)"
)
_NOT_PLACEHOLDER = r"(?!\[\[)"

_PATTERNS: tuple[_Pattern, ...] = (
    _Pattern(
        "SECRET",
        "private_key",
        re.compile(
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
            r"(?:.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=:\s-]*)",
            re.S,
        ),
    ),
    _Pattern("SECRET", "aws_access_key_id", re.compile(r"(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}(?![A-Za-z0-9])")),
    _Pattern(
        "SECRET",
        "aws_secret_access_key",
        re.compile(
            r"(?i:aws[_-]?secret(?:[_-]?access)?[_-]?key)[\"']?\s*[:=]\s*[\"']?"
            r"(?<![A-Za-z0-9/+=])([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"
        ),
        group=1,
    ),
    # A bare secret access key: 40 base64 characters with no keyword near it. Git SHAs (hex), paths and
    # identifiers are kept by asking for mixed case, a digit or '/'/'+', and the entropy of random bytes.
    _Pattern(
        "SECRET",
        "aws_secret_access_key_bare",
        re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"),
        validate=_looks_random_key,
    ),
    _Pattern("SECRET", "github_token", re.compile(r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255})(?![A-Za-z0-9_])")),
    _Pattern("SECRET", "openai_key", re.compile(r"(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}")),
    _Pattern("SECRET", "stripe_key", re.compile(r"(?<![A-Za-z0-9_])(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}")),
    _Pattern("SECRET", "slack_token", re.compile(r"(?<![A-Za-z0-9_-])(?:xox[abeprs]|xapp)-[A-Za-z0-9-]{10,}")),
    _Pattern("SECRET", "slack_webhook", re.compile(r"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+")),
    _Pattern("SECRET", "google_api_key", re.compile(r"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])")),
    _Pattern("SECRET", "jwt", re.compile(rf"(?<![A-Za-z0-9_-])eyJ{_B64URL}{{5,}}\.{_B64URL}{{5,}}\.{_B64URL}*")),
    _Pattern(
        "SECRET",
        "authorization_header",
        re.compile(r"(?i:\b(?:proxy-)?authorization\s*:\s*(?:bearer|basic|token|digest)\s+)([A-Za-z0-9._~+/-]+=*)"),
        group=1,
    ),
    _Pattern("SECRET", "bearer_token", re.compile(r"(?i:\bbearer\s+)([A-Za-z0-9._~+/-]{16,}=*)"), group=1),
    _Pattern(
        "SECRET",
        "keyword_assignment",
        re.compile(
            rf"(?<![A-Za-z0-9_./-])(?i:[A-Za-z0-9_.-]*?{_KEYWORD})[\"']?[ \t]*=[ \t]*{_NOT_PLACEHOLDER}"
            r"(?:\"(?P<dq>[^\"\s]+)\"|'(?P<sq>[^'\s]+)'|(?P<bare>[^\s'\",;)\]}&]+))"
        ),
        group="dq|sq|bare",
    ),
    _Pattern(
        "SECRET",
        "keyword_colon_quoted",
        re.compile(
            rf"(?<![A-Za-z0-9_./-])(?i:[A-Za-z0-9_.-]*?{_KEYWORD})[\"']?[ \t]*:[ \t]*{_NOT_PLACEHOLDER}"
            r"(?:\"(?P<dq>[^\"\s]+)\"|'(?P<sq>[^'\s]+)')"
        ),
        group="dq|sq",
    ),
    _Pattern(
        "SECRET",
        "keyword_colon",
        re.compile(
            rf"(?<![A-Za-z0-9_./-])(?i:[A-Za-z0-9_.-]*?{_KEYWORD})[\"']?[ \t]*:[ \t]*{_NOT_PLACEHOLDER}"
            r"([^\s'\",;)\]}&]+)"
        ),
        group=1,
        validate=_looks_secret_after_colon,
    ),
    # scheme://user:pass@host -> only "user:pass" (the host stays: it is a fact).
    # The password may itself contain '@' or '/' (unencoded, as people paste them): it runs to the last '@'
    # that is followed by a host. A port ("host:8080/path") is not a password.
    _Pattern(
        "URL_CREDENTIALS",
        "url_credentials",
        re.compile(
            r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}://"
            r"([^\s/@:]{0,256}:(?!\d{1,5}(?:[/?#]|\s|$))[^\s]{1,256})"
            r"@(?=[A-Za-z0-9\[])[A-Za-z0-9.\-\[\]:]*(?=[/?#\s'\"<>)\],;]|$)"
        ),
        group=1,
    ),
    _Pattern(
        "EMAIL",
        "email",
        re.compile(
            r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])"
        ),
    ),
    # IPv4: exactly four dotted octets 0-255, not part of a longer dotted run (versions like 1.2.3.4.5).
    _Pattern(
        "IP",
        "ipv4",
        re.compile(r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)(?!\w)"),
    ),
    # IPv6 candidates, validated by ipaddress; times like 14:02:30 are not valid IPv6 addresses.
    _Pattern(
        "IP",
        "ipv6",
        re.compile(
            r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?"
            r"(?:%[A-Za-z0-9_.-]+)?(?![\w:])"
        ),
        validate=_valid_ipv6,
    ),
)


def _group_span(m: re.Match[str], group: int | str) -> tuple[int, int] | None:
    if isinstance(group, int):
        return m.span(group) if m.group(group) is not None else None
    for g in group.split("|"):
        if m.group(g) is not None:
            return m.span(g)
    return None


def find_sensitive(text: str) -> list[Detection]:
    """All sensitive spans in ``text``, non-overlapping, in text order."""
    candidates: list[Detection] = []
    for pat in _PATTERNS:
        for m in pat.regex.finditer(text):
            span = _group_span(m, pat.group)
            if span is None or span[0] == span[1]:
                continue
            value = text[span[0] : span[1]]
            if pat.validate is not None and not pat.validate(value):
                continue
            if PLACEHOLDER_RE.fullmatch(value):
                continue
            candidates.append(Detection(span[0], span[1], pat.kind, pat.name, value))
    candidates.sort(key=lambda d: (_PRIORITY[d.kind], -(d.end - d.start), d.start))
    # accepted spans are disjoint, so a sorted list of starts plus bisect finds the only possible neighbours
    starts: list[int] = []
    accepted: list[Detection] = []
    for d in candidates:
        i = bisect.bisect_left(starts, d.start)
        if i > 0 and accepted[i - 1].end > d.start:
            continue
        if i < len(accepted) and accepted[i].start < d.end:
            continue
        starts.insert(i, d.start)
        accepted.insert(i, d)
    return accepted


def contains_secret(text: str) -> bool:
    """Would ``Redactor().redact(text)`` replace anything of a secret kind (credentials, keys, tokens)?"""
    return any(d.kind in SECRET_KINDS for d in find_sensitive(text))


class Redactor:
    """Reversible, per-document redaction with stable typed placeholders."""

    def __init__(self) -> None:
        self._by_value: dict[tuple[str, str], str] = {}
        self._by_placeholder: dict[str, str] = {}
        self._kind_of: dict[str, str] = {}
        self._counters: Counter[str] = Counter()
        self._foreign: set[str] = set()  # placeholder-like strings that were already in the input

    def redact(self, text: str) -> str:
        # Never issue a placeholder that already occurs literally in a document: restore would then
        # turn that literal text into a secret.
        for m in PLACEHOLDER_RE.finditer(text):
            if m.group(0) not in self._by_placeholder:
                self._foreign.add(m.group(0))
        out: list[str] = []
        pos = 0
        for d in find_sensitive(text):
            out.append(text[pos : d.start])
            out.append(self._placeholder_for(d.kind, d.value))
            pos = d.end
        out.append(text[pos:])
        return "".join(out)

    def _placeholder_for(self, kind: str, value: str) -> str:
        key = (kind, value)
        existing = self._by_value.get(key)
        if existing is not None:
            return existing
        while True:
            self._counters[kind] += 1
            placeholder = f"[[{kind}_{self._counters[kind]}]]"
            if placeholder not in self._foreign:
                break
        self._by_value[key] = placeholder
        self._by_placeholder[placeholder] = value
        self._kind_of[placeholder] = kind
        return placeholder

    def restore(self, text: str, *, secrets: bool = True) -> str:
        """Replace exact placeholders this Redactor issued with their original values.

        Unknown or garbled placeholders are left as they are. With ``secrets=False`` the credential kinds
        (``SECRET_KINDS``) stay masked, for sinks such as PR comments and logs.
        """

        def sub(m: re.Match[str]) -> str:
            placeholder = m.group(0)
            original = self._by_placeholder.get(placeholder)
            if original is None or (not secrets and self._kind_of[placeholder] in SECRET_KINDS):
                return placeholder
            return original

        return PLACEHOLDER_RE.sub(sub, text)

    @property
    def placeholders(self) -> frozenset[str]:
        return frozenset(self._by_placeholder)

    def mapping(self) -> dict[str, str]:
        """Placeholder -> original value (a copy). Sensitive: never log, cache or send it."""
        return dict(self._by_placeholder)

    def kind_of(self, placeholder: str) -> str | None:
        return self._kind_of.get(placeholder)

    def __repr__(self) -> str:  # never show values
        return f"Redactor({len(self._by_placeholder)} placeholders)"


def _placeholder_counts(text: str) -> Counter[str]:
    return Counter(m.group(0) for m in PLACEHOLDER_RE.finditer(text))


def missing_placeholders(original_redacted: str, answer: str) -> set[str]:
    """Placeholders of the redacted input that the answer dropped or altered (multiset comparison)."""
    have = _placeholder_counts(answer)
    return {p for p, n in _placeholder_counts(original_redacted).items() if have[p] < n}


def unexpected_placeholders(original_redacted: str, answer: str) -> set[str]:
    """Placeholder-like strings in the answer that the redacted input did not contain (as often)."""
    had = _placeholder_counts(original_redacted)
    return {p for p, n in _placeholder_counts(answer).items() if had[p] < n}
