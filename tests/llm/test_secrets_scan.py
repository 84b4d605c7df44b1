"""Every byte sent to the model is redacted: plant one secret of each kind where the rules quote it
(hint excerpts, rule messages, the title, action items) and scan every request the fake server
receives, over all three steps and their re-asks."""

from __future__ import annotations

import json

from reviewer.config import Config
from tests.llm.conftest import actions_answer, llm_review, session_for
from tests.llm.fake_openai import FakeOpenAI, Reply, Request

SECRETS = {
    "github token": "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    "aws access key id": "AKIAIOSFODNN7EXAMPL2",
    "aws secret key (bare)": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE12",
    "slack bot token": "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    "slack app token": "xapp-1-A0123456789-1234567890123-abcdef0123456789",
    "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "url password with @ and /": "p@ss/w0rd",
    "private key block": "MIIEpAIBAAKCAQEAv1xyzPRIVATEKEYBODY",
    "email": "ops-lead@example.com",
    "ip": "10.20.30.40",
}
S = SECRETS
DRAFT = f"""# Outage reported by {S['email']}

## Summary

{S['email']} broke the deploy of {S['github token']} at 14:02 UTC.
Root cause: human error by {S['email']} with {S['aws access key id']} and {S['aws secret key (bare)']}.
Who approved {S['slack bot token']} on {S['ip']}?
Sam forgot the {S['slack app token']} token and {S['jwt']}.
Obviously Dana pasted https://deploy:{S['url password with @ and /']}@git.internal.example/repo into chat.
Bob carelessly posted -----BEGIN RSA PRIVATE KEY----- {S['private key block']} -----END RSA PRIVATE KEY----- to {S['ip']}.
{S['email']} got a written warning for {S['aws access key id']}.

## Action items

- Remind {S['email']} to rotate {S['aws access key id']} and {S['github token']} (@dana)
"""


class Picky:
    """Rejects the first answer of every step (so every step is re-asked), then answers sensibly,
    echoing the placeholders it was shown."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, request: Request) -> Reply:
        step = request.schema_name
        self.seen[step] = self.seen.get(step, 0) + 1
        first = self.seen[step] == 1
        if step == "DetectAnswer":
            verdicts = [{"id": sid, "verdict": "blame", "category": "person-as-cause",
                         "quote": "not in the sentence" if first else text.split()[0], "reason": "blame"}
                        for sid, text in request.segments().items()]
            return Reply(content=json.dumps({"verdicts": verdicts}))
        if step == "RewriteAnswer":
            rewrites = [{"id": sid, "rewrite": text + (" It happened at 09:99." if first else "")}
                        for sid, text in request.segments().items()]
            return Reply(content=json.dumps({"rewrites": rewrites}))
        if step == "ActionAnswer":
            if first:
                return Reply(content='{"items": []}')
            return Reply(content=actions_answer(request))
        return Reply(status=400)


def test_no_planted_secret_reaches_the_server_in_any_request(cache_dir):
    picky = Picky()
    with FakeOpenAI(picky) as server:
        report = llm_review(session_for(server), DRAFT, "pm.md", Config())
    assert {"DetectAnswer", "RewriteAnswer", "ActionAnswer"} <= set(picky.seen)
    assert all(n >= 2 for n in picky.seen.values()), picky.seen  # every step was re-asked
    assert len(server.requests) >= 6
    for request in server.requests:
        sent = request.raw + json.dumps(request.body)  # as sent, and decoded (no escaping hides a match)
        leaked = [kind for kind, value in SECRETS.items() if value in sent]
        assert not leaked, f"{leaked} sent in a {request.schema_name} request"
    assert "RV003" not in {f.rule for f in report.findings}  # nothing was refused: redaction did its job


def test_rule_hint_excerpts_are_redacted_like_the_sentence(cache_dir):
    text = f"# Summary\n\nWho approved {S['slack bot token']} on {S['ip']}?\n"
    with FakeOpenAI(Picky()) as server:
        llm_review(session_for(server), text, "pm.md", Config())
    detect = next(r for r in server.requests if r.schema_name == "DetectAnswer")
    assert "(BL008)" in detect.user  # the hint is there, quoting the redacted excerpt
    assert S["slack bot token"] not in detect.user and "[[SECRET_1]]" in detect.user


def test_a_request_that_still_carries_a_secret_is_refused_not_sent(cache_dir, monkeypatch):
    """A redaction regression (simulated: the outbox stops redacting values) must not leak: the last
    check on each finished request refuses it, the batch fails as incomplete, the rules stand."""
    from reviewer.llm.outbox import Outbox

    monkeypatch.setattr(Outbox, "_clean", lambda self, value: value)
    monkeypatch.setattr(Outbox, "show", lambda self, text: " ".join(text.split()))
    with FakeOpenAI(Picky()) as server:
        session = session_for(server)
        report = llm_review(session, DRAFT, "pm.md", Config())
    assert server.requests == []  # nothing left the machine
    assert session.usage.refused >= 2 and report.notes and "not sent" in report.notes[0]
    assert {"BL002", "BL008", "AC001"} <= {f.rule for f in report.findings}
