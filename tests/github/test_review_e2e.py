"""End to end against the fake GitHub on 127.0.0.1: payloads, dedupe, lifecycle, fallbacks."""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from typing import Any

import pytest

from reviewer.config import Config
from reviewer.document import Span
from reviewer.findings import Edit, Finding, Position, Severity
from reviewer.github.action import PullRequestOptions
from reviewer.github.errors import GitHubAPIError, RateLimitError
from reviewer.github.plan import FilterMode
from reviewer.review import review
from tests.github.conftest import HEAD, HEAD2, PM_PATH, base_version
from tests.github.fakegh import BOT, HUMAN, right_hunks


def reviewing(findings: tuple[Finding, ...] = ()):
    """A stand-in for reviewer.review.review that parses for real but reports `findings`."""

    def fake_review(data, *, path, config=None, stage=None):
        return dataclasses.replace(review(data, path=path, config=config), findings=findings)

    return fake_review

MARK = "<!-- pmreview:v1 fp={fp} rule={rule} -->"
REVIEW_BODY = ("pmreview found {n} new issue{s} in changed postmortem lines. Each comment names the rule and the "
               "reason; apply a suggested change with one click, or resolve the comment.\n<!-- pmreview:v1 review -->")


# ---------------------------------------------------------------------------------------------
# The PR that edits a real fixture postmortem (the issue's "what it must show")
# ---------------------------------------------------------------------------------------------
def expected_comments(head: str, base: str) -> list[dict]:
    """Independent oracle: findings on added lines, whole-line suggestions, exact bodies."""
    matcher = difflib.SequenceMatcher(a=base.split("\n"), b=head.split("\n"), autojunk=False)
    added = {j + 1 for tag, _, _, j1, j2 in matcher.get_opcodes() if tag in ("replace", "insert")
             for j in range(j1, j2)}
    lines = head.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def line_of(offset: int) -> int:
        return max(i for i, s in enumerate(starts) if s <= offset) + 1

    out = []
    for f in review(head, path=PM_PATH, config=Config()).findings:
        spans = [f.span, *(e.span for e in f.edits)]
        first = line_of(min(s.start for s in spans))
        last = line_of(max(max(s.end - 1, s.start) for s in spans))
        if not any(n in added for n in range(first, last + 1)):
            continue
        body = f"**{f.rule} {f.name}** ({f.severity.label}): {f.message}"
        if f.edits:
            new = head
            for edit in sorted(f.edits, key=lambda e: e.span.start, reverse=True):
                new = new[: edit.span.start] + edit.text + new[edit.span.end:]
            new_lines = new.split("\n")
            delta = len(new_lines) - len(lines)
            replacement = "\n".join(new_lines[first - 1: last + delta])
            body += f"\n\n```suggestion\n{replacement}\n```"
        elif f.suggestion:
            body += "\n\nSuggestion: " + f.suggestion.replace("<", "&lt;").replace("@", "@\u200b")
        item: dict[str, Any] = {"path": PM_PATH, "body": body + "\n" + MARK.format(fp=f.fingerprint, rule=f.rule)}
        if first < last:
            item.update(start_line=first, start_side="RIGHT")
        item.update(line=last, side="RIGHT")
        out.append((f.severity, item))
    return [item for _, item in sorted(out, key=lambda x: (x[1]["line"], x[1].get("start_line", x[1]["line"]),
                                                          x[1]["body"].split(" ")[0]))]


