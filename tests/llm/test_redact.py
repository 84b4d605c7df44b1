"""reviewer.llm.redact: every kind redacted and restored exactly; placeholders stable and checked."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reviewer.llm.redact import (
    PLACEHOLDER_RE,
    Redactor,
    contains_secret,
    find_sensitive,
    missing_placeholders,
    unexpected_placeholders,
)

# Fake credentials are assembled at run time so that secret scanners (push protection) do not flag this file.
ALNUM = "A1b2C3d4E5f6G7h8J9k0L1m2N3p4Q5r6S7t8U9v0W1x2Y3z4"


def fake(prefix: str, n: int, alphabet: str = ALNUM) -> str:
    return prefix + (alphabet * 8)[:n]


AWS_ID = fake("AK" + "IA", 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
AWS_STS_ID = fake("AS" + "IA", 16, "QRSTUVWXYZ234567ABCDEFGHIJKLMNOP")
AWS_SECRET = fake("", 40, "wJalrXUtnFEMIK7MDENGbPxRfiCY/+EXAMPLEKEY")
GH = {p: fake(p, 36) for p in ("gh" + "p_", "gh" + "o_", "gh" + "s_", "gh" + "u_", "gh" + "r_")}
GH_PAT = fake("github" + "_pat_", 60, ALNUM + "_")
OPENAI = fake("s" + "k-", 48)
OPENAI_PROJ = fake("s" + "k-proj-", 64, ALNUM + "_-")
SLACK_BOT = "xo" + "xb-" + "1234567890-1234567890123-" + fake("", 24)
SLACK_USER = "xo" + "xp-" + "1234567890-" + fake("", 30)
STRIPE = fake("sk" + "_live_", 24)
STRIPE_RESTRICTED = fake("rk" + "_live_", 24)
GOOGLE = fake("AI" + "za", 35, ALNUM + "_-")
JWT = "ey" + "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0." + fake("", 43, ALNUM + "_-")
PEM = (
    "-----BEGIN RSA PRIVATE" + " KEY-----\n" + fake("", 64) + "\n" + fake("", 64) + "==\n-----END RSA PRIVATE KEY-----"
)
BEARER = fake("", 40, ALNUM + "._-")

# (text, secret value that must disappear, placeholder kind)
CASES = [
    (f"The key {AWS_ID} was in the runbook.", AWS_ID, "SECRET"),
    (f"STS creds {AWS_STS_ID} leaked.", AWS_STS_ID, "SECRET"),
    (f"aws_secret_access_key = {AWS_SECRET}", AWS_SECRET, "SECRET"),
    (f'AWS_SECRET_ACCESS_KEY="{AWS_SECRET}"', AWS_SECRET, "SECRET"),
    *[(f"token {tok} was pushed", tok, "SECRET") for tok in GH.values()],
    (f"PAT {GH_PAT} in CI", GH_PAT, "SECRET"),
    (f"OPENAI key {OPENAI}.", OPENAI, "SECRET"),
    (f"project key {OPENAI_PROJ} in .env", OPENAI_PROJ, "SECRET"),
    (f"Slack bot {SLACK_BOT} posted", SLACK_BOT, "SECRET"),
    (f"Slack user {SLACK_USER} posted", SLACK_USER, "SECRET"),
    (f"Stripe {STRIPE} charged", STRIPE, "SECRET"),
    (f"Stripe restricted {STRIPE_RESTRICTED}", STRIPE_RESTRICTED, "SECRET"),
    (f"maps key {GOOGLE} exposed", GOOGLE, "SECRET"),
    (f"session {JWT} replayed", JWT, "SECRET"),
    (f"The config contained\n{PEM}\nfor a day.", PEM, "SECRET"),
    ("DB_PASSWORD=hunter2 was in the log", "hunter2", "SECRET"),
    ("password: hunter2 was in the log", "hunter2", "SECRET"),
    ("secret=s3cr3t-value in values.yaml", "s3cr3t-value", "SECRET"),
    ('api_key: "abcd1234" in config', "abcd1234", "SECRET"),
    ("token: 9f8e7d6c5b4a was reused", "9f8e7d6c5b4a", "SECRET"),
    ("callback https://hooks.acme.example/cb?token=9f8e7d6c&x=1 failed", "9f8e7d6c", "SECRET"),
    ("YAML:\n  client_secret: 'abc'\n", "abc", "SECRET"),
    (f"curl -H 'Authorization: Bearer {BEARER}' https://api.example.com", BEARER, "SECRET"),
    ("ops-oncall@acme.example paged at 14:02", "ops-oncall@acme.example", "EMAIL"),
    ("traffic from 10.20.30.40 spiked", "10.20.30.40", "IP"),
    ("the pod at 2001:db8::8a2e:370:7334 restarted", "2001:db8::8a2e:370:7334", "IP"),
    ("loopback ::1 only", "::1", "IP"),
]


@pytest.mark.parametrize(("text", "value", "kind"), CASES, ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_each_kind_is_redacted_and_restored_exactly(text: str, value: str, kind: str) -> None:
    r = Redactor()
    redacted = r.redact(text)
    assert value not in redacted
    assert f"[[{kind}_1]]" in redacted
    assert r.mapping()[f"[[{kind}_1]]"] == value
    assert r.restore(redacted) == text
    assert contains_secret(text) is (kind == "SECRET")


def test_url_credentials_keep_scheme_and_host() -> None:
    text = "The job used postgres://admin:s3cr3t@db-01.eu-west-1.internal:5432/orders until 14:40 UTC."
    r = Redactor()
    redacted = r.redact(text)
    assert redacted == "The job used postgres://[[URL_CREDENTIALS_1]]@db-01.eu-west-1.internal:5432/orders until 14:40 UTC."
    assert r.mapping() == {"[[URL_CREDENTIALS_1]]": "admin:s3cr3t"}
    assert r.restore(redacted) == text
    assert contains_secret(text)


def test_url_credentials_with_keyword_user_and_ip_host() -> None:
    text = "redis://token:abc123@10.0.0.5:6379/0 and https://:onlypass@cache.internal/"
    r = Redactor()
    redacted = r.redact(text)
    assert redacted == "redis://[[URL_CREDENTIALS_1]]@[[IP_1]]:6379/0 and https://[[URL_CREDENTIALS_2]]@cache.internal/"
    assert r.restore(redacted) == text


def test_text_without_secrets_is_unchanged() -> None:
    text = (
        "At 14:02 UTC (14:02:30 in the log) on 2024-05-01T14:02:30Z payments-api v2.3.1 on db-01.eu-west-1 "
        "was rolled back to 4.12.1 after 40 minutes; see INC-1234, OPS-12 and PR #8812. Build 1.2.3.4.5, "
        "ratio 10:1, 99.9% of 1,240 requests, https://status.acme.example/i/42, `max_connections=200`, "
        "the on-call engineer's token: expired, and the tokens=5 setting. std::vector and 256.1.2.3 are fine.\n"
        "auth:\n  worker_threads: 200\n  max_tokens: 400\n"
    )
    r = Redactor()
    assert r.redact(text) == text
    assert r.placeholders == frozenset()
    assert not contains_secret(text)


@pytest.mark.parametrize("text", ["version 2.3.1", "at 14:02", "at 14:02:30", "1.2.3", "256.10.10.10", "1.2.3.4.5",
                                  "v1.2.3.4", "at 14:02: paged", "ratio 1:2:3", "12:30:45.123"])
def test_versions_and_times_are_not_ips(text: str) -> None:
    assert find_sensitive(text) == []


def test_same_value_same_placeholder_across_calls() -> None:
    r = Redactor()
    first = r.redact("Mail ops@acme.example and ops@acme.example from 10.0.0.1")
    second = r.redact("Later ops@acme.example again, 10.0.0.1 again")
    assert first == "Mail [[EMAIL_1]] and [[EMAIL_1]] from [[IP_1]]"
    assert second == "Later [[EMAIL_1]] again, [[IP_1]] again"
    assert r.placeholders == {"[[EMAIL_1]]", "[[IP_1]]"}


def test_two_values_two_placeholders_numbered_per_type() -> None:
    r = Redactor()
    out = r.redact("a@acme.example, b@acme.example, 10.0.0.1, 10.0.0.2, password=one1 password=two2")
    assert out == ("[[EMAIL_1]], [[EMAIL_2]], [[IP_1]], [[IP_2]], password=[[SECRET_1]] password=[[SECRET_2]]")
    assert len(set(r.mapping().values())) == 6


def test_restore_ignores_unknown_and_garbled_placeholders() -> None:
    r = Redactor()
    redacted = r.redact("contact ops@acme.example")
    assert redacted == "contact [[EMAIL_1]]"
    answer = "[[EMAIL_1]] [[EMAIL_2]] [[SECRET_1]] [[ EMAIL_1 ]] [[email_1]] [EMAIL_1] [[EMAIL_01]]"
    assert r.restore(answer) == "ops@acme.example [[EMAIL_2]] [[SECRET_1]] [[ EMAIL_1 ]] [[email_1]] [EMAIL_1] [[EMAIL_01]]"


def test_restore_can_keep_secrets_masked() -> None:
    r = Redactor()
    redacted = r.redact(f"ops@acme.example pasted {OPENAI}")
    assert r.restore(redacted, secrets=False) == "ops@acme.example pasted [[SECRET_1]]"
    assert r.restore(redacted) == f"ops@acme.example pasted {OPENAI}"


def test_missing_placeholders_detects_dropped_and_altered() -> None:
    sent = "[[EMAIL_1]] saw [[IP_1]] and [[IP_1]] at 14:02"
    assert missing_placeholders(sent, "[[EMAIL_1]] saw [[IP_1]] and [[IP_1]] at 14:02") == set()
    assert missing_placeholders(sent, "[[EMAIL_1]] saw [[IP_1]] at 14:02") == {"[[IP_1]]"}  # one of two dropped
    assert missing_placeholders(sent, "[[EMAIL_1]] saw [[IP_1]] and [[IP_2]]") == {"[[IP_1]]"}  # altered
    assert missing_placeholders(sent, "someone saw [[IP_1]] and [[IP_1]]") == {"[[EMAIL_1]]"}
    assert missing_placeholders(sent, "[[ EMAIL_1 ]] saw [[IP_1]] and [[IP_1]]") == {"[[EMAIL_1]]"}
    assert unexpected_placeholders(sent, "[[EMAIL_1]] saw [[IP_1]] and [[IP_2]]") == {"[[IP_2]]"}


def test_existing_placeholder_text_is_never_reissued() -> None:
    r = Redactor()
    out = r.redact("The literal [[EMAIL_1]] appears in our docs; mail ops@acme.example")
    assert out == "The literal [[EMAIL_1]] appears in our docs; mail [[EMAIL_2]]"
    assert r.restore(out) == "The literal [[EMAIL_1]] appears in our docs; mail ops@acme.example"


def test_redact_is_idempotent() -> None:
    r = Redactor()
    text = f"password={OPENAI} from ops@acme.example at 10.0.0.1; token: {GH['gh' + 'p_']}"
    once = r.redact(text)
    assert r.redact(once) == once
    assert r.restore(once) == text


def test_overlap_resolution_leaves_no_partial_secret() -> None:
    text = f"Authorization: Bearer {JWT}"
    r = Redactor()
    assert r.redact(text) == "Authorization: Bearer [[SECRET_1]]"
    assert [d.kind for d in find_sensitive("https://user:pa55@ops.acme.example/x")] == ["URL_CREDENTIALS"]


def test_mapping_is_a_copy_and_repr_hides_values() -> None:
    r = Redactor()
    r.redact("ops@acme.example")
    m = r.mapping()
    m.clear()
    assert r.mapping() == {"[[EMAIL_1]]": "ops@acme.example"}
    assert "acme" not in repr(r)
    assert r.kind_of("[[EMAIL_1]]") == "EMAIL"


def test_placeholder_regex_matches_every_issued_kind() -> None:
    for p in ("[[SECRET_1]]", "[[EMAIL_12]]", "[[IP_3]]", "[[URL_CREDENTIALS_1]]"):
        assert PLACEHOLDER_RE.fullmatch(p)


@pytest.mark.parametrize("text", ["a-" * 50000 + "!", "a." * 50000 + "@", "password: " * 20000, "10.0.0.1 " * 20000,
                                  "x://" + "a:" * 50000, "-----BEGIN PRIVATE KEY-----" * 2000])
def test_pathological_input_is_linear_enough(text: str) -> None:
    start = time.perf_counter()
    r = Redactor()
    assert r.restore(r.redact(text)) == text
    assert time.perf_counter() - start < 5


def test_every_fixture_postmortem_round_trips() -> None:
    root = Path(__file__).resolve().parents[2] / "fixtures"
    files = sorted(root.rglob("*.md"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        r = Redactor()
        redacted = r.redact(text)
        assert r.restore(redacted) == text, path
        assert not missing_placeholders(redacted, redacted)