def test_pr_editing_a_fixture_posts_one_review_then_nothing_on_rerun(fake, harness, pr_edits_fixture):
    head = pr_edits_fixture()
    outcome, out, err = harness.run()

    reviews = fake.requests("POST", r"/pulls/7/reviews$")
    assert len(reviews) == 1
    payload = reviews[0].body
    comments = expected_comments(head, base_version(head))
    assert comments, "the fixture edit must produce findings on added lines"
    assert payload == {"commit_id": HEAD, "event": "COMMENT",
                       "body": REVIEW_BODY.format(n=len(comments), s="s" if len(comments) != 1 else ""),
                       "comments": comments}
    # what the issue asks to show: suggestions, single- and multi-line, only on added lines
    patch = next(f["patch"] for f in fake.files if f["filename"] == PM_PATH)
    added = set()
    new = 0
    for raw in patch.splitlines():
        if m := re.match(r"^@@ -\d+(?:,\d+)? \+(\d+)", raw):
            new = int(m.group(1))
        elif raw.startswith("+"):
            added.add(new)
            new += 1
        elif not raw.startswith("-"):
            new += 1
    for c in payload["comments"]:
        assert set(range(c.get("start_line", c["line"]), c["line"] + 1)) <= added
    bodies = [c["body"] for c in payload["comments"]]
    assert any("```suggestion" in b for b in bodies if True)
    assert any("start_line" in c and "```suggestion" in c["body"] for c in payload["comments"])
    assert any("start_line" not in c and "```suggestion" in c["body"] for c in payload["comments"])
    assert all(c["path"] != "src/app.py" for c in payload["comments"])  # not a postmortem
    assert outcome.mode == "review" and outcome.posted == len(comments)
    summary = fake.requests("POST", r"/issues/7/comments$")
    assert len(summary) == 1 and summary[0].body["body"].endswith("<!-- pmreview:v1 summary -->")
    assert harness.summary.read_text().startswith("### pmreview: postmortem review")
    assert "Traceback" not in err

    before = len(fake.writes())
    outcome2, _, err2 = harness.run()
    assert fake.writes()[before:] == [], "a second run on the same head must post, edit and delete nothing"
    assert outcome2.posted == 0 and outcome2.exit_code == outcome.exit_code
    assert f"{len(comments)} already posted" in err2 and "summary unchanged" in err2


# ---------------------------------------------------------------------------------------------
# Exact payload with controlled findings: multi-line, longer fence, advice, outside the diff
# ---------------------------------------------------------------------------------------------
DOC = """# Postmortem: checkout outage

## Summary

It was a DISASTER for checkout.
Kevin pushed the build and
it broke checkout.

```text
$ deployctl promote --skip-canary   # HE ran this
```

Root cause: human error.

## Timeline

- 14:02 UTC deploy started.
- 14:05 UTC alert fired, way TOO late.
"""
DOC_BASE = DOC.replace("It was a DISASTER for checkout.\nKevin pushed the build and\nit broke checkout.",
                       "Checkout failed for 47 minutes.").replace("Root cause: human error.", "Root cause: TBD.") \
    .replace("# HE ran this", "")


def _at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _finding(text, rule, name, severity, phrase, message, edits=(), suggestion=None, until=None):
    start, end = _at(text, phrase)
    if until:
        end = _at(text, until)[1]
    line = text.count("\n", 0, start) + 1
    end_line = text.count("\n", 0, end) + 1
    return Finding(rule=rule, name=name, severity=severity, message=message, span=Span(start, end),
                   start=Position(line, 1), end=Position(end_line, 1), excerpt=text[start:end],
                   suggestion=suggestion, edits=tuple(Edit(Span(*_at(text, a)), b) for a, b in edits))


@pytest.fixture
def controlled(fake, monkeypatch):
    findings = (
        _finding(DOC, "BL007", "animated-language", Severity.INFO, "DISASTER", "Shouting 'DISASTER': write it in "
                 "normal case", edits=[("DISASTER", "disaster")], suggestion="It was a disaster for checkout."),
        _finding(DOC, "BL001", "blame-individual", Severity.WARNING, "Kevin pushed", "'Kevin' is named as the cause",
                 edits=[("Kevin", "An engineer")], until="it broke checkout."),
        _finding(DOC, "BL009", "shouting-in-code", Severity.INFO, "```text", "Pronoun blame in a code comment",
                 edits=[("HE ran", "the pipeline ran")], until="HE ran this\n```"),
        _finding(DOC, "BL002", "human-error-cause", Severity.ERROR, "human error", "'human error' is given as a "
                 "cause", suggestion="Name the condition <that> allowed it, ask @oncall"),
        _finding(DOC, "BL007", "animated-language", Severity.INFO, "TOO", "Shouting 'TOO'",
                 edits=[("TOO", "too")]),
    )
    monkeypatch.setattr("reviewer.github.action.review", reviewing(findings))
    fake.set_head(HEAD, {"postmortems/checkout.md": (DOC_BASE, DOC, "modified")})
    return findings


def test_exact_payload_with_multiline_fence_and_advice(fake, harness, controlled):
    disaster, kevin, code, human, too = controlled
    outcome, _, _ = harness.run(filter_mode=FilterMode.added)
    [review] = fake.requests("POST", r"/pulls/7/reviews$")
    path = "postmortems/checkout.md"
    assert review.body == {
        "commit_id": HEAD,
        "event": "COMMENT",
        "body": REVIEW_BODY.format(n=4, s="s"),
        "comments": [
            {"path": path, "line": 5, "side": "RIGHT",
             "body": "**BL007 animated-language** (info): Shouting 'DISASTER': write it in normal case\n\n"
                     "```suggestion\nIt was a disaster for checkout.\n```\n"
                     + MARK.format(fp=disaster.fingerprint, rule="BL007")},
            {"path": path, "start_line": 6, "start_side": "RIGHT", "line": 7, "side": "RIGHT",
             "body": "**BL001 blame-individual** (warning): 'Kevin' is named as the cause\n\n"
                     "```suggestion\nAn engineer pushed the build and\nit broke checkout.\n```\n"
                     + MARK.format(fp=kevin.fingerprint, rule="BL001")},
            {"path": path, "start_line": 9, "start_side": "RIGHT", "line": 11, "side": "RIGHT",
             "body": "**BL009 shouting-in-code** (info): Pronoun blame in a code comment\n\n"
                     "````suggestion\n```text\n$ deployctl promote --skip-canary   # the pipeline ran this\n```\n````\n"
                     + MARK.format(fp=code.fingerprint, rule="BL009")},
            {"path": path, "line": 13, "side": "RIGHT",
             "body": "**BL002 human-error-cause** (error): 'human error' is given as a cause\n\n"
                     "Suggestion: Name the condition &lt;that> allowed it, ask @\u200boncall\n"
                     + MARK.format(fp=human.fingerprint, rule="BL002")},
        ],
    }
    # TOO (line 18) is not on an added line: filtered out in `added` mode, not in the summary
    [summary] = fake.requests("POST", r"/issues/7/comments$")
    assert "TOO" not in summary.body["body"]
    assert outcome.exit_code == 1  # default fail-on warning; an error and a warning are reported


def test_no_comment_outside_a_hunk_file_mode_lists_it_in_summary(fake, harness, controlled):
    outcome, _, _ = harness.run(filter_mode=FilterMode.file)
    [review] = fake.requests("POST", r"/pulls/7/reviews$")
    hunks = right_hunks(fake.files[0]["patch"])
    for c in review.body["comments"]:
        assert any(set(range(c.get("start_line", c["line"]), c["line"] + 1)) <= h for h in hunks)
    assert 18 not in {c["line"] for c in review.body["comments"]}
    [summary] = fake.requests("POST", r"/issues/7/comments$")
    body = summary.body["body"]
    assert "| `postmortems/checkout.md` | 18 | BL007 animated-language | info | Shouting 'TOO' | outside the diff |" in body


def test_diff_context_mode_keeps_context_line_findings(fake, harness, monkeypatch):
    text = "# PM\n\n## Summary\n\nline a is FINE\nline b\nline c added\n"
    base = "# PM\n\n## Summary\n\nline a is FINE\nline b\n"
    found = (_finding(text, "BL007", "animated-language", Severity.INFO, "FINE", "Shouting", edits=[("FINE", "fine")]),)
    monkeypatch.setattr("reviewer.github.action.review", reviewing(found))
    fake.set_head(HEAD, {"postmortems/a.md": (base, text, "modified")})
    harness.run(filter_mode=FilterMode.added)
    assert fake.requests("POST", r"/pulls/7/reviews$") == []
    harness.run(filter_mode=FilterMode.diff_context)
    [review] = fake.requests("POST", r"/pulls/7/reviews$")
    assert [c["line"] for c in review.body["comments"]] == [5]


# ---------------------------------------------------------------------------------------------
# Lifecycle: new push fixes findings; replies; summary updated; ownership
# ---------------------------------------------------------------------------------------------
def test_new_push_deletes_fixed_comments_hides_replied_ones_and_updates_summary(fake, harness, controlled,
                                                                               monkeypatch):
    disaster, kevin, code, human, too = controlled
    harness.run()
    by_rule = {c["body"].split("**")[1].split()[0]: c for c in fake.review_comments}
    fake.add_review_comment(PM := "postmortems/checkout.md", by_rule["BL001"]["line"], "We discussed this, fine.",
                            HUMAN, in_reply_to_id=by_rule["BL001"]["id"])
    # push 2: the DISASTER and Kevin lines are fixed, the rest stays
    fixed = DOC.replace("It was a DISASTER for checkout.\nKevin pushed the build and\nit broke checkout.",
                        "Checkout failed for 47 minutes after a promote.")
    monkeypatch.setattr("reviewer.github.action.review", reviewing((
        _finding(fixed, "BL009", "shouting-in-code", Severity.INFO, "```text",
                 "Pronoun blame in a code comment", edits=[("HE ran", "the pipeline ran")],
                 until="HE ran this\n```"),
        _finding(fixed, "BL002", "human-error-cause", Severity.ERROR, "human error",
                 "'human error' is given as a cause",
                 suggestion="Name the condition <that> allowed it, ask @oncall"))))
    fake.set_head(HEAD2, {PM: (DOC_BASE, fixed, "modified")})
    summary_id = fake.issue_comments[0]["id"]
    n = len(fake.log)
    outcome, _, err = harness.run()
    new = fake.log[n:]
    writes = [(r.method, r.path) for r in new if r.method != "GET"]
    assert ("DELETE", f"/repos/o/r/pulls/comments/{by_rule['BL007']['id']}") in writes
    assert ("DELETE", f"/repos/o/r/pulls/comments/{by_rule['BL001']['id']}") not in writes  # has a reply
    assert by_rule["BL001"].get("minimized") is True
    assert not [w for w in writes if w[1].endswith("/reviews")], "nothing new to post"
    assert ("PATCH", f"/repos/o/r/issues/comments/{summary_id}") in writes
    assert "2 findings" in fake.issue_comments[0]["body"] and HEAD2[:12] in fake.issue_comments[0]["body"]
    assert len(fake.issue_comments) == 1
    # remaining bot comments are exactly the two still-valid findings
    left = sorted(c["body"].split("**")[1] for c in fake.review_comments if c["user"] == BOT)
    assert left == ["BL001 blame-individual", "BL002 human-error-cause", "BL009 shouting-in-code"]


def test_marker_spoofing_human_comments_never_edited_or_deleted(fake, harness, controlled):
    disaster = controlled[0]
    spoof_summary = fake.add_issue_comment("I copied it <!-- pmreview:v1 summary -->", HUMAN)
    spoof_inline = fake.add_review_comment("postmortems/checkout.md", 5, "x\n" + MARK.format(
        fp=disaster.fingerprint, rule="BL007"), HUMAN)
    stale_human = fake.add_review_comment("postmortems/checkout.md", 6, "y\n" + MARK.format(fp="a" * 16, rule="BL001"),
                                          HUMAN)
    harness.run()
    touched = {r.path for r in fake.writes() if r.method in ("PATCH", "DELETE")}
    for cid in (spoof_summary["id"], spoof_inline["id"], stale_human["id"]):
        assert not any(p.endswith(f"/{cid}") for p in touched)
    [review] = fake.requests("POST", r"/pulls/7/reviews$")
    assert any(c["line"] == 5 for c in review.body["comments"])  # the spoofed one does not count as posted
    assert len(fake.requests("POST", r"/issues/7/comments$")) == 1  # its own summary


def test_pagination_finds_bot_comment_on_page_three(fake, harness, controlled):
    disaster = controlled[0]
    for i in range(250):
        fake.add_review_comment("postmortems/other.md", None, f"human note {i}", HUMAN)
    fake.add_review_comment("postmortems/checkout.md", 5, "old\n" + MARK.format(fp=disaster.fingerprint, rule="BL007"),
                            BOT)
    for i in range(120):
        fake.add_issue_comment(f"chatter {i}", HUMAN)
    harness.run()
    pages = fake.requests("GET", r"/pulls/7/comments$")
    assert [r.query.get("page", ["1"])[0] for r in pages] == ["1", "2", "3"]
    assert all(r.query["per_page"] == ["100"] for r in pages)
    [review] = fake.requests("POST", r"/pulls/7/reviews$")
    assert 5 not in {c["line"] for c in review.body["comments"]}  # found on page 3: not posted again


def test_repeating_link_header_stops(fake, harness, controlled):
    fake.link_loop = r"/pulls/7/comments$"
    outcome, _, err = harness.run()
    # page 1, page 2, then page 2 again is recognised as a loop and pagination stops
    assert len(fake.requests("GET", r"/pulls/7/comments$")) == 3
    assert outcome.mode == "review"
    assert "pagination loop" in fake.issue_comments[0]["body"]


def test_files_pagination_and_max_comments(fake, harness, pr_edits_fixture):
    pr_edits_fixture()
    fake.add_files([{"filename": f"src/f{i}.py", "status": "modified", "patch": "@@ -1 +1 @@\n-a\n+b"}
                    for i in range(230)])
    harness.run(max_comments=2)
    pages = fake.requests("GET", r"/pulls/7/files$")
    assert len(pages) == 3
    [review] = fake.requests("POST", r"/pulls/7/reviews$")
    assert len(review.body["comments"]) == 2
    assert "over --max-comments 2" in fake.issue_comments[0]["body"]
    before = len(fake.writes())
    harness.run(max_comments=2)
    assert fake.writes()[before:] == []


# ---------------------------------------------------------------------------------------------
# Faults: 422 bad anchor, secondary rate limit, primary limit, 5xx
# ---------------------------------------------------------------------------------------------
def test_422_bad_anchor_probes_and_moves_rejected_comment_to_summary(fake, harness, controlled):
    fake.fail("POST", r"/pulls/7/reviews$", 422, {"message": "Unprocessable Entity",
                                                   "errors": ["Pull request review thread line must be part of the diff"]},
              when=lambda body: body.get("event") == "COMMENT" and len(body["comments"]) > 1)
    fake.fail("POST", r"/pulls/7/reviews$", 422, {"message": "Unprocessable Entity",
                                                   "errors": ["Line could not be resolved"]},
              when=lambda body: "event" not in body and body["comments"][0]["line"] == 13)
    outcome, _, err = harness.run()
    posts = fake.requests("POST", r"/pulls/7/reviews$")
    probes = [p for p in posts if "event" not in p.body]
    finals = [p for p in posts if p.body.get("event") == "COMMENT"]
    assert len(probes) == 4 and len(finals) == 2
    assert [c["line"] for c in finals[-1].body["comments"]] == [5, 7, 11]
    assert len(fake.requests("DELETE", r"/pulls/7/reviews/\d+$")) == 3  # pending probes cleaned up
    assert not [r for r in fake.reviews if r["state"] == "PENDING"]
    assert "GitHub rejected the anchor" in fake.issue_comments[0]["body"]
    assert "HTTP 422" in err


def test_secondary_rate_limit_retry_after_is_honoured(fake, harness, controlled):
    fake.fail("POST", r"/pulls/7/reviews$", 403,
              {"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."},
              {"Retry-After": "2"})
    outcome, _, err = harness.run(wait_scale=0.01)
    posts = fake.requests("POST", r"/pulls/7/reviews$")
    assert len(posts) == 2 and posts[0].body == posts[1].body
    assert posts[1].at - posts[0].at >= 0.02  # 2 s scaled by 0.01
    assert "pmreview: secondary rate limit on POST /repos/o/r/pulls/7/reviews: retrying in 2 s" in err
    assert outcome.mode == "review"


def test_secondary_limit_without_headers_waits_a_minute_and_429(fake, harness, controlled):
    fake.fail("POST", r"/pulls/7/reviews$", 429, {"message": "You have exceeded a secondary rate limit."})
    outcome, _, err = harness.run(wait_scale=0.0001)
    assert "secondary rate limit on POST /repos/o/r/pulls/7/reviews: retrying in 60 s" in err
    assert outcome.mode == "review"


def test_secondary_limit_persisting_is_a_clear_error_not_a_fallback(fake, harness, controlled):
    fake.fail("POST", r"/pulls/7/reviews$", 403, {"message": "You have exceeded a secondary rate limit."},
              {"Retry-After": "1"}, times=5)
    with pytest.raises(RateLimitError, match="secondary rate limit on create review"):
        harness.run()
    assert len(fake.requests("POST", r"/pulls/7/reviews$")) == 3  # first try + 2 bounded retries


def test_primary_limit_with_far_reset_stops_without_sleeping(fake, harness, controlled):
    import time

    reset = str(int(time.time()) + 3600)
    fake.fail("GET", r"/pulls/7/files$", 403, {"message": "API rate limit exceeded for installation."},
              {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset}, times=10)
    started = time.monotonic()
    with pytest.raises(RateLimitError, match="primary rate limit on list PR files; retry after 3[56]\\d\\d s"):
        harness.run(wait_scale=1.0)
    assert time.monotonic() - started < 5
    assert len(fake.requests("GET", r"/pulls/7/files$")) == 1


def test_500_is_retried_with_backoff(fake, harness, controlled):
    fake.fail("GET", r"/pulls/7/files$", 500, {"message": "Server Error"}, times=2)
    outcome, _, err = harness.run()
    assert len(fake.requests("GET", r"/pulls/7/files$")) == 3
    assert "HTTP 500 on GET /repos/o/r/pulls/7/files: retrying in 1 s" in err and "retrying in 2 s" in err
    assert outcome.mode == "review"


def test_persistent_500_is_one_clear_error(fake, harness, controlled):
    fake.fail("POST", r"/pulls/7/reviews$", 502, {"message": "Bad Gateway"}, times=10)
    with pytest.raises(GitHubAPIError) as info:
        harness.run()
    assert str(info.value) == "GitHub API create review failed: HTTP 502 Bad Gateway"
    # a POST is not replayed blindly: one look for the review's markers, then one more try
    assert len(fake.requests("POST", r"/pulls/7/reviews$")) == 2


# ---------------------------------------------------------------------------------------------
# Fork PRs and read-only tokens
# ---------------------------------------------------------------------------------------------
def test_fork_pr_falls_back_to_annotations_without_writing(fake, harness, pr_edits_fixture):
    pr_edits_fixture()
    harness.head_repo = "someone/r"
    harness.token = "read-token"
    outcome, out, err = harness.run(fail_on="warning")
    assert fake.writes() == []
    assert outcome.mode == "annotations"
    assert out.startswith("::notice title=pmreview::fork pull request: the token is read-only")
    assert re.search(r"^::(error|warning|notice) file=postmortems/2024-03-08-harborline-zone-push\.md,line=\d+",
                     out, re.M)
    summary = harness.summary.read_text()
    assert "**Not posted to the pull request:** fork pull request" in summary and "| annotation |" in summary
    assert outcome.exit_code == 1
    assert harness.run(fail_on="never")[0].exit_code == 0


def test_read_only_token_on_same_repo_falls_back_after_403(fake, harness, pr_edits_fixture):
    pr_edits_fixture()
    harness.token = "read-token"
    outcome, out, err = harness.run(fail_on="never")
    assert [(r.method, r.path) for r in fake.writes()] == [("POST", "/repos/o/r/pulls/7/reviews")]
    assert outcome.mode == "annotations" and outcome.exit_code == 0
    assert "Resource not accessible by integration" in err
    assert "::warning file=" in out or "::error file=" in out


def test_event_payload_problems_are_one_line_errors(harness, tmp_path):
    from reviewer.github.context import from_env
    from reviewer.github.errors import GitHubContextError

    env = harness.env()
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(GitHubContextError, match="not valid JSON"):
        from_env({**env, "GITHUB_EVENT_PATH": str(bad)})
    bad.write_text(json.dumps({"issue": {"number": 3}}))
    with pytest.raises(GitHubContextError, match="has no pull_request"):
        from_env({**env, "GITHUB_EVENT_PATH": str(bad), "GITHUB_EVENT_NAME": "issues"})
    with pytest.raises(GitHubContextError, match="missing.json: no such file"):
        from_env({**env, "GITHUB_EVENT_PATH": str(tmp_path / "missing.json")})
    with pytest.raises(GitHubContextError, match="cannot read"):
        from_env({**env, "GITHUB_EVENT_PATH": str(tmp_path)})  # a directory
    ctx = from_env({**env, "GITHUB_API_URL": "https://ghe.example.com/api/v3/"})
    assert ctx.api_url == "https://ghe.example.com/api/v3" and ctx.head_sha == "0" * 40 and not ctx.is_fork


def test_options_default_globs_select_postmortems():
    from reviewer.github.action import DEFAULT_GLOBS, matches

    yes = ["postmortems/a.md", "postmortems/2024/b.md", "docs/postmortems/x/y.md", "notes/db-postmortem-2.md",
           "team-postmortem.md"]
    no = ["docs/guide.md", "postmortems/a.txt", "src/postmortems.py"]
    assert all(matches(p, DEFAULT_GLOBS) for p in yes)
    assert not any(matches(p, DEFAULT_GLOBS) for p in no)
    assert PullRequestOptions().filter_mode is FilterMode.added


def test_clean_pr_posts_nothing_and_a_later_clean_push_updates_the_summary(fake, harness, controlled, monkeypatch):
    harness.run()
    assert len(fake.issue_comments) == 1
    monkeypatch.setattr("reviewer.github.action.review", reviewing())
    fake.set_head(HEAD2, {"postmortems/checkout.md": (DOC_BASE, DOC_BASE + "\nAll good.\n", "modified")})
    outcome, _, _ = harness.run()
    assert outcome.exit_code == 0 and len(fake.issue_comments) == 1
    assert "No findings on the lines this pull request changes." in fake.issue_comments[0]["body"]
    assert not [c for c in fake.review_comments if c["user"] == BOT and not c.get("minimized")]


def test_clean_pr_without_summary_creates_none(fake, harness, monkeypatch):
    monkeypatch.setattr("reviewer.github.action.review", reviewing())
    fake.set_head(HEAD, {"postmortems/a.md": ("# A\n", "# A\n\nfine\n", "modified")})
    outcome, _, err = harness.run()
    assert fake.writes() == [] and outcome.exit_code == 0 and "summary not needed" in err


def test_removed_renamed_no_patch_and_binary_files(fake, harness, controlled):
    fake.set_head(HEAD, {"postmortems/checkout.md": (DOC_BASE, DOC, "renamed"),
                         "postmortems/huge.md": (None, DOC, "binary")})  # GitHub omitted the patch
    fake.add_files([{"filename": "postmortems/old.md", "status": "removed", "patch": "@@ -1 +0,0 @@\n-x"}])
    fake.contents[("postmortems/blob.md", HEAD)] = b"\x00\x01PNG"
    fake.add_files([{"filename": "postmortems/blob.md", "status": "added"}])
    outcome, _, err = harness.run()
    fetched = {r.path.split("/contents/")[1] for r in fake.requests("GET", "/contents/")}
    assert fetched == {"postmortems/checkout.md", "postmortems/huge.md", "postmortems/blob.md"}
    [review] = fake.requests("POST", r"/pulls/7/reviews$")
    assert {c["path"] for c in review.body["comments"]} == {"postmortems/checkout.md"}
    body = fake.issue_comments[0]["body"]
    assert "| `postmortems/huge.md` | 5 |" in body and "outside the diff" in body
    assert "`postmortems/blob.md`: not a text file (binary content)" in body
    assert outcome.exit_code == 2  # like `pmreview check`: an unreadable input is an error


def test_422_twice_lists_everything_in_summary(fake, harness, controlled):
    fake.fail("POST", r"/pulls/7/reviews$", 422, {"message": "Unprocessable Entity",
                                                   "errors": ["Pull request review thread diff hunk can't be blank"]},
              when=lambda body: body.get("event") == "COMMENT", times=2)
    outcome, _, err = harness.run()
    assert outcome.posted == 0 and "rejected the review again" in err
    assert fake.issue_comments[0]["body"].count("GitHub rejected the anchor") == 4


def test_github_enterprise_api_url_with_path(tmp_path, monkeypatch, controlled):
    """GITHUB_API_URL=https://host/api/v3: REST under the prefix, GraphQL at /api/graphql."""
    from tests.github.conftest import Harness
    from tests.github.fakegh import FakeGitHub

    ghes = FakeGitHub(prefix="/api/v3").start()
    try:
        monkeypatch.chdir(tmp_path)
        h = Harness(ghes, tmp_path)
        ghes.set_head(HEAD, {"postmortems/checkout.md": (DOC_BASE, DOC, "modified")})
        for i in range(120):
            ghes.add_review_comment("postmortems/other.md", None, f"note {i}", HUMAN)
        stale = ghes.add_review_comment("postmortems/checkout.md", 5, "x\n" + MARK.format(fp="c" * 16, rule="BL007"),
                                        BOT)
        ghes.add_review_comment("postmortems/checkout.md", 5, "keep it", HUMAN, in_reply_to_id=stale["id"])
        h.api_path = "/api/v3"
        outcome, _, err = h.run()
        assert outcome.mode == "review", err
        assert len(ghes.requests("GET", r"/pulls/7/comments$")) == 2
        assert [r.path for r in ghes.requests("POST", "/graphql")] == ["/graphql"]
        assert stale.get("minimized") is True
    finally:
        ghes.stop()


def test_404_on_a_read_is_an_error_not_a_fallback(fake, harness, controlled):
    fake.fail("GET", r"/pulls/7/files$", 404, {"message": "Not Found"})
    with pytest.raises(GitHubAPIError, match="^GitHub API list PR files failed: HTTP 404 Not Found$"):
        harness.run()
    assert fake.writes() == []


def test_llm_rewrites_become_one_click_suggestions(fake, harness, monkeypatch, tmp_path):
    from tests.llm.conftest import DRAFT, smart
    from tests.llm.fake_openai import FakeOpenAI

    fake.set_head(HEAD, {PM_PATH: ("", DRAFT, "added")})
    monkeypatch.setenv("PMREVIEW_CACHE_DIR", str(tmp_path / "llm-cache"))
    with FakeOpenAI(smart) as llm:
        outcome, _, err = harness.run(llm=True, llm_model="fake-model", llm_base_url=llm.base_url)
    assert "Traceback" not in err and outcome.mode == "review"
    (review,) = fake.requests("POST", r"/pulls/7/reviews$")
    bodies = [c["body"] for c in review.body["comments"]]
    rewrite = "At 14:02 UTC the bad config reached payments-api v2.3.1 through a push with no validation step."
    assert any(f"```suggestion\n{rewrite}" in b for b in bodies), bodies
    guardrail = "Roll out through a canary that rolls back automatically at a 1% error rate."
    assert any(guardrail in b for b in bodies)  # the LLM's guardrail proposal, as advice
